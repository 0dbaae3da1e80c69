"""The first-run view of an empty database: start empty, or load the demo data."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from lkoe_desktop.domain.i18n import gettext as _


class WelcomeView(QWidget):
    start_empty = Signal()
    load_demo = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel(self)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.heading.setFont(font)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setMaximumWidth(520)
        self.empty_button = QPushButton(self)
        self.demo_button = QPushButton(self)
        self.empty_button.clicked.connect(self.start_empty)
        self.demo_button.clicked.connect(self.load_demo)
        for button in (self.empty_button, self.demo_button):
            button.setMinimumWidth(320)
            button.setMinimumHeight(36)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        for widget in (self.heading, self.text, self.empty_button, self.demo_button):
            layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.insertSpacing(3, 16)
        layout.addStretch(3)
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(_("Welcome to LKÖ Desktop"))
        self.text.setText(
            _(
                "The database is empty. Start with an empty register and add your partners "
                "and contacts, or load realistic demo data to try the program first."
            )
        )
        self.empty_button.setText(_("Start with an empty database"))
        self.demo_button.setText(_("Load demo data"))
