"""The public search page and its autocomplete endpoint."""

import html
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import OuterRef, Prefetch, Subquery
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.html import strip_tags
from django.utils.safestring import SafeString
from django.utils.translation import gettext
from django.views.decorators.http import require_safe
from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from programme.caching import cache_public_response
from programme.formatting import format_date, format_date_skeleton
from programme.models import (
    ArticleIndexPage,
    ArticlePage,
    FilmCredit,
    FilmIndexPage,
    FilmPage,
    Occurrence,
    Person,
    SeasonIndexPage,
    SeasonPage,
    VenueIndexPage,
    VenuePage,
)
from programme.search_text import folded_words

from . import engine
from .text import excerpt, highlight, match_spans, parse_query

RESULTS_PER_PAGE = 10
#: Truthy values of the "upcoming" checkbox.
TRUE_VALUES = {"1", "on", "true", "yes"}
AUTOCOMPLETE_LIMIT = 8
AUTOCOMPLETE_MIN_CHARS = 2


@dataclass
class Result:
    """One row of the results list, ready to render."""

    kind: engine.Kind
    url: str
    title: SafeString
    excerpt: SafeString
    promoted: bool = False
    meta: str = ""
    next_show: object = None
    is_film: bool = False
    #: For films: (highlighted name, roles) of the credits whose names match the query.
    matched_credits: list = field(default_factory=list)
    #: For people: (film, roles) pairs, newest first.
    films: list = field(default_factory=list)


def _plain(value) -> str:
    """Text of a rich-text or plain field, tags stripped and entities decoded."""
    return html.unescape(strip_tags(str(value or "")))


