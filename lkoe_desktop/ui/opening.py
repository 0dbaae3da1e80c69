"""Opening the window's database off the GUI thread, once the window has painted.

SQLAlchemy, the services and the tab modules take most of a second to import. Begun before Qt
had loaded, that work only competed with it for the interpreter and delayed the first paint; so
the window paints first and this runs on a worker thread right after. Nothing here makes a
widget.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from collections.abc import Callable

    from lkoe_desktop.db.engine import Database

TAB_MODULES = (
    "lkoe_desktop.ui.tabs.partners_tab",
    "lkoe_desktop.ui.tabs.contacts_tab",
    "lkoe_desktop.ui.tabs.themes_tab",
    "lkoe_desktop.ui.tabs.groups_tab",
    "lkoe_desktop.ui.tabs.list_switch",
    "lkoe_desktop.ui.tabs.meetings_tab",
)
# If no paint is seen (a window opened minimised), the database is opened anyway after this.
LATEST_START_MS = 300


def open_for_window(url: str) -> Database:
    """Open (create, upgrade) the database and load the tab modules; for a worker thread."""
    from lkoe_desktop.db.migrate import open_database

    database = open_database(url)
    for module in TAB_MODULES:
        importlib.import_module(module)
    return database


class _FirstPaint(QObject):
    """Calls back once, just after the watched window's first paint (or after a while)."""

    def __init__(self, window: QWidget, callback: Callable[[], object]) -> None:
        super().__init__(window)
        self._window = window
        self._callback: Callable[[], object] | None = callback
        window.installEventFilter(self)
        QTimer.singleShot(LATEST_START_MS, self, self._fire)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._callback is not None:
            QTimer.singleShot(0, self, self._fire)  # after the paint has reached the screen
        return False

    def _fire(self) -> None:
        callback, self._callback = self._callback, None
        if callback is not None:
            self._window.removeEventFilter(self)
            callback()


def after_first_paint(window: QWidget, callback: Callable[[], object]) -> None:
    """Run `callback` once the window has painted for the first time."""
    _FirstPaint(window, callback)
