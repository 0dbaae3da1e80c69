"""Two lists under one main tab, with a small tab bar above them: Teman and Grupper, both the
office's ways of choosing whom to invite. The main window works on the list shown."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QStackedWidget, QTabBar, QVBoxLayout, QWidget

from lkoe_desktop.ui.context import settings

if TYPE_CHECKING:
    from lkoe_desktop.ui.tabs.list_tab import ListTab


class ListSwitch(QWidget):
    """Lists shown one at a time; the tab bar is reached with Tab, switched with the arrow
    keys, or with Alt and the underlined letter. The list shown is remembered."""

    def __init__(
        self,
        key: str,
        lists: Sequence[ListTab],
        titles: Callable[[], Sequence[str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.key = key
        self.lists = list(lists)
        self.titles = titles
        self.bar = QTabBar(self)
        self.bar.setObjectName("list_switch")
        self.bar.setExpanding(False)
        self.bar.setDrawBase(False)
        self.stack = QStackedWidget(self)
        for tab in self.lists:
            self.bar.addTab("")
            self.stack.addWidget(tab)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.bar)
        layout.addWidget(self.stack, 1)
        try:
            remembered = int(str(settings().value(f"window/{key}", 0)))
        except ValueError:
            remembered = 0
        self.bar.setCurrentIndex(min(max(remembered, 0), len(self.lists) - 1))
        self.stack.setCurrentIndex(self.bar.currentIndex())
        self.bar.currentChanged.connect(self._switched)
        self.retranslate()

    def retranslate(self) -> None:
        for index, title in enumerate(self.titles()):
            self.bar.setTabText(index, title)

    def shown(self) -> ListTab:
        return self.lists[self.stack.currentIndex()]

    def show_list(self, tab: ListTab) -> None:
        self.bar.setCurrentIndex(self.lists.index(tab))

    def _switched(self, index: int) -> None:
        self.stack.setCurrentIndex(index)
        tab = self.lists[index]
        tab.ensure_loaded()
        tab.status_changed.emit(tab.status_text())  # the window's status line follows
        settings().setValue(f"window/{self.key}", index)
