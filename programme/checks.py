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
