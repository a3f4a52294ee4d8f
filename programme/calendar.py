"""iCalendar (RFC 5545) for shows: "add to calendar" files and subscribable feeds.

Each show is a VEVENT in its venue's wall-clock time (``DTSTART;TZID=…``) with
the VTIMEZONE it needs, so a 19:30 show stays 19:30 in every calendar, across
daylight-saving changes too. A show's UID is built from what identifies it
(its screening and its UTC start, unique together) and the site's host name,
so regenerating the stored shows, or re-saving the screening, changes no UID
and calendar apps update events instead of duplicating them.

The responses at the end are what the pages' ``calendar/`` routes return
(``programme.models.feeds``); they take the shows from the page, so this
module needs no models.
"""

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.http import HttpResponse
from django.http.request import split_domain_port
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext
from django.views.decorators.http import require_safe
from icalendar import Calendar, Event, vDuration
from wagtail.models import Site

from . import conf
from .caching import depend_on, store
from .choices import ScreeningStatus
from .formatting import format_money

CONTENT_TYPE = "text/calendar; charset=utf-8"


def feed_past_days() -> int:
    """How far back a feed reaches, so calendars keep what was just seen."""
    return int(getattr(settings, "PROGRAMME_ICS_PAST_DAYS", 30))


def feed_max_events() -> int:
    """The most events one feed carries, nearest first."""
    return int(getattr(settings, "PROGRAMME_ICS_MAX_EVENTS", 2000))


def feed_refresh() -> datetime.timedelta:
    """How often subscribers are asked to fetch a feed again."""
    return datetime.timedelta(hours=int(getattr(settings, "PROGRAMME_ICS_REFRESH_HOURS", 6)))


def feed_window(occurrences, now: datetime.datetime | None = None):
    """Shows from ``feed_past_days`` ago up to the expansion horizon, capped, by start."""
    now = now or timezone.now()
    first = now - datetime.timedelta(days=feed_past_days())
    last = now + datetime.timedelta(days=conf.occurrence_horizon_days())
    return occurrences.filter(start__gte=first, start__lte=last).order_by("start", "pk")[
        : feed_max_events()
    ]


def site_hostname(request) -> str:
    """The Wagtail site's host name (stable for UIDs), else the request's."""
    site = Site.find_for_request(request) if request is not None else None
    if site is not None and site.hostname and site.hostname != "*":
        return site.hostname
    if request is not None:
        domain, _port = split_domain_port(request.get_host())
        return domain.strip("[]") or "localhost"
    return "localhost"


def occurrence_uid(occurrence, hostname: str) -> str:
    start = occurrence.start.astimezone(datetime.UTC)
    return f"occurrence-{occurrence.screening_id}-{start:%Y%m%dT%H%M%SZ}@{hostname}"


def summary(occurrence) -> str:
    """The title and what is special about the show, e.g. "Film (World premiere, Q&A …)"."""
    screening = occurrence.screening
    labels = []
    if screening.premiere:
        labels.append(str(screening.get_premiere_display()))
    if screening.live_or_encore:
        labels.append(str(screening.get_live_or_encore_display()))
    if screening.introduced_by:
        labels.append(gettext("introduced by %(name)s") % {"name": screening.introduced_by})
    if screening.q_and_a_with:
        labels.append(gettext("Q&A with %(name)s") % {"name": screening.q_and_a_with})
    if screening.short_before_id:
        labels.append(gettext("with %(title)s") % {"title": screening.short_before.title})
    text = screening.title
    if labels:
        text = f"{text} ({', '.join(labels)})"
    if occurrence.status in (ScreeningStatus.CANCELLED, ScreeningStatus.POSTPONED):
        text = f"{occurrence.get_status_display()}: {text}"
    return text


def location(venue, screen=None) -> str:
    parts = [venue.title]
    if screen is not None:
        parts[0] = f"{venue.title} ({screen.name})"
    parts += [line.strip() for line in venue.street_address.splitlines() if line.strip()]
    parts += [
        " ".join(part for part in [venue.postal_code, venue.locality] if part),
        venue.region,
        venue.country.name if venue.country else "",
    ]
    return ", ".join(part for part in parts if part)


def description(occurrence) -> str:
    screening = occurrence.screening
    lines = []
    if occurrence.status != ScreeningStatus.SCHEDULED:
        status = str(occurrence.get_status_display())
        if screening.status_message:
            status = f"{status}: {screening.status_message}"
        lines.append(status)
    lines += [note for note in (occurrence.note, screening.note) if note]
    if screening.language_description:
        lines.append(screening.language_description)
    flags = [flag.name for flag in screening.access_flags.all()]
    if flags:
        lines.append(gettext("Access: %(flags)s") % {"flags": ", ".join(flags)})
    table = screening.effective_price_table
    if table is not None:
        rows = list(table.rows.all())
        prices = [
            f"{row.label} {format_money(row.amount, table.currency)}"
            + (f" ({row.conditions})" if row.conditions else "")
            for row in rows
        ]
        if prices:
            lines.append(gettext("Prices: %(prices)s") % {"prices": "; ".join(prices)})
    if screening.ticket_url:
        lines.append(gettext("Tickets: %(url)s") % {"url": screening.ticket_url})
    return "\n".join(lines)


