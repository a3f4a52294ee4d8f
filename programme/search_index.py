"""Derived text the programme models index next to their own fields.

Each model declares these as methods in its ``search_fields`` (``programme/models``):

- ``search_country_names``: a film's production countries by name ("France"), not code;
- ``search_embedded_titles``: titles of the live films, screenings, venues and people
  that a page's body embeds (so an article is found by the film it features);
- ``search_folded_titles`` / ``search_folded_text``: the ASCII-folded form of every
  word that folding changes ("dominguez" for "Domínguez", "dorogie" for "Дорогие"),
  so accent- and script-insensitive matching works on SQLite and PostgreSQL alike;
- ``search_autocomplete_folded``: the same for the fields autocomplete reads.

Nothing here needs a migration: run ``manage.py update_index`` after changing it.
"""

from collections.abc import Callable, Iterable

from django.apps import apps
from django.db.models import Manager
from django.utils.encoding import force_str
from django.utils.html import strip_tags
from wagtail.search import index

from .search_text import new_folded_words


def _flatten(value) -> Iterable[str]:
    if value is None:
        return
    if isinstance(value, str):
        yield value
    elif isinstance(value, Manager):
        for item in value.all():
            yield force_str(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _flatten(item)
    elif isinstance(value, (list, tuple, set)):
        for item in value:
            yield from _flatten(item)
    else:
        yield force_str(value)


def field_texts(obj, *names: str) -> list[str]:
    """The indexable text of each named field or method, as the search backends read it."""
    texts: list[str] = []
    for name in names:
        value = index.SearchField(name).get_value(obj)
        texts.extend(strip_tags(text) for text in _flatten(value))
    return [text for text in texts if text and text.strip()]


def credit_names(film) -> list[str]:
    return [credit.name_as_credited for credit in film.credits.all()]


def award_texts(film) -> list[str]:
    return [text for award in film.awards.all() for text in (award.name, award.festival) if text]


def country_names(obj) -> str:
    """Production countries by name, e.g. "Russia, France"."""
    return ", ".join(str(country.name) for country in obj.countries or [])


def embedded_titles(obj) -> str:
    """Titles of the live films, screenings, venues and people a page's body embeds."""
    # Read twice per indexing (its own field and the folded text): remember it on the object.
    memo = getattr(obj, "_search_embedded_titles", None)
    if memo is None:
        memo = obj._search_embedded_titles = _embedded_titles(obj)
    return memo


def _embedded_titles(obj) -> str:
    # By name: the page models import this module for their search fields.
    FilmPage = apps.get_model("programme", "FilmPage")
    Person = apps.get_model("programme", "Person")
    Screening = apps.get_model("programme", "Screening")
    VenuePage = apps.get_model("programme", "VenuePage")
    body = getattr(obj, "body", None)
    if not body:
        return ""
    wanted: dict[str, set] = {"film": set(), "screening": set(), "venue": set(), "person": set()}
    keys = {"film_card": "film", "screening": "screening", "venue": "venue", "person": "person"}
    for block in body.raw_data:
        key = keys.get(block.get("type"))
        value = block.get("value")
        if key and isinstance(value, dict) and value.get(key):
            wanted[key].add(value[key])
    titles: list[str] = []
    if wanted["film"]:
        for row in FilmPage.objects.filter(pk__in=wanted["film"], live=True).values_list(
            "title", "original_title", "english_title"
        ):
            titles.extend(row)
    if wanted["screening"]:
        for row in Screening.objects.filter(
            pk__in=wanted["screening"], film__live=True, venue__live=True
        ).values_list(
            "programme_title", "film__title", "film__original_title", "film__english_title"
        ):
            titles.extend(row)
    if wanted["venue"]:
        titles.extend(
            VenuePage.objects.filter(pk__in=wanted["venue"], live=True).values_list(
                "title", flat=True
            )
        )
    if wanted["person"]:
        titles.extend(Person.objects.filter(pk__in=wanted["person"]).values_list("name", flat=True))
    unique: list[str] = []
    for title in titles:
        if title and title not in unique:
            unique.append(title)
    return ", ".join(unique)


def folded_text(obj, *sources: str | Callable) -> str:
    """The new folded words of ``obj``'s given fields (names) or callables, space-separated."""
    texts: list[str] = []
    for source in sources:
        if callable(source):
            texts.extend(_flatten(source(obj)))
        else:
            texts.extend(field_texts(obj, source))
    return " ".join(new_folded_words(texts))


class FoldedSearchMixin:
    """Index methods for the folded and embedded text above; a model names its sources.

    Sources are field or method names, or functions taking the object:

    - ``folded_title_sources``: folded into ``search_folded_titles`` (boosted);
    - ``folded_text_sources``: folded into ``search_folded_text``;
    - ``folded_autocomplete_sources``: folded for autocomplete (default: the titles).

    Add ``folded_search_fields()`` to the model's ``search_fields``.
    """

    folded_title_sources: tuple = ("title",)
    folded_text_sources: tuple = ()
    folded_autocomplete_sources: tuple | None = None

    def search_embedded_titles(self) -> str:
        return embedded_titles(self)

    def search_folded_titles(self) -> str:
        return folded_text(self, *self.folded_title_sources)

    def search_folded_text(self) -> str:
        return folded_text(self, *self.folded_text_sources)

    def search_autocomplete_folded(self) -> str:
        return folded_text(self, *(self.folded_autocomplete_sources or self.folded_title_sources))


def folded_search_fields(*, title_boost: float = 5, embedded: bool = True) -> list:
    """The ``search_fields`` entries for ``FoldedSearchMixin``'s methods."""
    fields: list = [index.SearchField("search_embedded_titles")] if embedded else []
    return [
        *fields,
        index.SearchField("search_folded_titles", boost=title_boost),
        index.SearchField("search_folded_text"),
        index.AutocompleteField("search_autocomplete_folded"),
    ]
