"""The public search: which films, seasons, venues, articles and people match, in what order.

One ranked list of lightweight hits (kind, primary key) is built from two backend
searches, pages and people, each a single query whatever the number of results:

1. Editors' promoted pages (wagtail.contrib.search_promotions) come first.
2. Then by tier: the query is the whole title or name (0), every query word is in
   the title or name (1), some are (2), none, e.g. a synopsis or credit match (3). Titles include
   a film's original and English titles; names include a person's sort name. Tiers
   compare folded words, so they ignore case, accents and script.
3. Within tiers 0 and 1 people come before pages ("Komarov" lists the actor, then the
   films); within a tier, the backend's own relevance order is kept.

Only the hits on the page being shown are then loaded, one query per kind.
"""

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.translation import gettext_noop
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.query import Or, PlainText
from wagtail.search.utils import normalise_query_string

from programme.choices import ScreeningStatus
from programme.models import FilmCredit, FilmPage, Occurrence, Person
from programme.search_text import fold, folded_words

from .text import SearchTerms

#: At most this many pages and this many people are ranked for one query.
MAX_CANDIDATES = 300


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    plural: str
    model_path: str | None  # "app_label.ModelName"; None for generic pages


# Labels are English msgids marked with gettext_noop: the type filter accepts the
# English plurals, and templates and the autocomplete translate them when shown.
KINDS = {
    "film": Kind("film", gettext_noop("Film"), gettext_noop("Films"), "programme.FilmPage"),
    "season": Kind(
        "season", gettext_noop("Season"), gettext_noop("Seasons"), "programme.SeasonPage"
    ),
    "venue": Kind("venue", gettext_noop("Venue"), gettext_noop("Venues"), "programme.VenuePage"),
    "article": Kind(
        "article", gettext_noop("Article"), gettext_noop("Articles"), "programme.ArticlePage"
    ),
    "person": Kind("person", gettext_noop("Person"), gettext_noop("People"), "programme.Person"),
}
#: Only for promoted pages of other types (an index page, "What's on").
PAGE_KIND = Kind("page", gettext_noop("Page"), gettext_noop("Pages"), None)
PAGE_KINDS = ("film", "season", "venue", "article")
#: Accepted spellings of the type filter.
TYPE_ALIASES = {
    **{key: key for key in KINDS},
    **{kind.plural.lower(): key for key, kind in KINDS.items()},
    "people": "person",
}


class UnknownType(ValueError):
    def __init__(self, value: str):
        super().__init__(value)
        self.value = value


def parse_types(values: Iterable[str]) -> tuple[str, ...]:
    """The type filter from the query string; raises UnknownType for a value we do not know."""
    chosen: list[str] = []
    for value in values:
        value = (value or "").strip().lower()
        if not value:
            continue
        key = TYPE_ALIASES.get(value)
        if key is None:
            raise UnknownType(value)
        if key not in chosen:
            chosen.append(key)
    return tuple(key for key in KINDS if key in chosen)


def model_for(kind: str):
    from django.apps import apps

    return apps.get_model(KINDS[kind].model_path)


@dataclass
class Hit:
    kind: str
    pk: int
    tier: int = 3
    rank: int = 0
    promoted: bool = False
    #: The object as the backend returned it (a person, or a non-specific page).
    obj: object = None

    @property
    def key(self) -> tuple[str, int]:
        return ("person" if self.kind == "person" else "page", self.pk)

    def sort_key(self):
        person_first = 0 if (self.tier < 2 and self.kind == "person") else 1
        return (self.tier, person_first, self.rank, self.kind != "person")


#: How hard a query is tried: every word; every word with the last one as a prefix
#: (titles and names only, like autocomplete); any word.
MODES = ("all", "prefix", "any")


@dataclass
class Outcome:
    hits: list[Hit]
    #: The first of MODES that found something (or the last one tried).
    mode: str = "all"
    #: Whether the backend had more matches than MAX_CANDIDATES for pages or people.
    capped: bool = False


