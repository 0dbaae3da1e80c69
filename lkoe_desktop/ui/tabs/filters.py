"""Quick-filter combo boxes: "all" first, then codes with their Swedish labels, or named records."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import StrEnum

from PySide6.QtCore import QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QComboBox, QCompleter, QLineEdit, QWidget

from lkoe_desktop.domain.codes import label
from lkoe_desktop.domain.i18n import gettext as _

MOST_CHARS = 16  # a closed combo is as wide as about this many characters at most
POPUP_PADDING = 40  # room for the list's margins and scroll bar


class FilterCombo(QComboBox):
    """A combo whose first entry means "no filter"; `value()` is None for it."""

    def __init__(
        self, all_text: Callable[[], str], on_change: Callable[[], None], parent: QWidget
    ) -> None:
        super().__init__(parent)
        self._all_text = all_text
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.addItem(all_text(), None)
        self._fit()
        self.currentIndexChanged.connect(lambda _index: on_change())

    def _fit(self) -> None:
        """As wide as the longest entry up to MOST_CHARS; the open list shows every entry whole."""
        texts = [self.itemText(index) for index in range(self.count())]
        self.setMinimumContentsLength(min(max(map(len, texts)), MOST_CHARS))
        metrics = self.fontMetrics()
        widest = max(metrics.horizontalAdvance(text) for text in texts)
        self.view().setMinimumWidth(widest + POPUP_PADDING)

    def value(self) -> object:
        return self.currentData()

    def set_items(self, items: Sequence[tuple[object, str]]) -> None:
        current = self.currentData()
        self.blockSignals(True)
        while self.count() > 1:
            self.removeItem(1)
        for data, text in items:
            self.addItem(text, data)
        index = self.findData(current)
        self.setCurrentIndex(max(index, 0))
        self.blockSignals(False)
        self._fit()

    def retranslate(self) -> None:
        self.setItemText(0, self._all_text())
        self._fit()


class CodeCombo(FilterCombo):
    """Filter by one of an enum's codes, shown with its label."""

    def __init__(
        self,
        enum: type[StrEnum],
        all_text: Callable[[], str],
        on_change: Callable[[], None],
        parent: QWidget,
    ) -> None:
        super().__init__(all_text, on_change, parent)
        self._enum = enum
        self.set_items([(member.value, label(member)) for member in enum])

    def retranslate(self) -> None:
        super().retranslate()
        for index in range(1, self.count()):
            self.setItemText(index, label(self._enum(self.itemData(index))))
        self._fit()


class OrganisationFilter(QLineEdit):
    """Type part of a partner's name and pick it: `chosen(id, name)`. The names are read once,
    when the field first gets focus, so an office with 20 000 partners waits only then."""

    chosen = Signal(int, str)

    def __init__(self, load: Callable[[], Sequence[tuple[int, str]]], parent: QWidget) -> None:
        super().__init__(parent)
        self._load = load
        self._ids: dict[str, int] | None = None
        self.setClearButtonEnabled(True)
        self.completer_ = QCompleter(self)
        self.completer_.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer_.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer_.activated.connect(self._pick)
        self.setCompleter(self.completer_)
        self.retranslate()

    def retranslate(self) -> None:
        self.setPlaceholderText(_("Organisation…"))

    def focusInEvent(self, event: QFocusEvent) -> None:
        if self._ids is None:
            self._ids = {label: record_id for record_id, label in self._load()}
            self.completer_.setModel(QStringListModel(list(self._ids), self.completer_))
        super().focusInEvent(event)

    def forget(self) -> None:
        """Read the names again next time (partners were added or renamed)."""
        self._ids = None

    def _pick(self, text: str) -> None:
        record_id = (self._ids or {}).get(text)
        if record_id is not None:
            self.chosen.emit(record_id, text)
        QTimer.singleShot(0, self.clear)  # after the completer has put the name in the field
