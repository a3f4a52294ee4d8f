"""Permanent redirects from the addresses ``programme.urls`` used to serve (see there)."""

from urllib.parse import unquote, urlsplit

from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext
from django.views.decorators.http import require_safe
from wagtail.views import serve

from .models import FilmPage, Occurrence, Person, SeasonPage, VenuePage, WhatsOnPage


def _redirect(url: str) -> HttpResponsePermanentRedirect:
    if not url:
        raise Http404(gettext("There is nothing at this address any more."))
    return HttpResponsePermanentRedirect(url)


def _page(model, key: str):
    """A live, public page by id or by slug, as the old feed addresses named them."""
    pages = model.objects.live().public()
    page = pages.filter(pk=int(key)).first() if key.isdigit() and len(key) < 19 else None
    if page is None:
        page = pages.filter(slug=key).order_by("pk").first()
    if page is None:
        raise Http404(gettext("No such page."))
    return page


def _calendar_url(request, page) -> str:
    url = page.get_url(request)
    return url + page.reverse_subpage("calendar") if url else ""


@require_safe
def person(request, slug: str):
    from .models.people_index import person_url

    target = person_url(slug)
    if target and unquote(urlsplit(target).path) == request.path:
        # The people index sits where the old route did (``/people/``): this is the
        # new address, so Wagtail serves it rather than a redirect to itself.
        return serve(request, request.path_info.lstrip("/"))
    get_object_or_404(Person, slug=slug)
    return _redirect(target)


@require_safe
def show_calendar(request, pk: int):
    occurrence = get_object_or_404(
        Occurrence.objects.public().select_related("screening__film"), pk=pk
    )
    film = occurrence.screening.film
    url = film.get_url(request)
    return _redirect(url + film.reverse_subpage("show-calendar", args=[pk]) if url else "")


@require_safe
def film_calendar(request, key: str):
    return _redirect(_calendar_url(request, _page(FilmPage, key)))


@require_safe
def venue_calendar(request, key: str):
    return _redirect(_calendar_url(request, _page(VenuePage, key)))


@require_safe
def season_calendar(request, key: str):
    return _redirect(_calendar_url(request, _page(SeasonPage, key)))


@require_safe
def programme_calendar(request):
    whats_on = WhatsOnPage.objects.listable().order_by("path").first()
    return _redirect(_calendar_url(request, whats_on) if whats_on else "")
