"""Template tags for programme pages: formatting (see ``programme.formatting``) and JSON-LD."""

import datetime
import json
from decimal import Decimal

from django import template
from django.utils.safestring import mark_safe

from .. import formatting
from .. import structured_data as schema

register = template.Library()


@register.simple_tag
def money(amount: Decimal | None, currency: str) -> str:
    """A price in the active locale; zero reads as "Free"."""
    return formatting.format_money(amount, currency)


@register.filter
def long_date(value: datetime.date | None) -> str:
    return formatting.format_long_date(value)


@register.filter
def medium_date(value: datetime.date | None) -> str:
    return formatting.format_medium_date(value)


@register.filter
def short_time(value: datetime.datetime | None) -> str:
    """A wall-clock time already converted to the venue's zone."""
    return formatting.format_short_time(value)


@register.filter
def runtime(minutes: int | None) -> str:
    return formatting.format_runtime(minutes)


#: Enough upcoming shows for search engines without making pages heavy.
MAX_EVENTS_IN_JSON_LD = 50


def _json_ld(items) -> str:
    text = json.dumps(items, ensure_ascii=False, separators=(",", ":"))
    # "</script>" or "<!--" inside a title must not end the block.
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308


@register.simple_tag(takes_context=True)
def structured_data(context, page) -> str:
    """JSON-LD for a page: breadcrumbs, plus what the page says of itself and its shows.

    A page describes itself through its ``json_ld_items(request, shows)`` method
    (films, venues, seasons and ``ScreeningHostMixin`` pages have one).
    """
    request = context.get("request")
    shows = list(context.get("upcoming_shows") or [])[:MAX_EVENTS_IN_JSON_LD]
    items = [schema.breadcrumb_list(page, request)]
    json_ld_items = getattr(page, "json_ld_items", None)
    if json_ld_items is not None:
        items.extend(json_ld_items(request, shows))
    return _json_ld(items)
