"""What window tests share: prompts that answer (and pick files) instead of a person, typing."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from lkoe_desktop.ui.context import Prompts


class RecordingPrompts(Prompts):
    """Answers every question with `answer`; `asked` holds every text shown (questions and
    messages), `errors` the messages alone."""

    def __init__(self, answer: bool = True, save_to: Path | None = None) -> None:
        self.answer = answer
        self.save_to = save_to
        self.asked: list[str] = []
        self.errors: list[str] = []

    def confirm(self, parent: QWidget | None, title: str, text: str) -> bool:
        self.asked.append(text)
        return self.answer

    def error(self, parent: QWidget | None, title: str, text: str) -> None:
        self.asked.append(text)
        self.errors.append(text)

    def inform(self, parent: QWidget | None, title: str, text: str) -> None:
        self.asked.append(text)
        self.errors.append(text)

    def save_path(
        self, parent: QWidget | None, title: str, suggested: str, file_filter: str
    ) -> Path | None:
        self.asked.append(suggested)
        return self.save_to


def type_text(widget: QWidget, text: str) -> None:
    """Type like a person, one key at a time: `qtbot.keyClicks` aborts Qt on å, ä, ö, ł…"""
    for char in text:
        QTest.sendKeyEvent(
            QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, char, Qt.KeyboardModifier.NoModifier
        )
