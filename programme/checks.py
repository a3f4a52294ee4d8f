"""System checks: misconfiguration shows at start-up, not on an editor's first save."""

from django.apps import apps
from django.core import checks


@checks.register()
def check_required_apps(app_configs, **kwargs):
    required = {
        "recurrence": "django-recurrence stores screening rules",
        "django_countries": "django-countries lists production countries",
        "wagtail.contrib.routable_page": "the what's-on page has sub-URLs",
        "wagtail_modeladmin": "the programme calendar is a ModelAdmin",
    }
    return [
        checks.Error(
            f"Add '{app}' to INSTALLED_APPS: {why}.",
            id="programme.E001",
        )
        for app, why in required.items()
        if not apps.is_installed(app)
    ]


@checks.register()
def check_settings(app_configs, **kwargs):
    from . import conf

    errors = []
    try:
        conf.business_day_starts_at()
    except (TypeError, ValueError):
        errors.append(
            checks.Error(
                "PROGRAMME_BUSINESS_DAY_STARTS_AT must be a time such as '05:00'.",
                id="programme.E002",
            )
        )
    for name, reader in [
        ("PROGRAMME_OCCURRENCE_HORIZON_DAYS", conf.occurrence_horizon_days),
        ("PROGRAMME_MAX_OCCURRENCES_PER_SCREENING", conf.max_occurrences_per_screening),
    ]:
        try:
            if reader() < 1:
                raise ValueError
        except (TypeError, ValueError):
            errors.append(
                checks.Error(f"{name} must be a positive whole number.", id="programme.E003")
            )
    return errors


#: Cache backends that keep entries inside one process: another worker never
#: sees an invalidation, so it would serve a stale page until the entry expires.
PER_PROCESS_CACHES = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)
CACHE_MIDDLEWARE = "programme.caching.middleware.PublicResponseCacheMiddleware"


@checks.register(checks.Tags.caches)
def check_page_cache(app_configs, **kwargs):
    """The page cache is opt-in; when a site turns it on, it must work across workers."""
    from django.conf import settings

    from . import conf

    if not conf.page_cache_enabled():
        return []
    warnings = []
    if CACHE_MIDDLEWARE not in settings.MIDDLEWARE:
        warnings.append(
            checks.Warning(
                "PROGRAMME_PAGE_CACHE is on, but nothing is cached without the middleware.",
                hint=f"Add '{CACHE_MIDDLEWARE}' to MIDDLEWARE after SessionMiddleware.",
                id="programme.W001",
            )
        )
    alias = conf.page_cache_alias()
    backend = settings.CACHES.get(alias, {}).get("BACKEND", "")
    if backend in PER_PROCESS_CACHES:
        warnings.append(
            checks.Warning(
                f"The page cache ('{alias}': {backend}) is not shared between workers: "
                "one worker's invalidation never reaches another's copy.",
                hint="Use a shared cache (Redis, Memcached, the database or files) "
                "or set PROGRAMME_PAGE_CACHE_ALIAS to one.",
                id="programme.W002",
            )
        )
    return warnings
