"""What window tests share: prompts that answer (and pick files) instead of a person, typing,
ticking and clicking tabs."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QStyle,
    QStyleOptionViewItem,
    QTabWidget,
    QTreeWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from lkoe_desktop.services.candidates import Candidate
from lkoe_desktop.ui.context import AppContext, Prompts
from lkoe_desktop.ui.dialogs.last_look import LastLookDialog
from lkoe_desktop.ui.forms.merge import Choice, ConflictField
from lkoe_desktop.ui.main_window import MainWindow
from lkoe_desktop.ui.start_up import build_tabs


class RecordingPrompts(Prompts):
    """Answers every question with `answer`; `asked` holds every text shown (questions and
    messages), `errors` the messages alone. A last look before adding people is answered with
    `add_after_look`; `looked_over` holds what each one listed (name, organisation) and the
    number it said had been out of sight. A conflict is answered with `resolve`: one choice
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
        self.add_after_look = True
        self.asked: list[str] = []
        self.errors: list[str] = []
        self.looked_over: list[tuple[list[tuple[str, str]], int]] = []
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

    def look_over(
        self,
        parent: QWidget | None,
        people: Sequence[Candidate],
        heading: str,
        unseen: int,
    ) -> bool:
        dialog = LastLookDialog(people, heading, unseen, parent)
        self.looked_over.append((dialog.names(), unseen))
        dialog.deleteLater()
        return self.add_after_look

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


def tick(qtbot: QtBot, tree: QTreeWidget, name: str) -> None:
    """Click the box in front of a name in a list of people to tick, as the clerk does."""
    item = tree.findItems(name, Qt.MatchFlag.MatchExactly, 0)[0]
    tree.scrollToItem(item)
    option = QStyleOptionViewItem()
    tree.initViewItemOption(option)
    option.rect = tree.visualItemRect(item)
    option.features |= QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator
    box = tree.style().subElementRect(QStyle.SubElement.SE_ItemViewItemCheckIndicator, option, tree)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=box.center())


def click_tab(qtbot: QtBot, tabs: QTabWidget, title: str) -> None:
    """Click the tab with this title."""
    bar = tabs.tabBar()
    index = next(i for i in range(bar.count()) if bar.tabText(i) == title)
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert tabs.currentIndex() == index


def open_main_window(qtbot: QtBot, context: AppContext) -> MainWindow:
    """The window as `start_up.Starter` builds it once the database is open: shown and active
    (offscreen no window is active by itself, so shortcuts would do nothing)."""
    window = MainWindow()
    qtbot.addWidget(window)
    window.attach(context, build_tabs(context))
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    return window
