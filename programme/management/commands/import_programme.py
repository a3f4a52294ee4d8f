"""Import people, films and screenings from CSV or JSON files, all or nothing."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from programme.interchange import InterchangeError, Report, Source, import_programme
from programme.interchange.importers import KINDS
from programme.models import FilmIndexPage


class Command(BaseCommand):
    help = (
        "Import people, films and screenings from CSV or JSON files (see docs/interchange.md). "
        "Records are matched by external ID, so importing a file again updates instead of "
        "duplicating. Any problem in any file: nothing is written, and every problem is listed "
        "with its file and line."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE", help="CSV or JSON files.")
        parser.add_argument(
            "--kind",
            choices=KINDS,
            help="What a CSV file or a JSON list holds, when its header does not tell.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Check the files and report what would change, without writing anything.",
        )
        parser.add_argument(
            "--film-index",
            type=int,
            metavar="PAGE_ID",
            help="The film index page new films go under (default: the default site's).",
        )
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args, **options):
        sources = [self._source(path, options["kind"]) for path in options["files"]]
        film_index = None
        if options["film_index"]:
            film_index = FilmIndexPage.objects.filter(pk=options["film_index"]).first()
            if film_index is None:
                raise CommandError(f"No film index page has the ID {options['film_index']}.")
        show_progress = (
            not options["no_progress"] and options["verbosity"] > 0 and self.stderr.isatty()
        )
        try:
            report = import_programme(
                sources,
                dry_run=options["dry_run"],
                film_index=film_index,
                progress=self._progress if show_progress else _quiet,
            )
        except InterchangeError as error:
            raise CommandError(error.summary()) from None
        if options["verbosity"] > 0:
            self._print(report, detail=options["dry_run"] or options["verbosity"] > 1)

    def _source(self, path: str, kind: str | None) -> Source:
        file = Path(path)
        try:
            return Source(name=file.name, content=file.read_bytes(), kind=kind)
        except OSError as error:
            raise CommandError(f"{path}: {error.strerror}.") from None

    def _progress(self, iterable, description: str, total: int):
        return tqdm(
            iterable, desc=description, total=total, unit="record", file=_Unended(self.stderr)
        )

    def _print(self, report: Report, *, detail: bool) -> None:
        if report.dry_run:
            self.stdout.write("Dry run: nothing was written.")
        words = ("to create", "to update") if report.dry_run else ("created", "updated")
        counts = report.counts()
        for kind in KINDS:
            if kind in counts:
                count = counts[kind]
                self.stdout.write(
                    f"{kind}: {count['create']} {words[0]}, {count['update']} {words[1]}, "
                    f"{count['unchanged']} unchanged"
                )
        if not counts:
            self.stdout.write("The files hold no records.")
        if detail:
            for record in report.changed():
                self.stdout.write(f"  {record.action} {record}")
                for change in record.changes:
                    self.stdout.write(f"      {change.column}: {change.old} → {change.new}")
        for note in report.notes:
            self.stdout.write(self.style.WARNING(f"Note: {note}"))
        if not report.dry_run:
            self.stdout.write(self.style.SUCCESS("Import complete."))


def _quiet(iterable, description, total):
    return iterable


class _Unended:
    """The command's stderr for tqdm, which redraws a line: OutputWrapper would end each write."""

    def __init__(self, wrapper):
        self.wrapper = wrapper

    def write(self, text: str) -> None:
        self.wrapper.write(text, ending="")

    def flush(self) -> None:
        self.wrapper.flush()
