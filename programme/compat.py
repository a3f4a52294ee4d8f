"""Differences between the Wagtail releases this app supports (7.0 LTS to 8.x), in one place.

Each shim names the Wagtail version it is for, so it can go when that version is dropped.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

import wagtail
from django.conf import settings
from django.db.models import Model, Q, QuerySet

if TYPE_CHECKING:
    from wagtail.models import ReferenceIndex

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


def references_to_in_bulk(objects: list[Model]) -> QuerySet[ReferenceIndex]:
    """The reference index rows pointing at any of ``objects`` (saved instances, any models).

    ``ReferenceIndex.get_references_to_in_bulk`` is new in Wagtail 8; on Wagtail 7
    the same query is built here, one condition per base content type.
    """
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import ReferenceIndex

    if hasattr(ReferenceIndex, "get_references_to_in_bulk"):
        return ReferenceIndex.get_references_to_in_bulk(objects)
    # Wagtail 7.0: the index stores references against the model holding the
    # primary key (the base of a multi-table inheritance chain).
    ids_by_type: dict[int, list[str]] = defaultdict(list)
    for obj in objects:
        base = (obj._meta.get_parent_list() or [type(obj)])[-1]
        content_type = ContentType.objects.get_for_model(base, for_concrete_model=False)
        ids_by_type[content_type.pk].append(str(obj.pk))
    if not ids_by_type:
        return ReferenceIndex.objects.none()
    condition = Q()
    for content_type_id, object_ids in ids_by_type.items():
        condition |= Q(to_content_type_id=content_type_id, to_object_id__in=object_ids)
    return ReferenceIndex.objects.filter(condition)


def get_full_url(request, path: str) -> str:
    """A full URL on the API's base, as Wagtail's API makes them.

    Wagtail 8 moved ``get_full_url`` from ``wagtail.api.v2.utils`` to ``wagtail.api.utils``.
    """
    try:
        from wagtail.api.utils import get_full_url
    except ImportError:  # Wagtail 7.0
        from wagtail.api.v2.utils import get_full_url
    return get_full_url(request, path)


class SubmenuHookMixin:
    """``submenu_hook`` on a viewset group: other apps' menu items join its submenu.

    New in Wagtail 8 (``WagtailMenuRegisterableGroup.submenu_hook``). On Wagtail 7
    the group's submenu is rebuilt here with the same hook; on Wagtail 8 this does nothing.
    """

    submenu_hook: str | None = None

    def get_menu_item(self, order=None):
        item = super().get_menu_item(order)
        if not WAGTAIL_8 and self.submenu_hook:
            from wagtail.admin.menu import Menu

            item.menu = Menu(register_hook_name=self.submenu_hook, items=self.get_submenu_items())
        return item
