"""Export people, films and screenings as CSV or JSON, in the columns the import reads."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from programme.interchange import export_csv, export_json
from programme.interchange.importers import KINDS


class Command(BaseCommand):
    help = (
        "Export the programme as one JSON document, or as one CSV file per kind. The files "
        "import again with import_programme (see docs/interchange.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--format",
            choices=["json", "csv"],
            help="Default: from the output file's extension, else json.",
        )
        parser.add_argument(
            "--kind",
            choices=KINDS,
            action="append",
            help="Export only this kind; repeat for several (default: all).",
        )
        parser.add_argument(
            "--output",
            "-o",
            metavar="PATH",
            help="A file, or for CSV a directory to write people.csv, films.csv and "
            "screenings.csv in (default: standard output).",
        )

    def handle(self, *args, **options):
        self.verbosity = options["verbosity"]
        output = options["output"]
        kinds = [kind for kind in KINDS if kind in (options["kind"] or KINDS)]
        to_directory = bool(output) and (output.endswith("/") or Path(output).is_dir())
        file_format = options["format"] or (
            "csv" if to_directory or (output or "").endswith(".csv") else "json"
        )
        if file_format == "json":
            self._write(output, export_json(kinds))
            return
        if to_directory:
            directory = Path(output)
            directory.mkdir(parents=True, exist_ok=True)
            for kind in kinds:
                self._write(str(directory / f"{kind}.csv"), export_csv(kind))
            return
        if len(kinds) != 1:
            raise CommandError(
                "A CSV file holds one kind: give --kind people, films or screenings, "
                "or an --output directory for one file per kind."
            )
        self._write(output, export_csv(kinds[0]))

    def _write(self, output: str | None, text: str) -> None:
        if not output or output == "-":
            self.stdout.write(text, ending="")
            return
        try:
            Path(output).write_text(text, encoding="utf-8", newline="")
        except OSError as error:
            raise CommandError(f"{output}: {error.strerror}.") from None
        if self.verbosity > 0:
            self.stderr.write(f"Wrote {output}")
