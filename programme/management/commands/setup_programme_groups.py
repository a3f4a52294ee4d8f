"""Opt-in: give the site's editor groups the programme's snippet permissions."""

from django.core.management.base import BaseCommand
from django.db import transaction

from programme.permissions import DEFAULT_GROUPS, EDITOR_ACTIONS, grant_group_permissions


class Command(BaseCommand):
    help = (
        "Give the Editors group (add, change, view) and the Moderators group (also delete) "
        "permissions on screenings, price tables, people, organisations, access flags and "
        "shows. Groups that do not exist are created. Safe to run repeatedly."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--group",
            action="append",
            dest="groups",
            metavar="NAME",
            help=(
                "Grant editor permissions (add, change, view) to this group instead of "
                "Editors and Moderators. May be given more than once."
            ),
        )

    def handle(self, *args, groups=None, **options):
        wanted = dict.fromkeys(groups, EDITOR_ACTIONS) if groups else DEFAULT_GROUPS
        with transaction.atomic():
            granted = grant_group_permissions(wanted)
        for name, count in granted.items():
            self.stdout.write(f"{name}: {count} programme permissions")
