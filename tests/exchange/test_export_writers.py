"""The CSV and XLSX writers on their own: formula-like text, Excel's cell limit, odd characters,
and (where LibreOffice is installed) what a spreadsheet program makes of the files."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from lkoe_desktop.domain.fields import Kind
from lkoe_desktop.exchange.csv_export import write_csv
from lkoe_desktop.exchange.export_table import (
    EXCEL_CELL_LIMIT,
    ExportColumn,
    ExportTable,
    cell_text,
    phone_text,
)
from lkoe_desktop.exchange.xlsx_export import write_xlsx

# Text a spreadsheet would run, and what it would show if it did.
RUNNABLE = {
    "=1+1": "2",
    "+1+1": "2",
    "-1+1": "0",
    "@SUM(1,2)": "3",
    '=HYPERLINK("http://x";"y")': "y",
    "\t=1+1": "2",
}
COLUMNS = (ExportColumn("Namn"), ExportColumn("Värde"), ExportColumn("Datum", Kind.DATE))


def _table(*values: str) -> ExportTable:
    rows = [[f"Åsa {index}", value, date(2026, 3, 31)] for index, value in enumerate(values)]
    return ExportTable("Test", COLUMNS, rows, (("Lista", "Test"),))


def test_a_cell_as_csv_text() -> None:
    assert [cell_text(value) for value in RUNNABLE] == [f"'{value}" for value in RUNNABLE]
    assert cell_text("\rx") == "'\rx"
    assert cell_text("") == "" and cell_text(None) == ""
    assert cell_text("Östgöta") == "Östgöta" and cell_text("'quoted") == "'quoted"
    assert cell_text(date(2026, 3, 31)) == "2026-03-31"
    assert cell_text(datetime(2026, 3, 31, 21, 30, tzinfo=UTC)) == "2026-03-31 23:30"
    assert cell_text(42) == "42"


def test_phone_numbers_as_files_write_them_never_needing_a_quote() -> None:
    assert phone_text("+4613123456") == "013-12 34 56"
    assert phone_text("+442079460958") == "0044 20 7946 0958"
    assert phone_text("+4613123456", "013-12 34 56") == "013-12 34 56"
    assert all(
        not cell_text(phone_text(number)).startswith("'")
        for number in ("+4613123456", "+442079460958")
    )


def test_a_value_longer_than_an_excel_cell_is_written_whole_to_csv_and_said_to_be(
    tmp_path: Path,
) -> None:
    long = "å" * (EXCEL_CELL_LIMIT + 10)
    path = tmp_path / "lång.csv"
    [warning] = write_csv(_table("kort", long), path)
    assert "rad 3, kolumn ”Värde”" in warning and "32\u00a0767" in warning
    rows = list(
        csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline=""), delimiter=";")
    )
    assert rows[2][1] == long


def test_a_value_longer_than_an_excel_cell_is_cut_in_xlsx_and_said_to_be(tmp_path: Path) -> None:
    long = "=" + "å" * (EXCEL_CELL_LIMIT + 10)
    path = tmp_path / "lång.xlsx"
    [warning] = write_xlsx(_table("kort", long), path)
    assert "kortats" in warning and "rad 3" in warning
    book = load_workbook(path)
    cell = book.worksheets[0]["B3"]
    assert (
        cell.data_type == "s" and len(cell.value) == EXCEL_CELL_LIMIT and cell.value.endswith("…")
    )
    about = [row[1].value for row in book.worksheets[1].iter_rows()]
    assert warning in about


def test_xlsx_text_is_never_a_formula_nor_an_error_value(tmp_path: Path) -> None:
    path = tmp_path / "formler.xlsx"
    assert write_xlsx(_table(*RUNNABLE, "#N/A", "bell\x07"), path) == []
    sheet = load_workbook(path).worksheets[0]
    values = [row[1] for row in sheet.iter_rows(min_row=2)]
    assert [cell.value for cell in values] == [*RUNNABLE, "#N/A", "bell"]
    assert {cell.data_type for cell in values} == {"s"}
    dates = [row[2] for row in sheet.iter_rows(min_row=2)]
    assert {(cell.value, cell.number_format) for cell in dates} == {
        (datetime(2026, 3, 31), "yyyy-mm-dd")
    }


def _libreoffice_csv(source: Path, folder: Path, *infilter: str) -> list[list[str]]:
    """`source` opened by LibreOffice and saved as UTF-8 CSV (`,`); the cells it shows."""
    profile = folder / "profile"
    out = folder / "out"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            *infilter,
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1",
            "--outdir",
            str(out),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    text = (out / (source.stem + ".csv")).read_text(encoding="utf-8")
    return list(csv.reader(io.StringIO(text, newline="")))


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_runs_no_cell_of_an_exported_csv_or_xlsx(tmp_path: Path) -> None:
    table = _table(*RUNNABLE)
    write_csv(table, tmp_path / "lista.csv")
    write_xlsx(table, tmp_path / "lista.xlsx")
    semicolons_utf8 = "--infilter=CSV:59,34,76,1"
    from_csv = _libreoffice_csv(tmp_path / "lista.csv", tmp_path, semicolons_utf8)
    from_xlsx = _libreoffice_csv(tmp_path / "lista.xlsx", tmp_path)
    assert from_csv[0] == from_xlsx[0] == ["Namn", "Värde", "Datum"]
    assert [row[1] for row in from_csv[1:]] == [f"'{value}" for value in RUNNABLE]
    assert [row[1] for row in from_xlsx[1:]] == list(RUNNABLE)
    assert {row[2] for row in from_csv[1:] + from_xlsx[1:]} == {"2026-03-31"}
    assert [row[0] for row in from_xlsx[1:]] == [f"Åsa {index}" for index in range(len(RUNNABLE))]
