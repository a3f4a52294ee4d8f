"""Template tags for programme pages: formatting (see ``programme.formatting``) and JSON-LD."""

import datetime
import json
from decimal import Decimal

from django import template
from django.template.loader import render_to_string
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
    """ "Friday, 4 December 2026"; "Freitag, 4. Dezember 2026" in German."""
    return formatting.format_date(value, "full")


@register.filter
def medium_date(value: datetime.date | None) -> str:
    return formatting.format_date(value, "medium")


@register.filter
def day_month(value: datetime.date | None) -> str:
    """The weekday, day and month: "Friday 4 December"; "Freitag, 4. Dezember" in German."""
    return formatting.format_date_skeleton(value, "MMMMEEEEd")


@register.filter
def short_time(value: datetime.datetime | None) -> str:
    """A wall-clock time already converted to the venue's zone."""
    return formatting.format_time(value)


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


@register.simple_tag(takes_context=True)
def programme_head(context) -> str:
    """The canonical link, Open Graph, JSON-LD and stylesheet for the page in ``context``.

    Put it in any base template's ``<head>``; ``programme/base.html`` also renders it
    in the ``extra_css`` block that ``wagtail start`` sites have. Only the first call
    in a render outputs anything, so a host that does both gets each tag once.
    """
    render_state = context.dicts[0]
    if render_state.get("_programme_head_rendered"):
        return ""
    render_state["_programme_head_rendered"] = True
    return render_to_string(
        "programme/includes/head.html",
        {
            "page": context.get("page"),
            "request": context.get("request"),
            # The JSON-LD lists the shows the page lists, when it has them.
            "upcoming_shows": context.get("upcoming_shows"),
        },
    )
