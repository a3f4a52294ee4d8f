"""Money, dates and language names in the reader's language, from CLDR through babel.

Pure functions that import no models: templates (through ``programme_tags``), the
API and the iCal feeds all format the same way. The locale is the active Django
language (``de`` gives "8,50 €" and "Freitag, 4. Dezember 2026"), read on every
call, so ``translation.override`` and ``LocaleMiddleware`` both apply.
"""

from __future__ import annotations

import datetime
import functools
import re
from decimal import Decimal

from babel import Locale, UnknownLocaleError
from babel import dates as babel_dates
from babel.numbers import format_currency, format_decimal
from django.utils.translation import get_language
from django.utils.translation import gettext as _

__all__ = [
    "active_locale",
    "format_date",
    "format_date_skeleton",
    "format_money",
    "format_number",
    "format_time",
    "language_name",
]

FALLBACK_LOCALE = "en"


@functools.cache
def _parse_locale(code: str) -> Locale:
    """``en-gb`` → en_GB, ``zh-hans`` → zh_Hans; an unknown region falls back to its language."""
    for candidate in (code, code.split("-")[0], FALLBACK_LOCALE):
        try:
            return Locale.parse(candidate, sep="-")
        except (UnknownLocaleError, ValueError, TypeError):
            continue
    return Locale(FALLBACK_LOCALE)


def active_locale() -> Locale:
    """The babel locale for the active Django language (English when none is active)."""
    return _parse_locale((get_language() or FALLBACK_LOCALE).lower())


def format_money(amount: Decimal | None, currency: str) -> str:
    """A price in the active locale: "£15", "£7.50", "8,50 €"; zero reads as "Free"."""
    if amount is None:
        return ""
    if amount == 0:
        return _("Free")
    locale = active_locale()
    if amount == amount.to_integral_value():
        # £15 rather than £15.00, as box offices print it, in the locale's own layout.
        pattern = locale.currency_formats["standard"].pattern.split(";")[0].replace(".00", "")
        return format_currency(
            amount, currency, format=pattern, locale=locale, currency_digits=False
        )
    return format_currency(amount, currency, locale=locale)


def format_number(value: int | Decimal) -> str:
    """A number with the locale's grouping: "1,000"; "1.000" in German."""
    return format_decimal(value, locale=active_locale())


def format_date(value: datetime.date | None, style: str = "full") -> str:
    """A date in one of CLDR's styles: "full" (with the weekday), "long", "medium", "short"."""
    if not value:
        return ""
    return babel_dates.format_date(value, format=style, locale=active_locale())


def format_date_skeleton(value: datetime.date | None, skeleton: str) -> str:
    """A date from a CLDR skeleton, in the locale's own order, punctuation and words.

    ``"MMMMEEEEd"`` gives "Friday 4 December" in en-GB and "Freitag, 4. Dezember" in de;
    ``"yMMMMd"`` gives "4 December 2026" and "4. Dezember 2026".
    """
    if not value:
        return ""
    locale = active_locale()
    return babel_dates.format_date(value, format=_skeleton_pattern(locale, skeleton), locale=locale)


@functools.cache
def _skeleton_pattern(locale: Locale, skeleton: str) -> str:
    """The locale's pattern for a skeleton, its fields widened to the widths asked for.

    CLDR lists "MMMMEd" but not "MMMMEEEEd", and babel's fuzzy match keeps the listed
    widths ("Fr., 4. Dezember"); ICU widens them, and so does this.
    """
    skeletons = locale.datetime_skeletons
    key = babel_dates.match_skeleton(skeleton, skeletons)
    if key is None:
        return locale.date_formats["long"].pattern
    pattern = skeletons[key].pattern
    # Weekdays are always words (E is EEE); months only widen when already words.
    widen = {"E": ("E+", skeleton.count("E")), "M": ("M{3,}", skeleton.count("M"))}
    parts = pattern.split("'")
    for index in range(0, len(parts), 2):  # even parts are outside 'quoted literals'
        for letter, (field, width) in widen.items():
            if width >= 4:
                parts[index] = re.sub(field, letter * width, parts[index])
    return "'".join(parts)


def format_time(value: datetime.datetime | datetime.time | None) -> str:
    """A wall-clock time, already in the venue's zone: "19:30"."""
    if not value:
        return ""
    return babel_dates.format_time(value, format="short", locale=active_locale())


def format_runtime(minutes: int | None) -> str:
    """A film's length: "98 min"."""
    if not minutes:
        return ""
    return _("%(minutes)s min") % {"minutes": minutes}


def language_name(code: str) -> str:
    """A language's name in the active locale: ``ru`` is "Russian", or "Russisch" in de."""
    from .languages import language_name as _language_name

    return _language_name(code)
