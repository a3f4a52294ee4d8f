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


def page_cache_enabled() -> bool:
    """Whether public pages, feeds and API responses are served from the cache (opt-in)."""
    return bool(getattr(settings, "PROGRAMME_PAGE_CACHE", False))


def page_cache_alias() -> str:
    """Which of ``CACHES`` holds pages; it must be shared by every app server."""
    return getattr(settings, "PROGRAMME_PAGE_CACHE_ALIAS", "default")


def page_cache_timeout() -> int:
    """The longest a cached page lives, in seconds, even if nothing it shows changes."""
    return int(getattr(settings, "PROGRAMME_PAGE_CACHE_TIMEOUT", 600))


def parent_page_types(model_name: str) -> list[str] | None:
    """Where a top-level programme page (``WhatsOnPage``, ``FilmIndexPage``…) may be created.

    ``PROGRAMME_PARENT_PAGE_TYPES`` maps a model name to Wagtail ``parent_page_types``
    (``{"WhatsOnPage": ["home.HomePage"]}``); a page type it does not name may go
    under any page, as Wagtail's own default does.
    """
    configured = getattr(settings, "PROGRAMME_PARENT_PAGE_TYPES", None) or {}
    value = configured.get(model_name)
    return list(value) if value is not None else None
