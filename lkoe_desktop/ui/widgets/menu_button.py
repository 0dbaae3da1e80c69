"""A button that opens its menu when clicked, with room for the menu's arrow beside its text."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import (
    QMenu,
    QStyle,
    QStyleOptionToolButton,
    QStylePainter,
    QToolButton,
    QWidget,
)


class MenuButton(QToolButton):
    """A plain tool button with a menu sizes itself for its text alone and draws the arrow over
    the end of it ("Mer⌄"); this one is wider by the arrow and centres its text beside it."""

    def __init__(self, menu: QMenu, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.setMenu(menu)
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)

    def arrow_width(self) -> int:
        return self.style().pixelMetric(QStyle.PixelMetric.PM_MenuButtonIndicator, None, self)

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(hint.width() + self.arrow_width(), hint.height())

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QStylePainter(self)
        option = QStyleOptionToolButton()
        self.initStyleOption(option)
        text, option.text = option.text, ""
        painter.drawComplexControl(QStyle.ComplexControl.CC_ToolButton, option)  # frame, arrow
        option.text = text
        option.rect = option.rect.adjusted(0, 0, -self.arrow_width(), 0)
        painter.drawControl(QStyle.ControlElement.CE_ToolButtonLabel, option)
