"""Query parameters: the occurrences endpoint's, described once and parsed strictly.

Unlike the what's-on page, which drops a value it cannot use and says so on
the page (its readers edit addresses by hand), the API answers 400 with a
``{"message": …}`` naming the parameter: a client needs to know its request
was not what it meant. Dates are read as the what's-on page reads them
(``parse_iso_date``, the ``MAX_YEARS_AWAY`` bound, programme days).

``PARAMETERS`` drives both the check for unknown parameters and the OpenAPI
description (``programme.api.openapi``), so the two cannot drift apart.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.utils.text import Truncator
from rest_framework.filters import BaseFilterBackend
from wagtail.api.v2.filters import FieldsFilter, SearchFilter
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.utils import BadRequestError

from ..choices import LanguageVersion, ScreeningStatus
from ..languages import language_choices
from ..models import AccessFlag, Screen, Screening, SeasonPage, VenuePage
from ..models.films import FilmPage
from ..models.whats_on import _ORIGINAL_SUBTITLED as ORIGINAL_SUBTITLED
from ..models.whats_on import MAX_YEARS_AWAY, current_business_date, parse_iso_date
from ..registry import BUILTIN_LABEL_FILTERS, label_filter
from ..search_text import words
from .visibility import Visibility

#: The largest ``offset`` accepted: beyond it databases refuse the query.
MAX_OFFSET = 1_000_000_000
#: Page and object ids: up to 18 digits, so every one fits a 64-bit integer.
ID_PATTERN = re.compile(r"[0-9]{1,18}")
#: Slugs as Wagtail and our snippets make them (letters in any script, digits, - and _).
SLUG_PATTERN = re.compile(r"[-\w]{1,255}")
#: Accepted on every endpoint and ignored, as Wagtail does: cache-busting and the renderer.
IGNORED_PARAMETERS = frozenset(["_", "format"])
ORDERINGS = {"start": ("start", "pk"), "-start": ("-start", "-pk")}
#: The most access flags one request may require (each is a subquery).
MAX_ACCESS_FLAGS = 10


def limit_max() -> int:
    """The largest ``limit``: Wagtail's own setting, shared by every endpoint."""
    return int(getattr(settings, "WAGTAILAPI_LIMIT_MAX", 20) or 0)


@dataclass(frozen=True)
class Parameter:
    name: str
    description: str
    schema: dict[str, Any]
    repeatable: bool = False
    example: Any = None
    extra: dict[str, Any] = field(default_factory=dict)


def occurrence_parameters() -> list[Parameter]:
    """The occurrences listing's parameters, with the values they accept today."""
    date = {"type": "string", "format": "date"}
    key = {"type": "string", "pattern": r"^[-\w]+$", "maxLength": 255}
    pagination_max = limit_max()
    limit_schema: dict[str, Any] = {"type": "integer", "minimum": 0, "default": 20}
    if pagination_max:
        limit_schema.update(maximum=pagination_max, default=min(20, pagination_max))
    return [
        Parameter(
            "date",
            "Shows on this programme day (a show after midnight belongs to the evening "
            "before). Not with `from`/`to`.",
            date,
        ),
        Parameter(
            "from",
            "Shows on or after this programme day. Alone, `to` starts from today. "
            "Without any date parameter, shows that have not ended yet.",
            date,
        ),
        Parameter("to", "Shows on or before this programme day (not before `from`).", date),
        Parameter("venue", "A venue page's id or slug.", key, example="riverside"),
        Parameter("screen", "A screen's id.", {"type": "integer", "minimum": 1}),
        Parameter("film", "A film page's id or slug.", key),
        Parameter("season", "A season page's id or slug; a festival includes its strands.", key),
        Parameter(
            "access",
            "An access flag's slug, e.g. `audio-described`; repeat it for shows "
            "offering every one.",
            {"type": "array", "items": key, "maxItems": MAX_ACCESS_FLAGS},
            repeatable=True,
        ),
        Parameter(
            "label",
            "A label's slug: "
            + ", ".join(f"`{slug}`" for slug in BUILTIN_LABEL_FILTERS)
            + " or a screening label's.",
            key,
        ),
        Parameter(
            "status",
            "Shows with this status (a single show's own status counts).",
            {"type": "string", "enum": list(ScreeningStatus.values)},
        ),
        Parameter(
            "language_version",
            "Shows in this version; `original_subtitled` also matches original versions "
            "with a subtitle language, as listings describe them.",
            {"type": "string", "enum": list(LanguageVersion.values)},
        ),
        Parameter(
            "subtitles",
            "Shows with subtitles in this language (ISO 639 code, e.g. `en`).",
            {"type": "string", "pattern": "^[a-z]{2,3}$"},
        ),
        Parameter(
            "order",
            "`start` (the default) or `-start` for the latest first.",
            {"type": "string", "enum": list(ORDERINGS), "default": "start"},
        ),
        Parameter(
            "limit",
            f"How many shows to return (at most {pagination_max}, the "
            "`WAGTAILAPI_LIMIT_MAX` setting).",
            limit_schema,
        ),
        Parameter(
            "offset",
            "How many shows to skip.",
            {"type": "integer", "minimum": 0, "maximum": MAX_OFFSET, "default": 0},
        ),
    ]


