"""A banner above a new record's form listing existing records that look like it, as links."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, QUrl, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QStyle, QWidget
from sqlalchemy.exc import SQLAlchemyError

from lkoe_desktop.domain.i18n import ngettext
from lkoe_desktop.services.duplicates import SimilarRecord

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from lkoe_desktop.db.engine import Database

DELAY_MS = 300
ICON_SIZE = 20
STYLE = (
    "#duplicateWarning { background: #fff4d6; border: 1px solid #e3c46f; border-radius: 4px; }"
    "#duplicateWarning QLabel { background: transparent; }"
)
log = logging.getLogger(__name__)


class DuplicateWarning(QFrame):
    """Asks `lookup` (on a short delay after each `schedule()`) and lists what it finds.

    Hidden while there is nothing to show; clicking a record emits `open_record(kind, id)`.
    """

    open_record = Signal(str, int)

    def __init__(
        self,
        database: Database,
        lookup: Callable[[Session], Sequence[SimilarRecord]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("duplicateWarning")
        self.setStyleSheet(STYLE)
        self.database = database
        self.lookup = lookup
        self.records: list[SimilarRecord] = []
        icon = QLabel(self)
        warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        icon.setPixmap(warning.pixmap(ICON_SIZE, ICON_SIZE))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.label = QLabel(self)
        self.label.setObjectName("duplicateText")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.label.linkActivated.connect(self._on_link)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(10)
        layout.addWidget(icon)
        layout.addWidget(self.label, 1)
        self.timer = QTimer(self, singleShot=True, interval=DELAY_MS)
        self.timer.timeout.connect(self.refresh)
        self.hide()

    def schedule(self) -> None:
        """Look again a moment after the typing stops."""
        self.timer.start()

    def refresh(self) -> None:
        self.timer.stop()
        try:
            with self.database.reading() as session:
                self.records = list(self.lookup(session))
        except SQLAlchemyError:
            # A hint that cannot be looked up is left out; saving still checks what matters.
            log.warning("duplicate look-up failed", exc_info=True)
            self.records = []
        self._show()

    def text(self) -> str:
        return self.label.text()

    def _show(self) -> None:
        if not self.records:
            self.label.clear()
            self.hide()
            return
        heading = ngettext(
            "This may already be registered. Click it to open it instead:",
            "These may already be registered. Click one to open it instead:",
            len(self.records),
        )
        lines = [
            f'<a href="lkoe://{record.kind}/{record.id}">{escape(record.text)}</a>'
            f" <span style='color:#6b5a1e'>({escape(record.reason)})</span>"
            for record in self.records
        ]
        self.label.setText(f"<b>{escape(heading)}</b><br>" + "<br>".join(lines))
        self.show()

    def _on_link(self, href: str) -> None:
        url = QUrl(href)
        record_id = url.path().strip("/")
        if url.scheme() == "lkoe" and record_id.isdigit():
            self.open_record.emit(url.host(), int(record_id))
