"""The app's settings, read lazily so a host site can change them at any time.

Every setting is optional; the defaults suit a single cinema.
"""

import datetime

from django.conf import settings


def occurrence_horizon_days() -> int:
    """How far ahead an open-ended rule is expanded (18 months by default)."""
    return int(getattr(settings, "PROGRAMME_OCCURRENCE_HORIZON_DAYS", 548))


def max_occurrences_per_screening() -> int:
    """A rule producing more dates than this inside the horizon is a form error."""
    return int(getattr(settings, "PROGRAMME_MAX_OCCURRENCES_PER_SCREENING", 1000))


def business_day_starts_at() -> datetime.time:
    """Shows that start before this time belong to the previous evening's programme."""
    value = getattr(settings, "PROGRAMME_BUSINESS_DAY_STARTS_AT", "05:00")
    if isinstance(value, datetime.time):
        return value
    return datetime.time.fromisoformat(value)


def default_runtime_minutes() -> int:
    """Used for an occurrence's end time when neither the film nor the screening says."""
    return int(getattr(settings, "PROGRAMME_DEFAULT_RUNTIME_MINUTES", 120))


def default_currency() -> str:
    return getattr(settings, "PROGRAMME_DEFAULT_CURRENCY", "GBP")
