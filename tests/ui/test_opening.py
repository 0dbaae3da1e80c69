"""Opening the window's database: a database and the tab modules, or the reason there is none."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from lkoe_desktop.domain.errors import DatabaseOpenError
from lkoe_desktop.ui.opening import TAB_MODULES, open_for_window

ROOT = Path(__file__).resolve().parents[2]


def test_the_opening_gives_an_open_database_and_loads_the_tabs(tmp_path: Path) -> None:
    database = open_for_window(f"sqlite:///{tmp_path / 'ny.sqlite3'}")
    try:
        assert (tmp_path / "ny.sqlite3").exists()
        assert all(module in sys.modules for module in TAB_MODULES)
    finally:
        database.dispose()


def test_a_file_that_is_not_a_database_comes_back_as_the_error(tmp_path: Path) -> None:
    text = tmp_path / "anteckningar.txt"
    text.write_text("inte en databas", encoding="utf-8")
    with pytest.raises(DatabaseOpenError):
        open_for_window(f"sqlite:///{text}")


def test_the_window_reaches_its_first_paint_without_the_database_modules(tmp_path: Path) -> None:
    """What the window's start loads before its event loop runs delays the first paint:
    SQLAlchemy, the services, reportlab and openpyxl come after it, on the worker or later."""
    heavy = ("sqlalchemy", "lkoe_desktop.services", "reportlab", "openpyxl")
    code = f"""
import sys
from PySide6.QtWidgets import QApplication
from lkoe_desktop.ui import app


def painting(_app: QApplication) -> int:
    print(" ".join(name for name in {heavy!r} if name in sys.modules))
    return 0


QApplication.exec = painting
sys.exit(app.run({f"sqlite:///{tmp_path / 'ny.sqlite3'}"!r}))
"""
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == []
