"""Calendar downloads: one show's .ics, and feeds per film, venue, season and programme.

Films, venues and seasons are found by page id or by slug; only live pages,
and only shows of live films at live venues, are ever served.
"""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext
from django.views.decorators.http import require_safe
from wagtail.models import Site

from . import calendar as ics
from .caching import cache_public_response, depend_on, store
from .models import FilmPage, Occurrence, Screening, SeasonPage, VenuePage


def _response(calendar, name: str, *, attachment: bool) -> HttpResponse:
    response = HttpResponse(calendar.to_ical(), content_type=ics.CONTENT_TYPE)
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{name}"'
    return response


def _page(model, key: str):
    # Never a draft's or a password-protected page's shows.
    pages = model.objects.live().public()
    page = pages.filter(pk=int(key)).first() if key.isdigit() and len(key) < 19 else None
    if page is None:
        page = pages.filter(slug=key).order_by("pk").first()
    if page is None:
        raise Http404(gettext("No such page."))
    return page


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
@cache_public_response()
def occurrence_ics(request, pk: int):
    """ "Add to calendar": one show."""
    occurrence = get_object_or_404(Occurrence.objects.public().for_listing(), pk=pk)
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
def film_feed(request, key: str):
    film = _page(FilmPage, key)
    depend_on(request, store.page_tag(film.pk))  # the same shows as its page
    shows = Occurrence.objects.public().filter(screening__film=film)
    return _feed(
        request, shows, name=film.title, uid=f"film-{film.pk}", file_name=ics.filename(film.slug)
    )


@require_safe
def venue_feed(request, key: str):
    venue = _page(VenuePage, key)
    depend_on(request, store.page_tag(venue.pk))  # the same shows as its page
    shows = Occurrence.objects.public().filter(screening__venue=venue)
    return _feed(
        request,
        shows,
        name=venue.title,
        uid=f"venue-{venue.pk}",
        file_name=ics.filename(venue.slug),
    )


@require_safe
def season_feed(request, key: str):
    """A season's shows, its strands' included."""
    season = _page(SeasonPage, key)
    depend_on(request, store.page_tag(season.pk))  # the same shows as its page
    shows = Occurrence.objects.public().filter(
        screening__in=Screening.objects.filter(seasons__in=season.season_ids)
    )
    return _feed(
        request,
        shows,
        name=season.title,
        uid=f"season-{season.pk}",
        file_name=ics.filename(season.slug),
    )


@require_safe
@cache_public_response()
def programme_feed(request):
    return _feed(
        request,
        Occurrence.objects.public(),
        name=gettext("Programme"),
        uid="programme",
        file_name="programme.ics",
        about=gettext("Every screening in the programme."),
    )
