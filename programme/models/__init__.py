"""The programme's models, one module per concept.

- ``films``: FilmIndexPage, FilmPage and its credits, quotes, awards, stills, related films
- ``venues``: VenueIndexPage, VenuePage and its screens
- ``seasons``: SeasonIndexPage, SeasonPage and its partners and film order
- ``people``: Person (with filmography) and Organisation snippets
- ``people_index``: PeopleIndexPage, whose routes are the person pages
- ``prices``: PriceTable and its rows
- ``screenings``: Screening snippet, AccessFlag and ScreeningLabel
- ``occurrences``: the stored show table every date query reads
- ``hosts``: bases for a site's own pages that carry screenings (events, talks)
"""

from .articles import ArticleAuthor, ArticleIndexPage, ArticlePage, ArticleTag
from .films import (
    FilmAward,
    FilmCredit,
    FilmImage,
    FilmIndexPage,
    FilmPage,
    FilmQuote,
    FilmSubject,
    RelatedFilm,
)
from .hosts import AbstractHostedScreening, ScreeningHostMixin
from .occurrences import Occurrence, OccurrenceQuerySet
from .people import FilmographyEntry, Organisation, Person
from .people_index import PeopleIndexPage
from .prices import PriceRow, PriceTable
from .screenings import AccessFlag, Screening, ScreeningLabel
from .seasons import SeasonFilm, SeasonIndexPage, SeasonPage, SeasonPartner
from .venues import Screen, VenueIndexPage, VenuePage
from .whats_on import WhatsOnPage

__all__ = [
    "AbstractHostedScreening",
    "AccessFlag",
    "ArticleAuthor",
    "ArticleIndexPage",
    "ArticlePage",
    "ArticleTag",
    "FilmAward",
    "FilmCredit",
    "FilmImage",
    "FilmIndexPage",
    "FilmPage",
    "FilmQuote",
    "FilmSubject",
    "FilmographyEntry",
    "Occurrence",
    "OccurrenceQuerySet",
    "Organisation",
    "PeopleIndexPage",
    "Person",
    "PriceRow",
    "PriceTable",
    "RelatedFilm",
    "Screen",
    "Screening",
    "ScreeningHostMixin",
    "ScreeningLabel",
    "SeasonFilm",
    "SeasonIndexPage",
    "SeasonPage",
    "SeasonPartner",
    "VenueIndexPage",
    "VenuePage",
    "WhatsOnPage",
]