@require_safe
@cache_public_response()
def search(request):
    raw_query = request.GET.get("query")
    if raw_query is None:
        raw_query = request.GET.get("q", "")
    terms = parse_query(raw_query)
    context = {
        "search_query": terms.display,
        "terms": terms,
        "kinds": list(engine.KINDS.values()),
        "selected_types": (),
        "upcoming": (request.GET.get("upcoming") or "").strip().lower() in TRUE_VALUES,
        "results": [],
        "search_results": None,
        "filter_error": "",
    }
    try:
        types = engine.parse_types(request.GET.getlist("type"))
    except engine.UnknownType as error:
        context["filter_error"] = error.value
        return TemplateResponse(request, "search/search.html", context, status=400)
    context["selected_types"] = types
    filtered = bool(types) or context["upcoming"]

    if not terms:
        # Nothing searchable was typed (empty, or only punctuation, emoji, marks).
        context["browse_links"] = _browse_links(request)
        return TemplateResponse(request, "search/search.html", context)

    outcome = engine.ranked_hits(terms, types, context["upcoming"])
    hits = outcome.hits
    links = []
    if not filtered:
        promoted, links = engine.promoted_hits(terms)
        promoted_keys = {hit.key for hit in promoted}
        hits = promoted + [hit for hit in hits if hit.key not in promoted_keys]

    page = Paginator(hits, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    context.update(
        search_results=page,
        results=_load_results(request, list(page.object_list), terms),
        result_count=len(hits),
        result_count_capped=outcome.capped,
        any_word=outcome.mode == "any",
        prefix_match=outcome.mode == "prefix",
        promoted_links=links if page.number == 1 else [],
    )
    if not hits:
        context["suggestions"] = engine.closest_film_titles(terms)
        context["browse_links"] = _browse_links(request)
        if filtered:
            context["unfiltered_count"] = len(engine.ranked_hits(terms).hits)

    if page.number == 1 and request.GET.get("page") in (None, "", "1"):
        # Popular searches: one hit per search typed, not per page of results.
        Query.get(terms.display).add_hit()
    return TemplateResponse(request, "search/search.html", context)


def _browse_links(request) -> list[tuple[str, str]]:
    """The index pages (Films, Seasons, Venues, Articles), for a search that found nothing."""
    order = [FilmIndexPage, SeasonIndexPage, VenueIndexPage, ArticleIndexPage]
    pages = list(Page.objects.live().public().type(*order).order_by("path"))
    links = []
    for model in order:
        for page in pages:
            if page.specific_class is model:
                links.append((page.title, page.get_url(request)))
                break
    return links


def _load_results(request, hits: list[engine.Hit], terms) -> list[Result]:
    """The objects behind one page of hits, in a fixed number of queries."""

    def ids(kind):
        return [hit.pk for hit in hits if hit.kind == kind]

    objects: dict[tuple[str, int], object] = {}
    querysets = {
        "film": FilmPage.objects.prefetch_related(
            Prefetch(
                "credits",
                queryset=FilmCredit.objects.select_related("person", "organisation"),
            )
        ),
        "season": SeasonPage.objects.all(),
        "venue": VenuePage.objects.all(),
        "article": ArticlePage.objects.all(),
    }
    for kind, queryset in querysets.items():
        if wanted := ids(kind):
            for obj in queryset.filter(pk__in=wanted):
                objects[(kind, obj.pk)] = obj
    if wanted := ids("page"):
        for obj in Page.objects.filter(pk__in=wanted).specific():
            objects[("page", obj.pk)] = obj
    for hit in hits:
        if hit.kind == "person":
            objects[("person", hit.pk)] = hit.obj

    next_shows = _next_shows(ids("film"))
    person_films = _person_films(ids("person"))

    results = []
    for hit in hits:
        obj = objects.get((hit.kind, hit.pk))
        if obj is None:
            continue  # Deleted between the search and this query.
        results.append(_result(request, hit, obj, terms, next_shows, person_films))
    return results


def _next_shows(film_ids: list[int]) -> dict[int, object]:
    """Each film's next public, not cancelled show: one query for all films."""
    if not film_ids:
        return {}
    first = (
        engine.upcoming_shows()
        .filter(screening__film_id=OuterRef("pk"))
        .order_by("start", "pk")
        .values("pk")[:1]
    )
    next_ids = (
        FilmPage.objects.filter(pk__in=film_ids)
        .annotate(next_show=Subquery(first))
        .values("next_show")
    )
    shows = Occurrence.objects.filter(pk__in=next_ids).select_related(
        "screening__venue", "screening__screen"
    )
    return {show.screening.film_id: show for show in shows}


def _person_films(person_ids: list[int]) -> dict[int, list]:
    """Each person's live films with their roles, newest first: one query for all people."""
    if not person_ids:
        return {}
    credits = (
        FilmCredit.objects.filter(person_id__in=person_ids, film__live=True)
        .select_related("film")
        .order_by("-film__year", "film__title", "sort_order")
    )
    films: dict[int, dict[int, tuple]] = {}
    for credit in credits:
        by_film = films.setdefault(credit.person_id, {})
        film, roles = by_film.setdefault(credit.film_id, (credit.film, []))
        role = str(credit.role_display)
        if role not in roles:
            roles.append(role)
    return {pk: list(by_film.values()) for pk, by_film in films.items()}


def _result(request, hit, obj, terms, next_shows, person_films) -> Result:
    words = terms.folded
    kind = engine.KINDS.get(hit.kind, engine.PAGE_KIND)
    if hit.kind == "person":
        films = person_films.get(obj.pk, [])
        return Result(
            kind=kind,
            url=obj.get_absolute_url(),
            title=highlight(obj.name, words),
            excerpt=excerpt([_plain(obj.bio)], words),
            promoted=hit.promoted,
            meta=", ".join(str(part) for part in [obj.birth_year, obj.birth_place] if part),
            films=films[:3],
        )
    result = Result(
        kind=kind,
        url=obj.get_url(request) or "",
        title=highlight(obj.title, words),
        excerpt=SafeString(""),
        promoted=hit.promoted,
    )
    description = getattr(obj, "search_description", "")
    if hit.kind == "film":
        alternatives = [
            title
            for title in (obj.original_title, obj.english_title)
            if title and title != obj.title
        ]
        result.is_film = True
        result.meta = " · ".join(
            part
            for part in [
                " / ".join(alternatives),
                ", ".join(str(country.name) for country in obj.countries),
                str(obj.year or ""),
            ]
            if part
        )
        result.excerpt = excerpt([obj.logline, _plain(obj.synopsis), description], words)
        result.next_show = next_shows.get(obj.pk)
        roles_by_name: dict[str, list[str]] = {}
        for credit in obj.all_credits:
            name = credit.name_as_credited
            if match_spans(name, words):
                roles = roles_by_name.setdefault(name, [])
                if str(credit.role_display) not in roles:
                    roles.append(str(credit.role_display))
        result.matched_credits = [
            (highlight(name, words), roles) for name, roles in list(roles_by_name.items())[:4]
        ]
    elif hit.kind == "season":
        dates = [d for d in (obj.start_date, obj.end_date) if d]
        result.meta = " – ".join(format_date(d, "medium") for d in dates)
        result.excerpt = excerpt([_plain(obj.intro), description], words)
    elif hit.kind == "venue":
        result.meta = ", ".join(part for part in [obj.locality, obj.country.name] if part)
        result.excerpt = excerpt([_plain(obj.description), description], words)
    elif hit.kind == "article":
        result.meta = format_date_skeleton(obj.date, "yMMMMd")
        result.excerpt = excerpt([obj.intro, description], words)
    else:
        result.excerpt = excerpt([description], words)
    return result


# -- Autocomplete ----------------------------------------------------------------------------


@require_safe
@cache_public_response()
def autocomplete(request):
    """Suggestions as JSON: ``{"query": …, "results": [{"title", "url", "type", "label"}]}``."""
    terms = parse_query(request.GET.get("q", ""))
    if len(terms.folded_text) < AUTOCOMPLETE_MIN_CHARS:
        return JsonResponse({"query": terms.display, "results": []})
    # Cached, like every public response, by programme.caching.
    results = _autocomplete_results(request, terms)
    return JsonResponse({"query": terms.display, "results": results})


def _autocomplete_results(request, terms) -> list[dict]:
    query = engine.backend_query(terms)
    models = [engine.model_for(kind) for kind in engine.PAGE_KINDS]
    kind_of = {
        ContentType.objects.get_for_model(model).pk: kind
        for kind, model in zip(engine.PAGE_KINDS, models, strict=True)
    }
    items = []
    pages = Page.objects.live().public().type(*models).autocomplete(query)[:AUTOCOMPLETE_LIMIT]
    for rank, page in enumerate(pages):
        kind = kind_of.get(page.content_type_id)
        if kind:
            items.append((page.title, rank, kind, page.get_url(request)))
    people = get_search_backend().autocomplete(query, Person)[: AUTOCOMPLETE_LIMIT // 2]
    for rank, person in enumerate(people):
        items.append((person.name, rank, "person", person.get_absolute_url()))

    def order(item):
        title, rank, kind, _url = item
        starts = _starts_with(title, terms.folded)
        return (0 if starts else 1, rank, kind == "person")

    items.sort(key=order)
    return [
        {"title": title, "url": url, "type": kind, "label": gettext(engine.KINDS[kind].label)}
        for title, _rank, kind, url in items[:AUTOCOMPLETE_LIMIT]
        if url
    ]


def _starts_with(title: str, folded_terms) -> bool:
    """Whether every query word starts a word of ``title`` (accent- and case-insensitive)."""
    title_words = folded_words(title)
    return all(any(word.startswith(term) for word in title_words) for term in folded_terms)
