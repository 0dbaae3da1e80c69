"""Measure a whole import of 100 000 contacts, from a Swedish Excel CSV and from an XLSX.

Each run imports the file into a new, empty SQLite database (the benchmark's file, migrated
once and copied): read, checked with the domain's validators (e-mail, phone, organisation
number, codes, lengths), matched, written with the change log, legal-basis records and the
import batch, and committed. Beside each figure it prints what `sqlite3.executemany` takes to
insert the same rows, raw, into a table of text columns: the floor any import stands on.

Run from the project root: `PYTHONPATH=. .venv/bin/python tests/benchmarks/bench_import.py
[--rows N] [--runs N]`. It prints the median of N runs of each, taken in turn, wall-clock and
processor time (the machines are shared), and the ratios of the wall-clock times.
The import must take under 30 s (CSV) and 60 s (XLSX) for 100 000 rows.
"""

from __future__ import annotations

import argparse
import csv
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from stdnum.se import orgnr

from lkoe_desktop.db.migrate import open_database
from lkoe_desktop.exchange.import_mapping import ImportKind
from lkoe_desktop.services.imports import ImportOutcome, ImportRequest, run_import

HEADERS = ["Förnamn", "Efternamn", "E-post", "Telefon", "Organisation", "Org.nr", "Titel"]
HEADERS += ["Kön", "Anteckning"]
FIRST = ["Åsa", "Örjan", "Eva", "Per", "Anna-Karin", "Zoë", "Märta", "Jöns"]
LAST = ["Öberg", "de Geer", "Nilsson", "af Klint", "Wójcik", "Ström", "Åkesson", "Berg"]
DOMAINS = ["exempel.se", "hamnen.se", "liu.se", "norrkoping.se", "kommun.example.org"]
COMPANIES = 5000


def _org_number(index: int) -> str:
    """A valid organisation number for company `index` (the check digit computed)."""
    base = f"{556000000 + index * 7:09d}"
    check = orgnr.luhn.calc_check_digit(base)
    return f"{base[:6]}-{base[6:]}{check}"


def people(count: int) -> list[list[str]]:
    numbers = [_org_number(index) for index in range(COMPANIES)]
    return [
        [
            FIRST[index % 8],
            f"{LAST[index // 8 % 8]}{index // 64}",
            f"person{index}@{DOMAINS[index % 5]}",
            f"013-{10 + index % 90:02d} {index % 97:02d} {index % 89:02d}",
            f"Företag {index % COMPANIES} AB",
            numbers[index % COMPANIES],
            "Logistikchef" if index % 3 else "=inte en formel",
            "Kvinna" if index % 2 else "Man",
            "" if index % 4 else "Träffades på Logistikdagen i Norrköping",
        ]
        for index in range(count)
    ]


def write_csv(rows: list[list[str]], path: Path) -> None:
    """As Swedish Excel saves "CSV (semikolonavgränsad)": `;`, Windows-1252, CRLF, protected."""
    with path.open("w", encoding="cp1252", newline="") as file:
        writer = csv.writer(file, delimiter=";", lineterminator="\r\n")
        writer.writerow(HEADERS)
        for row in rows:
            writer.writerow(["'" + cell if cell.startswith("=") else cell for cell in row])


def write_xlsx(rows: list[list[str]], path: Path) -> None:
    """An XLSX with the organisation number stored as a number shown with its dash."""
    import openpyxl
    from openpyxl.cell import WriteOnlyCell

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Kontakter")
    sheet.append(HEADERS)
    for row in rows:
        number = WriteOnlyCell(sheet, int(row[5].replace("-", "")))
        number.number_format = "000000-0000"
        title = WriteOnlyCell(sheet, row[6])
        title.data_type = "s"
        sheet.append([*row[:5], number, title, *row[7:]])
    book.save(path)


def raw_insert(rows: list[list[str]], folder: Path) -> None:
    """The same rows into a table of text columns with `sqlite3.executemany`, committed."""
    path = folder / "raw.sqlite3"
    path.unlink(missing_ok=True)
    connection = sqlite3.connect(path)
    columns = ", ".join(f"c{index} TEXT" for index in range(len(HEADERS)))
    connection.execute(f"CREATE TABLE contacts (id INTEGER PRIMARY KEY, {columns})")
    marks = ", ".join("?" for _ in HEADERS)
    names = ", ".join(f"c{index}" for index in range(len(HEADERS)))
    connection.executemany(f"INSERT INTO contacts ({names}) VALUES ({marks})", rows)
    connection.commit()
    connection.close()


def imported(file: Path, template: Path, folder: Path, rows: int) -> Callable[[], None]:
    def job() -> None:
        target = folder / "import.sqlite3"
        for companion in folder.glob("import.sqlite3*"):
            companion.unlink()
        shutil.copy(template, target)
        database = open_database(f"sqlite:///{target}")
        try:
            outcome: ImportOutcome = run_import(database, ImportRequest(file, ImportKind.CONTACTS))
        finally:
            database.dispose()
        assert outcome.written and outcome.counts.new == rows, outcome.counts

    return job


def median(job: Callable[[], object], runs: int) -> tuple[float, float]:
    """The median wall-clock time of `runs` runs, and the median processor time of this
    process (on a shared machine the first also counts others' work)."""
    times, cpu = [], []
    for _ in range(runs):
        start, used = time.perf_counter(), time.process_time()
        job()
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - used)
    return statistics.median(times), statistics.median(cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    arguments = parser.parse_args()
    rows = people(arguments.rows)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        template = folder / "template.sqlite3"
        open_database(f"sqlite:///{template}").dispose()
        csv_path, xlsx_path = folder / "kontakter.csv", folder / "kontakter.xlsx"
        write_csv(rows, csv_path)
        write_xlsx(rows, xlsx_path)
        size = f"{arguments.rows:,}".replace(",", " ")
        print(f"{size} contacts, median of {arguments.runs} runs")
        print(f"{'':6}{'import':>9}{'(cpu)':>9}{'executemany':>13}{'(cpu)':>9}{'ratio':>8}")
        for label, path in (("CSV", csv_path), ("XLSX", xlsx_path)):
            ours, ours_cpu = median(
                imported(path, template, folder, arguments.rows), arguments.runs
            )
            bare, bare_cpu = median(lambda: raw_insert(rows, folder), arguments.runs)
            print(
                f"{label:6}{ours:8.2f}s{ours_cpu:8.2f}s{bare:12.2f}s{bare_cpu:8.2f}s"
                f"{ours / bare:7.0f}×"
            )
    sys.stdout.flush()


if __name__ == "__main__":
    main()
