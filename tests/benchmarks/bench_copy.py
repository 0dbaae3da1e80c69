"""Measure Ctrl+A, Ctrl+C in the Kontakter tab of the large demo: how long until the rows are
on the clipboard, and how long the window stays unanswered meanwhile.

Run: `.venv/bin/python tests/benchmarks/bench_copy.py [PATH] [--runs N] [--rows N]`. PATH is the
large demo (built first if missing, see `large_demo.py`). Each run selects the first N rows
(all of them by default), lets the window paint the selection, copies them as Ctrl+C does
and waits for the clipboard; a timer ticking every 10 ms on the GUI thread shows the longest
pause the window had meanwhile.
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from large_demo import DEFAULT_DB, ready_large_demo
from PySide6.QtCore import QItemSelection, QItemSelectionModel, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from lkoe_desktop.db.migrate import open_database
from lkoe_desktop.ui.context import AppContext
from lkoe_desktop.ui.dialogs.prompts import DialogPrompts
from lkoe_desktop.ui.tabs.contacts_tab import ContactsTab
from lkoe_desktop.ui.widgets.table_copy import copy_rows

TICK_MS = 10
SETTLE_MS = 5_000


def run_once(app: QApplication, tab: ContactsTab, rows: int) -> tuple[float, float, int]:
    """(seconds until the clipboard holds the rows, longest pause of the window, lines)."""
    model = tab.model
    tab.table.clearSelection()
    last = model.index(min(rows, model.rowCount()) - 1, model.columnCount() - 1)
    tab.table.selectionModel().select(
        QItemSelection(model.index(0, 0), last), QItemSelectionModel.SelectionFlag.Select
    )
    clipboard = QGuiApplication.clipboard()
    clipboard.setText("")
    ticks: list[float] = []
    timer = QTimer(interval=TICK_MS)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    copied: list[float] = []

    def start() -> None:
        ticks.append(time.perf_counter())
        timer.start()
        copy_rows(tab.table)  # what Ctrl+C runs (offscreen, a key needs an active window)

    def arrived() -> None:
        if clipboard.text():
            copied.append(time.perf_counter())
            app.quit()

    clipboard.dataChanged.connect(arrived)
    QTimer.singleShot(SETTLE_MS, start)  # the selection painted first: that is not copying
    app.exec()  # the window's own event loop, as the clerk has it
    clipboard.dataChanged.disconnect(arrived)
    timer.stop()
    ticks.append(copied[0])
    pause = max(later - earlier for earlier, later in itertools.pairwise(ticks))
    return copied[0] - ticks[0], pause, clipboard.text().count("\n") - 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT_DB)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    ready_large_demo(args.path)
    app = QApplication([])
    database = open_database(f"sqlite:///{args.path}")
    tab = ContactsTab(AppContext(database, DialogPrompts()))
    tab.resize(1280, 700)
    tab.show()
    tab.ensure_loaded()
    while not tab.model.exact:
        app.processEvents()
    results = [run_once(app, tab, args.rows) for _ in range(args.runs)]
    for elapsed, pause, lines in results:
        print(f"  {lines} rows on the clipboard in {elapsed:.2f} s; longest pause {pause:.3f} s")
    elapsed, pauses, _lines = zip(*results, strict=True)
    print(
        f"median: {statistics.median(elapsed):.2f} s to the clipboard, "
        f"longest pause {statistics.median(pauses):.3f} s"
    )
    database.dispose()


if __name__ == "__main__":
    main()
