"""Measure the large demo: build it into a fresh SQLite file several times, print the figures.

Run: `.venv/bin/python tests/benchmarks/bench_demo.py [--runs N] [--size large|small]`. Each run
creates a new migrated database in a temporary folder (migration is not timed), loads the demo
and prints wall time, CPU time and file size; the medians follow. Wall time counts the whole
`load_demo` call, commit included; CPU time shows how much of it a busy machine stole.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from lkoe_desktop.db.migrate import open_database
from lkoe_desktop.demo.load import load_demo

MIB = 1024 * 1024


def run_once(folder: Path, size: str) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, size in MiB including the WAL) of one fresh load."""
    path = folder / "demo.sqlite3"
    database = open_database(f"sqlite:///{path}")
    try:
        wall, cpu = time.perf_counter(), time.process_time()
        summary = load_demo(database, size)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    finally:
        database.dispose()
    megabytes = sum(file.stat().st_size for file in folder.glob("demo.sqlite3*")) / MIB
    print(
        f"  {wall:6.1f} s wall  {cpu:6.1f} s CPU  {megabytes:6.1f} MiB  "
        f"({summary.organisations} partners, {summary.contacts} contacts, "
        f"{summary.meetings} meetings, {summary.participations} participations)",
        flush=True,
    )
    return wall, cpu, megabytes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--size", choices=("small", "large"), default="large")
    args = parser.parse_args()
    print(f"demo --size {args.size}, {args.runs} runs into fresh SQLite files:", flush=True)
    results = []
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory(prefix="lkoe-bench-demo-") as folder:
            results.append(run_once(Path(folder), args.size))
    walls, cpus, sizes = zip(*results, strict=True)
    print(
        f"median: {statistics.median(walls):.1f} s wall, {statistics.median(cpus):.1f} s CPU, "
        f"{statistics.median(sizes):.1f} MiB"
    )


if __name__ == "__main__":
    main()
