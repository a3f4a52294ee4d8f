"""The columns of each kind of record, declared once for import and export alike.

A value passes through three shapes:

- *raw*: what a JSON file holds (text, numbers, booleans, lists, objects). A CSV
  cell is first turned into the same shape by ``from_cell``, and an export
  turns it back with ``to_cell``, so both formats share one set of rules.
- *value*: the raw value checked, normalised and with its references resolved
  (a primary key, or a ``New`` record of the same import). The importer compares
  a file's value with the record's current one, so an unchanged record is
  recognised even when the file spells a value differently ("nl" for "NL").
- the model's attributes, set by ``write``.

Columns resolve references through a context the importer provides (see
``importers.Resolver``): ``resolve``, ``person_or_name``, ``lookup``,
``organisation``, ``screen``, ``pk`` and ``instance``.
"""

import datetime
import html
import re
from dataclasses import dataclass
from typing import Any

import recurrence as recurrence_rules
from django.utils.functional import cached_property
from django_countries import countries
from recurrence.exceptions import DeserializationError
from wagtail.admin.rich_text.converters.editor_html import EditorHTMLConverter

from .. import recurrence as expansion
from ..choices import (
    CreditRole,
    LanguageVersion,
    LiveEncore,
    PremiereLevel,
    ProjectionFormat,
    ScreeningStatus,
)
from ..languages import language_choices
from ..models import (
    AccessFlag,
    FilmAward,
    FilmCredit,
    FilmographyEntry,
    FilmPage,
    FilmQuote,
    Person,
    PriceTable,
    RelatedFilm,
    Screening,
    ScreeningLabel,
)
from ..models.screenings import dates_at_utc_midnight
from . import formats
from .errors import FieldError, InterchangeError, Location, Problem

#: A column whose value means "leave the record as it is" (a blank slug or external ID).
KEEP = object()


@dataclass(frozen=True)
class New:
    """A record this import creates: a reference target before it has a primary key."""

    kind: str
    key: str


def reference_token(obj) -> str:
    """How files refer to a page or a person: its external ID, else its slug."""
    return obj.external_id or obj.slug


# -- raw values -----------------------------------------------------------------------


def as_text(raw: Any) -> str:
    if raw is None:
        return ""
    if isinstance(raw, bool) or not isinstance(raw, str | int | float):
        raise FieldError("Expected text.")
    return str(raw).strip()


def as_int(raw: Any) -> int | None:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, bool):
        raise FieldError(f"“{raw}” is not a whole number.")
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float) and raw.is_integer():
        return int(raw)
    if isinstance(raw, str) and re.fullmatch(r"\s*-?\d+\s*", raw):
        return int(raw)
    raise FieldError(f"“{raw}” is not a whole number.")


_TRUE, _FALSE = {"yes", "y", "true", "1", "x"}, {"no", "n", "false", "0", ""}