def backend_query(terms: SearchTerms, operator: str = "and"):
    """The query as typed, or'ed with its folded form when folding changes it."""
    plain = PlainText(terms.text, operator=operator)
    if terms.needs_folded_search:
        return Or([plain, PlainText(terms.folded_text, operator=operator)])
    return plain


def title_tier(query_words: tuple[str, ...], titles: Iterable[str]) -> int:
    """0: a title is the query; 1: a title has every query word; 2: some; 3: none."""
    best = 3
    wanted = list(query_words)
    for title in titles:
        title_words = folded_words(title or "")
        if not title_words:
            continue
        if title_words == wanted:
            return 0
        if all(word in title_words for word in wanted):
            best = 1
        elif best > 2 and any(word in title_words for word in wanted):
            best = 2
    return best


# -- Filters ---------------------------------------------------------------------------


def upcoming_shows():
    return Occurrence.objects.public().upcoming().exclude(status=ScreeningStatus.CANCELLED)


def _ids(queryset):
    """A subquery for the database backend; a list for backends that filter outside SQL."""
    if type(get_search_backend()).__module__.startswith("modelsearch.backends.database"):
        return queryset
    return list(queryset.distinct())


def upcoming_page_filter() -> Q:
    """Films, seasons and venues with an upcoming (not cancelled) show."""
    shows = upcoming_shows()
    return (
        Q(id__in=_ids(shows.values_list("screening__film_id", flat=True)))
        | Q(
            id__in=_ids(
                shows.filter(screening__seasons__isnull=False).values_list(
                    "screening__seasons", flat=True
                )
            )
        )
        | Q(id__in=_ids(shows.values_list("screening__venue_id", flat=True)))
    )


def upcoming_person_filter() -> Q:
    """People credited on a film with an upcoming show."""
    films = upcoming_shows().values("screening__film_id")
    people = FilmCredit.objects.filter(film_id__in=films, person__isnull=False)
    return Q(id__in=_ids(people.values_list("person_id", flat=True)))


# -- Searching ---------------------------------------------------------------------------


def _run(queryset, terms: SearchTerms, mode: str):
    backend = get_search_backend()
    if mode == "prefix":
        results = backend.autocomplete(backend_query(terms), queryset)
    else:
        results = backend.search(backend_query(terms, "or" if mode == "any" else "and"), queryset)
    return list(results[:MAX_CANDIDATES])


def _page_hits(terms: SearchTerms, kinds, upcoming: bool, mode: str) -> list[Hit]:
    # Articles have no screenings of their own: "upcoming only" leaves them out.
    kinds = [kind for kind in kinds if kind in PAGE_KINDS and not (upcoming and kind == "article")]
    if not kinds:
        return []
    models = [model_for(kind) for kind in kinds]
    queryset = Page.objects.live().public().type(*models)
    if upcoming:
        queryset = queryset.filter(upcoming_page_filter())
    pages = _run(queryset, terms, mode)
    kind_of = {
        ContentType.objects.get_for_model(model).pk: kind
        for kind, model in zip(kinds, models, strict=True)
    }
    film_ids = [page.pk for page in pages if kind_of.get(page.content_type_id) == "film"]
    other_titles: dict[int, tuple[str, str]] = {}
    if film_ids:
        other_titles = {
            pk: (original, english)
            for pk, original, english in FilmPage.objects.filter(pk__in=film_ids).values_list(
                "pk", "original_title", "english_title"
            )
        }
    hits = []
    for rank, page in enumerate(pages):
        kind = kind_of.get(page.content_type_id)
        if kind is None:
            continue  # A subclass of an allowed type: not listed.
        titles = [page.title, *other_titles.get(page.pk, ())]
        hits.append(Hit(kind, page.pk, tier=title_tier(terms.folded, titles), rank=rank, obj=page))
    return hits


