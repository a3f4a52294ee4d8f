"""Calendar downloads: one show's .ics, and feeds per film, venue, season and programme.

The pages serve them as routes (``programme.models.feeds``); these functions
build the responses. Only shows of live films at live venues, outside any
password or login, are ever served.
"""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext
from django.views.decorators.http import require_safe
from wagtail.models import Site

from . import calendar as ics
from .caching import depend_on, store
from .models import Occurrence


def _response(calendar, name: str, *, attachment: bool) -> HttpResponse:
    response = HttpResponse(calendar.to_ical(), content_type=ics.CONTENT_TYPE)
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{name}"'
    return response


def _site_name(request) -> str:
    site = Site.find_for_request(request)
    return (site.site_name if site else "") or ""


def _feed(
    request, occurrences, *, name: str, uid: str, file_name: str, about: str = ""
) -> HttpResponse:
    site_name = _site_name(request)
    shows = list(ics.feed_window(occurrences.for_listing()))
    calendar = ics.build_calendar(
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
    return _feed(
        request,
        page.calendar_shows(),
        name=page.title,
        uid=f"{page._meta.model_name.removesuffix('page')}-{page.pk}",  # film-12, venue-3
        file_name=ics.filename(page.slug),
    )


@require_safe
def show_download(request, shows, pk: int) -> HttpResponse:
    """ "Add to calendar": one of ``shows`` (a film's)."""
    # Its venue, prices and labels as well as its film: cached like any listing.
    depend_on(request, store.PROGRAMME)
    occurrence = get_object_or_404(shows.for_listing(), pk=pk)
    calendar = ics.build_calendar(
        [occurrence],
        request=request,
        name=occurrence.screening.title,
        uid=f"show-{occurrence.pk}",
        subscription=False,
    )
    name = ics.filename(occurrence.screening.title, f"{occurrence.local_start:%Y-%m-%d-%H%M}")
    return _response(calendar, name, attachment=True)


@require_safe
def programme_feed(request) -> HttpResponse:
    """Every show in the programme (the what's on page's feed)."""
    return _feed(
        request,
        Occurrence.objects.public(),
        name=gettext("Programme"),
        uid="programme",
        file_name="programme.ics",
        about=gettext("Every screening in the programme."),
    )