def as_bool(raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    text = as_text(raw).lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise FieldError(f"“{raw}” is not yes or no.")


def as_list(raw: Any, separators: str = formats.LIST_SEPARATOR) -> list:
    if raw is None:
        return []
    if isinstance(raw, str):
        return [formats.unescape(item) for item in formats.split_list(raw, separators)]
    if not isinstance(raw, list):
        raise FieldError("Expected a list.")
    return raw


def as_country(raw: Any) -> str:
    text = as_text(raw)
    code = countries.alpha2(text) or countries.by_name(text)
    if not code:
        raise FieldError(f"“{text}” is not a country: use its ISO 3166 code, e.g. NL or GB.")
    return code


def as_language(raw: Any) -> str:
    text = as_text(raw).lower()
    for code, name in language_choices():
        if text in (code, name.lower()):
            return code
    raise FieldError(f"“{text}” is not a language: use its ISO 639 code, e.g. ru or en.")


def as_choice(raw: Any, choices) -> str:
    text = as_text(raw)
    if not text:
        return ""
    for value, label in choices.choices:
        if text.lower() in (value.lower(), str(label).lower()):
            return value
    raise FieldError(f"“{text}” is not one of: {', '.join(choices.values)}.")


def as_date(raw: Any) -> datetime.date | None:
    text = as_text(raw)
    if not text:
        return None
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise FieldError(
            f"“{text}” is not a date: write it as YYYY-MM-DD, e.g. 2021-11-19."
        ) from None


# -- columns ----------------------------------------------------------------------------


class Column:
    """A scalar attribute of the record's model, read and written as text."""

    #: Written only once every record of the import exists (rows, tags, many-to-many).
    deferred = False

    def __init__(self, name: str, attr: str | None = None, *, required: bool = False):
        self.name = name
        self.attr = attr or name
        self.required = required

    @property
    def model_fields(self) -> tuple[str, ...]:
        """Model fields whose validation errors are reported under this column."""
        return (self.attr,)

    def from_cell(self, cell: str) -> Any:
        return cell

    def to_cell(self, raw: Any) -> str:
        return "" if raw is None else str(raw)

    def parse(self, raw: Any, where: Location, ctx, values: dict) -> Any:
        value = as_text(raw)
        if self.required and not value:
            raise FieldError("A value is required.")
        return value

    def read(self, instance) -> Any:
        return getattr(instance, self.attr) or ""

    def write(self, instance, value, ctx) -> None:
        setattr(instance, self.attr, value)

    def dump(self, instance) -> Any:
        return self.read(instance)

    def pending(self, value) -> bool:
        """True when the value points at a record this import has not created yet."""
        return isinstance(value, New)


class Identity(Column):
    """``external_id`` and ``slug``: blank means "leave as it is", never "erase"."""

    def parse(self, raw, where, ctx, values):
        return as_text(raw) or KEEP


class Integer(Column):
    def from_cell(self, cell):
        return cell.strip() or None

    def parse(self, raw, where, ctx, values):
        return as_int(raw)

    def read(self, instance):
        return getattr(instance, self.attr)


class Choice(Column):
    """One of a model's choices, by its code or its label; blank means the default."""

    def __init__(self, name, choices, attr=None, *, default="", **kwargs):
        super().__init__(name, attr, **kwargs)
        self.choices, self.default = choices, default

    def parse(self, raw, where, ctx, values):
        return as_choice(raw, self.choices) or self.default


class Language(Column):
    def parse(self, raw, where, ctx, values):
        return as_language(raw) if as_text(raw) else ""


class RichText(Column):
    """HTML as Wagtail stores it; plain text becomes paragraphs. Only allowed tags are kept."""

    def __init__(self, name, model, attr=None, **kwargs):
        super().__init__(name, attr, **kwargs)
        self.model = model

    @cached_property
    def converter(self) -> EditorHTMLConverter:
        return EditorHTMLConverter(features=self.model._meta.get_field(self.attr).features)

    def parse(self, raw, where, ctx, values):
        text = as_text(raw)
        if text and not re.search(r"</?[a-zA-Z][^>]*>", text):
            paragraphs = [part.strip() for part in re.split(r"\n\s*\n", text) if part.strip()]
            text = "".join(
                "<p>" + "<br/>".join(html.escape(line) for line in part.splitlines()) + "</p>"
                for part in paragraphs
            )
        return self.converter.to_database_format(text) if text else ""


class Date(Column):
    def parse(self, raw, where, ctx, values):
        value = as_date(raw)
        if self.required and value is None:
            raise FieldError("A value is required: a date written YYYY-MM-DD.")
        return value

    def read(self, instance):
        return getattr(instance, self.attr)

    def dump(self, instance):
        value = getattr(instance, self.attr)
        return value.isoformat() if value else ""


class ShowTimes(Column):
    """Show times, compared as times: "19.30" in the database equals "19:30" in a file."""

    def parse(self, raw, where, ctx, values):
        text = ", ".join(as_text(item) for item in raw) if isinstance(raw, list) else as_text(raw)
        try:
            return expansion.format_show_times(expansion.parse_show_times(text))
        except expansion.RuleError as error:
            raise FieldError(str(error)) from None

    def read(self, instance):
        try:
            return expansion.format_show_times(instance.times)
        except expansion.RuleError:
            return instance.show_times


class Recurrence(Column):
    """RFC 5545 lines (RRULE, EXRULE, RDATE, EXDATE), compared in django-recurrence's form."""

    def parse(self, raw, where, ctx, values):
        text = "\n".join(as_text(line) for line in raw) if isinstance(raw, list) else as_text(raw)
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        if not lines:
            return ""
        try:
            rule_set = recurrence_rules.deserialize("\n".join(lines))
        except DeserializationError as error:
            detail = "; ".join(error.messages)
            raise FieldError(
                f"Not a repeat rule ({detail}). Write RFC 5545 lines, e.g. "
                "RRULE:FREQ=WEEKLY;UNTIL=20250301 or EXDATE:20250214."
            ) from None
        return recurrence_rules.serialize(dates_at_utc_midnight(rule_set))

    def read(self, instance):
        value = instance.recurrence
        return recurrence_rules.serialize(value) if value else ""

    def write(self, instance, value, ctx):
        instance.recurrence = recurrence_rules.deserialize(value) if value else None


class Codes(Column):
    """A list of codes (countries, languages); cells separate them with | ; or ,."""

    def __init__(self, name, normalise, attr=None, *, ordered=True, **kwargs):
        super().__init__(name, attr, **kwargs)
        self.normalise = normalise
        self.ordered = ordered

    def from_cell(self, cell):
        return formats.split_list(cell, "|;,")

    def to_cell(self, raw):
        return formats.join_list(raw)

    def parse(self, raw, where, ctx, values):
        codes = []
        for item in as_list(raw, "|;,"):
            code = self.normalise(item)
            if code not in codes:
                codes.append(code)
        return codes if self.ordered else sorted(codes)

    def read(self, instance):
        codes = [getattr(code, "code", code) for code in getattr(instance, self.attr) or []]
        return codes if self.ordered else sorted(codes)


class Tags(Column):
    """Free tags (a film's subjects), compared as a set."""

    deferred = True

    def from_cell(self, cell):
        return [formats.unescape(item) for item in formats.split_list(cell)]

    def to_cell(self, raw):
        return formats.join_list([formats.escape(item) for item in raw])

    def parse(self, raw, where, ctx, values):
        names = {as_text(item) for item in as_list(raw)}
        return sorted(name for name in names if name)

    def read(self, instance):
        return sorted(tag.name for tag in getattr(instance, self.attr).all())

    def write(self, instance, value, ctx):
        getattr(instance, self.attr).set(value)


class Reference(Column):
    """A page or person of this import or the database, by external ID or slug."""

    def __init__(self, name, kind, attr=None, **kwargs):
        super().__init__(name, attr, **kwargs)
        self.kind = kind

    def parse(self, raw, where, ctx, values):
        token = as_text(raw)
        if not token:
            if self.required:
                raise FieldError("A value is required: an external ID or a slug.")
            return None
        return ctx.resolve(self.kind, token)

    def read(self, instance):
        return getattr(instance, f"{self.attr}_id")

    def write(self, instance, value, ctx):
        setattr(instance, f"{self.attr}_id", ctx.pk(value))

    def dump(self, instance):
        related = getattr(instance, self.attr)
        return reference_token(related) if related else ""


class Lookup(Column):
    """A row editors manage (a price table, an organisation), by a unique-enough field."""

    def __init__(self, name, model, field, attr=None, *, create_kind=None, **kwargs):
        super().__init__(name, attr, **kwargs)
        self.model, self.field, self.create_kind = model, field, create_kind

    def parse(self, raw, where, ctx, values):
        token = as_text(raw)
        if not token:
            return None
        if self.create_kind:
            return ctx.organisation(token, self.create_kind)
        return ctx.lookup(self.model, self.field, token)

    def read(self, instance):
        return getattr(instance, f"{self.attr}_id")

    def write(self, instance, value, ctx):
        setattr(instance, f"{self.attr}_id", ctx.pk(value))

    def dump(self, instance):
        related = getattr(instance, self.attr)
        return getattr(related, self.field) if related else ""


class ScreenName(Column):
    """A screen, by name, at the venue named in the same record."""

    def parse(self, raw, where, ctx, values):
        name = as_text(raw)
        if not name:
            return None
        venue = values.get("venue")
        if venue is None:
            raise FieldError("A screen needs the venue it belongs to.")
        return ctx.screen(venue, name)

    def read(self, instance):
        return instance.screen_id

    def write(self, instance, value, ctx):
        instance.screen_id = value

    def dump(self, instance):
        return instance.screen.name if instance.screen_id else ""


class SortName(Column):
    """Blank means "sort by the name", as ``Person.save`` does."""

    def parse(self, raw, where, ctx, values):
        return as_text(raw) or values.get("name", "")


class Many(Column):
    """A many-to-many list, compared as a set: seasons, labels, access flags, programme films."""

    deferred = True

    def __init__(self, name, attr=None, *, kind=None, model=None, field=None, **kwargs):
        super().__init__(name, attr, **kwargs)
        self.kind, self.model, self.field = kind, model, field

    def from_cell(self, cell):
        return [formats.unescape(item) for item in formats.split_list(cell, "|;,")]

    def to_cell(self, raw):
        return formats.join_list([formats.escape(item) for item in raw])

    def parse(self, raw, where, ctx, values):
        targets, problems = [], []
        for index, item in enumerate(as_list(raw, "|;,")):
            try:
                token = as_text(item)
                if self.kind:
                    target = ctx.resolve(self.kind, token)
                else:
                    target = ctx.lookup(self.model, self.field, token)
            except FieldError as error:
                problems.append(Problem(where.item(index), str(error)))
                continue
            if target not in targets:
                targets.append(target)
        if problems:
            raise InterchangeError(problems)
        return sorted(targets, key=_target_order)

    def read(self, instance):
        return sorted(obj.pk for obj in getattr(instance, self.attr).all())

    def write(self, instance, value, ctx):
        model = self.model or ctx.model(self.kind)
        setattr(instance, self.attr, [ctx.instance(model, target) for target in value])

    def dump(self, instance):
        objects = getattr(instance, self.attr).all()
        if self.kind:
            return sorted(reference_token(obj) for obj in objects)
        return sorted(getattr(obj, self.field) for obj in objects)

    def pending(self, value):
        return any(isinstance(target, New) for target in value)


def _target_order(target) -> tuple:
    return (1, target.kind, target.key) if isinstance(target, New) else (0, "", target)


# -- child rows ---------------------------------------------------------------------------


class Rows(Column):
    """Ordered child rows (credits, quotes, awards, a filmography), replaced as a whole.

    In JSON each row is an object. In a CSV cell each row is an item
    ``head [key=value; ...]``, where the head holds the key named by ``head_key``.
    """

    deferred = True
    model: type
    keys: tuple[str, ...]
    head_key: str

    @property
    def head_keys(self) -> tuple[str, ...]:
        """The raw keys a cell item's head holds; the others go in brackets."""
        return (self.head_key,)

    def from_cell(self, cell):
        rows = []
        for item in formats.split_list(cell):
            try:
                head, attrs = formats.parse_item(item)
            except FieldError as error:
                rows.append({"__error__": str(error)})
                continue
            rows.append(self.head_to_raw(head) | attrs)
        return rows

    def head_to_raw(self, head: str) -> dict:
        return {self.head_key: head} if head else {}

    def to_cell(self, raw):
        items = []
        for row in raw:
            head = self.raw_to_head(row)
            attrs = {
                key: _cell_text(value) for key, value in row.items() if key not in self.head_keys
            }
            items.append(formats.format_item(head, attrs))
        return formats.join_list(items)

    def raw_to_head(self, row: dict) -> str:
        return str(row.get(self.head_key, ""))

    def parse(self, raw, where, ctx, values):
        if raw is not None and not isinstance(raw, list):
            raise FieldError("Expected a list.")
        rows, problems = [], []
        for index, row in enumerate(raw or []):
            here = where.item(index).on_line(getattr(row, "line", None))
            if not isinstance(row, dict):
                problems.append(Problem(here, "Expected an object."))
                continue
            if "__error__" in row:
                problems.append(Problem(here, row["__error__"]))
                continue
            unknown = sorted(set(row) - set(self.keys) - {"who"})
            if unknown:
                problems.append(
                    Problem(
                        here,
                        f"Unknown key{'s' if len(unknown) > 1 else ''} {', '.join(unknown)}; "
                        f"known: {', '.join(self.keys)}.",
                    )
                )
                continue
            try:
                rows.append(self.parse_row(row, here, ctx))
            except FieldError as error:
                problems.append(Problem(here, str(error)))
        if problems:
            raise InterchangeError(problems)
        return rows

    def read(self, instance):
        return [self.read_row(row) for row in getattr(instance, self.attr).all()]

    def write(self, instance, value, ctx):
        rows = [self.build_row(row, ctx) for row in value]
        # Orderable rows keep the file's order; unset, PostgreSQL returns them in any order.
        for position, row in enumerate(rows):
            if hasattr(row, "sort_order"):
                row.sort_order = position
        setattr(instance, self.attr, rows)

    def dump(self, instance):
        return [self.dump_row(row) for row in getattr(instance, self.attr).all()]

    def pending(self, value):
        return any(isinstance(part, New) for row in value for part in row)

    # One row: parse_row(raw) and read_row(model row) give the same tuple.
    def parse_row(self, row: dict, where: Location, ctx) -> tuple:
        raise NotImplementedError

    def read_row(self, row) -> tuple:
        raise NotImplementedError

    def build_row(self, value: tuple, ctx):
        raise NotImplementedError

    def dump_row(self, row) -> dict:
        raise NotImplementedError


def _cell_text(value) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return "" if value is None else str(value)


def _compact(row: dict, **defaults) -> dict:
    """A row's raw form without the keys that hold their default value."""
    return {
        key: value
        for key, value in row.items()
        if value not in ("", None) and defaults.get(key, object()) != value
    }


class Credits(Rows):
    """``role:who`` in a cell, where who is a person (external ID, slug or name) or a name."""

    model = FilmCredit
    keys = ("role", "person", "name", "company", "label", "suffix", "character", "main")
    head_key = "role"
    head_keys = ("role", "person")

    def head_to_raw(self, head):
        role, _colon, who = head.partition(":")
        raw = {"role": role.strip()}
        if who.strip():
            raw["who"] = who.strip()
        return raw

    def raw_to_head(self, row):
        return f"{row['role']}:{row['person']}" if row.get("person") else f"{row['role']}:"

    def parse_row(self, row, where, ctx):
        role = as_choice(row.get("role"), CreditRole)
        if not role:
            raise FieldError(f"A credit needs a role: one of {', '.join(CreditRole.values)}.")
        person = organisation = None
        name = as_text(row.get("name"))
        if as_text(row.get("person")):
            person = ctx.resolve("people", as_text(row["person"]))
        elif as_text(row.get("who")):
            person = ctx.person_or_name(as_text(row["who"]), where)
            if person is None:
                name = name or as_text(row["who"])
        if as_text(row.get("company")):
            organisation = ctx.organisation(as_text(row["company"]), _company_kind(role))
        if person is None and organisation is None and not name:
            raise FieldError("A credit needs a person, a company or a name.")
        return (
            role,
            as_text(row.get("label")),
            person,
            organisation,
            name,
            as_text(row.get("suffix")),
            as_text(row.get("character")),
            as_bool(row.get("main", True)),
        )

    def read_row(self, row):
        return (
            row.role,
            row.role_label,
            row.person_id,
            row.organisation_id,
            row.credited_name,
            row.suffix,
            row.character,
            row.is_main,
        )

    def build_row(self, value, ctx):
        role, label, person, organisation, name, suffix, character, main = value
        return FilmCredit(
            role=role,
            role_label=label,
            person_id=ctx.pk(person),
            organisation_id=ctx.pk(organisation),
            credited_name=name,
            suffix=suffix,
            character=character,
            is_main=main,
        )

    def dump_row(self, row):
        raw = {
            "role": row.role,
            "person": reference_token(row.person) if row.person_id else "",
            "company": row.organisation.name if row.organisation_id else "",
            "name": row.credited_name,
            "label": row.role_label,
            "suffix": row.suffix,
            "character": row.character,
            "main": row.is_main,
        }
        return _compact(raw, main=True)


def _company_kind(role: str) -> str:
    return "production_company" if role == CreditRole.PRODUCTION_COMPANY else "other"


class Quotes(Rows):
    model = FilmQuote
    keys = ("text", "publication", "author", "url")
    head_key = "text"

    def parse_row(self, row, where, ctx):
        text = as_text(row.get("text"))
        if not text:
            raise FieldError("A quote needs its text.")
        return (text, *(as_text(row.get(key)) for key in self.keys[1:]))

    def read_row(self, row):
        return (row.text, row.publication, row.author, row.url)

    def build_row(self, value, ctx):
        return FilmQuote(**dict(zip(self.keys, value, strict=True)))

    def dump_row(self, row):
        return _compact({key: getattr(row, key) for key in self.keys})


class Awards(Rows):
    model = FilmAward
    keys = ("name", "festival", "country", "year", "nomination")
    head_key = "name"

    def parse_row(self, row, where, ctx):
        name = as_text(row.get("name"))
        if not name:
            raise FieldError("An award needs its name.")
        country = as_country(row["country"]) if as_text(row.get("country")) else ""
        return (
            name,
            as_text(row.get("festival")),
            country,
            as_int(row.get("year")),
            as_bool(row.get("nomination", False)),
        )

    def read_row(self, row):
        return (row.name, row.festival, row.country.code or "", row.year, row.nomination)

    def build_row(self, value, ctx):
        return FilmAward(**dict(zip(self.keys, value, strict=True)))

    def dump_row(self, row):
        values = dict(zip(self.keys, self.read_row(row), strict=True))
        return _compact(values, nomination=False)


class Filmography(Rows):
    model = FilmographyEntry
    keys = ("title", "year", "film")
    head_key = "title"

    def parse_row(self, row, where, ctx):
        title = as_text(row.get("title"))
        if not title:
            raise FieldError("A filmography entry needs a title.")
        film = ctx.resolve("films", as_text(row["film"])) if as_text(row.get("film")) else None
        return (title, as_int(row.get("year")), film)

    def read_row(self, row):
        return (row.title, row.year, row.film_id)

    def build_row(self, value, ctx):
        title, year, film = value
        return FilmographyEntry(title=title, year=year, film_id=ctx.pk(film))

    def dump_row(self, row):
        film = reference_token(row.film) if row.film_id else ""
        return _compact({"title": row.title, "year": row.year, "film": film})


class RelatedFilms(Rows):
    """Related films in the editor's order; in files, a plain list of film references."""

    model = RelatedFilm
    keys = ()

    def from_cell(self, cell):
        return [formats.unescape(item) for item in formats.split_list(cell)]

    def to_cell(self, raw):
        return formats.join_list([formats.escape(item) for item in raw])

    def parse(self, raw, where, ctx, values):
        targets, problems = [], []
        for index, item in enumerate(as_list(raw)):
            try:
                targets.append((ctx.resolve("films", as_text(item)),))
            except FieldError as error:
                problems.append(Problem(where.item(index), str(error)))
        if problems:
            raise InterchangeError(problems)
        return targets

    def read_row(self, row):
        return (row.related_id,)

    def build_row(self, value, ctx):
        return RelatedFilm(related_id=ctx.pk(value[0]))

    def dump_row(self, row):
        return reference_token(row.related)


# -- the three kinds ---------------------------------------------------------------------


@dataclass(frozen=True)
class Schema:
    """One kind of record: its model, its columns in file order, and how to fetch it whole."""

    kind: str
    model: type
    columns: tuple[Column, ...]
    noun: str
    select_related: tuple[str, ...] = ()
    prefetch_related: tuple[str, ...] = ()
    order_by: tuple[str, ...] = ("pk",)

    def objects(self):
        """Records with everything their columns read, in a fixed number of queries."""
        return (
            self.model.objects.select_related(*self.select_related)
            .prefetch_related(*self.prefetch_related)
            .order_by(*self.order_by)
        )

    @cached_property
    def by_name(self) -> dict[str, Column]:
        return {column.name: column for column in self.columns}

    @property
    def required(self) -> list[str]:
        return [column.name for column in self.columns if column.required]

    def column_for_field(self, field: str) -> Column | None:
        for column in self.columns:
            if field in column.model_fields:
                return column
        return None


PEOPLE = Schema(
    kind="people",
    model=Person,
    noun="person",
    prefetch_related=("filmography__film",),
    order_by=("sort_name", "name", "pk"),
    columns=(
        Identity("external_id"),
        Identity("slug"),
        Column("name", required=True),
        SortName("sort_name"),
        Integer("birth_year"),
        Column("birth_place"),
        RichText("bio", Person),
        Column("portrait_credit"),
        Column("filmography_note"),
        Filmography("filmography"),
    ),
)

FILMS = Schema(
    kind="films",
    model=FilmPage,
    noun="film",
    select_related=("distributor", "world_sales"),
    prefetch_related=(
        "subjects",
        "credits__person",
        "credits__organisation",
        "quotes",
        "awards",
        "related_films__related",
    ),
    order_by=("title", "pk"),
    columns=(
        Identity("external_id"),
        Identity("slug"),
        Column("title", required=True),
        Column("original_title"),
        Column("english_title"),
        Column("logline"),
        Integer("year"),
        Codes("countries", as_country, ordered=False),
        Integer("runtime_minutes"),
        Column("runtime_note"),
        Codes("languages", as_language, attr="spoken_languages"),
        Column("certificate"),
        Choice("projection_format", ProjectionFormat),
        Column("epigraph"),
        Column("epigraph_author"),
        Column("epigraph_source"),
        RichText("synopsis", FilmPage),
        Column("poster_credit"),
        Column("trailer_url"),
        Tags("subjects"),
        Lookup("distributor", None, "name", create_kind="distributor"),
        Lookup("world_sales", None, "name", create_kind="world_sales"),
        Credits("credits"),
        Quotes("quotes"),
        Awards("awards"),
        RelatedFilms("related_films"),
    ),
)

SCREENINGS = Schema(
    kind="screenings",
    model=Screening,
    noun="screening",
    select_related=("film", "venue", "screen", "short_before", "price_table"),
    prefetch_related=("programme_films", "seasons", "labels", "access_flags"),
    order_by=("first_date", "pk"),
    columns=(
        Identity("external_id"),
        Reference("film", "films", required=True),
        Column("programme_title"),
        Many("programme_films", kind="films"),
        Reference("venue", "venues", required=True),
        ScreenName("screen"),
        Many("seasons", kind="seasons"),
        Date("date", "first_date", required=True),
        ShowTimes("times", "show_times", required=True),
        Recurrence("recurrence"),
        Choice("status", ScreeningStatus, default=ScreeningStatus.SCHEDULED),
        Column("status_message"),
        Choice("premiere", PremiereLevel),
        Column("introduced_by"),
        Column("q_and_a_with"),
        Choice("live_or_encore", LiveEncore),
        Reference("short_before", "films"),
        Column("note"),
        Many("labels", model=ScreeningLabel, field="slug"),
        Choice("language_version", LanguageVersion),
        Language("audio_language"),
        Language("subtitle_language"),
        Many("access_flags", model=AccessFlag, field="slug"),
        Column("ticket_url"),
        Lookup("price_table", PriceTable, "name"),
        Integer("runtime_override"),
    ),
)

SCHEMAS: dict[str, Schema] = {schema.kind: schema for schema in (PEOPLE, FILMS, SCREENINGS)}
