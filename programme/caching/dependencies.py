"""Which cached pages show a given object: the other half of the tag scheme in ``store``.

Listing pages (home, what's on, indexes), search, feeds and the API depend on
the ``programme`` tag and go with any change. Detail pages (a film, venue,
season, article or a page carrying screenings) depend only on their own
``page:<id>`` tag, so a change must name exactly the detail pages that show it.
Wagtail's reference index supplies the pages that point at an object (an
article embedding a screening or price table, a film's related films, credits
naming a person); the models supply the rest through methods of their own:

- ``cache_screenings_for_page(page_id)`` (a class method of film, venue and
  season pages): the screenings shown on that page;
- ``cache_screenings()`` (price tables, access flags, labels, screens): the
  screenings that show the object;
- ``cache_tags()`` (people): tags of the object's own, e.g. ``person:3``.
"""

from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model
from wagtail.models import Page

from ..compat import references_to_in_bulk
from ..models import Screening, SeasonPage
from ..models.hosts import host_pages_for_screenings
from . import store

#: ``programme_cache_scope`` of a page class whose cached copy follows only its own tag.
PAGE_SCOPE = "page"
#: ... and of one that goes with any programme change (the default for page classes we do not know).
PROGRAMME_SCOPE = "programme"


def page_cache_tags(page: Page) -> list[str]:
    tags = [store.page_tag(page.pk)]
    if getattr(page.specific_class or type(page), "programme_cache_scope", PROGRAMME_SCOPE) != (
        PAGE_SCOPE
    ):
        tags.append(store.PROGRAMME)
    return tags


def pages_referencing(objects: Iterable[Model]) -> tuple[set[int], set[int]]:
    """Pages, and screenings, whose own fields or blocks point at any of ``objects``."""
    objects = [obj for obj in objects if obj.pk is not None]
    if not objects:
        return set(), set()
    page_type = ContentType.objects.get_for_model(Page).pk
    screening_type = ContentType.objects.get_for_model(Screening).pk
    page_ids, screening_ids = set(), set()
    sources = references_to_in_bulk(objects).values_list("base_content_type_id", "object_id")
    for base_type, object_id in sources.distinct():
        if base_type == page_type:
            page_ids.add(int(object_id))
        elif base_type == screening_type:
            screening_ids.add(int(object_id))
    return page_ids, screening_ids


def _with_season_ancestors(page_ids: set[int]) -> set[int]:
    """A festival's page lists what its strands screen."""
    seasons = SeasonPage.objects.filter(pk__in=page_ids).only("path", "depth")
    if not seasons:
        return page_ids
    ancestor_paths = {
        season.path[:length]
        for season in seasons
        for length in range(Page.steplen, len(season.path), Page.steplen)
    }
    ancestors = SeasonPage.objects.filter(path__in=ancestor_paths).values_list("pk", flat=True)
    return page_ids | set(ancestors)


def pages_showing_screenings(screening_ids: Iterable[int]) -> set[int]:
    """Film, venue, seasons (with their festivals), embedding pages and host pages."""
    screening_ids = set(screening_ids)
    if not screening_ids:
        return set()
    screenings = Screening.objects.filter(pk__in=screening_ids)
    page_ids: set[int] = set()
    for film_id, venue_id in screenings.values_list("film_id", "venue_id"):
        page_ids.update((film_id, venue_id))
    season_ids = set(
        Screening.seasons.through.objects.filter(screening_id__in=screening_ids).values_list(
            "seasonpage_id", flat=True
        )
    )
    page_ids |= _with_season_ancestors(season_ids)
    embedding, _screenings = pages_referencing(list(screenings))
    page_ids |= embedding
    page_ids |= _host_pages(screening_ids)
    return page_ids


def _host_pages(screening_ids: set[int]) -> set[int]:
    return {getattr(page, "pk", page) for page in host_pages_for_screenings(screening_ids)}


def _screenings_of_page(page: Page) -> set[int]:
    # The page may be a plain Page (a deletion): ask its class, without fetching it.
    screenings_for_page = getattr(page.specific_class, "cache_screenings_for_page", None)
    if screenings_for_page is None:
        return set()
    return set(screenings_for_page(page.pk).values_list("pk", flat=True))


def tags_for_page_change(page: Page) -> set[str]:
    """A page was published, unpublished or deleted: it, its parent, and every page showing it."""
    page_ids = {page.pk}
    parent_id = Page.objects.filter(
        path=page.path[: -Page.steplen], depth=page.depth - 1
    ).values_list("pk", flat=True)
    page_ids.update(parent_id)
    referencing, screening_ids = pages_referencing([page])
    page_ids |= referencing
    page_ids |= pages_showing_screenings(screening_ids | _screenings_of_page(page))
    return {store.PROGRAMME, *(store.page_tag(pk) for pk in page_ids)}


def tags_for_screenings(screening_ids: Iterable[int]) -> set[str]:
    pages = pages_showing_screenings(screening_ids)
    return {store.PROGRAMME, *(store.page_tag(pk) for pk in pages)}


def tags_for_object(obj: Model) -> set[str]:
    """Any other saved or deleted object: the screenings and pages that show it."""
    page_ids, screening_ids = pages_referencing([obj])
    tags = {store.PROGRAMME}
    if hasattr(obj, "cache_screenings"):
        screening_ids |= set(obj.cache_screenings().values_list("pk", flat=True))
    if hasattr(obj, "cache_tags"):
        tags.update(obj.cache_tags())
    page_ids |= pages_showing_screenings(screening_ids)
    tags.update(store.page_tag(pk) for pk in page_ids)
    return tags


def tags_for_view_restriction(page: Page) -> set[str]:
    """A page's password or login restriction was set, changed or lifted.

    The restriction covers the page and everything below it: each of them, the
    pages showing any of them (their parents, pages linking to them, the pages
    listing their screenings), the person pages crediting a film among them, and
    every listing, feed and API response through the programme tag.
    """
    from ..models import FilmCredit

    tags: set[str] = set()
    # A rare change, made by hand: a section's every page is looked at one by one.
    subtree = list(
        Page.objects.descendant_of(page, inclusive=True).only("path", "depth", "content_type")
    )
    for member in subtree:
        tags |= tags_for_page_change(member)
    person_ids = (
        FilmCredit.objects.filter(film_id__in=[member.pk for member in subtree])
        .exclude(person=None)
        .values_list("person_id", flat=True)
        .distinct()
    )
    tags.update(store.person_tag(pk) for pk in person_ids)
    tags.add(store.PROGRAMME)
    return tags
