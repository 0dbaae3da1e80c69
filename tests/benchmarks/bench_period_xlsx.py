"""Measure the period report's workbook for a whole project: the sample quarter's tables with a
deltagarlista of 100 000 rows (the large demo's 300 000 participations give about that many
counted ones), beside bare openpyxl writing the same cells in the same write-only mode.

Run from the project root: `PYTHONPATH=. .venv/bin/python tests/benchmarks/bench_period_xlsx.py
[--rows N] [--runs N]`. It prints the median of N runs of each, taken in turn, and their ratio;
the target is under 10 s.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import openpyxl
from openpyxl import Workbook

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from period_report_sample import quarter_report

from lkoe_desktop.domain.clock import STOCKHOLM
from lkoe_desktop.exchange.period_xlsx import write_period_xlsx
from lkoe_desktop.services.document_rows import PeriodReport

TARGET_SECONDS = 10.0


def bare_openpyxl(report: PeriodReport, path: Path) -> None:
    """The same sheets and values through openpyxl alone: no widths, styles or checks."""
    book = Workbook(write_only=True)
    summary = book.create_sheet("Summary")
    for line in report.summary:
        summary.append([line.label, line.period, line.cumulative, line.indicator])
    for number, table in enumerate(report.tables):
        sheet = book.create_sheet(f"Table {number}")
        sheet.append(list(table.headings))
        for row in table.rows:
            sheet.append(list(row))
    warnings = book.create_sheet("Warnings")
    for warning in report.warnings:
        for record in warning.records:
            warnings.append([warning.text, warning.kind, record.entity, record.id, record.name])
    people = book.create_sheet("Participants")
    people.append(["Name", "Organisation", "Organisation number", "E-mail", "Meeting", "Date"])
    for row in report.participants:
        people.append(
            [
                f"{row.first_name} {row.last_name}",
                row.organisation,
                row.org_number,
                row.email,
                row.meeting_title,
                row.starts_at.astimezone(STOCKHOLM).date(),
            ]
        )
    book.save(path)


def median_seconds(runs: int, *works: Callable[[], object]) -> list[float]:
    """The median wall time of `runs` calls of each of `works`, taken in turn (first, second,
    first, …) so that a busy machine slows them alike."""
    times: list[list[float]] = [[] for _work in works]
    for _run in range(runs):
        for work, taken in zip(works, times, strict=True):
            started = time.perf_counter()
            work()
            taken.append(time.perf_counter() - started)
    return [statistics.median(taken) for taken in times]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000, help="deltagarlista rows")
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    report = quarter_report(participant_count=options.rows)
    with tempfile.TemporaryDirectory() as folder:
        ours_path, bare_path = Path(folder) / "ours.xlsx", Path(folder) / "bare.xlsx"
        ours, bare = median_seconds(
            options.runs,
            lambda: write_period_xlsx(report, ours_path),
            lambda: bare_openpyxl(report, bare_path),
        )
        size = ours_path.stat().st_size / 1e6
    verdict = "ok" if ours < TARGET_SECONDS else "TOO SLOW"
    lxml = "used" if openpyxl.LXML else "not installed"
    print(
        f"period report workbook, {options.rows} deltagarlista rows, medians of {options.runs} "
        f"runs (openpyxl {openpyxl.__version__}, lxml {lxml}):"
    )
    target = f"target < {TARGET_SECONDS:g} s, {verdict}; {size:.1f} MB"
    print(f"  write_period_xlsx   {ours:7.2f} s  ({target})")
    print(f"  bare openpyxl       {bare:7.2f} s  (same cells, write-only, no styles or checks)")
    print(f"  ratio               {ours / bare:7.2f}")


if __name__ == "__main__":
    main()
