"""The frozen reports in the Rapporter window: the list (period, time, user, checksum) and a
reprint of the one chosen as PDF, XLSX or JSON, exactly as it was frozen."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from lkoe_desktop import documents
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.services.frozen_reports import FrozenRow, list_frozen
from lkoe_desktop.ui.dialogs.period_export import export
from lkoe_desktop.ui.ops import submit

if TYPE_CHECKING:
    from lkoe_desktop.ui.context import AppContext

REPRINTS = (
    (documents.PDF, "reprint_pdf"),
    (documents.XLSX, "reprint_xlsx"),
    (documents.JSON, "reprint_json"),
)
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
CHECKSUM_SHOWN = 16  # characters of the checksum in the list; the whole one in its tooltip


class FrozenPanel(QWidget):
    """The frozen reports, the newest first; a reprint of the chosen one."""

    def __init__(
        self, context: AppContext, said: Callable[[str], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.said = said
        self.rows: list[FrozenRow] = []
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.table = QTableWidget(0, 5, self)
        self.table.setObjectName("frozen_reports")
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._enable)
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        row.addStretch(1)
        for kind, name in REPRINTS:
            button = QPushButton(self)
            button.setObjectName(name)
            button.clicked.connect(lambda _checked=False, chosen=kind: self.reprint(chosen))
            self.buttons[kind] = button
            row.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        self.retranslate()
        self._enable()

    def retranslate(self) -> None:
        self.intro.setText(
            _(
                "A frozen report is kept as it was when it was locked: its figures and names "
                "never change, and it cannot be edited or deleted."
            )
        )
        self.table.setHorizontalHeaderLabels(
            [_("No."), _("Period"), _("Locked"), _("Locked by"), _("Checksum")]
        )
        texts = {
            documents.PDF: _("Reprint as PDF…"),
            documents.XLSX: _("Reprint as Excel…"),
            documents.JSON: _("Reprint as JSON…"),
        }
        for kind, button in self.buttons.items():
            button.setText(texts[kind])

    def load(self, then: Callable[[], None] = lambda: None) -> None:
        """Read the list in the background and show it; `then()` once shown."""

        def read() -> list[FrozenRow]:
            with self.context.database.reading() as session:
                return list_frozen(session)

        def show(rows: list[FrozenRow]) -> None:
            self.show_rows(rows)
            then()

        submit(read, show, self)

    def show_rows(self, rows: list[FrozenRow]) -> None:
        self.rows = rows
        self.table.setRowCount(len(rows))
        for number, row in enumerate(rows):
            cells = (
                str(row.id),
                f"{row.period_from.isoformat()} – {row.period_to.isoformat()}",
                row.frozen_at.strftime("%Y-%m-%d %H:%M"),
                row.frozen_by,
                row.checksum[:CHECKSUM_SHOWN] + "…",
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 0:
                    item.setTextAlignment(RIGHT)
                if column == len(cells) - 1:
                    item.setToolTip(row.checksum)
                self.table.setItem(number, column, item)
        if rows:
            self.table.selectRow(0)
        self._enable()

    def chosen(self) -> FrozenRow | None:
        selected = self.table.selectionModel().selectedRows()
        return self.rows[selected[0].row()] if selected else None

    def select(self, frozen_id: int) -> None:
        for number, row in enumerate(self.rows):
            if row.id == frozen_id:
                self.table.selectRow(number)

    def _enable(self) -> None:
        for button in self.buttons.values():
            button.setEnabled(self.chosen() is not None)

    def reprint(self, kind: str) -> None:
        """The chosen frozen report written again, in the background."""
        row = self.chosen()
        if row is None:
            return
        suggested = _("Frozen report {id} {period}").format(
            id=row.id, period=f"{row.period_from.isoformat()} – {row.period_to.isoformat()}"
        )

        def write(path: Path, progress: Callable[[int, int], None]) -> object:
            return documents.frozen_report(
                self.context.database, path, row.id, kind=kind, progress=progress
            )

        def saved(path: Path) -> None:
            self.said(_("Saved as {path}").format(path=path))

        export(self.context, self, suggested, kind, write, saved)
