"""Reading a CSV or XLSX file to import into a header and rows numbered as Excel numbers them.

`read_table(path)` finds out what the file is from its content, not its name: an XLSX
workbook (its first sheet or a chosen one), or text separated by `;`, `,` or tab in UTF-8
(with or without a byte-order mark), Windows-1252 (Swedish Excel's "CSV") or UTF-16 with a
byte-order mark (Excel's "Unicode text"). Every cell comes back as the text Excel shows for it,
or a date for a date cell; row numbers are the ones Excel shows (the header is row 1; a line
break inside a quoted CSV field is part of its cell and moves no later row; empty rows are
skipped but keep their numbers). A file that cannot be read raises an `ImportFileError`
subclass whose message says why in the window's language; nothing is guessed or garbled.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from lkoe_desktop.domain.errors import ImportFileError
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.exchange.xlsx_cells import Shown

SEPARATORS = (";", "\t", ",")  # when the header has as many of two, the first listed wins
_ZIP = b"PK\x03\x04"
_OLD_EXCEL = b"\xd0\xcf\x11\xe0"
_UTF8_LETTER = re.compile(rb"[\xc2-\xf4][\x80-\xbf]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")


class NotASpreadsheetError(ImportFileError):
    """The file is no CSV or XLSX file (a PDF, a picture, an old .xls, a damaged workbook)."""


class EmptyFileError(ImportFileError):
    """The file holds nothing, or only a header and no rows."""


class EncodingError(ImportFileError):
    """The text is neither UTF-8 nor Windows-1252, or mixes the two."""


@dataclass(frozen=True)
class SourceRow:
    """A row of the file that is not empty: its number in Excel and its cells under the header
    (text, or a date from a date cell; an empty cell is "", missing cells at the end are "")."""

    number: int
    cells: tuple[Shown, ...]


@dataclass(frozen=True)
class SourceTable:
    """What a file holds, before any column is mapped to a field.

    `headers` are the header row's cells, trimmed, up to its last non-empty one; `rows` the
    rows after it that are not empty, each as wide as the header. `notes` are file-level
    remarks for the preview (values right of the last heading, which are ignored).
    """

    file_name: str
    format: str  # "csv" or "xlsx"
    headers: tuple[str, ...]
    rows: tuple[SourceRow, ...]
    header_row: int = 1
    encoding: str | None = None  # CSV: "UTF-8", "UTF-8 with BOM", "Windows-1252", "UTF-16"
    separator: str | None = None  # CSV: ";", "," or "\t"
    sheet: str | None = None  # XLSX: the sheet read
    sheets: tuple[str, ...] = ()  # XLSX: every sheet's name, in the workbook's order
    notes: tuple[str, ...] = ()


def read_table(path: Path, sheet: str | None = None) -> SourceTable:
    """The file at `path` as a header and rows (`sheet`: an XLSX sheet's name; the first if None).

    Raises NotASpreadsheetError, EmptyFileError or EncodingError (all `ImportFileError`).
    """
    with path.open("rb") as file:
        start = file.read(8)
    if start.startswith(_ZIP):
        from lkoe_desktop.exchange.xlsx_read import read_sheet

        sheets, chosen, rows = read_sheet(path, sheet)
        return _table(path.name, "xlsx", rows, sheet=chosen, sheets=sheets)
    if start.startswith(_OLD_EXCEL):
        raise NotASpreadsheetError(
            _(
                "“{name}” is an Excel 97–2003 workbook (.xls). Open it in Excel and save it as "
                "an Excel workbook (.xlsx) or as CSV, then import that file."
            ).format(name=path.name)
        )
    text, encoding = decode(path.read_bytes(), path.name)
    separator = detect_separator(text)
    return _table(
        path.name, "csv", _csv_rows(text, separator), encoding=encoding, separator=separator
    )


def decode(data: bytes, name: str) -> tuple[str, str]:
    """The text of a CSV file and the name of its encoding, or an EncodingError saying why not."""
    if not data.strip(b" \t\r\n\xef\xbb\xbf\xff\xfe\x00"):
        raise EmptyFileError(_("“{name}” is empty: there is nothing to import.").format(name=name))
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _checked(_strict(data, "utf-16", name), name), "UTF-16"
    if data.startswith(codecs.BOM_UTF8):
        return _checked(_strict(data, "utf-8-sig", name), name), "UTF-8 with BOM"
    if b"\x00" in data:
        raise NotASpreadsheetError(_not_a_spreadsheet(name))
    try:
        return _checked(data.decode("utf-8"), name), "UTF-8"
    except UnicodeDecodeError as error:
        if _UTF8_LETTER.search(data):
            row = _row_at(data, error.start)
            raise EncodingError(
                _(
                    "“{name}” mixes two encodings: some letters are written as UTF-8, but row "
                    "{row} is not. Open the file in Excel and save it again as “CSV UTF-8”, "
                    "then import it."
                ).format(name=name, row=row)
            ) from None
    try:
        return _checked(data.decode("cp1252"), name), "Windows-1252"
    except UnicodeDecodeError as error:
        raise EncodingError(
            _(
                "“{name}” is not written in UTF-8 or Windows-1252 (row {row} cannot be read). "
                "Open it in Excel and save it as “CSV UTF-8”, then import it."
            ).format(name=name, row=_row_at(data, error.start))
        ) from None


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise EncodingError(
            _(
                "“{name}” says it is written in {encoding} but row {row} is not. Open the file in "
                "Excel and save it again as “CSV UTF-8”, then import it."
            ).format(
                name=name,
                encoding="UTF-8" if "8" in encoding else "UTF-16",
                row=_row_at(data, error.start),
            )
        ) from None


def _checked(text: str, name: str) -> str:
    """`text`, unless it has the control characters of a binary file rather than a table."""
    if len(_CONTROL.findall(text[:65536])) > 8:
        raise NotASpreadsheetError(_not_a_spreadsheet(name))
    return text


def _not_a_spreadsheet(name: str) -> str:
    return _(
        "“{name}” is not a spreadsheet: the import reads Excel workbooks (.xlsx) and CSV files."
    ).format(name=name)


def _row_at(data: bytes, offset: int) -> int:
    """The Excel row the byte at `offset` is in: line breaks outside quotes before it, plus one."""
    text = data[:offset].decode("latin-1")
    row, quoted, previous = 1, False, ""
    for char in text:
        if char == '"':
            quoted = not quoted
        elif char in "\r\n" and not quoted and not (char == "\n" and previous == "\r"):
            row += 1
        previous = char
    return row


def detect_separator(text: str) -> str:
    """`;`, tab or `,`: the one the header line (outside quotes) has most of; `,` if none."""
    header = _first_line(text)
    counts = {separator: header.count(separator) for separator in SEPARATORS}
    best = max(SEPARATORS, key=lambda separator: counts[separator])
    return best if counts[best] else ","


def _first_line(text: str) -> str:
    """The header record without its quoted parts (a quoted heading may hold any separator)."""
    kept: list[str] = []
    quoted = False
    for char in text.lstrip("\r\n"):
        if char == '"':
            quoted = not quoted
        elif not quoted:
            if char in "\r\n":
                break
            kept.append(char)
    return "".join(kept)


def _csv_rows(text: str, separator: str) -> Iterator[tuple[int, Sequence[str]]]:
    """(Excel row number, cells) of each record: a blank line is a row of its own, as in Excel."""
    # A line break inside a cell is kept as Excel keeps it (LF); records may end in CRLF or LF.
    lines = io.StringIO(text.replace("\r\n", "\n"), newline="")
    reader = csv.reader(lines, delimiter=separator, strict=True)
    number = 0
    try:
        for number, cells in enumerate(reader, start=1):
            yield number, cells
    except csv.Error as error:
        raise ImportFileError(_csv_problem(str(error), number + 1)) from None


def _csv_problem(problem: str, row: int) -> str:
    if "field larger than field limit" in problem:
        return _(
            "Row {row} has a cell longer than {limit} characters: no field takes that much."
        ).format(row=row, limit=f"{csv.field_size_limit():,}".replace(",", "\u00a0"))
    return _(
        "Row {row} cannot be read: a quotation mark in it opens or closes a cell in the wrong "
        "place. Check the row in Excel or a text editor."
    ).format(row=row)


def _table(
    name: str,
    file_format: str,
    records: Iterable[tuple[int, Sequence[Shown]]],
    *,
    encoding: str | None = None,
    separator: str | None = None,
    sheet: str | None = None,
    sheets: tuple[str, ...] = (),
) -> SourceTable:
    """The header (the first non-empty record) and the non-empty rows after it."""
    header: tuple[str, ...] | None = None
    header_row = 1
    rows: list[SourceRow] = []
    beyond: int | None = None
    for number, cells in records:
        trimmed = [cell.strip() if isinstance(cell, str) else cell for cell in cells]
        if not any(trimmed):
            continue
        if header is None:
            header, header_row = _headers(trimmed), number
            continue
        width = len(header)
        if beyond is None and any(trimmed[width:]):
            beyond = number
        row = tuple(trimmed[:width])
        rows.append(SourceRow(number, row + ("",) * (width - len(row))))
    if header is None:
        raise EmptyFileError(_("“{name}” is empty: there is nothing to import.").format(name=name))
    if not rows:
        raise EmptyFileError(
            _("“{name}” has a header row but no rows under it: there is nothing to import.").format(
                name=name
            )
        )
    notes: tuple[str, ...] = ()
    if beyond is not None:
        notes = (
            _(
                "Row {row} (and maybe others) has values right of the last column heading; "
                "they are not imported."
            ).format(row=beyond),
        )
    return SourceTable(
        name,
        file_format,
        header,
        tuple(rows),
        header_row,
        encoding,
        separator,
        sheet,
        sheets,
        notes,
    )


def _headers(cells: Sequence[Shown]) -> tuple[str, ...]:
    headers = [str(cell) for cell in cells]
    while headers and not headers[-1]:
        headers.pop()
    return tuple(headers)
