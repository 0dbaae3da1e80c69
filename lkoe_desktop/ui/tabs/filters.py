"""Quick-filter combo boxes: "all" first, then codes with their Swedish labels, or named records."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import StrEnum

from PySide6.QtWidgets import QComboBox, QWidget

from lkoe_desktop.domain.codes import label

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
