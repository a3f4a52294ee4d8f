"""Reading and writing interchange files: CSV, JSON, and the small syntax of CSV cells.

Nothing here knows about models or columns. Readers keep the line each record
starts on, so that every problem found later can say where to look:

- CSV: the physical line, counting the header and lines inside quoted cells.
- JSON: the line of the object's opening brace, found by a position-aware decoder.

A CSV cell holding a list separates its items with ``|``. An item of a list of
rows (credits, quotes, awards) is ``head [key=value; key=value]``; a backslash
escapes any of ``\\ | [ ] ;`` that is meant literally.
"""

import bisect
import csv
import io
import json
import json.decoder
import json.scanner
import re
from dataclasses import dataclass, field
from typing import Any

from .errors import FieldError, InterchangeError, Location, Problem

LIST_SEPARATOR = "|"
_HEAD_SPECIALS = "\\|["
_VALUE_SPECIALS = "\\|[];"


# -- bytes and text -------------------------------------------------------------


def decode(name: str, content: bytes) -> str:
    """UTF-8 text (a spreadsheet's byte-order mark dropped), or a problem saying where it is not."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = content[: error.start].count(b"\n") + 1
        byte = content[error.start : error.start + 1].hex().upper()
        raise InterchangeError(
            [
                Problem(
                    Location(name, line),
                    f"The file is not UTF-8 text (byte 0x{byte} cannot be read). Save it as "
                    "UTF-8: in a spreadsheet, choose “CSV UTF-8” when saving.",
                )
            ]
        ) from None
    if not text.strip():
        raise InterchangeError([Problem(Location(name), "The file is empty.")])
    return text


def guess_format(name: str, text: str) -> str:
    """``"json"`` or ``"csv"``: by the file's extension, else by its first character."""
    lowered = name.lower()
    if lowered.endswith(".json"):
        return "json"
    if lowered.endswith((".csv", ".tsv", ".txt")):
        return "csv"
    return "json" if text.lstrip()[:1] in "{[" else "csv"


# -- CSV --------------------------------------------------------------------------


@dataclass
class Table:
    """A CSV file's header and rows; each row keeps the line it starts on."""

    name: str
    header: list[str]
    header_line: int
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def column_name(heading: str) -> str:
    """ "External ID" and "external-id" both name the column ``external_id``."""
    return re.sub(r"[\s\-]+", "_", heading.strip().lower())


