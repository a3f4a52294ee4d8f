"""Let Wagtail's Editors and Moderators groups work on the programme's snippets.

Wagtail's own migrations create both groups with page permissions (editors
add and edit, moderators also publish) and the moderation workflow; this adds
the snippet permissions an editor needs to keep the programme up to date.
"""

from django.db import migrations

SNIPPET_MODELS = ["screening", "pricetable", "person", "organisation", "accessflag", "occurrence"]
EDITOR_ACTIONS = ["add", "change", "view"]
MODERATOR_ACTIONS = ["add", "change", "delete", "view"]


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    # Django creates permissions after all migrations run; this one needs them now.
    for model in SNIPPET_MODELS:
        content_type, _ = ContentType.objects.get_or_create(app_label="programme", model=model)
        verbose = apps.get_model("programme", model)._meta.verbose_name
        for action in MODERATOR_ACTIONS:
            Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_{model}",
                defaults={"name": f"Can {action} {verbose}"},
            )
    for group_name, actions in [("Editors", EDITOR_ACTIONS), ("Moderators", MODERATOR_ACTIONS)]:
        group, _ = Group.objects.get_or_create(name=group_name)
        codenames = [f"{action}_{model}" for model in SNIPPET_MODELS for action in actions]
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="programme", codename__in=codenames)
        )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="programme")
    for group in Group.objects.filter(name__in=["Editors", "Moderators"]):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("programme", "0002_default_access_flags"),
        ("wagtailcore", "0002_initial_data"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
