"""Labels and access flags a site or an extension app adds without touching this app.

Both are database rows that editors can also add in the admin; this module
lets code declare the ones it relies on, so they exist after ``migrate``::

    # myapp/apps.py
    from programme.registry import register_label

    class MyAppConfig(AppConfig):
        def ready(self):
            register_label("quiz", "Film quiz", "Teams of up to six, answers after the film.")

The settings ``PROGRAMME_EXTRA_LABELS`` and ``PROGRAMME_EXTRA_ACCESS_FLAGS``
(lists of dicts with the same keys) do the same from settings. Rows are
created once and never overwritten, so an editor's rewording survives.

Page models read ``BUILTIN_LABEL_FILTERS``, so this module imports no models:
it names the two it writes by string, through Django's app registry.
"""

from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.db.models import Q


@dataclass(frozen=True)
class LabelSpec:
    slug: str
    name: str
    description: str = ""


@dataclass(frozen=True)
class AccessFlagSpec:
    slug: str
    name: str
    abbreviation: str = ""
    description: str = ""


_labels: dict[str, LabelSpec] = {}
_access_flags: dict[str, AccessFlagSpec] = {}


def register_label(slug: str, name: str, description: str = "") -> LabelSpec:
    spec = LabelSpec(slug, name, description)
    _labels[slug] = spec
    return spec


def register_access_flag(
    slug: str, name: str, abbreviation: str = "", description: str = ""
) -> AccessFlagSpec:
    spec = AccessFlagSpec(slug, name, abbreviation, description)
    _access_flags[slug] = spec
    return spec


def declared_labels() -> list[LabelSpec]:
    from_settings = [LabelSpec(**item) for item in getattr(settings, "PROGRAMME_EXTRA_LABELS", [])]
    return [*_labels.values(), *from_settings]


def declared_access_flags() -> list[AccessFlagSpec]:
    from_settings = [
        AccessFlagSpec(**item) for item in getattr(settings, "PROGRAMME_EXTRA_ACCESS_FLAGS", [])
    ]
    return [*_access_flags.values(), *from_settings]


def ensure_declared_rows(**kwargs) -> None:
    """Create the rows for every declared label and flag (a ``post_migrate`` receiver)."""
    ScreeningLabel = apps.get_model("programme", "ScreeningLabel")
    AccessFlag = apps.get_model("programme", "AccessFlag")
    for label in declared_labels():
        ScreeningLabel.objects.get_or_create(
            slug=label.slug, defaults={"name": label.name, "description": label.description}
        )
    for flag in declared_access_flags():
        AccessFlag.objects.get_or_create(
            slug=flag.slug,
            defaults={
                "name": flag.name,
                "abbreviation": flag.abbreviation,
                "description": flag.description,
            },
        )


#: The labels every screening can carry through its own fields, by the slug that
#: filters use for them (what's on's and the API's ``label=``).
BUILTIN_LABEL_FILTERS: dict[str, Q] = {
    "premiere": ~Q(premiere=""),
    "qa": ~Q(q_and_a_with=""),
    "intro": ~Q(introduced_by=""),
    "live": Q(live_or_encore="live"),
    "encore": Q(live_or_encore="encore"),
    "short": Q(short_before__isnull=False),
}


def label_filter(slug: str) -> Q | None:
    """A filter on Screening for a label slug, built-in or a row; None if unknown."""
    if slug in BUILTIN_LABEL_FILTERS:
        return BUILTIN_LABEL_FILTERS[slug]
    if apps.get_model("programme", "ScreeningLabel").objects.filter(slug=slug).exists():
        return Q(labels__slug=slug)
    return None
