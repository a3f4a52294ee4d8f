"""Build a believable demo programme; running it again updates rather than duplicates."""

from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = (
        "Create or update the demo programme: films, people, venues, seasons, price tables "
        "and screenings in the coming weeks. Safe to run repeatedly."
    )

    def handle(self, *args, **options):
        from programme.demo.builder import DemoBuilder

        with transaction.atomic():
            summary = DemoBuilder(log=self.stdout.write).build()
        self.stdout.write(self.style.SUCCESS("Demo programme ready: " + summary))