def _shown(value: str) -> str:
    """A client's value quoted back in a message, cut short if it is long."""
    return Truncator(value).chars(40)


class OccurrenceFilter(BaseFilterBackend):
    """Applies the occurrences listing's parameters; a bad value raises ``BadRequestError``."""

    def filter_queryset(self, request, queryset, view):
        if getattr(view, "action", None) != "listing_view":
            return queryset  # a show's own address finds it whatever the filters say
        params = request.GET
        visibility = Visibility.for_request(request)
        queryset = self.filter_dates(queryset, params)
        for name in ("venue", "screen", "film", "season", "label", "status"):
            value = single(params, name)
            if value is not None:
                queryset = getattr(self, f"filter_{name}")(queryset, value, visibility)
        queryset = self.filter_access(queryset, params.getlist("access"))
        queryset = self.filter_language(queryset, params)
        order = single(params, "order") or "start"
        if order not in ORDERINGS:
            raise BadRequestError(f"order: “{_shown(order)}” is not one of {', '.join(ORDERINGS)}.")
        return queryset.order_by(*ORDERINGS[order])

    # -- dates ---------------------------------------------------------------------------

    def filter_dates(self, queryset, params):
        today = current_business_date()
        day, first, last = (read_date(params, name, today) for name in ("date", "from", "to"))
        if day and (first or last):
            raise BadRequestError("date: give either date or from/to, not both.")
        if day:
            return queryset.on_business_dates(day)
        if not (first or last):
            return queryset.upcoming()
        first = first or today
        if last and last < first:
            raise BadRequestError(f"to: {last.isoformat()} is before from ({first.isoformat()}).")
        queryset = queryset.filter(business_date__gte=first)
        return queryset.filter(business_date__lte=last) if last else queryset

    # -- pages ---------------------------------------------------------------------------

    def filter_venue(self, queryset, value, visibility):
        venue = find_page(VenuePage, "venue", value, visibility)
        return queryset.filter(screening__venue=venue)

    def filter_film(self, queryset, value, visibility):
        film = find_page(FilmPage, "film", value, visibility)
        return queryset.filter(screening__film=film)

    def filter_season(self, queryset, value, visibility):
        season = find_page(SeasonPage, "season", value, visibility)
        strands = SeasonPage.objects.live().descendant_of(season, inclusive=True)
        # A subquery, not a join: a show in a festival and in its strand is listed once.
        return queryset.filter(
            screening__in=Screening.objects.filter(seasons__in=strands.values("pk"))
        )

    def filter_screen(self, queryset, value, visibility):
        if not ID_PATTERN.fullmatch(value):
            raise BadRequestError(f"screen: “{_shown(value)}” is not a screen id (a number).")
        screens = Screen.objects.filter(visibility.public_pages_q("venue__"))
        if not screens.filter(pk=int(value)).exists():
            raise BadRequestError(f"screen: there is no screen {value}.")
        return queryset.filter(screening__screen_id=int(value))

    # -- screening facts -----------------------------------------------------------------

    def filter_label(self, queryset, value, visibility):
        q = label_filter(value) if SLUG_PATTERN.fullmatch(value) else None
        if q is None:
            raise BadRequestError(
                f"label: there is no label “{_shown(value)}”; built-in labels are "
                + ", ".join(BUILTIN_LABEL_FILTERS)
                + "."
            )
        return queryset.filter(screening__in=Screening.objects.filter(q))

    def filter_status(self, queryset, value, visibility):
        if value not in ScreeningStatus.values:
            raise BadRequestError(
                f"status: “{_shown(value)}” is not one of {', '.join(ScreeningStatus.values)}."
            )
        return queryset.filter(status=value)

    def filter_access(self, queryset, slugs: list[str]):
        if not slugs:
            return queryset
        if len(slugs) > MAX_ACCESS_FLAGS:
            raise BadRequestError(f"access: give at most {MAX_ACCESS_FLAGS} access flags.")
        known = set(AccessFlag.objects.filter(slug__in=slugs).values_list("slug", flat=True))
        unknown = [slug for slug in slugs if slug not in known]
        if unknown:
            raise BadRequestError(
                f"access: there is no access flag “{_shown(unknown[0])}”."
                if unknown[0]
                else "access: the value is empty."
            )
        for slug in dict.fromkeys(slugs):
            # Every flag must be offered: one subquery each, so rows are not multiplied.
            queryset = queryset.filter(
                screening__in=Screening.objects.filter(access_flags__slug=slug)
            )
        return queryset

    def filter_language(self, queryset, params):
        version = single(params, "language_version")
        if version is not None:
            if version not in LanguageVersion.values:
                raise BadRequestError(
                    f"language_version: “{_shown(version)}” is not one of "
                    f"{', '.join(LanguageVersion.values)}."
                )
            if version == LanguageVersion.ORIGINAL_SUBTITLED:
                queryset = queryset.filter(ORIGINAL_SUBTITLED)
            else:
                queryset = queryset.filter(screening__language_version=version)
        subtitles = single(params, "subtitles")
        if subtitles is not None:
            if subtitles not in {code for code, _name in language_choices()}:
                raise BadRequestError(
                    f"subtitles: “{_shown(subtitles)}” is not an ISO 639 language code."
                )
            queryset = queryset.filter(screening__subtitle_language=subtitles)
        return queryset


