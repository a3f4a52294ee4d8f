"""Public pages, feeds and API responses cached for anonymous readers, never stale.

- ``store``: tag tokens and cached entries (how invalidation works)
- ``dependencies``: which pages show a given object
- ``signals``: the receivers that invalidate on publish, save and delete
- ``middleware``: ``PublicResponseCacheMiddleware``, serving and storing responses

This package's ``__init__`` and ``store`` import no models (page models use
them); ``dependencies``, ``signals`` and ``middleware`` query the programme.

Views opt in by naming what they show: Wagtail pages do so through a
``before_serve_page`` hook, other views with ``cache_public_response``.
"""

from collections.abc import Callable
from functools import wraps

from django.http import HttpRequest

from . import store

__all__ = ["cache_public_response", "depend_on", "refuse_sharing"]


def depend_on(request: HttpRequest, *tags: str) -> None:
    """Declare that this request's response shows what ``tags`` name, making it cacheable."""
    recorder = getattr(request, "programme_cache", None)
    if recorder is not None:
        recorder.depend_on(store.SITE, *tags)


def refuse_sharing(request: HttpRequest) -> None:
    """This request's response must not be shared (e.g. a page behind a password)."""
    recorder = getattr(request, "programme_cache", None)
    if recorder is not None:
        recorder.refuse()


def cache_public_response(
    tags: Callable[..., list[str]] | None = None,
) -> Callable:
    """Make a view's anonymous GET responses cacheable.

    ``tags(request, *args, **kwargs)`` names what the response shows beyond
    the programme as a whole; without it the response goes with any change.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs):
            depend_on(request, store.PROGRAMME, *(tags(request, *args, **kwargs) if tags else []))
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
