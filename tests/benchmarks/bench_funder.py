"""Measure the funder's period report on the large demo (300 000 participations): the figures
of a quarter and of the whole project, each beside the same counts as plain SQL through
`sqlite3`.

Run: `.venv/bin/python tests/benchmarks/bench_funder.py [--db PATH] [--runs N] [--quarter Q]`.
PATH is the large demo (built first if missing, see `large_demo.py`). For each window it prints
the median of N runs of every group of figures as the program counts it, and beside it one
plain SQL statement per group through `sqlite3` (the same window, the same rules, no office
setting read, no Python around it), with the ratio; then the whole report: figures for the
period and the project so far, planned and cancelled meetings and the warnings, as the
window counts it (what the project has reached brought up to date first: nothing to do when
nothing changed; the first time, on a database just built, it is built, and that is printed).
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from large_demo import DEFAULT_DB, ready_large_demo

from lkoe_desktop.db.engine import Database
from lkoe_desktop.db.migrate import open_database
from lkoe_desktop.domain.periods import Period, parse_quarter
from lkoe_desktop.services import office_settings
from lkoe_desktop.services import period_figures as figures
from lkoe_desktop.services.common import now
from lkoe_desktop.services.period_report import (
    figures_of,
    period_attendees,
    period_document,
    prepare,
    project_period,
)

# The counted participations of a window: ? (begins), ? (ends), ? (the office's own record).
COUNTED = """
    SELECT p.id, p.meeting_id, p.contact_id, p.organisation_id FROM participations p
    WHERE p.meeting_id IN (SELECT id FROM meetings WHERE starts_at >= ? AND starts_at < ?)
      AND p.status = 'attended' AND p.role != 'organiser'
      AND (p.organisation_id IS NULL OR p.organisation_id != ?)
"""
DECIDERS = f"""
    WITH c AS ({COUNTED}),
    r AS (SELECT o.id, coalesce(o.org_number, '#' || o.id) AS k, o.sector, o.size_class,
                 o.municipality, row_number() OVER (PARTITION BY coalesce(o.org_number,
                 '#' || o.id) ORDER BY count(*) DESC, o.id) AS n
          FROM c JOIN organisations o ON o.id = c.organisation_id GROUP BY o.id)
"""
PLAIN = {
    "people, hours, gender": f"""
        WITH c AS ({COUNTED})
        SELECT coalesce(x.gender, 'unspecified'), count(*), count(DISTINCT c.contact_id),
               sum((julianday(m.ends_at) - julianday(m.starts_at)) * 24)
        FROM c JOIN contacts x ON x.id = c.contact_id JOIN meetings m ON m.id = c.meeting_id
        GROUP BY 1""",
    "organisations, enterprises": f"""
        {DECIDERS}
        SELECT sector, size_class, municipality, count(*) FROM r WHERE n = 1 GROUP BY 1, 2, 3""",
    # Joined to the deciders, SQLite scans them once per participation (minutes): each
    # sector's numbers as an IN list instead, as the program does.
    "theme coverage": f"""
        {DECIDERS}
        SELECT mt.theme_id, {
        ", ".join(
            f"count(DISTINCT CASE WHEN coalesce(o.org_number, '#' || o.id) IN "
            f"(SELECT k FROM r WHERE n = 1 AND sector = '{sector}') "
            f"THEN coalesce(o.org_number, '#' || o.id) END)"
            for sector in ("business", "public", "academia", "civil_society", "other")
        )
    }
        FROM c JOIN meeting_themes mt ON mt.meeting_id = c.meeting_id
        JOIN organisations o ON o.id = c.organisation_id
        GROUP BY 1""",
    "activities": """
        SELECT kind, count(*) FROM meetings WHERE starts_at >= ? AND starts_at < ?
          AND (status = 'held' OR (status != 'cancelled' AND starts_at < ?)) GROUP BY kind""",
}


def _fetch(connection: sqlite3.Connection, statement: str, arguments: tuple[object, ...]) -> object:
    return connection.execute(statement, arguments).fetchall()


def median_seconds(runs: int, work: Callable[[], object]) -> float:
    times = []
    for _run in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _stored(moment: datetime) -> str:
    """A moment as the SQLite file stores it (naive UTC text)."""
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")


def measure(database: Database, path: Path, period: Period, runs: int) -> None:
    with database.reading() as session:
        settings = office_settings.load(session)
        window = figures.Window(period.begins, period.ends, now(session), settings.own_partner_id)
    begins, ends, own = _stored(window.begins), _stored(window.ends), window.own_partner
    plain = sqlite3.connect(path)
    arguments = {
        "activities": (begins, ends, _stored(window.now)),
    }

    def ours(name: str) -> Callable[[], object]:
        def work() -> object:
            with database.reading() as session:
                counted = figures.counted(window)
                records = figures.reached_records(window, counted)
                if name == "people, hours, gender":
                    return figures._people(session, counted)
                if name == "organisations, enterprises":
                    return figures._organisations(session, window, records)
                if name == "theme coverage":
                    return figures._theme_coverage(session, window, counted, {})
                return figures.activities(session, window)

        return work

    def every() -> object:
        with database.reading() as session:
            return figures_of(session, window, settings.steering_group)

    print(f"  {'figures':<34} {'program':>9} {'plain SQL':>10} {'ratio':>6}")
    total = 0.0
    for name, statement in PLAIN.items():
        given = arguments.get(name, (begins, ends, own))
        program = median_seconds(runs, ours(name))
        sql = median_seconds(runs, partial(_fetch, plain, statement, given))
        total += sql
        print(f"  {name:<34} {program:8.3f}s {sql:9.3f}s {program / sql:6.1f}", flush=True)
    plain.close()
    # All of them as the report counts them: from the kept tables when the window starts at
    # the project's start, else each counted from the participations as above.
    program = median_seconds(runs, every)
    print(f"  {'all figures, as the report counts':<34} {program:8.3f}s {total:9.3f}s "
          f"{program / total:6.1f}")  # fmt: skip

    def whole() -> object:
        with database.unit_of_work() as session:
            prepare(session)
        with database.reading() as session:
            return period_document(session, period)

    def attendees() -> object:
        with database.reading() as session:
            return period_attendees(session, period)

    report = median_seconds(runs, whole)
    print(f"  {'the report (period + so far)':<34} {report:8.3f}s")
    print(f"  {'its deltagarlista':<34} {median_seconds(runs, attendees):8.3f}s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, default=DEFAULT_DB, help="the large demo database")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quarter", default="2026Q1")
    options = parser.parse_args()
    ready_large_demo(options.db)
    database = open_database(f"sqlite:///{options.db}")
    started = time.perf_counter()
    with database.unit_of_work() as session:
        prepare(session)
    print(
        f"what the project has reached, brought up to date: {time.perf_counter() - started:.1f} s"
    )
    with database.reading() as session:
        whole = project_period(session)
    for title, period, target in (
        (f"a quarter, {options.quarter}", parse_quarter(options.quarter), 0.5),
        (f"the whole project, {whole.label()}", whole, 2.0),
    ):
        print(f"{title} (medians of {options.runs} runs; target < {target:g} s):")
        measure(database, options.db, period, options.runs)
    database.dispose()


if __name__ == "__main__":
    main()
