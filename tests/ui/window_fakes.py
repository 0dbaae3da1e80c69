"""What window tests share: prompts that answer instead of a person, and typing like one."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from lkoe_desktop.ui.context import Prompts


class RecordingPrompts(Prompts):
    """Answers every question with `answer`; `asked` holds every text shown (questions and
    messages), `errors` the messages alone."""

    def __init__(self, answer: bool = True) -> None:
        self.answer = answer
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


def type_text(widget: QWidget, text: str) -> None:
    """Type like a person, one key at a time: `qtbot.keyClicks` aborts Qt on å, ä, ö, ł…"""
    for char in text:
        QTest.sendKeyEvent(
            QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, char, Qt.KeyboardModifier.NoModifier
        )