def _person_hits(terms: SearchTerms, upcoming: bool, mode: str) -> list[Hit]:
    queryset = Person.objects.all()
    if upcoming:
        queryset = queryset.filter(upcoming_person_filter())
    people = _run(queryset, terms, mode)
    return [
        Hit(
            "person",
            person.pk,
            tier=title_tier(terms.folded, [person.name, person.sort_name]),
            rank=rank,
            obj=person,
        )
        for rank, person in enumerate(people)
    ]


def ranked_hits(terms: SearchTerms, kinds=(), upcoming: bool = False) -> Outcome:
    """Every match for ``terms``, best first.

    When nothing has every word, a title or name that starts with the words is tried
    ("dear com"), then anything with any of the words.
    """
    kinds = tuple(kinds) or tuple(KINDS)
    outcome = Outcome([], "all")
    for mode in MODES:
        if mode == "any" and len(terms.words) < 2:
            break
        hits = _page_hits(terms, kinds, upcoming, mode)
        if "person" in kinds:
            hits += _person_hits(terms, upcoming, mode)
        capped = any(
            sum(1 for hit in hits if (hit.kind == "person") == is_person) >= MAX_CANDIDATES
            for is_person in (True, False)
        )
        hits.sort(key=Hit.sort_key)
        outcome = Outcome(hits, mode, capped)
        if hits:
            break
    return outcome


def promoted_hits(terms: SearchTerms) -> tuple[list[Hit], list[SearchPromotion]]:
    """Editors' picks for the query: (page hits, external links), in the editors' order."""
    query_strings = {normalise_query_string(terms.display), normalise_query_string(terms.text)}
    picks = list(
        SearchPromotion.objects.filter(query__query_string__in=query_strings)
        .select_related("page")
        .order_by("sort_order", "pk")
    )
    page_ids = [pick.page_id for pick in picks if pick.page_id]
    visible = set()
    if page_ids:
        visible = set(
            Page.objects.live().public().filter(pk__in=page_ids).values_list("pk", flat=True)
        )
    kind_of = {ContentType.objects.get_for_model(model_for(kind)).pk: kind for kind in PAGE_KINDS}
    hits, links, seen = [], [], set()
    for pick in picks:
        if pick.page_id:
            if pick.page_id in visible and pick.page_id not in seen:
                seen.add(pick.page_id)
                kind = kind_of.get(pick.page.content_type_id, "page")
                hits.append(Hit(kind, pick.page_id, tier=-1, promoted=True, obj=pick.page))
        elif pick.external_link_url:
            links.append(pick)
    return hits, links


def closest_film_titles(terms: SearchTerms, limit: int = 5) -> list[Page]:
    """Live films whose titles start like the query, or else look most like it."""
    films = FilmPage.objects.live().public()
    found = list(films.autocomplete(backend_query(terms))[:limit])
    if found:
        return found
    # Typos: compare folded titles (bounded, one query).
    rows = list(films.values_list("pk", "title", "original_title", "english_title")[:5000])
    choices: dict[str, int] = {}
    for pk, *titles in rows:
        for title in titles:
            if title:
                choices.setdefault(fold(title), pk)
    wanted = terms.folded_text
    close = difflib.get_close_matches(wanted, list(choices), n=limit, cutoff=0.6)
    if not close:
        # A single mistyped word against each word of each title.
        by_word: dict[str, int] = {}
        for title, pk in choices.items():
            for word in folded_words(title):
                if len(word) > 3:
                    by_word.setdefault(word, pk)
        close = []
        for word in terms.folded:
            close += difflib.get_close_matches(word, list(by_word), n=limit, cutoff=0.75)
        ids = list(dict.fromkeys(by_word[word] for word in close))[:limit]
    else:
        ids = list(dict.fromkeys(choices[title] for title in close))[:limit]
    pages = Page.objects.filter(pk__in=ids).in_bulk()
    return [pages[pk] for pk in ids if pk in pages]
