"""Fixtures for window tests: each test keeps its window state (QSettings) to itself; a context
on the SQLite test database whose prompts record what they were asked."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from window_fakes import RecordingPrompts

from lkoe_desktop.db.engine import Database
from lkoe_desktop.ui.context import AppContext
from lkoe_desktop.ui.language import apply_language


@pytest.fixture(autouse=True)
def _own_settings(tmp_path: Path) -> Iterator[None]:
    """Window state goes to this test's folder (Qt caches the path, so XDG_* alone is not
    enough), and the language is Swedish again afterwards."""
    folder = str(tmp_path / "qsettings")
    for kind in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(kind, QSettings.Scope.UserScope, folder)
    yield
    apply_language("sv")


@pytest.fixture
def collector_as_before() -> Iterator[None]:
    """For a test that pauses the garbage collector, as the window's start-up does: the next
    test finds it on again and nothing frozen."""
    yield
    gc.unfreeze()
    gc.enable()


@pytest.fixture
def prompts() -> RecordingPrompts:
    """Answers yes to every question and keeps what was asked (a test module may override it)."""
    return RecordingPrompts()


@pytest.fixture
def context(sqlite_db: Database, prompts: RecordingPrompts) -> AppContext:
    return AppContext(sqlite_db, prompts=prompts)


@pytest.fixture
def elsewhere(sqlite_db: Database) -> Iterator[Database]:
    """Another workstation on the window's database: its changes are not told to the window."""
    from lkoe_desktop.db.engine import make_engine

    url = sqlite_db.engine.url.render_as_string(hide_password=False)
    other = Database(make_engine(url), clock=sqlite_db.clock, user="kollega")
    yield other
    other.dispose()
