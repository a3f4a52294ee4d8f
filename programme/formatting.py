"""Money, dates and times as readers see them, in the active language's locale (CLDR via babel).

One place for the template filters, the JSON API and the iCal feeds alike, so a
price reads the same on a page, in ``prices.formatted`` and in a calendar
entry. Pure functions: no models, no requests. Language names are in
``languages`` (``language_name``), next to the choices they come from.
"""

import datetime
from decimal import Decimal

from babel.dates import format_date, format_time
from babel.numbers import format_currency
from django.utils.translation import gettext as _

from .languages import current_locale


def format_money(amount: Decimal | None, currency: str) -> str:
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


def format_long_date(value: datetime.date | None) -> str:
    """E.g. "Friday, 27 November 2026"."""
    if not value:
        return ""
    return format_date(value, format="full", locale=current_locale())


def format_medium_date(value: datetime.date | None) -> str:
    """E.g. "27 Nov 2026"."""
    if not value:
        return ""
    return format_date(value, format="medium", locale=current_locale())


def format_short_time(value: datetime.datetime | None) -> str:
    """A wall-clock time already converted to the venue's zone, e.g. "19:30"."""
    if not value:
        return ""
    return format_time(value, format="short", locale=current_locale())


def format_runtime(minutes: int | None) -> str:
    """E.g. "98 min"."""
    if not minutes:
        return ""
    return _("%(minutes)s min") % {"minutes": minutes}
