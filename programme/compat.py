"""Differences between the Wagtail releases this app supports (7.0 LTS to 8.x), in one place.

Each shim names the Wagtail version it is for, so it can go when that version is dropped.
"""

import wagtail
from django.conf import settings

WAGTAIL_VERSION = wagtail.VERSION[:2]
WAGTAIL_8 = WAGTAIL_VERSION >= (8, 0)


def ensure_page_model_setting() -> None:
    """Give ``settings.WAGTAIL_PAGE_MODEL`` its default on Wagtail 7.

    Wagtail 8 made ``Page`` swappable, so migrations made under it point page
    parents at ``settings.WAGTAIL_PAGE_MODEL``; Wagtail 8 (through swapper) sets
    that attribute to "wagtailcore.Page" when the host leaves it out. Wagtail 7
    has no such setting and never reads it: setting the same default lets the
    same migration files load on both.
    """
    if not WAGTAIL_8 and not hasattr(settings, "WAGTAIL_PAGE_MODEL"):
        settings.WAGTAIL_PAGE_MODEL = "wagtailcore.Page"
