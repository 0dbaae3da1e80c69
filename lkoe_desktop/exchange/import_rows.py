"""A file to import read as field values per row, with each row's warnings and errors.

This is the reading layer of an import: `read_import(path, kind)` reads the file
(`import_file.read_table`), guesses the column mapping (`import_mapping.guess_mapping`) unless
one is given, and turns every row into an `ImportRow`: its Excel row number, the values of
the fields its cells fill, and what is wrong with them. It writes nothing and looks nothing up
in the database; matching, the domain's validation of e-mails, numbers and dates, and the
preview are built on it.

A cell's value, by the kind of its field:
- text is trimmed, and one leading `'` before `=`, `+`, `-` or `@` is removed (exported files
  protect such text; see `spreadsheet_text.protect`); an empty cell gives no value at all;
- text longer than its field allows is an error for the row, never cut;
- a code (sector, size class, gender, language, status…) is given as its code or its label
  in Swedish or English, in any case ("Akademi", "academia", "Academia"); the value is the code;
- a municipality is given by name or code and its value is the code; a place that is not a
  Swedish municipality is a warning and is kept, as typed, as another place;
- a date cell of a workbook stays a date for a date field, and is written as ISO text for
  any other; every other value is text (e-mails, phone and organisation numbers are checked
  by the domain's validators in the next layer);
- the whole name ("Namn") fills first and last name when the row gives neither
  (`domain.names.split_name`); a name of one word is an error for the row.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from functools import cache
from pathlib import Path

from lkoe_desktop.domain import municipalities
from lkoe_desktop.domain.codes import MAX_NAME_LENGTH, MAX_NOTES_LENGTH, label, label_in
from lkoe_desktop.domain.fields import Field, Kind, header_name
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.domain.names import split_name
from lkoe_desktop.domain.validation import InvalidValue, text
from lkoe_desktop.exchange.import_file import SourceTable, read_table
from lkoe_desktop.exchange.import_mapping import (
    ColumnMapping,
    ImportKind,
    guess_mapping,
    target,
)
from lkoe_desktop.exchange.xlsx_cells import Shown

Value = str | date | datetime
_PROTECTED = ("'=", "'+", "'-", "'@")


@dataclass(frozen=True)
class Problem:
    """Something the preview says about a row (`row`) or about the whole file (`row` None)."""

    text: str
    row: int | None = None
    error: bool = True  # False: a warning; the row is imported all the same

    def __str__(self) -> str:
        if self.row is None:
            return self.text
        return _("row {row}: {problem}").format(row=self.row, problem=self.text)


@dataclass(frozen=True)
class ImportRow:
    """One row of the file: its Excel number, its fields' values (a field whose cell is empty
    is absent) and its problems in words, without the row number (`problems()` adds it)."""

    number: int
    values: dict[str, Value]
    warnings: tuple[str, ...] = ()
    errors: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.errors

    def problems(self) -> list[Problem]:
        """The row's errors, then its warnings, each saying "row N: …" when shown."""
        return [Problem(text, self.number) for text in self.errors] + [
            Problem(text, self.number, error=False) for text in self.warnings
        ]


@dataclass(frozen=True)
class ReadResult:
    """A whole file read for an import: the table, the mapping used, the rows and what the
    preview says about the file itself (columns ignored, values right of the last heading)."""

    table: SourceTable
    mapping: ColumnMapping
    rows: tuple[ImportRow, ...]
    file_problems: tuple[Problem, ...] = field(default=())

    def problems(self) -> list[Problem]:
        """Every problem in the file: the file's own first, then each row's in row order."""
        return [*self.file_problems, *(problem for row in self.rows for problem in row.problems())]

    @property
    def error_count(self) -> int:
        return sum(1 for row in self.rows if row.errors)


def read_import(
    path: Path,
    kind: ImportKind,
    *,
    sheet: str | None = None,
    mapping: ColumnMapping | None = None,
) -> ReadResult:
    """The file at `path` read as rows of an import of `kind` (raises `ImportFileError`).

    Without `mapping` the columns are matched by their headers (`guess_mapping`); a mapping
    the clerk changed (or one remembered for the same `layout_key`) is passed in instead.
    """
    table = read_table(path, sheet)
    return read_rows(table, mapping or guess_mapping(kind, table.headers))


def read_rows(table: SourceTable, mapping: ColumnMapping) -> ReadResult:
    """`table`'s rows as field values under `mapping`; a missing required column raises
    MissingColumnError before any row is read."""
    if mapping.headers != table.headers:
        raise ValueError("the mapping is for another layout of headers")
    mapping.check()
    readers = [
        (column, _reader(target(mapping.kind, key)))
        for column, key in enumerate(mapping.fields)
        if key is not None
    ]
    split = "full_name" in mapping.fields
    rows = tuple(_row(source.number, source.cells, readers, split) for source in table.rows)
    ignored = mapping.ignored()
    file_problems = [Problem(note, error=False) for note in table.notes]
    if ignored:
        names = ", ".join(_("“{column}”").format(column=name) for name in ignored)
        file_problems.insert(
            0, Problem(_("Columns not imported: {names}.").format(names=names), error=False)
        )
    return ReadResult(table, mapping, rows, tuple(file_problems))


