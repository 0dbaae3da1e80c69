"""Choosing from a right-click menu in a window test, bounded: the menu is closed (and the test
fails) when the entry is missing, so that the menu's exec() never waits for a person."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QTimer
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QMenu, QWidget

LOOK_EVERY_MS = 10


def choose_from_menu(widget: QWidget, position: QPoint, text: str) -> list[str]:
    """Right-click `widget` at `position` and choose the entry `text` (a checkable entry is
    ticked or unticked); returns the texts the menu offered. Fails when no menu opens or it
    has no such entry."""
    offered: list[str] = []
    missing: list[str] = []

    def choose() -> None:
        menu = QApplication.activePopupWidget()
        if not isinstance(menu, QMenu):
            return
        timer.stop()
        offered.extend(action.text() for action in menu.actions() if action.text())
        action = next((a for a in menu.actions() if a.text() == text), None)
        menu.close()
        if action is None:
            missing.append(text)
        else:
            action.trigger()

    timer = QTimer()
    timer.setInterval(LOOK_EVERY_MS)
    timer.timeout.connect(choose)
    timer.start()
    event = QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, position, widget.mapToGlobal(position)
    )
    QApplication.sendEvent(widget, event)
    timer.stop()
    assert offered, "no menu opened"
    assert not missing, f"the menu has no “{text}”: {offered}"
    return offered
