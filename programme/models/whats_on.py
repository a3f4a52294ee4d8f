"""What's on: one day's (or a week's, or a range's) programme across every venue.

Everything the reader chooses lives in the query string of a GET form, so a
listing can be bookmarked, shared and used without JavaScript:

- ``?date=YYYY-MM-DD`` one programme day (also the ``YYYY-MM-DD/`` route),
  ``?week=YYYY-MM-DD`` seven days from that date, ``?from=…&to=…`` a range of
  at most ``MAX_RANGE_DAYS`` days; without any of them, today.
- ``venue`` and ``season`` (page slugs), ``access`` (AccessFlag slugs,
  repeatable: a show must offer every one), ``label`` (``premiere``, ``qa``,
  ``intro``, ``live``, ``encore``, ``short``) and ``language``
  (``original_subtitled``, ``dubbed`` or a subtitle language code) combine.

A value that cannot be used is dropped with a message on the page, never an
error: readers type and edit these addresses by hand.
"""

import datetime
import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django import forms
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField
from wagtail.models import Page

from .. import calendar, conf
from ..caching import store
from ..choices import LanguageVersion
from ..languages import language_name
from ..listings import group_by_day
from ..recurrence import business_date_of
from ..registry import BUILTIN_LABEL_FILTERS
from .occurrences import Occurrence
from .screenings import AccessFlag, Screening
from .seasons import SeasonPage
from .tree import ConfigurableParentPageTypes
from .venues import VenuePage
from .visibility import ListablePageManager

#: The longest ``from``/``to`` range listed at once, in days.
MAX_RANGE_DAYS = 31
#: The most shows one listing renders; a longer listing says it was cut short.
MAX_SHOWS = 1000
#: Dates further than this from today are refused (and date arithmetic stays in range).
MAX_YEARS_AWAY = 20

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

LABEL_CHOICES = [
    ("premiere", _("Premieres")),
    ("qa", _("With a Q&A")),
    ("intro", _("Introduced screenings")),
    ("live", _("Live")),
    ("encore", _("Encores")),
    ("short", _("With a short before")),
]
# The same rule as Screening.language_description: an original version with
# subtitle language set reads "… original version with … subtitles".
_ORIGINAL_SUBTITLED = Q(screening__language_version=LanguageVersion.ORIGINAL_SUBTITLED) | (
    Q(screening__language_version__in=[LanguageVersion.ORIGINAL, ""])
    & ~Q(screening__subtitle_language="")
)


_FILTER_NAMES = {"label": _("special screening"), "language": _("language")}


def current_business_date(now: datetime.datetime | None = None) -> datetime.date:
    """Today's programme day in the site's time zone (at 01:00 it is still last night)."""
    return business_date_of(
        now or timezone.now(), timezone.get_default_timezone(), conf.business_day_starts_at()
    )


def parse_iso_date(value: str) -> datetime.date | None:
    """``YYYY-MM-DD`` only (no week dates, no compact forms); None when it is not one."""
    if not value or not _ISO_DATE.fullmatch(value):
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None


