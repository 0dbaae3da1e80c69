"""A list as an Excel workbook: typed cells, a bold frozen header with a filter, and a sheet
saying what the list is.

Dates are date cells and counts numbers; organisation numbers, phone numbers and postcodes
are text, so that Excel keeps their zeros and dashes; every text is a string cell, never a
formula. A text longer than Excel holds in a cell is cut to fit and said to be. The workbook
is streamed (openpyxl's write-only mode) to a file beside the target and moved into place.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Font
from openpyxl.styles.fonts import DEFAULT_FONT
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from lkoe_desktop.domain.clock import to_stockholm
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.exchange.export_table import (
    EXCEL_CELL_LIMIT,
    PROGRESS_STEP,
    ExportTable,
    Progress,
    too_long_warning,
)
from lkoe_desktop.exchange.export_table import Cell as Value
from lkoe_desktop.exchange.participant_xlsx import DATE_FORMAT, MAX_WIDTH, MIN_WIDTH
from lkoe_desktop.exchange.period_xlsx import TIME_FORMAT, sheet_names
from lkoe_desktop.files import write_atomically

# Rows read for the columns' widths: enough to see what a column holds, few enough to be quick.
WIDTH_SAMPLE = 5000
# The workbook's own font, in bold: a bold font without a name is another font in LibreOffice.
BOLD = Font(name=DEFAULT_FONT.name, size=DEFAULT_FONT.sz, family=DEFAULT_FONT.family, bold=True)


def _printed_across_one_page(sheet: WriteOnlyWorksheet) -> None:
    """Printed landscape, as wide as one page, the header row on every page."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


class _Cells:
    """Turns a table's values into what a write-only sheet takes, noting texts it cut."""

    def __init__(self, sheet: WriteOnlyWorksheet) -> None:
        self.sheet = sheet
        self.cut: list[tuple[int, int]] = []  # (Excel row, column index)

    def text(self, value: str, row: int = 0, column: int = 0) -> object:
        """A string cell: characters XML refuses removed, cut to Excel's limit (noted), and a
        text Excel would take for a formula or an error value marked as a string."""
        if not value.isprintable():  # only then can it hold a character XML refuses
            value = ILLEGAL_CHARACTERS_RE.sub("", value)
        if len(value) > EXCEL_CELL_LIMIT:
            value = value[: EXCEL_CELL_LIMIT - 1] + "…"
            self.cut.append((row, column))
        if value.startswith("=") or value in ERROR_CODES:
            cell = WriteOnlyCell(self.sheet, value)
            cell.data_type = "s"
            return cell
        return value

    def value(self, value: Value, row: int = 0, column: int = 0) -> object:
        if isinstance(value, str):
            return self.text(value, row, column)
        if isinstance(value, datetime):
            cell = WriteOnlyCell(self.sheet, to_stockholm(value).replace(tzinfo=None))
            cell.number_format = TIME_FORMAT
            return cell
        if isinstance(value, date):
            cell = WriteOnlyCell(self.sheet, value)
            cell.number_format = DATE_FORMAT
            return cell
        return value


def _plain(text: str) -> bool:
    """Whether openpyxl writes `text` as a string cell as it is: not a formula, not an error
    value, no character XML refuses, not longer than Excel holds."""
    return (
        text[:1] != "="
        and len(text) <= EXCEL_CELL_LIMIT
        and text.isprintable()
        and text not in ERROR_CODES
    )


def _shown_length(value: Value) -> int:
    if value is None:
        return 0
    if isinstance(value, datetime):
        return len(TIME_FORMAT)
    if isinstance(value, date):
        return len(DATE_FORMAT)
    return len(str(value))


def _widths(table: ExportTable) -> list[int]:
    widths = [len(column.heading) for column in table.columns]
    for row in table.rows[:WIDTH_SAMPLE]:
        for index, value in enumerate(row):
            widths[index] = max(widths[index], _shown_length(value))
    return [min(max(width + 2, MIN_WIDTH), MAX_WIDTH) for width in widths]


def _table(sheet: WriteOnlyWorksheet, table: ExportTable, progress: Progress | None) -> list[str]:
    for index, width in enumerate(_widths(table), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.print_title_rows = "1:1"
    _printed_across_one_page(sheet)
    cells = _Cells(sheet)
    header = []
    for column in table.columns:
        cell = WriteOnlyCell(sheet, column.heading)
        cell.data_type = "s"
        cell.font = BOLD
        header.append(cell)
    sheet.append(header)
    total = len(table.rows)
    for done, row in enumerate(table.rows, start=1):
        # Most cells are empty or plain text that openpyxl writes as a string as it is.
        sheet.append(
            [
                value
                if value is None or (value.__class__ is str and _plain(value))
                else cells.value(value, done + 1, index)
                for index, value in enumerate(row)
            ]
        )
        if progress is not None and done % PROGRESS_STEP == 0:
            progress(done, total)
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(table.columns))}{total + 1}"
    if not cells.cut:
        return []
    places = [(row, table.columns[column].heading) for row, column in cells.cut]
    return [too_long_warning(places, cut=True)]


def _about(
    sheet: WriteOnlyWorksheet, about: Sequence[tuple[str, Value]], warnings: list[str]
) -> None:
    lines = [*about, *((_("Warning"), warning) for warning in warnings)]
    widest = max((len(name) for name, _value in lines), default=0)
    longest = max((_shown_length(value) for _name, value in lines), default=0)
    sheet.column_dimensions["A"].width = min(max(widest + 2, MIN_WIDTH), MAX_WIDTH)
    sheet.column_dimensions["B"].width = min(max(longest + 2, MIN_WIDTH), MAX_WIDTH * 2)
    _printed_across_one_page(sheet)
    cells = _Cells(sheet)
    left = Alignment(horizontal="left", vertical="top", wrap_text=True)
    for name, value in lines:
        heading = WriteOnlyCell(sheet, name)
        heading.data_type = "s"
        heading.font = BOLD
        heading.alignment = Alignment(vertical="top")
        shown = cells.value(value)
        cell = shown if isinstance(shown, Cell) else WriteOnlyCell(sheet, shown)
        cell.alignment = left
        sheet.append([heading, cell])


def write_xlsx(
    table: ExportTable, target: str | os.PathLike[str], *, progress: Progress | None = None
) -> list[str]:
    """Write `table` to `target` (.xlsx): the table on the first sheet from row 1, what the
    list is on the second. Returns warnings in words (texts cut to Excel's limit), which the
    second sheet also carries. `progress(done, total)` is called every few thousand rows; if
    it raises, nothing is written."""
    total = len(table.rows)
    if progress is not None:
        progress(0, total)
    names = sheet_names([table.title, _("About the list")])
    book = Workbook(write_only=True)
    warnings = _table(book.create_sheet(names[0]), table, progress)
    _about(book.create_sheet(names[1]), table.about, warnings)
    write_atomically(Path(target), book.save)
    if progress is not None:
        progress(total, total)
    return warnings
