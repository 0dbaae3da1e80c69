"""The first-run view of an empty database: start empty, or load the demo data."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from lkoe_desktop.domain.i18n import gettext as _

PANEL_WIDTH = 520


class WelcomeView(QWidget):
    start_empty = Signal()
    load_demo = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        panel = QWidget(self)
        panel.setFixedWidth(PANEL_WIDTH)
        self.heading = QLabel(panel)
        self.heading.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.heading.setFont(font)
        self.text = QLabel(panel)  # no alignment flag in the layout, so it wraps to full lines
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.empty_button = QPushButton(panel)
        self.demo_button = QPushButton(panel)
        self.empty_button.clicked.connect(self.start_empty)
        self.demo_button.clicked.connect(self.load_demo)
        inner = QVBoxLayout(panel)
        inner.addWidget(self.heading)
        inner.addWidget(self.text)
        inner.addSpacing(16)
        for button in (self.empty_button, self.demo_button):
            button.setMinimumHeight(36)
            inner.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addStretch(2)
        layout.addWidget(panel, 0, Qt.AlignmentFlag.AlignHCenter)
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
