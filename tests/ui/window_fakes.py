"""What window tests share: prompts that answer (and pick files) instead of a person, typing."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from lkoe_desktop.ui.context import Prompts
from lkoe_desktop.ui.dialogs.form_merge import Choice, ConflictField


class RecordingPrompts(Prompts):
    """Answers every question with `answer`; `asked` holds every text shown (questions and
    messages), `errors` the messages alone. A conflict is answered with `resolve`: one choice
    for every field, a choice per field, or None (cancelled); `conflicts` holds the fields shown."""

    def __init__(
        self,
        answer: bool = True,
        save_to: Path | None = None,
        resolve: Choice | Mapping[str, Choice] | None = None,
    ) -> None:
        self.answer = answer
        self.save_to = save_to
        self.resolve = resolve
        self.asked: list[str] = []
        self.errors: list[str] = []
        self.conflicts: list[list[ConflictField]] = []

    def confirm(self, parent: QWidget | None, title: str, text: str) -> bool:
        self.asked.append(text)
        return self.answer

    def error(self, parent: QWidget | None, title: str, text: str) -> None:
        self.asked.append(text)
        self.errors.append(text)

    def inform(self, parent: QWidget | None, title: str, text: str) -> None:
        self.asked.append(text)
        self.errors.append(text)

    def resolve_conflicts(
        self, parent: QWidget | None, intro: str, fields: Sequence[ConflictField]
    ) -> dict[str, Choice] | None:
        self.asked.append(intro)
        self.conflicts.append(list(fields))
        if self.resolve is None or isinstance(self.resolve, Choice):
            return None if self.resolve is None else {f.key: self.resolve for f in fields}
        return dict(self.resolve)

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
