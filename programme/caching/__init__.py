"""Public pages, feeds and API responses cached for anonymous readers, never stale.

- ``store``: tag tokens and cached entries (how invalidation works)
- ``dependencies``: which pages show a given object
- ``signals``: the receivers that invalidate on publish, save and delete
- ``middleware``: ``PublicResponseCacheMiddleware``, serving and storing responses

Views opt in by naming what they show: Wagtail pages do so through a
``before_serve_page`` hook, other views with ``cache_public_response``.
"""

from collections.abc import Callable
from functools import wraps

from django.http import HttpRequest

from . import store
from .middleware import depend_on, refuse_sharing

__all__ = ["cache_public_response", "depend_on", "refuse_sharing"]


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
