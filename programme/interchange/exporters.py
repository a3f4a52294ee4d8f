"""Exporting the programme in the columns the importer reads.

Every value is written by the same column that reads it back, so an export
imported again into the same database reports every record as unchanged, and
imported into an empty one (with its venues, seasons, labels and price tables)
recreates the same people, films and screenings.
"""

from collections.abc import Iterable
from typing import Any

from . import formats
from .columns import SCHEMAS, Schema

#: The version ``import_programme`` reads.
FORMAT_VERSION = 1


def export_records(kind: str, queryset=None) -> list[dict[str, Any]]:
    """Every record of a kind (or of ``queryset``) as JSON-ready dicts, in file column order."""
    schema = SCHEMAS[kind]
    objects = queryset if queryset is not None else schema.objects()
    return [_record(schema, obj) for obj in objects]


def _record(schema: Schema, obj) -> dict[str, Any]:
    return {column.name: column.dump(obj) for column in schema.columns}


def export_json(kinds: Iterable[str] = SCHEMAS) -> str:
    document: dict[str, Any] = {"version": FORMAT_VERSION}
    for kind in kinds:
        document[kind] = export_records(kind)
    return formats.write_json(document)


def export_csv(kind: str) -> str:
    schema = SCHEMAS[kind]
    header = [column.name for column in schema.columns]
    rows = [
        {column.name: column.to_cell(record[column.name]) for column in schema.columns}
        for record in export_records(kind)
    ]
    return formats.write_csv(header, rows)