# -- Reading single values ----------------------------------------------------------------


def check_known(params, known: set[str]) -> None:
    """Wagtail's rule for every endpoint: an unknown parameter is an error, not ignored."""
    unknown = set(params) - known - IGNORED_PARAMETERS
    if unknown:
        raise BadRequestError(
            "query parameter is not an operation or a recognised field: "
            + ", ".join(sorted(_shown(name) for name in unknown))
        )


def single(params, name: str) -> str | None:
    """The parameter's one value; None when absent. Given twice or empty, it is a 400."""
    values = params.getlist(name)
    if not values:
        return None
    if len(values) > 1:
        raise BadRequestError(f"{name}: give it once, not {len(values)} times.")
    if values[0] == "":
        raise BadRequestError(f"{name}: the value is empty.")
    return values[0]


def read_date(params, name: str, today: datetime.date) -> datetime.date | None:
    value = single(params, name)
    if value is None:
        return None
    day = parse_iso_date(value)
    if day is None:
        raise BadRequestError(f"{name}: “{_shown(value)}” is not a date (use YYYY-MM-DD).")
    if abs((day - today).days) > 366 * MAX_YEARS_AWAY:
        raise BadRequestError(f"{name}: {value} is more than {MAX_YEARS_AWAY} years away.")
    return day


