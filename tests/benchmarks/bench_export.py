"""Measure exporting the large demo's 100 000 contacts: CSV and XLSX through the export service,
beside the same query written out by the standard `csv` module alone and by bare openpyxl.

Run from the project root: `PYTHONPATH=. .venv/bin/python tests/benchmarks/bench_export.py
[--db PATH] [--runs N]` (the large demo is built first if PATH does not exist). It prints the
median of N runs of each, taken in turn, and their ratios; the targets are CSV under 3 s and
XLSX under 20 s.
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
from pathlib import Path

from openpyxl import Workbook

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_period_xlsx import median_seconds
from large_demo import DEFAULT_DB, ready_large_demo

from lkoe_desktop.db.engine import Database
from lkoe_desktop.db.migrate import open_database
from lkoe_desktop.services import contacts, exports
from lkoe_desktop.services.export_rows import list_rows

TARGETS = {"csv": 3.0, "xlsx": 20.0}


def _rows(database: Database) -> list[tuple[object, ...]]:
    """The rows the export reads (the contact list's query), the table's columns as they are
    stored: phone numbers in E.164, not as shown; what a program reading them itself gets."""
    request = exports.ExportRequest(exports.Listed.CONTACTS, exports.Format.CSV)
    with database.reading() as session:
        return [
            (row[2], row[1], row[6], row[8], row[3], row[4], row[5])
            for row in list_rows(session, request)
        ]


def bare_csv(database: Database, path: Path) -> None:
    """The same query written by the csv module alone: no formula guard, phones as stored."""
    rows = _rows(database)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle, delimiter=";", lineterminator="\r\n").writerows(rows)


def bare_xlsx(database: Database, path: Path) -> None:
    """The same query written by openpyxl alone, write-only: no styles, widths or checks."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Contacts")
    for row in _rows(database):
        sheet.append(row)
    book.save(path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, default=DEFAULT_DB)
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    ready_large_demo(options.db)
    database = open_database(f"sqlite:///{options.db}")
    with database.reading() as session:
        count = contacts.count_contacts(session)
    print(f"exporting {count} contacts (the large demo), medians of {options.runs} runs:")
    try:
        with tempfile.TemporaryDirectory() as folder:
            for fmt, bare in (("csv", bare_csv), ("xlsx", bare_xlsx)):
                ours_path, bare_path = Path(folder) / f"ours.{fmt}", Path(folder) / f"bare.{fmt}"
                request = exports.ExportRequest(exports.Listed.CONTACTS, exports.Format(fmt))
                ours, plain = median_seconds(
                    options.runs,
                    lambda r=request, p=ours_path: exports.export(database, r, p),
                    lambda b=bare, p=bare_path: b(database, p),
                )
                verdict = "ok" if ours < TARGETS[fmt] else "TOO SLOW"
                size = ours_path.stat().st_size / 1e6
                alone = "the csv module alone" if fmt == "csv" else "bare openpyxl"
                target = f"target < {TARGETS[fmt]:g} s, {verdict}; {size:.1f} MB"
                print(f"  {fmt + ' export':<38} {ours:6.2f} s  ({target})")
                print(f"  {'same query, ' + alone:<38} {plain:6.2f} s")
                print(f"  {'ratio':<38} {ours / plain:6.2f}")
    finally:
        database.dispose()


if __name__ == "__main__":
    main()
