"""Measure the complete archive on the large demo: written, and read back into an empty database,
each in a process of its own whose peak memory (ru_maxrss) is taken.

Beside each figure it prints a raw baseline over the same rows: writing, a plain `SELECT *` of
every table through `sqlite3` with `json.dumps` of each row; reading, those lines parsed with
`json.loads` and inserted with `sqlite3.executemany` into an empty database of this schema
(without its search index triggers: rows only, in one transaction).
The archive must be written in under 60 s and read back in under 120 s, each under 500 MB.

Run from the project root: `PYTHONPATH=. .venv/bin/python tests/benchmarks/bench_archive.py
[PATH] [--runs N]`. PATH is the large demo (built first if missing, see `large_demo.py`). It
prints the median of N runs of each, taken in turn, and the ratios.
"""

from __future__ import annotations

import argparse
import json
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from large_demo import DEFAULT_DB, ready_large_demo

from lkoe_desktop.db.migrate import open_database
from lkoe_desktop.exchange.archive_read import read_archive
from lkoe_desktop.exchange.archive_tables import archived_tables
from lkoe_desktop.exchange.archive_write import write_archive

LIMITS = {"write": 60.0, "read": 120.0}
MEMORY_LIMIT_MB = 500


def _raw_write(database: Path, target: Path) -> None:
    connection = sqlite3.connect(database)
    with target.open("w", encoding="utf-8") as out:
        for table in archived_tables():
            out.write(json.dumps(table.name) + "\n")
            for row in connection.execute(f"SELECT * FROM {table.name}"):
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
    connection.close()


def _raw_read(source: Path, database: Path) -> None:
    connection = sqlite3.connect(database)
    table, rows = "", list[list[object]]()

    def flush() -> None:
        if rows:
            marks = ", ".join("?" * len(rows[0]))
            connection.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)
            rows.clear()

    with source.open(encoding="utf-8") as lines:
        for line in lines:
            value = json.loads(line)
            if isinstance(value, str):
                flush()
                table = value
            else:
                rows.append(value)
                if len(rows) == 1_000:
                    flush()
    flush()
    connection.commit()
    connection.close()


def _empty_database(folder: Path, name: str) -> Path:
    path = folder / name
    path.unlink(missing_ok=True)
    open_database(f"sqlite:///{path}").dispose()
    if name.startswith("raw"):  # the baseline writes rows only: no search index, no settings
        connection = sqlite3.connect(path)
        triggers = connection.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        for (trigger,) in triggers.fetchall():
            connection.execute(f"DROP TRIGGER {trigger}")
        connection.execute("DELETE FROM settings")
        connection.commit()
        connection.close()
    return path


def child(job: str, database: str, file: str) -> None:
    """One measured job in this process: prints its wall and CPU seconds and the process's peak
    memory."""
    data, archive = Path(database), Path(file)
    if job in ("read", "raw-read"):
        data = _empty_database(data.parent, data.name)
    opened = open_database(f"sqlite:///{data}") if job in ("read", "write") else None
    before = resource.getrusage(resource.RUSAGE_SELF)
    cpu_before = before.ru_utime + before.ru_stime
    started = time.perf_counter()
    if opened is not None and job == "write":
        write_archive(opened, archive)
    elif opened is not None:
        read_archive(opened, archive)
    elif job == "raw-write":
        _raw_write(data, archive)
    else:
        _raw_read(archive, data)
    seconds = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_SELF)
    cpu = usage.ru_utime + usage.ru_stime - cpu_before
    print(json.dumps({"seconds": seconds, "cpu": cpu, "peak_mb": usage.ru_maxrss / 1024}))


def _measure(job: str, database: Path, file: Path) -> tuple[float, float, float]:
    done = subprocess.run(
        [sys.executable, __file__, "--child", job, str(database), str(file)],
        check=True,
        capture_output=True,
        text=True,
    )
    figures = json.loads(done.stdout.splitlines()[-1])
    return figures["seconds"], figures["cpu"], figures["peak_mb"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT_DB)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", nargs=3, metavar=("JOB", "DATABASE", "FILE"))
    arguments = parser.parse_args()
    if arguments.child:
        child(*arguments.child)
        return
    ready_large_demo(arguments.path)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        archive, raw = folder / "arkiv.json", folder / "raw.jsonl"
        jobs = {
            "write": (arguments.path, archive),
            "raw-write": (arguments.path, raw),
            "read": (folder / "archive.sqlite3", archive),
            "raw-read": (folder / "raw.sqlite3", raw),
        }
        figures: dict[str, list[tuple[float, float, float]]] = {job: [] for job in jobs}
        for run in range(arguments.runs):
            for job, (database, file) in jobs.items():
                figures[job].append(_measure(job, database, file))
                seconds, cpu, peak = figures[job][-1]
                line = f"run {run + 1} {job:9} {seconds:6.1f} s (CPU {cpu:5.1f} s) {peak:5.0f} MB"
                print(line, flush=True)
        size = archive.stat().st_size / 1e6
    print(f"\nlarge demo {arguments.path}, archive {size:.0f} MB, medians of {arguments.runs} runs")
    print("wall time (CPU time), peak memory; the ratio is of the wall times")
    print(f"{'':6}{'archive':>28}{'raw baseline':>30}{'ratio':>7}{'limit':>15}")
    for job in ("write", "read"):
        own, baseline = figures[job], figures[f"raw-{job}"]
        ratio = _median(own, 0) / _median(baseline, 0)
        limit = f"{LIMITS[job]:4.0f} s {MEMORY_LIMIT_MB} MB"
        print(f"{job:6}{_summary(own)}  {_summary(baseline)}{ratio:6.1f}×  {limit}")


def _median(runs: list[tuple[float, float, float]], which: int) -> float:
    return statistics.median(run[which] for run in runs)


def _summary(runs: list[tuple[float, float, float]]) -> str:
    peak = max(run[2] for run in runs)
    return f"{_median(runs, 0):7.1f} s ({_median(runs, 1):5.1f} s) {peak:5.0f} MB"


if __name__ == "__main__":
    main()