def ical_status(occurrence) -> str:
    if occurrence.status == ScreeningStatus.CANCELLED:
        return "CANCELLED"
    if occurrence.status == ScreeningStatus.POSTPONED:
        # It will not happen at this time, and the new one is not known yet.
        return "TENTATIVE"
    return "CONFIRMED"


def last_modified(occurrence) -> datetime.datetime:
    screening = occurrence.screening
    moments = [
        screening.updated_at,
        screening.film.last_published_at,
        screening.venue.last_published_at,
    ]
    return max(moment for moment in moments if moment is not None).astimezone(datetime.UTC)


def occurrence_event(occurrence, *, request, hostname: str) -> Event:
    screening = occurrence.screening
    venue = screening.venue
    modified = last_modified(occurrence).replace(microsecond=0)
    event = Event.new(
        uid=occurrence_uid(occurrence, hostname),
        # Without METHOD, DTSTAMP is when the information last changed (RFC 5545 3.8.7.2).
        stamp=modified,
        last_modified=modified,
        start=occurrence.local_start,
        end=occurrence.local_end,
        summary=summary(occurrence),
        location=location(venue, screening.screen),
        description=description(occurrence) or None,
        status=ical_status(occurrence),
        url=screening.film.get_full_url(request) or None,
    )
    if venue.latitude is not None and venue.longitude is not None:
        event.add("geo", (float(venue.latitude), float(venue.longitude)))
    return event


def build_calendar(
    occurrences: Iterable,
    *,
    request,
    name: str,
    uid: str,
    feed_description: str = "",
    subscription: bool = True,
) -> Calendar:
    """A calendar of the given shows (already fetched ``for_listing``), with its time zones."""
    hostname = site_hostname(request)
    site = Site.find_for_request(request) if request is not None else None
    site_name = (site.site_name if site else "") or hostname
    calendar = Calendar.new(
        prodid=f"-//{site_name}//Film programme//EN",
        name=name,
        description=feed_description or None,
        uid=f"{uid}@{hostname}",
        refresh_interval=feed_refresh() if subscription else None,
    )
    calendar.add("calscale", "GREGORIAN")
    if subscription:
        # RFC 7986 requires the value type on REFRESH-INTERVAL; Outlook reads X-PUBLISHED-TTL.
        calendar["REFRESH-INTERVAL"].params["VALUE"] = "DURATION"
        calendar.add("x-published-ttl", vDuration(feed_refresh()))
    years = set()
    for occurrence in occurrences:
        calendar.add_component(occurrence_event(occurrence, request=request, hostname=hostname))
        years.update({occurrence.local_start.year, occurrence.local_end.year})
    if years:
        # Only the years the events need, not 1970–2038 for every zone.
        calendar.add_missing_timezones(
            first_date=datetime.date(min(years), 1, 1),
            last_date=datetime.date(max(years) + 1, 1, 1),
        )
    return calendar


def filename(*parts: str) -> str:
    return "-".join(slugify(part) for part in parts if part) + ".ics"


# -- responses for the pages' calendar routes ------------------------------------


def _response(calendar, name: str, *, attachment: bool) -> HttpResponse:
    response = HttpResponse(calendar.to_ical(), content_type=CONTENT_TYPE)
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{name}"'
    return response


def _site_name(request) -> str:
    site = Site.find_for_request(request)
    return (site.site_name if site else "") or ""


def feed_response(
    request, occurrences, *, name: str, uid: str, file_name: str, about: str = ""
) -> HttpResponse:
    site_name = _site_name(request)
    shows = list(feed_window(occurrences.for_listing()))
    calendar = build_calendar(
        shows,
        request=request,
        name=f"{name} – {site_name}" if site_name else name,
        uid=uid,
        feed_description=about or gettext("Screenings of %(name)s") % {"name": name},
    )
    return _response(calendar, file_name, attachment=False)


@require_safe
def page_feed(request, page) -> HttpResponse:
    """A film's, venue's or season's feed: the same shows as its page, cached with it."""
    return feed_response(
        request,
        page.calendar_shows(),
        name=page.title,
        uid=f"{page._meta.model_name.removesuffix('page')}-{page.pk}",  # film-12, venue-3
        file_name=filename(page.slug),
    )


@require_safe
def show_download(request, shows, pk: int) -> HttpResponse:
    """ "Add to calendar": one of ``shows`` (a film's)."""
    # Its venue, prices and labels as well as its film: cached like any listing.
    depend_on(request, store.PROGRAMME)
    occurrence = get_object_or_404(shows.for_listing(), pk=pk)
    calendar = build_calendar(
        [occurrence],
        request=request,
        name=occurrence.screening.title,
        uid=f"show-{occurrence.pk}",
        subscription=False,
    )
    name = filename(occurrence.screening.title, f"{occurrence.local_start:%Y-%m-%d-%H%M}")
    return _response(calendar, name, attachment=True)


@require_safe
def programme_feed(request, shows) -> HttpResponse:
    """Every show in the programme (the what's on page's feed): ``shows`` are the public ones."""
    return feed_response(
        request,
        shows,
        name=gettext("Programme"),
        uid="programme",
        file_name="programme.ics",
        about=gettext("Every screening in the programme."),
    )
