"""Where the programme's top-level pages may live in a host's page tree."""

from __future__ import annotations

from django.core.signals import setting_changed
from django.dispatch import receiver

from .. import conf


class ConfigurableParentPageTypes:
    """A ``parent_page_types`` that a site sets in ``PROGRAMME_PARENT_PAGE_TYPES``.

    The plugin cannot know a host's home page model, so its top-level pages
    (what's on, the film, venue, season, people and article indexes) may go under
    any page unless the site narrows it. Read when Wagtail first asks, never at
    import time.
    """

    def __get__(self, instance, owner: type) -> list[str] | None:
        return conf.parent_page_types(owner.__name__)


@receiver(setting_changed)
def forget_parent_page_types(*, setting: str, **kwargs) -> None:
    # Wagtail caches each page type's resolved parents on the class.
    if setting == "PROGRAMME_PARENT_PAGE_TYPES":
        from wagtail.models import get_page_models

        for model in get_page_models():
            model._clean_parent_page_models = None
