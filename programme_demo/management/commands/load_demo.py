"""Build a believable demo programme; running it again updates rather than duplicates."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.models import Page

from programme_demo.builder import DemoBuilder


class Command(BaseCommand):
    help = (
        "Create or update the demo programme: films, people, venues, seasons, price tables "
        "and screenings in the coming weeks, under the default Site's root page. "
        "Safe to run repeatedly. The host's own pages are only changed with --set-site-name."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--parent",
            type=int,
            help="ID of the page to build under (default: the default Site's root page).",
        )
        parser.add_argument(
            "--set-site-name",
            action="store_true",
            help="Also name the default Site and retitle (and publish) its root page "
            "as the demo cinema.",
        )

    def handle(self, *args, parent=None, set_site_name=False, **options):
        parent_page = None
        if parent is not None:
            parent_page = Page.objects.filter(pk=parent).first()
            if parent_page is None:
                raise CommandError(f"No page with ID {parent}.")
        with transaction.atomic():
            summary = DemoBuilder(log=self.stdout.write).build(
                parent=parent_page, set_site_name=set_site_name
            )
        self.stdout.write(self.style.SUCCESS("Demo programme ready: " + summary))
