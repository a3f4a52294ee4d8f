"""Importing and exporting the programme as CSV and JSON files.

- ``formats``: reading and writing CSV and JSON, with line numbers, and the syntax of CSV cells
- ``columns``: the columns of people, films and screenings, each declared once for both directions
- ``importers``: the all-or-nothing import, its dry run and its report
- ``exporters``: the export, in the same columns, so an export re-imports unchanged
- ``errors``: problems tied to a file, a line and a column

The management commands ``import_programme`` and ``export_programme`` are the
way in; ``docs/interchange.md`` describes the files.
"""

from .errors import InterchangeError, Problem
from .exporters import export_csv, export_json
from .importers import Report, Source, import_programme

__all__ = [
    "InterchangeError",
    "Problem",
    "Report",
    "Source",
    "export_csv",
    "export_json",
    "import_programme",
]
