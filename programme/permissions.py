"""Snippet permissions for a site's editor groups, granted only when a site asks.

Wagtail's own migrations create the Editors and Moderators groups with page
permissions. A plugin must not change a host's groups behind its back, so the
programme's snippet permissions are granted by ``manage.py
setup_programme_groups`` (or by calling ``grant_group_permissions``), never by a
migration.
"""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType

#: Snippets an editor keeps up to date, by model name in the ``programme`` app.
SNIPPET_MODELS = ["screening", "pricetable", "person", "organisation", "accessflag", "occurrence"]
EDITOR_ACTIONS = ["add", "change", "view"]
MODERATOR_ACTIONS = ["add", "change", "delete", "view"]
DEFAULT_GROUPS = {"Editors": EDITOR_ACTIONS, "Moderators": MODERATOR_ACTIONS}


def grant_group_permissions(groups: dict[str, list[str]] | None = None) -> dict[str, int]:
    """Give each named group (created if missing) the listed actions on the snippets.

    Returns how many permissions each group holds on the programme's snippets.
    Running it again changes nothing.
    """
    groups = DEFAULT_GROUPS if groups is None else groups
    content_types = ContentType.objects.filter(app_label="programme", model__in=SNIPPET_MODELS)
    granted = {}
    for name, actions in groups.items():
        group, _ = Group.objects.get_or_create(name=name)
        codenames = [f"{action}_{model}" for model in SNIPPET_MODELS for action in actions]
        permissions = Permission.objects.filter(
            content_type__in=content_types, codename__in=codenames
        )
        group.permissions.add(*permissions)
        granted[name] = group.permissions.filter(content_type__in=content_types).count()
    return granted
