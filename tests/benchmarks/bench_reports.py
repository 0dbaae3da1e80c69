"""Measure the printed documents: a 500-person sign-in sheet, every contact sheet of the small
demo, and the register of the large demo's 20 000 partners (rows collected and PDF written).

Run: `.venv/bin/python tests/benchmarks/bench_reports.py [--db PATH] [--runs N]`. It builds the
small demo in a temporary folder (adding a meeting with 500 registered people) and the large
demo at PATH if that does not exist yet, then prints the median of N runs of each document
beside the figure the office was promised.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from large_demo import DEFAULT_DB, ready_large_demo

from lkoe_desktop.db.engine import Database
from lkoe_desktop.db.migrate import open_database
from lkoe_desktop.demo.load import load_demo
from lkoe_desktop.reports.contact_sheet import write_contact_sheets
from lkoe_desktop.reports.register import write_register
from lkoe_desktop.reports.sign_in_sheet import write_sign_in_sheet
from lkoe_desktop.services import contacts, meetings, participations
from lkoe_desktop.services.report_rows import (
    collect_sign_in_sheet,
    contact_sheets,
    page_setup,
    partner_register,
)

SIGN_IN_PEOPLE = 500


def big_meeting(database: Database) -> int:
    """A new meeting of the small demo with SIGN_IN_PEOPLE people registered."""
    with database.unit_of_work() as session:
        people = contacts.contact_ids(session)[:SIGN_IN_PEOPLE]
        meeting = meetings.create_meeting(
            session,
            {"title": "Stora nätverksdagen", "kind": "conference", "starts_at": "2026-05-20 09:00"},
        ).id
        invited = participations.invite(session, meeting, people)
        participations.set_statuses(session, [row.id for row in invited], "registered")
    return meeting


def median_seconds(runs: int, work: Callable[[], object]) -> tuple[float, object]:
    """The median wall time of `runs` calls of `work`, and what the last call returned."""
    times = []
    result: object = None
    for _run in range(runs):
        started = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def report(name: str, seconds: float, target: float, detail: str) -> None:
    verdict = "ok" if seconds < target else "TOO SLOW"
    print(f"  {name:<34} {seconds:7.3f} s  (target < {target:g} s, {verdict}; {detail})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, default=DEFAULT_DB, help="the large demo database")
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    ready_large_demo(options.db)
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "out.pdf"
        small = open_database(f"sqlite:///{Path(folder) / 'small.sqlite3'}")
        load_demo(small, "small")
        meeting = big_meeting(small)

        def sign_in_sheet() -> int:
            with small.reading() as session:
                sheet = collect_sign_in_sheet(session, meeting)
                setup = page_setup(session)
            return write_sign_in_sheet(sheet, out, setup)

        def all_contact_sheets() -> int:
            with small.reading() as session:
                sheets = contact_sheets(session)
                setup = page_setup(session)
            return write_contact_sheets(sheets, out, setup)

        large = open_database(f"sqlite:///{options.db}")

        def register() -> int:
            with large.reading() as session:
                rows = partner_register(session)
                setup = page_setup(session)
            return write_register(rows, out, setup)

        with large.reading() as session:
            partners = len(partner_register(session))
        print(f"printed documents, medians of {options.runs} runs (rows collected + PDF written):")
        seconds, pages = median_seconds(options.runs, sign_in_sheet)
        report(f"sign-in sheet, {SIGN_IN_PEOPLE} people", seconds, 0.3, f"{pages} pages")
        seconds, pages = median_seconds(options.runs, all_contact_sheets)
        report("contact sheets, small demo", seconds, 3, f"{pages} pages")
        seconds, pages = median_seconds(options.runs, register)
        report(f"register, {partners} partners", seconds, 30, f"{pages} pages")
        small.dispose()
        large.dispose()


if __name__ == "__main__":
    main()
