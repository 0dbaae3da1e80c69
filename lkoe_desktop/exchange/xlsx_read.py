"""Reading one sheet of an XLSX workbook as rows of the cells Excel shows (openpyxl, read-only)."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from lkoe_desktop.domain.errors import ImportFileError
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.exchange.import_file import NotASpreadsheetError
from lkoe_desktop.exchange.xlsx_cells import Shown, shown

Rows = Iterator[tuple[int, tuple[Shown, ...]]]


class UnknownSheetError(ImportFileError):
    """The sheet asked for is not in the workbook."""


def sheet_names(path: Path) -> tuple[str, ...]:
    """The names of the workbook's sheets, in its own order (for choosing one to import)."""
    workbook = _open(path)
    try:
        return tuple(workbook.sheetnames)
    finally:
        workbook.close()


def read_sheet(path: Path, sheet: str | None = None) -> tuple[tuple[str, ...], str, Rows]:
    """(every sheet's name, the name of the one read, its rows) for `sheet` or the first sheet.

    The rows are (Excel row number, cells shown) of every row the sheet stores, read lazily
    while the workbook stays open; consuming them to the end closes it. A formula cell gives
    the value Excel computed and saved with the file (openpyxl's `data_only`), never the
    formula; a workbook saved by a program that does not compute formulas has no such value,
    and the cell reads as empty.
    """
    workbook = _open(path)
    names = tuple(workbook.sheetnames)
    chosen = names[0] if sheet is None else sheet
    if chosen not in names:
        workbook.close()
        raise UnknownSheetError(
            _("The workbook “{name}” has no sheet “{sheet}”; its sheets are {sheets}.").format(
                name=path.name, sheet=sheet, sheets=", ".join(f"“{name}”" for name in names)
            )
        )
    worksheet = workbook[chosen]
    worksheet.reset_dimensions()  # some programs save a wrong size; read every stored row
    return names, chosen, _rows(workbook, worksheet)


def _rows(workbook: Any, worksheet: Any) -> Rows:
    try:
        for cells in worksheet.iter_rows():
            number = next((cell.row for cell in cells if cell.value is not None), None)
            if number is not None:
                yield number, tuple(_shown(cell) for cell in cells)
    finally:
        workbook.close()


def _shown(cell: Any) -> Shown:
    value = cell.value
    if value is None or isinstance(value, str):
        return "" if value is None else value
    return shown(value, cell.number_format)


def _open(path: Path) -> Any:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:  # from bytes: openpyxl refuses a path whose name does not end in .xlsx
        return openpyxl.load_workbook(io.BytesIO(path.read_bytes()), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError) as error:
        raise NotASpreadsheetError(
            _(
                "“{name}” cannot be read as an Excel workbook (.xlsx): it may be damaged or "
                "another kind of file. Open it in Excel and save it as .xlsx or CSV."
            ).format(name=path.name)
        ) from error