CellReader = Callable[[Shown, list[str], list[str]], Value | None]


def _row(
    number: int,
    cells: tuple[Shown, ...],
    readers: list[tuple[int, tuple[str, CellReader]]],
    split: bool,
) -> ImportRow:
    values: dict[str, Value] = {}
    warnings: list[str] = []
    errors: list[str] = []
    for column, (key, read) in readers:
        value = read(cells[column], warnings, errors)
        if value is not None:
            values[key] = value
    if split:
        _split_whole_name(values, errors)
    return ImportRow(number, values, tuple(warnings), tuple(errors))


def _split_whole_name(values: dict[str, Value], errors: list[str]) -> None:
    whole = values.pop("full_name", None)
    if not isinstance(whole, str) or ("first_name" in values and "last_name" in values):
        return
    first, last = split_name(whole)
    if not last:
        errors.append(
            _(
                "The name “{name}” is a single word: a contact needs a first and a last name. "
                "Write both in the file."
            ).format(name=whole)
        )
    for key, part in (("first_name", first), ("last_name", last)):
        if part and key not in values:
            values[key] = part


def _reader(described: Field) -> tuple[str, CellReader]:
    """(the field's key, the function that reads its cell into a value or a problem).

    Cells come trimmed (`SourceTable`); the readers of codes and places remember what they
    found for a value, since a file repeats the same few many times.
    """
    kind = described.kind
    interpret: CellReader | None = None
    if kind == Kind.CODE:
        interpret = _code_reader(described)
    elif kind == Kind.MUNICIPALITY:
        interpret = _municipality_reader(described)
    elif kind in (Kind.TEXT, Kind.LONG_TEXT):
        interpret = _text_reader(described)

    def read(cell: Shown, warnings: list[str], errors: list[str]) -> Value | None:
        if not isinstance(cell, str):
            return _date_value(cell, kind)
        if not cell:
            return None
        if cell[0] == "'" and cell.startswith(_PROTECTED):
            cell = cell[1:].strip()  # the ' an export puts before text a spreadsheet would run
        return cell if interpret is None else interpret(cell, warnings, errors)

    return described.key, read


def _date_value(cell: date | datetime, kind: Kind) -> Value:
    if kind in (Kind.DATE, Kind.DATETIME):
        return cell
    if isinstance(cell, datetime):
        return cell.strftime("%Y-%m-%d %H:%M")
    return cell.isoformat()


def _text_reader(described: Field) -> CellReader:
    default = MAX_NOTES_LENGTH if described.kind == Kind.LONG_TEXT else MAX_NAME_LENGTH
    limit = described.max_length or default

    def read(value: Shown, warnings: list[str], errors: list[str]) -> Value | None:
        assert isinstance(value, str)
        if len(value) <= limit:
            return unicodedata.normalize("NFC", value)
        try:
            return text(value, max_length=limit, what=described.title)
        except InvalidValue as wrong:
            errors.append(wrong.message)
            return None

    return read


def _code_reader(described: Field) -> CellReader:
    assert described.enum is not None
    enum = described.enum
    found: dict[str, tuple[str | None, str | None]] = {}

    def read(value: Shown, warnings: list[str], errors: list[str]) -> Value | None:
        assert isinstance(value, str)
        if value not in found:
            code = _codes_by_name(enum).get(header_name(value))
            wrong = None
            if code is None:
                wrong = _("{field}: “{value}” is not one of {allowed}.").format(
                    field=described.title,
                    value=_short(value),
                    allowed=", ".join(label(member) for member in enum),
                )
            found[value] = code, wrong
        code, wrong = found[value]
        if wrong is not None:
            errors.append(wrong)
        return code

    return read


def _municipality_reader(described: Field) -> CellReader:
    found: dict[str, tuple[Value | None, list[str], list[str]]] = {}

    def read(value: Shown, warnings: list[str], errors: list[str]) -> Value | None:
        assert isinstance(value, str)
        if value not in found:
            said: list[str] = []
            wrong: list[str] = []
            found[value] = _municipality(value, described, said, wrong), said, wrong
        place, said, wrong = found[value]
        warnings.extend(said)
        errors.extend(wrong)
        return place

    return read


def _municipality(
    value: str, described: Field, warnings: list[str], errors: list[str]
) -> Value | None:
    found = municipalities.code_for(value)
    if found is not None:
        return found
    kept = _text_reader(described)(value, warnings, errors)
    if kept is not None:
        warnings.append(
            _("“{place}” is not a Swedish municipality; it is kept as another place.").format(
                place=kept
            )
        )
    return kept


@cache
def _codes_by_name(enum: type[StrEnum]) -> dict[str, str]:
    """Every way a code may be written, folded like a header, to the code."""
    found: dict[str, str] = {}
    for member in enum:
        for name in (member.value, label_in(member, "en"), label_in(member, "sv")):
            found.setdefault(header_name(name), member.value)
            found.setdefault(header_name(name.split(" (")[0]), member.value)  # "Micro (< 10)"
    return found


def _short(value: str, limit: int = 60) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"
