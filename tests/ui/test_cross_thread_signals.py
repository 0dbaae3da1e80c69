"""Results travel from worker threads to the GUI thread through signals without corrupting memory.

PySide6 6.12.0 corrupts Python reference counts when a signal carrying an object crosses
threads (the process dies with "deallocating None"); pyproject excludes it. This test runs the
pattern the window relies on in a child process, so such a release shows up as a failure here.
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


def test_many_background_results_reach_the_gui_thread_intact() -> None:
    done = subprocess.run(
        [sys.executable, "-c", CHILD], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "delivered 300" in done.stdout
