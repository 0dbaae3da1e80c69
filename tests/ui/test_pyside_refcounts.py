"""The installed PySide6 keeps Python's reference counts intact where the window relies on it.

PySide6 6.12.0 on Python 3.11 loses a reference to None on every Qt call that returns nothing,
and corrupts counts when a signal carries an object across threads; after a few thousand calls
the process dies with "deallocating None". pyproject keeps it out. These tests run both patterns
in a child process, so a release with such a bug fails here instead of in the office.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

CHILD = textwrap.dedent(
    """
    import os, time
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtWidgets import QApplication
    from lkoe_desktop.ui import ops

    app = QApplication([])
    owner = __import__("PySide6.QtCore", fromlist=["QObject"]).QObject()
    results = []
    for number in range(300):
        ops.submit(lambda n=number: (n, list(range(20000))), results.append, owner)
    deadline = time.time() + 60
    while len(results) < 300 and time.time() < deadline:
        app.processEvents()
    assert sorted(n for n, _values in results) == list(range(300)), len(results)
    print("delivered", len(results))
    """
)


VOID_CALLS = textwrap.dedent(
    """
    import os
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication([])
    label = QLabel()
    for number in range(50000):
        label.setText(str(number))
    print("survived")
    """
)


def _run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )


def test_many_background_results_reach_the_gui_thread_intact() -> None:
    done = _run(CHILD)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "delivered 300" in done.stdout


def test_many_calls_that_return_nothing_leave_none_alone() -> None:
    done = _run(VOID_CALLS)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "survived" in done.stdout
