"""Move every open-ended screening's horizon forward; meant for a daily cron job."""

from django.core.management.base import BaseCommand
from tqdm import tqdm

from programme.models import Occurrence, Screening
from programme.recurrence import RuleError


class Command(BaseCommand):
    help = (
        "Regenerate stored shows for screenings whose rule has no end, so that the "
        "programme always reaches PROGRAMME_OCCURRENCE_HORIZON_DAYS ahead. "
        "With --all, regenerate every screening."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--all",
            action="store_true",
            help="Regenerate every screening, not just open-ended ones.",
        )
        parser.add_argument("--quiet-progress", action="store_true", help="No progress bar.")

    def handle(self, *args, **options):
        screenings = Screening.objects.select_related("film", "venue").order_by("pk")
        if not options["all"]:
            # Open-ended rules can only be told apart after parsing, but only rules have them.
            screenings = screenings.exclude(recurrence__isnull=True).exclude(recurrence="")
        created = updated = deleted = failed = 0
        progress = tqdm(
            screenings.iterator(chunk_size=200),
            total=screenings.count(),
            unit="screening",
            disable=options["quiet_progress"],
            file=self.stderr,
        )
        for screening in progress:
            if not options["all"] and not screening.is_open_ended:
                continue
            try:
                c, u, d = Occurrence.objects.regenerate(screening)
            except RuleError as error:
                failed += 1
                self.stderr.write(f"Screening {screening.pk} ({screening}): {error}")
                continue
            created, updated, deleted = created + c, updated + u, deleted + d
        self.stdout.write(
            f"Shows created: {created}, updated: {updated}, removed: {deleted}; "
            f"screenings with rules that need an editor: {failed}"
        )
