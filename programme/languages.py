"""Language, currency and time-zone choices from maintained data.

CLDR names come from babel and IANA zones from zoneinfo: nothing is typed in by hand.
"""

import functools
import zoneinfo

from babel import Locale

from .formatting import active_locale as current_locale  # noqa: F401  (its old home)


@functools.cache
def _language_names() -> dict[str, str]:
    names = Locale("en").languages
    # Two- and three-letter ISO 639 codes only: no scripts, regions or collective codes.
    return {code: name for code, name in names.items() if "_" not in code and len(code) <= 3}


def language_choices() -> list[tuple[str, str]]:
    return sorted(_language_names().items(), key=lambda item: item[1])


def language_name(code: str) -> str:
    if not code:
        return ""
    return current_locale().languages.get(code) or _language_names().get(code, code)


@functools.cache
def _currency_names() -> dict[str, str]:
    from babel.numbers import list_currencies

    names = Locale("en").currencies
    return {code: names.get(code, code) for code in sorted(list_currencies()) if len(code) == 3}


def currency_choices() -> list[tuple[str, str]]:
    return [(code, f"{code} — {name}") for code, name in _currency_names().items()]


@functools.cache
def _time_zones() -> tuple[str, ...]:
    return tuple(sorted(tz for tz in zoneinfo.available_timezones() if "/" in tz or tz == "UTC"))


def time_zone_choices() -> list[tuple[str, str]]:
    return [(tz, tz.replace("_", " ")) for tz in _time_zones()]
