from django.core.management.base import BaseCommand

from programme.caching import store


class Command(BaseCommand):
    help = (
        "Invalidate every cached page, feed and API response (run after deploying new "
        "templates or code; other cached data, such as sessions, is left alone)."
    )

    def handle(self, *args, **options):
        store.invalidate([store.SITE])
        self.stdout.write("Cached pages invalidated.")
