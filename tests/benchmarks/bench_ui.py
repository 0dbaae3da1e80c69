"""Measure the window on the large demo: start-up, tab switch, filtering, sorting, scrolling,
memory.

Run: `.venv/bin/python tests/benchmarks/bench_ui.py [--db PATH] [--runs N]`. It builds the large
demo database first if PATH does not exist, then starts the real program offscreen N times
and prints medians, beside the same first-page queries run as plain SQL through `sqlite3`.
"""

from __future__ import annotations

# Only what the measured child needs is imported at the top: everything imported before the
# program starts counts towards its start-up. The rest is imported where the parent uses it.
import importlib.util
import os
import sys
import time
from collections.abc import Callable
from functools import partial
from importlib.machinery import ModuleSpec
from pathlib import Path
from types import ModuleType
from typing import Any

QUERIES = {"one letter": "a", "common three letters": "ber", "no hits": "xqzw"}
REPEATS = 9
# The tabs whose headings are clicked, by their place in the window; each column is clicked
# this many times per run.
SORTED_TABS = {"contacts": 1, "partners": 0}
CLICKS = 2


class AfterImport:
    """Calls `then(module)` as soon as the program has imported the module `name`: the probes
    go in without importing anything ahead of the program (and so changing what it measures)."""

    def __init__(self, name: str, then: Callable[[ModuleType], None]) -> None:
        self.name, self.then = name, then

    def find_spec(self, name: str, path: object, target: object = None) -> ModuleSpec | None:
        if name != self.name:
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        if spec is None or spec.loader is None:
            return spec
        run_module = spec.loader.exec_module

        def exec_module(module: ModuleType) -> None:
            run_module(module)
            self.then(module)

        spec.loader.exec_module = exec_module  # type: ignore[method-assign]
        return spec


def child(db: Path, started_at: float) -> None:
    """Runs inside a fresh process: the real program, started by its command line, with timing
    probes around its window."""
    sys.meta_path.insert(
        0,
        AfterImport(
            "lkoe_desktop.ui.main_window",
            lambda module: install_probes(module.MainWindow, started_at),
        ),
    )
    from lkoe_desktop import cli

    sys.exit(cli.main(["--db", str(db)]))


