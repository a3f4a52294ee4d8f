"""Serve anonymous readers from the cache; everyone else, fresh.

A response is stored only when what rendered it said what it depends on
(``depend_on``): Wagtail pages through a ``before_serve_page`` hook, feeds and
the API through ``cache_public_response``. Anything else passes through.
"""

import datetime
import hashlib
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control, set_response_etag
from django.utils.http import http_date

from .. import conf
from ..models import Occurrence
from ..models.whats_on import current_business_date
from . import store

CACHE_STATUS_HEADER = "X-Programme-Cache"


def is_shared_request(request: HttpRequest) -> bool:
    """A request whose answer is the same for every anonymous reader.

    A session cookie means an editor (or a reader past a page password): their
    pages carry the userbar, drafts or private content and are never shared.
    """
    return (
        conf.page_cache_enabled()
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


def next_programme_change(now: datetime.datetime | None = None) -> datetime.datetime:
    """When pages next change without anyone saving: a show ends or a programme day starts."""
    now = now or timezone.now()
    programme_token = store.current_tokens([store.PROGRAMME])[store.PROGRAMME]
    stored = store.cache().get(store.NEXT_CHANGE_KEY)
    if stored and stored["token"] == programme_token and stored["at"] > now:
        return stored["at"]

    candidates = [
        now + datetime.timedelta(seconds=conf.page_cache_timeout()),
        datetime.datetime.combine(
            current_business_date(now) + datetime.timedelta(days=1),
            conf.business_day_starts_at(),
            tzinfo=timezone.get_default_timezone(),
        ),
    ]
    next_end = (
        Occurrence.objects.filter(end__gt=now).order_by("end").values_list("end", flat=True).first()
    )
    if next_end is not None:
        candidates.append(next_end)
    at = min(candidates)
    store.cache().set(
        store.NEXT_CHANGE_KEY,
        {"token": programme_token, "at": at},
        timeout=max(1, int((at - now).total_seconds())),
    )
    return at


def _key(request: HttpRequest) -> str:
    # Accept chooses between the API's JSON and its browsable HTML for one URL, and
    # the language LocaleMiddleware (which runs after this) will choose, its words.
    accept = request.headers.get("Accept", "")
    language = translation.get_language_from_request(request)
    url = f"{request.get_host()}{request.get_full_path()} {accept} {language}"
    return hashlib.sha256(url.encode()).hexdigest()


def _storable(request: HttpRequest, response: HttpResponse) -> bool:
    return (
        request.method == "GET"
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in response.get("Cache-Control", "")
    )


def _mark_public(response: HttpResponse, expires: datetime.datetime, tags) -> None:
    # Browsers revalidate every time (a cheap 304). A CDN purged by Wagtail's
    # frontend cache may keep a detail page until its next programme change;
    # listings change with anything, so only this server's cache keeps them.
    directives = {"public": True, "max_age": 0, "must_revalidate": True}
    if getattr(settings, "WAGTAILFRONTENDCACHE", None) and store.PROGRAMME not in tags:
        directives["s_maxage"] = max(0, int((expires - timezone.now()).total_seconds()))
    patch_cache_control(response, **directives)


class PublicResponseCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not is_shared_request(request):
            response = self.get_response(request)
            if request.COOKIES.get(settings.SESSION_COOKIE_NAME) and not response.has_header(
                "Cache-Control"
            ):
                patch_cache_control(response, private=True, no_cache=True)
            return response

        key = _key(request)
        cached = store.load(key)
        if cached is not None:
            cached[CACHE_STATUS_HEADER] = "hit"
            return cached

        request.programme_cache = store.Recorder()
        response = self.get_response(request)
        recorder = request.programme_cache
        if recorder.wants_storing and _storable(request, response):
            expires = next_programme_change()
            set_response_etag(response)
            response["Last-Modified"] = http_date()
            _mark_public(response, expires, recorder.tokens)
            store.save(key, response, recorder.tokens, expires)
            response[CACHE_STATUS_HEADER] = "miss"
        return response
