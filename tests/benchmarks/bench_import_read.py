"""Measure the import's reading layer on a 100 000-row contacts file, as CSV and as XLSX.

The CSV is what Swedish Excel saves (`;`, Windows-1252, CRLF); the XLSX has typed cells (an
organisation number stored as a number with a number format, a date). Beside each figure it
prints what plain reading of the same file takes: `csv.reader` over the decoded text, and
openpyxl's read-only `iter_rows(values_only=True)`. `read_table` is the file as Excel shows it;
`read_import` adds the header mapping and every row's values, warnings and errors.

Run from the project root: `PYTHONPATH=. .venv/bin/python tests/benchmarks/bench_import_read.py
[--rows N] [--runs N]`. It prints the median of N runs of each, taken in turn, and the ratios.
The whole import must fit in 30 s (CSV) and 60 s (XLSX) for 100 000 rows.
"""

from __future__ import annotations

import argparse
import csv
import io
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import openpyxl

from lkoe_desktop.exchange.import_file import read_table
from lkoe_desktop.exchange.import_mapping import ImportKind
from lkoe_desktop.exchange.import_rows import read_import

HEADERS = ["Förnamn", "Efternamn", "E-post", "Telefon", "Organisation", "Org.nr", "Titel"]
HEADERS += ["Kommun", "Kön", "Sedan"]
FIRST = ["Åsa", "Örjan", "Eva", "Per", "Anna-Karin", "Zoë", "Märta", "Jöns"]
LAST = ["Öberg", "de Geer", "Nilsson", "af Klint", "Wójcik", "Ström", "Åkesson", "Berg"]
PLACES = ["Linköping", "Norrköpings kommun", "Motala", "Oslo", "Söderköping", "Finspång"]


def people(count: int) -> list[list[object]]:
    return [
        [
            FIRST[index % 8],
            LAST[index // 8 % 8],
            f"person{index}@exempel.se",
            f"013-{index % 100:02d} {index % 97:02d} {index % 89:02d}",
            f"Företag {index % 5000} AB",
            5560360793 + index % 5000,
            "Logistikchef" if index % 3 else "=inte en formel",
            PLACES[index % 6],
            "Kvinna" if index % 2 else "Man",
            date(2020 + index % 6, 1 + index % 12, 1 + index % 28),
        ]
        for index in range(count)
    ]


def write_csv(rows: list[list[object]], path: Path) -> None:
    with path.open("w", encoding="cp1252", newline="") as file:
        writer = csv.writer(file, delimiter=";", lineterminator="\r\n")
        writer.writerow(HEADERS)
        for row in rows:
            writer.writerow(["'" + cell if str(cell).startswith("=") else cell for cell in row])


def write_xlsx(rows: list[list[object]], path: Path) -> None:
    from openpyxl.cell import WriteOnlyCell

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Kontakter")
    sheet.append(HEADERS)
    for row in rows:
        number = WriteOnlyCell(sheet, row[5])
        number.number_format = "0000000000"
        day = WriteOnlyCell(sheet, row[9])
        day.number_format = "yyyy-mm-dd"
        sheet.append([*row[:5], number, str(row[6]), *row[7:9], day])
    book.save(path)


def plain_csv(path: Path) -> int:
    text = path.read_bytes().decode("cp1252")
    return sum(1 for _ in csv.reader(io.StringIO(text, newline=""), delimiter=";"))


def plain_openpyxl(path: Path) -> int:
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    count = sum(1 for _ in book.worksheets[0].iter_rows(values_only=True))
    book.close()
    return count


def median(job: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        job()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    arguments = parser.parse_args()
    rows = people(arguments.rows)
    with tempfile.TemporaryDirectory() as folder:
        csv_path, xlsx_path = Path(folder) / "kontakter.csv", Path(folder) / "kontakter.xlsx"
        write_csv(rows, csv_path)
        write_xlsx(rows, xlsx_path)
        result = read_import(csv_path, ImportKind.CONTACTS)
        assert len(result.rows) == arguments.rows and result.mapping.ignored() == (
            "Kommun",
            "Sedan",
        )
        assert result.rows[0].values["first_name"] == "Åsa"
        assert read_table(xlsx_path).rows[0].cells[5] == "5560360793"
        jobs: list[tuple[str, Callable[[], object], Callable[[], object]]] = [
            ("CSV  read_table", lambda: read_table(csv_path), lambda: plain_csv(csv_path)),
            (
                "CSV  read_import",
                lambda: read_import(csv_path, ImportKind.CONTACTS),
                lambda: plain_csv(csv_path),
            ),
            ("XLSX read_table", lambda: read_table(xlsx_path), lambda: plain_openpyxl(xlsx_path)),
            (
                "XLSX read_import",
                lambda: read_import(xlsx_path, ImportKind.CONTACTS),
                lambda: plain_openpyxl(xlsx_path),
            ),
        ]
        size = f"{arguments.rows:,}".replace(",", " ")
        print(f"{size} rows, median of {arguments.runs} runs")
        print(f"{'':18}{'ours':>9}{'plain':>9}{'ratio':>8}")
        for name, ours, plain in jobs:
            mine, bare = median(ours, arguments.runs), median(plain, arguments.runs)
            print(f"{name:18}{mine:8.2f}s{bare:8.2f}s{mine / bare:7.1f}×")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