def read_csv(name: str, text: str) -> Table:
    first_line = text.lstrip("\r\n").split("\n", 1)[0]
    # Spreadsheets in many European locales write semicolons; tab-separated files exist too.
    delimiter = max([",", ";", "\t"], key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    table = None
    last_line = 0
    try:
        for cells in reader:
            start, last_line = last_line + 1, reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            if table is None:
                table = _header(name, cells, start)
                continue
            _add_row(table, cells, start)
    except csv.Error as error:
        problem = Problem(Location(name, reader.line_num), f"The CSV cannot be read: {error}.")
        raise InterchangeError([*(table.problems if table else []), problem]) from None
    if table is None:
        raise InterchangeError([Problem(Location(name), "The file is empty.")])
    return table


def _header(name: str, cells: list[str], line: int) -> Table:
    header = [column_name(cell) for cell in cells]
    table = Table(name=name, header=header, header_line=line)
    seen = set()
    for heading in header:
        if heading and heading in seen:
            table.problems.append(
                Problem(Location(name, line), f"The column “{heading}” appears twice.")
            )
        seen.add(heading)
    return table


def _add_row(table: Table, cells: list[str], line: int) -> None:
    width = len(table.header)
    if len(cells) > width and any(cell.strip() for cell in cells[width:]):
        table.problems.append(
            Problem(
                Location(table.name, line),
                f"This row has {len(cells)} cells but the header has {width}: is a value "
                "containing a comma missing its quotes?",
            )
        )
        return
    # Missing trailing cells are empty: some tools leave them out.
    cells = cells[:width] + [""] * (width - len(cells))
    row = {}
    for heading, cell in zip(table.header, cells, strict=True):
        if heading:
            row[heading] = cell
        elif cell.strip():
            table.problems.append(
                Problem(Location(table.name, line), "A value sits in a column with no heading.")
            )
    table.rows.append((line, row))


def write_csv(header: list[str], rows: list[dict[str, str]]) -> str:
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


# -- JSON -------------------------------------------------------------------------


class LocatedDict(dict):
    """A JSON object that remembers the line its opening brace is on."""

    line: int | None = None


@dataclass
class JsonDocument:
    data: Any
    problems: list[Problem] = field(default_factory=list)


def read_json(name: str, text: str) -> JsonDocument:
    decoder = _LocatingDecoder(name, text)
    try:
        data = decoder.decode(text)
    except json.JSONDecodeError as error:
        raise InterchangeError(
            [
                Problem(
                    Location(name, error.lineno),
                    f"The JSON cannot be read: {error.msg} (column {error.colno}).",
                )
            ]
        ) from None
    return JsonDocument(data=data, problems=decoder.problems)


class _LocatingDecoder(json.JSONDecoder):
    """The standard decoder, with its pure-Python scanner told to note where objects start.

    The C scanner cannot be given another object parser; the Python one takes
    it from the decoder, as documented in ``json.scanner.py_make_scanner``.
    """

    def __init__(self, name: str, text: str):
        super().__init__()
        self.name = name
        self.problems: list[Problem] = []
        self._line_starts = [0] + [match.end() for match in re.finditer("\n", text)]
        self.parse_object = self._parse_located_object
        self.scan_once = json.scanner.py_make_scanner(self)

    def _line_of(self, index: int) -> int:
        return bisect.bisect_right(self._line_starts, index)

    def _parse_located_object(self, state, strict, scan_once, object_hook, pairs_hook, memo):
        _text, after_brace = state
        pairs, end = json.decoder.JSONObject(state, strict, scan_once, None, list, memo)
        located = LocatedDict()
        located.line = self._line_of(after_brace - 1)
        for key, value in pairs:
            if key in located:
                self.problems.append(
                    Problem(Location(self.name, located.line), f"The key “{key}” appears twice.")
                )
            located[key] = value
        return located, end


def write_json(document: dict) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


# -- cells ------------------------------------------------------------------------


def split_list(cell: str, separators: str = LIST_SEPARATOR) -> list[str]:
    """A cell's items, still escaped: split on unescaped separators, blanks dropped."""
    items, current, escaped = [], [], False
    for char in cell:
        if escaped:
            current.append(char)
            escaped = False
        elif char == "\\":
            current.append(char)
            escaped = True
        elif char in separators:
            items.append("".join(current))
            current = []
        else:
            current.append(char)
    items.append("".join(current))
    return [item.strip() for item in items if item.strip()]


def join_list(items: list[str]) -> str:
    return f" {LIST_SEPARATOR} ".join(items)


def unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text, flags=re.DOTALL)


def escape(text: str, specials: str = _VALUE_SPECIALS) -> str:
    return "".join(f"\\{char}" if char in specials else char for char in text)


def parse_item(item: str) -> tuple[str, dict[str, str]]:
    """``head [key=value; flag]`` → (head, {key: value, flag: "yes"}), unescaped."""
    bracket = _first_unescaped(item, "[")
    if bracket is None:
        return unescape(item).strip(), {}
    if not item.rstrip().endswith("]") or item.rstrip().endswith("\\]"):
        raise FieldError(f"“{item}” opens a “[” that is not closed at its end.")
    head, inner = item[:bracket], item.rstrip()[bracket + 1 : -1]
    attrs = {}
    for part in split_list(inner, ";"):
        equals = _first_unescaped(part, "=")
        key = unescape(part if equals is None else part[:equals]).strip().lower()
        value = "yes" if equals is None else unescape(part[equals + 1 :]).strip()
        attrs[key] = value
    return unescape(head).strip(), attrs


def format_item(head: str, attrs: dict[str, str]) -> str:
    text = escape(head, _HEAD_SPECIALS)
    if attrs:
        inner = "; ".join(f"{key}={escape(value)}" for key, value in attrs.items())
        text = f"{text} [{inner}]" if text else f"[{inner}]"
    return text


def _first_unescaped(text: str, char: str) -> int | None:
    escaped = False
    for index, current in enumerate(text):
        if escaped:
            escaped = False
        elif current == "\\":
            escaped = True
        elif current == char:
            return index
    return None
