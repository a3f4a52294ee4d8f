"""Formatting for programme pages: money and dates in the reader's locale (CLDR via babel)."""

import datetime
from decimal import Decimal

from babel.dates import format_date, format_time
from babel.numbers import format_currency
from django import template
from django.utils.translation import gettext as _

from ..languages import current_locale

register = template.Library()


@register.simple_tag
def money(amount: Decimal | None, currency: str) -> str:
    """A price in the active locale; zero reads as "Free"."""
    if amount is None:
        return ""
    if amount == 0:
        return _("Free")
    locale = current_locale()
    if amount == amount.to_integral_value():
        # £15 rather than £15.00, as box offices print it, in the locale's own layout.
        pattern = locale.currency_formats["standard"].pattern.split(";")[0].replace(".00", "")
        return format_currency(
            amount, currency, format=pattern, locale=locale, currency_digits=False
        )
    return format_currency(amount, currency, locale=locale)


@register.filter
def long_date(value: datetime.date | None) -> str:
    if not value:
        return ""
    return format_date(value, format="full", locale=current_locale())


@register.filter
def medium_date(value: datetime.date | None) -> str:
    if not value:
        return ""
    return format_date(value, format="medium", locale=current_locale())


@register.filter
def short_time(value: datetime.datetime | None) -> str:
    """A wall-clock time already converted to the venue's zone."""
    if not value:
        return ""
    return format_time(value, format="short", locale=current_locale())


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
