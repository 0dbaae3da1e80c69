"""The error file of an import: the rejected rows in the file's own format, with the reason.

A CSV file is written as it was read (its separator, its encoding, CRLF as Excel writes), an
XLSX file as a workbook with the same headers; a last column says why each row was refused.
Text is protected as in every exported file (`spreadsheet_text.protect`: in CSV a leading `'`
before what a spreadsheet would run; in XLSX every text is a string cell), so the file can be
fixed in Excel and imported again: the import removes that `'`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from pathlib import Path

from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.exchange.import_file import SourceTable
from lkoe_desktop.exchange.spreadsheet_text import protect
from lkoe_desktop.exchange.xlsx_cells import Shown
from lkoe_desktop.files import write_atomically

# The encoding each CSV encoding the import reads is written back in (with its BOM if any).
_ENCODINGS = {
    "UTF-8": "utf-8",
    "UTF-8 with BOM": "utf-8-sig",
    "Windows-1252": "cp1252",
    "UTF-16": "utf-16",
}


def write_rejected(table: SourceTable, reasons: Mapping[int, str], path: Path) -> None:
    """Write the rows of `table` whose numbers `reasons` holds, each with its reason."""
    header = [*table.headers, _("Problem")]
    rows = [[*row.cells, reasons[row.number]] for row in table.rows if row.number in reasons]
    if table.format == "xlsx":
        write_atomically(path, lambda target: _write_xlsx(target, header, rows))
    else:
        data = _csv_bytes(header, rows, table.separator or ";", table.encoding or "UTF-8")
        write_atomically(path, lambda target: target.write_bytes(data))


def _cell_text(cell: Shown) -> str:
    if isinstance(cell, datetime):
        return cell.strftime("%Y-%m-%d %H:%M")
    if isinstance(cell, date):
        return cell.isoformat()
    return protect(cell)


def _csv_bytes(
    header: Sequence[str], rows: Sequence[Sequence[Shown]], separator: str, encoding: str
) -> bytes:
    text = io.StringIO(newline="")
    writer = csv.writer(text, delimiter=separator, lineterminator="\r\n")
    writer.writerow([_cell_text(cell) for cell in header])
    for row in rows:
        writer.writerow([_cell_text(cell) for cell in row])
    return text.getvalue().encode(_ENCODINGS.get(encoding, "utf-8"), errors="replace")


def _write_xlsx(target: Path, header: Sequence[str], rows: Sequence[Sequence[Shown]]) -> None:
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = _("Rejected rows")[:31]
    for number, values in enumerate([header, *rows], start=1):
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row=number, column=column)
            if isinstance(value, date):
                cell.value = value
                timed = isinstance(value, datetime)
                cell.number_format = "yyyy-mm-dd hh:mm" if timed else "yyyy-mm-dd"
                continue
            cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)
            cell.data_type = "s"  # never a formula, whatever the text starts with
            if number == 1:
                cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    book.save(target)