def install_probes(window_class: Any, started_at: float) -> None:
    """Time the window's first paint, its first contact rows, and then everything measured
    (with the modules only the measuring needs imported after the first rows)."""
    from PySide6.QtCore import QEvent, QObject, Qt, QTimer
    from PySide6.QtWidgets import QApplication

    marks: dict[str, float] = {}

    class PaintWatch(QObject):
        def __init__(self, name: str, ready: Callable[[], bool] = lambda: True) -> None:
            super().__init__()
            self.name, self.ready = name, ready

        def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and self.name not in marks and self.ready():
                marks[self.name] = time.time()
            return False

    original_init = window_class.__init__
    original_attach = window_class.attach
    watchers: list[PaintWatch] = []

    def init(self: Any) -> None:
        original_init(self)
        watch = PaintWatch("window painted")
        watchers.append(watch)
        self.installEventFilter(watch)

    def attach(self: Any, context: Any, tabs: Any) -> None:
        contacts = tabs[1]
        watch = PaintWatch("first contact rows", lambda: contacts.model.rowCount() > 0)
        watchers.append(watch)
        contacts.table.viewport().installEventFilter(watch)
        self.tab_widget.setCurrentIndex(1)
        original_attach(self, context, tabs)
        self.tab_widget.setCurrentIndex(1)
        QTimer.singleShot(0, lambda: measure(self))

    def repaint_ms(tab: Any, action: Callable[[], object]) -> float:
        begun = time.perf_counter()
        action()
        tab.table.viewport().repaint()
        return (time.perf_counter() - begun) * 1000

    def wait_for_count(tab: Any) -> None:
        deadline = time.time() + 10
        while not tab.model.exact and time.time() < deadline:
            QApplication.processEvents()

    def filter_ms(tab: Any, settled: bool) -> dict[str, dict[str, float]]:
        """Each query typed REPEATS times: at once after start, one right after the other, while
        the window's first counts are still being read; or `settled`, each keystroke after the
        count of the one before has arrived, as when typing at an ordinary pace."""
        import statistics

        filtering = {}
        for label, query in QUERIES.items():
            times = []
            for _repeat in range(REPEATS):
                if settled:
                    wait_for_count(tab)
                tab.search.blockSignals(True)
                tab.search.setText(query)
                tab.search.blockSignals(False)
                times.append(repaint_ms(tab, tab.apply_filter))
                QApplication.processEvents()
            filtering[label] = {"median ms": statistics.median(times), "rows": tab.model.rowCount()}
        return filtering

    def header_clicks(tab: Any) -> dict[str, dict[str, list[float]]]:
        """Each column's heading clicked (ascending) while the list is in its own order and
        counted: the time until its first rows are painted, and until the whole list's order
        is read (in the background)."""
        clicks = {}
        ascending = Qt.SortOrder.AscendingOrder
        for column, spec in enumerate(tab.model.columns):
            painted, counted = [], []
            for _click in range(CLICKS):
                tab.table.sortByColumn(-1, ascending)
                wait_for_count(tab)
                begun = time.perf_counter()
                painted.append(repaint_ms(tab, partial(tab.table.sortByColumn, column, ascending)))
                wait_for_count(tab)
                counted.append((time.perf_counter() - begun) * 1000)
            clicks[spec.key] = {"painted": painted, "counted": counted}
        tab.table.sortByColumn(-1, ascending)
        wait_for_count(tab)
        return clicks

    def measure(window: Any) -> None:
        import json
        import statistics

        QApplication.processEvents()
        results: dict[str, object] = {}
        switch = {}
        for index, name in ((0, "partners"), (3, "meetings"), (2, "themes")):
            tab = window.tabs[index]
            switch[name] = repaint_ms(tab, partial(window.tab_widget.setCurrentIndex, index))
        results["tab switch ms"] = switch
        window.tab_widget.setCurrentIndex(1)
        contacts = window.tabs[1]
        results["filter ms"] = filter_ms(contacts, settled=False)
        results["settled filter ms"] = filter_ms(contacts, settled=True)
        contacts.search.setText("")
        contacts.apply_filter()
        wait_for_count(contacts)
        results["contacts"] = contacts.model.rowCount()
        scroll = []
        for _repeat in range(3):
            scroll.append(repaint_ms(contacts, contacts.table.scrollToBottom))
            scroll.append(repaint_ms(contacts, contacts.table.scrollToTop))
        results["scroll end/start ms (max)"] = max(scroll)
        steps = []
        bar = contacts.table.verticalScrollBar()
        for position in range(0, bar.maximum(), max(1, bar.maximum() // 200)):
            steps.append(repaint_ms(contacts, partial(bar.setValue, position)))
        results["scroll step ms (median, max)"] = [statistics.median(steps), max(steps)]
        results["cached rows"] = contacts.model.cached_row_count()
        results["header click ms"] = {}
        for name, index in SORTED_TABS.items():
            window.tab_widget.setCurrentIndex(index)
            results["header click ms"][name] = header_clicks(window.tabs[index])
        status = Path("/proc/self/status").read_text()
        for key in ("VmRSS", "VmHWM"):
            line = next(line for line in status.splitlines() if line.startswith(key))
            results[key + " MB"] = int(line.split()[1]) // 1024
        results["marks"] = {name: (at - started_at) * 1000 for name, at in marks.items()}
        print("RESULT " + json.dumps(results), flush=True)
        window.close()

    window_class.__init__ = init
    window_class.attach = attach


def plain_sql(db: Path) -> dict[str, float]:
    """The first page of each query as bare SQL through sqlite3, for comparison."""
    import sqlite3
    import statistics

    from lkoe_desktop.ui.models.table_model import FIRST_PAGE_SIZE

    connection = sqlite3.connect(db)
    base = (
        "SELECT c.id, c.first_name, c.last_name, c.email, o.name FROM contacts c "
        "LEFT JOIN affiliations a ON a.contact_id = c.id AND a.is_current "
        "LEFT JOIN organisations o ON o.id = a.organisation_id WHERE c.archived = 0 AND {where} "
        "ORDER BY c.sort_key, c.id LIMIT {limit}"
    )
    timings = {}
    for label, query in QUERIES.items():
        if len(query) >= 3:
            where = "c.id IN (SELECT rowid FROM fts_contacts WHERE fts_contacts MATCH ?)"
            argument = f'"{query}"'
        else:
            where = "c.search_text LIKE ?"
            argument = f"%{query}%"
        sql = base.format(where=where, limit=FIRST_PAGE_SIZE)
        times = []
        for _repeat in range(REPEATS):
            begun = time.perf_counter()
            connection.execute(sql, (argument,)).fetchall()
            times.append((time.perf_counter() - begun) * 1000)
        timings[label] = statistics.median(times)
    connection.close()
    return timings


def plain_sorted_pages(db: Path) -> dict[str, dict[str, float | None]]:
    """The first page of each sorted column as bare SQL through sqlite3: the statements the
    service runs for it (a partner page: its ids, then its rows), caught on their way to the
    database and run again with their parameters (None where plain SQLite cannot run them)."""
    import sqlite3
    import statistics

    from sqlalchemy import event
    from sqlalchemy.orm import Session

    from lkoe_desktop.db.engine import make_engine
    from lkoe_desktop.domain.entities import CONTACT, PARTNER
    from lkoe_desktop.services import contacts, partners
    from lkoe_desktop.ui.models.table_model import FIRST_PAGE_SIZE

    tabs = {
        "contacts": (CONTACT.columns, contacts.list_contacts),
        "partners": (PARTNER.columns, partners.list_partners),
    }
    engine = make_engine(f"sqlite:///{db}")
    caught: list[tuple[str, Any]] = []
    event.listen(
        engine,
        "before_cursor_execute",
        lambda _c, _cursor, sql, parameters, *_rest: caught.append((sql, parameters)),
    )
    connection = sqlite3.connect(db)
    timings: dict[str, dict[str, float | None]] = {}
    for tab, (columns, list_rows) in tabs.items():
        timings[tab] = {}
        for column in columns:
            caught.clear()
            with Session(engine) as session:
                list_rows(session, sort=column.key, limit=FIRST_PAGE_SIZE)
            times = []
            try:
                for _repeat in range(REPEATS):
                    begun = time.perf_counter()
                    for sql, parameters in caught:
                        connection.execute(sql, parameters).fetchall()
                    times.append((time.perf_counter() - begun) * 1000)
            except sqlite3.OperationalError:
                timings[tab][column.key] = None
                continue
            timings[tab][column.key] = statistics.median(times)
    connection.close()
    engine.dispose()
    return timings


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, help="the large demo database (built if missing)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--child", type=float, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child is not None:
        child(options.db, options.child)
        return
    import json
    import statistics
    import subprocess
    import tempfile

    from large_demo import DEFAULT_DB, ready_large_demo

    database = options.db or DEFAULT_DB
    ready_large_demo(database)
    runs = []
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    with tempfile.TemporaryDirectory() as home:  # settings (remembered after the first run), log
        for variable in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME"):
            environment[variable] = home
        for _run in range(options.runs):
            started_at = time.time()
            output = subprocess.run(
                [sys.executable, __file__, "--db", str(database), "--child", str(started_at)],
                capture_output=True,
                text=True,
                env=environment,
                check=True,
            ).stdout
            line = next(line for line in output.splitlines() if line.startswith("RESULT "))
            runs.append(json.loads(line.removeprefix("RESULT ")))
    print(f"window on {database} ({runs[0]['contacts']} contacts), medians of {len(runs)} runs:")
    for mark in ("window painted", "first contact rows"):
        values = [run["marks"].get(mark, float("nan")) for run in runs]
        print(f"  {mark:<32} {statistics.median(values):8.0f} ms after process start")
    for name in runs[0]["tab switch ms"]:
        value = statistics.median(run["tab switch ms"][name] for run in runs)
        print(f"  switch to {name:<22} {value:8.1f} ms")
    sql = plain_sql(database)
    for key, heading in (
        ("filter ms", "typed at once after start, while the first counts are read"),
        ("settled filter ms", "typed at an ordinary pace: each after the count before it"),
    ):
        print(f"  filter, {heading}:")
        for label in QUERIES:
            value = statistics.median(run[key][label]["median ms"] for run in runs)
            rows = runs[0][key][label]["rows"]
            print(
                f"    {label:<30} {value:8.1f} ms to paint  (plain SQL first page "
                f"{sql[label]:6.1f} ms; {rows} rows before the count)"
            )
    worst = max(run["scroll end/start ms (max)"] for run in runs)
    print(f"  scroll to end and back (max)     {worst:8.1f} ms")
    steps = [r["scroll step ms (median, max)"] for r in runs]
    print(
        f"  scroll step median / max         {statistics.median(s[0] for s in steps):8.1f} / "
        f"{max(s[1] for s in steps):.1f} ms"
    )
    print(
        "  a heading clicked (ascending): first rows painted; whole list ordered in the background"
    )
    plain = plain_sorted_pages(database)
    for tab, columns in runs[0]["header click ms"].items():
        for column in columns:
            clicks = [run["header click ms"][tab][column] for run in runs]
            painted = statistics.median(t for click in clicks for t in click["painted"])
            counted = statistics.median(t for click in clicks for t in click["counted"])
            raw = plain[tab][column]
            bare = "n/a" if raw is None else f"{raw:6.1f} ms"
            print(
                f"    {tab + ' ' + column:<30} {painted:8.1f} ms to paint  (plain SQL first page "
                f"{bare}; ordered list {counted:6.0f} ms)"
            )
    print(f"  resident memory now / peak       {runs[0]['VmRSS MB']} / {runs[0]['VmHWM MB']} MB")
    print(f"  rows held in the model cache     {runs[0]['cached rows']}")


if __name__ == "__main__":
    main()
