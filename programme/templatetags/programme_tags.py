"""Template tags for programme pages; money and dates come from ``programme.formatting``."""

import datetime
from decimal import Decimal

from django import template
from django.utils.translation import gettext as _

from .. import formatting

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
    if not minutes:
        return ""
    return _("%(minutes)s min") % {"minutes": minutes}


#: Enough upcoming shows for search engines without making pages heavy.
MAX_EVENTS_IN_JSON_LD = 50


def _json_ld(items) -> str:
    import json

    from django.utils.safestring import mark_safe

    text = json.dumps(items, ensure_ascii=False, separators=(",", ":"))
    # "</script>" or "<!--" inside a title must not end the block.
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308


@register.simple_tag(takes_context=True)
def structured_data(context, page) -> str:
    """JSON-LD for a programme page: breadcrumbs plus its Movie, venue or season, and shows."""
    from .. import structured_data as schema
    from ..models import FilmPage, ScreeningHostMixin, SeasonPage, VenuePage

    request = context.get("request")
    shows = list(context.get("upcoming_shows") or [])[:MAX_EVENTS_IN_JSON_LD]
    items = [schema.breadcrumb_list(page, request)]
    if isinstance(page, FilmPage):
        items.append(schema.movie(page, request, full=True))
        items.extend(schema.screening_event(show, request) for show in shows)
    elif isinstance(page, VenuePage):
        items.append(schema.movie_theater(page, request, full=True))
        items.extend(schema.screening_event(show, request) for show in shows)
    elif isinstance(page, SeasonPage):
        items.append(schema.event_series(page, request, shows))
    elif isinstance(page, ScreeningHostMixin):
        items.extend(page.json_ld_items(request, shows))
    return _json_ld(items)


@register.simple_tag(takes_context=True)
def programme_head(context) -> str:
    """The canonical link, Open Graph, JSON-LD and stylesheet for the page in ``context``.

    Put it in any base template's ``<head>``; ``programme/base.html`` also renders it
    in the ``extra_css`` block that ``wagtail start`` sites have. Only the first call
    in a render outputs anything, so a host that does both gets each tag once.
    """
    from django.template.loader import render_to_string

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
