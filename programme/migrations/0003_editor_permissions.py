"""Formerly granted the programme's snippet permissions to Editors and Moderators.

A plugin must not edit a host's groups in a migration, so this is a no-op now:
sites that applied it keep their permissions, and new sites opt in with
``manage.py setup_programme_groups`` (``programme.permissions``).
"""

from django.db import migrations

class Migration(migrations.Migration):
    dependencies = [
        ("programme", "0002_default_access_flags"),
        ("wagtailcore", "0002_initial_data"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop)]