class WhatsOnFilterForm(forms.Form):
    """The filters' controls; the page validates values itself and binds only good ones."""

    venue = forms.ChoiceField(label=_("Venue"), required=False)
    season = forms.ChoiceField(label=_("Season or festival"), required=False)
    label = forms.ChoiceField(
        label=_("Special screenings"),
        required=False,
        choices=[("", _("All screenings")), *LABEL_CHOICES],
    )
    language = forms.ChoiceField(label=_("Language"), required=False)
    access = forms.MultipleChoiceField(
        label=_("Access"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, choices: dict[str, list[tuple[str, str]]], **kwargs):
        kwargs.setdefault("auto_id", "whats-on-%s")
        super().__init__(*args, **kwargs)
        self.fields["venue"].choices = [("", gettext("All venues")), *choices["venue"]]
        self.fields["season"].choices = [("", gettext("All seasons")), *choices["season"]]
        self.fields["language"].choices = [("", gettext("Any language")), *choices["language"]]
        self.fields["access"].choices = choices["access"]


@dataclass
class Window:
    """The programme days a listing covers, both included."""

    first: datetime.date
    last: datetime.date
    mode: str  # "day", "week" or "range"

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1


@dataclass
class Filters:
    """The filter values that were understood, and what they select."""

    venue: str = ""
    season: str = ""
    access: list[str] = field(default_factory=list)
    label: str = ""
    language: str = ""
    venue_id: int | None = None
    season_id: int | None = None
    season_ids: list[int] = field(default_factory=list)

    def params(self) -> list[tuple[str, str]]:
        """As query-string pairs, in a fixed order."""
        pairs = [("venue", self.venue), ("season", self.season)]
        pairs += [("access", slug) for slug in self.access]
        pairs += [("label", self.label), ("language", self.language)]
        return [(name, value) for name, value in pairs if value]

    def __bool__(self) -> bool:
        return bool(self.params())


class WhatsOnPage(RoutablePageMixin, Page):
    """The whole programme by programme day, with filters and calendar feeds.

    One per site, under the home page. ``YYYY-MM-DD/`` is a day's address.
    """

    objects = ListablePageManager()

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ConfigurableParentPageTypes()
    subpage_types: list[str] = []
    max_count = 1
    template = "programme/pages/whats_on_page.html"

    class Meta:
        verbose_name = _("what’s on page")

    # -- routes ------------------------------------------------------------------

    @re_path(r"^(?P<day>\d{4}-\d{2}-\d{2})/$", name="day")
    def day_view(self, request, day: str):
        parsed = parse_iso_date(day)
        if parsed is None or abs((parsed - current_business_date()).days) > 366 * MAX_YEARS_AWAY:
            raise Http404(_("There is no such date."))
        return self.render(request, day=parsed)

    @path("calendar/", name="calendar")
    def calendar_feed(self, request):
        """The whole programme as a feed; venues' and seasons' are their pages' ``calendar/``."""
        return calendar.programme_feed(request, Occurrence.objects.public())

    # -- the listing -------------------------------------------------------------

    def get_context(self, request, *args, day: datetime.date | None = None, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        messages: list[str] = []
        today = current_business_date()
        choices, lookups = self.filter_choices()
        filters = self.read_filters(request.GET, choices, lookups, messages)
        window = (
            Window(day, day, "day")
            if day is not None
            else self.read_window(request.GET, today, messages)
        )

        selected = self.occurrences(filters)
        shows = list(
            selected.on_business_dates(window.first, window.last)
            .order_by("business_date", "start", "pk")
            .for_listing()[: MAX_SHOWS + 1]
        )
        if len(shows) > MAX_SHOWS:
            shows = shows[:MAX_SHOWS]
            messages.append(
                gettext(
                    "Only the first %(count)s shows are listed: choose fewer days or add a filter."
                )
                % {"count": f"{MAX_SHOWS:,}"}
            )
        next_day = None
        if not shows:
            next_day = (
                selected.filter(business_date__gt=window.last)
                .order_by("business_date")
                .values_list("business_date", flat=True)
                .first()
            )

        messages = list(dict.fromkeys(messages))  # the same bad value given twice, said once
        form_data = dict(filters.params())
        form_data["access"] = filters.access
        base_url = self.get_url(request) or ""
        context.update(
            today=today,
            window=window,
            filters=filters,
            filter_form=WhatsOnFilterForm(form_data, choices=choices),
            messages_for_reader=messages,
            days=group_by_day(shows),
            show_count=len(shows),
            max_range_days=MAX_RANGE_DAYS,
            next_day=next_day,
            next_day_url=self.day_url(base_url, next_day, filters) if next_day else "",
            today_url=self.day_url(base_url, today, filters),
            this_week_url=base_url + _query([("week", today.isoformat()), *filters.params()]),
            clear_filters_url=self.window_url(base_url, window, Filters()),
            feeds=self.feeds(request, filters),
            **self.neighbour_urls(base_url, window, filters),
        )
        return context

    def filter_choices(self) -> tuple[dict, dict]:
        """Choices for the form, and what each value selects, until the programme changes."""
        return store.remember("whats-on-filter-choices", self._filter_choices)

    def _filter_choices(self) -> tuple[dict, dict]:
        """One query per filter."""
        venues = list(
            VenuePage.objects.listable().order_by("title").values_list("pk", "slug", "title")
        )
        seasons = list(
            SeasonPage.objects.listable()
            .order_by("path")
            .values_list("pk", "slug", "title", "path")
        )
        flags = list(AccessFlag.objects.order_by("name").values_list("slug", "name"))
        subtitles = sorted(
            Screening.objects.exclude(subtitle_language="")
            .order_by()
            .values_list("subtitle_language", flat=True)
            .distinct(),
            key=language_name,
        )
        # Strands sit under their festival: indent them, and let the festival include them.
        top = min((len(p) for *_rest, p in seasons), default=0)
        season_choices, season_lookup = [], {}
        for pk, slug, title, page_path in seasons:
            if slug in season_lookup:  # two strands of one name in different festivals
                continue
            depth = (len(page_path) - top) // Page.steplen
            season_choices.append((slug, "— " * depth + title))
            ids = [other for other, *_rest, p in seasons if p.startswith(page_path)]
            season_lookup[slug] = (pk, ids)
        choices = {
            "venue": [(slug, title) for _pk, slug, title in venues],
            "season": season_choices,
            "access": flags,
            "label": LABEL_CHOICES,
            "language": [
                ("original_subtitled", gettext("Original version with subtitles")),
                ("dubbed", gettext("Dubbed")),
                *[
                    (code, gettext("%(language)s subtitles") % {"language": language_name(code)})
                    for code in subtitles
                ],
            ],
        }
        lookups = {
            "venue": {slug: pk for pk, slug, _title in reversed(venues)},
            "season": season_lookup,
        }
        return choices, lookups

    def read_filters(self, params, choices, lookups, messages: list[str]) -> Filters:
        filters = Filters()
        venue = params.get("venue", "")
        if venue:
            if venue in lookups["venue"]:
                filters.venue, filters.venue_id = venue, lookups["venue"][venue]
            else:
                messages.append(
                    gettext("There is no venue “%(value)s”, so every venue is shown.")
                    % {"value": _shown(venue)}
                )
        season = params.get("season", "")
        if season:
            if season in lookups["season"]:
                filters.season = season
                filters.season_id, filters.season_ids = lookups["season"][season]
            else:
                messages.append(
                    gettext("There is no season “%(value)s”, so every season is shown.")
                    % {"value": _shown(season)}
                )
        known_flags = dict(choices["access"])
        for slug in params.getlist("access"):
            if slug in known_flags:
                if slug not in filters.access:
                    filters.access.append(slug)
            elif slug:
                messages.append(
                    gettext("“%(value)s” is not an access option we know; it was left out.")
                    % {"value": _shown(slug)}
                )
        for name in ("label", "language"):
            value = params.get(name, "")
            if not value:
                continue
            if value in dict(choices[name]):
                setattr(filters, name, value)
            else:
                messages.append(
                    gettext("“%(value)s” is not one of the %(filter)s options; it was left out.")
                    % {"value": _shown(value), "filter": _FILTER_NAMES[name]}
                )
        return filters

    def read_window(self, params, today: datetime.date, messages: list[str]) -> Window:
        """From ``from``/``to``, else ``week``, else ``date``, else today."""

        def read(name: str) -> datetime.date | None:
            value = params.get(name, "")
            if not value:
                return None
            day = parse_iso_date(value)
            if day is None:
                messages.append(
                    gettext("“%(value)s” is not a date (use YYYY-MM-DD), so it was ignored.")
                    % {"value": _shown(value)}
                )
            elif abs((day - today).days) > 366 * MAX_YEARS_AWAY:
                messages.append(
                    gettext("%(value)s is too far away, so it was ignored.")
                    % {"value": _shown(value)}
                )
                return None
            return day

        start, end = read("from"), read("to")
        if start or end:
            start = start or today
            if end is None or end == start:
                return Window(start, start, "day")
            if end < start:
                messages.append(
                    gettext("The end date is before the start date, so only %(day)s is shown.")
                    % {"day": start.isoformat()}
                )
                return Window(start, start, "day")
            if (end - start).days + 1 > MAX_RANGE_DAYS:
                end = start + datetime.timedelta(days=MAX_RANGE_DAYS - 1)
                messages.append(
                    gettext(
                        "At most %(days)s days are listed at once, so the listing stops on %(day)s."
                    )
                    % {"days": MAX_RANGE_DAYS, "day": end.isoformat()}
                )
            return Window(start, end, "range")
        week = read("week")
        if week:
            return Window(week, week + datetime.timedelta(days=6), "week")
        day = read("date") or today
        return Window(day, day, "day")

    def occurrences(self, filters: Filters):
        """Public shows matching the filters, on any date."""
        shows = Occurrence.objects.public()
        if filters.venue_id:
            shows = shows.filter(screening__venue_id=filters.venue_id)
        if filters.season_ids:
            # A subquery, not a join: a screening in a festival and its strand is listed once.
            shows = shows.filter(
                screening__in=Screening.objects.filter(seasons__in=filters.season_ids)
            )
        for slug in filters.access:
            shows = shows.filter(screening__in=Screening.objects.filter(access_flags__slug=slug))
        if filters.label:
            # The registry's filter, the one the API's label= uses too.
            labelled = Screening.objects.filter(BUILTIN_LABEL_FILTERS[filters.label])
            shows = shows.filter(screening__in=labelled)
        if filters.language == "original_subtitled":
            shows = shows.filter(_ORIGINAL_SUBTITLED)
        elif filters.language == "dubbed":
            shows = shows.filter(screening__language_version=LanguageVersion.DUBBED)
        elif filters.language:
            shows = shows.filter(screening__subtitle_language=filters.language)
        return shows

    # -- links ---------------------------------------------------------------------

    def day_url(self, base_url: str, day: datetime.date, filters: Filters) -> str:
        return (
            base_url
            + self.reverse_subpage("day", args=[day.isoformat()])
            + _query(filters.params())
        )

    def window_url(self, base_url: str, window: Window, filters: Filters) -> str:
        if window.mode == "day":
            return self.day_url(base_url, window.first, filters)
        if window.mode == "week":
            return base_url + _query([("week", window.first.isoformat()), *filters.params()])
        return base_url + _query(
            [
                ("from", window.first.isoformat()),
                ("to", window.last.isoformat()),
                *filters.params(),
            ]
        )

    def neighbour_urls(self, base_url: str, window: Window, filters: Filters) -> dict[str, str]:
        step = datetime.timedelta(days=window.days)
        previous = Window(window.first - step, window.last - step, window.mode)
        following = Window(window.first + step, window.last + step, window.mode)
        return {
            "previous_url": self.window_url(base_url, previous, filters),
            "next_url": self.window_url(base_url, following, filters),
        }

    def feeds(self, request, filters: Filters) -> list[dict[str, str]]:
        """Calendar feeds to subscribe to: the selected venue's or season's, and everything."""
        from .seasons import SeasonPage
        from .venues import VenuePage

        wanted = []
        if filters.venue_id:
            venue = VenuePage.objects.listable().filter(pk=filters.venue_id).first()
            wanted.append((venue, gettext("This venue’s calendar")))
        if filters.season_id:
            season = SeasonPage.objects.listable().filter(pk=filters.season_id).first()
            wanted.append((season, gettext("This season’s calendar")))
        wanted.append((self, gettext("The whole programme")))
        feeds = []
        for page, title in wanted:
            page_url = page.get_url(request) if page is not None else None
            if not page_url:
                continue
            url = request.build_absolute_uri(page_url + page.reverse_subpage("calendar"))
            webcal = re.sub(r"^https?://", "webcal://", url)
            feeds.append({"title": title, "url": url, "webcal": webcal})
        return feeds


def _query(pairs: list[tuple[str, str]]) -> str:
    return "?" + urlencode(pairs) if pairs else ""


def _shown(value: str) -> str:
    """A reader's value quoted back in a message, cut short if it is long."""
    return Truncator(value).chars(40)
