"""A save that meets a database another program is writing to: a clear message, input kept."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot
from window_fakes import RecordingPrompts, type_text

from lkoe_desktop.db.engine import Database, busy_error
from lkoe_desktop.services.themes import ThemeFilter, list_themes
from lkoe_desktop.ui.context import AppContext
from lkoe_desktop.ui.dialogs.theme_form import ThemeForm


@contextmanager
def another_program_writing(database: Database) -> Iterator[None]:
    """Another connection holds the write lock, as a second window or program would."""
    other = sqlite3.connect(str(database.engine.url.database), isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        yield
        other.execute("ROLLBACK")
    finally:
        other.close()


@pytest.mark.slow  # the save waits out the busy timeout (5 s) before it gives up
def test_a_save_on_a_locked_database_says_so_and_keeps_the_form(
    qtbot: QtBot, sqlite_db: Database
) -> None:
    prompts = RecordingPrompts()
    form = ThemeForm(AppContext(sqlite_db, prompts=prompts), None)
    qtbot.addWidget(form)
    form.show()
    name = form.widgets["name"].editor
    type_text(name, "Hamnlogistik i Östergötland")
    save = form.buttons.button(QDialogButtonBox.StandardButton.Save)

    with another_program_writing(sqlite_db):
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
        assert prompts.errors == [busy_error().message]
        assert form.isVisible()
        assert form.widgets["name"].value() == "Hamnlogistik i Östergötland"

    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert not form.isVisible()
    with sqlite_db.reading() as session:
        themes = list_themes(session, ThemeFilter())
    assert [theme.name for theme in themes] == ["Hamnlogistik i Östergötland"]