def find_page(model, name: str, value: str, visibility: Visibility):
    """A public page of ``model`` by id, else by slug; a 400 naming ``name`` if none."""
    if not SLUG_PATTERN.fullmatch(value):
        raise BadRequestError(f"{name}: “{_shown(value)}” is not an id or a slug.")
    pages = model.objects.filter(visibility.public_pages_q())
    page = pages.filter(pk=int(value)).first() if ID_PATTERN.fullmatch(value) else None
    if page is None:
        page = pages.filter(slug=value).order_by("pk").first()
    if page is None:
        raise BadRequestError(f"{name}: there is no {name} “{_shown(value)}”.")
    return page


# -- Wagtail's endpoints, hardened ---------------------------------------------------------


class ValidatedFieldsFilter(FieldsFilter):
    """Wagtail's ``?field=value`` filters, with each value checked against its field first.

    Wagtail passes a value such as ``?start_date=soon`` straight to the ORM,
    which raises a validation error: a 500. Here it is a 400.
    """

    def filter_queryset(self, request, queryset, view):
        fields = set(view.get_available_fields(queryset.model, db_fields_only=True))
        for name, value in request.GET.items():
            if name not in fields:
                continue
            try:
                model_field = queryset.model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            if "\x00" in value:
                raise BadRequestError(f"{name}: null characters are not allowed.")
            if not (model_field.is_relation or model_field.get_internal_type() == "BooleanField"):
                try:
                    model_field.to_python(value)
                except ValidationError as error:
                    raise BadRequestError(
                        f"field filter error. '{_shown(value)}' is not a valid value for "
                        f"{name} ({' '.join(error.messages)})"
                    ) from error
        return super().filter_queryset(request, queryset, view)


#: Words of ``?search=`` passed on; the rest is ignored.
MAX_SEARCH_WORDS = 32
SEARCH_OPERATORS = ("and", "or")


class SanitisedSearchFilter(SearchFilter):
    """Wagtail's ``?search=``, given only words.

    Wagtail hands the text to the search backend as it is, and SQLite's full-text
    search raises on an unbalanced quote: a 500. Here the backend sees the query's
    words alone (quotes, operators' symbols and other punctuation separate words,
    as in the site search); a query without words finds nothing. A null character
    or an unknown ``search_operator`` is a 400.
    """

    def filter_queryset(self, request, queryset, view):
        if "search" not in request.GET:
            return super().filter_queryset(request, queryset, view)
        text = request.GET["search"]
        if "\x00" in text:
            raise BadRequestError("search: null characters are not allowed.")
        operator = request.GET.get("search_operator")
        if operator is not None and operator not in SEARCH_OPERATORS:
            raise BadRequestError(f"search_operator must be one of: {', '.join(SEARCH_OPERATORS)}")
        query = " ".join(words(text)[:MAX_SEARCH_WORDS])
        get = request.GET.copy()
        get["search"] = query
        # Wagtail's checks (search disabled, tags) and its errors for unindexed fields.
        # An empty query finds nothing (the backend's empty results).
        return super().filter_queryset(_WithQuery(request, get), queryset, view)


class _WithQuery:
    """``request`` with other query parameters."""

    def __init__(self, request, get):
        self._request = request
        self.GET = get

    def __getattr__(self, name):
        return getattr(self._request, name)


class BoundedPagination(WagtailPagination):
    """Wagtail's limit/offset pagination, refusing offsets no database would take."""

    def paginate_queryset(self, queryset, request, view=None):
        try:
            offset = int(request.GET.get("offset", 0))
        except ValueError:
            offset = 0  # Wagtail's own check answers with its message
        if offset > MAX_OFFSET:
            raise BadRequestError(f"offset cannot be higher than {MAX_OFFSET}")
        return super().paginate_queryset(queryset, request, view)
