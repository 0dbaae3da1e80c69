"""How the import wizard shows what an import does: the counts per verdict, and the rows with a
problem or a change in a table that reads its rows only as they are shown (a file may have a
hundred thousand)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QLabel,
    QStackedWidget,
    QTableView,
    QWidget,
)

from lkoe_desktop.domain import entities
from lkoe_desktop.domain.fields import format_number
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.services.imports import ImportCounts, RowOutcome, Verdict
from lkoe_desktop.ui.widgets.form_fields import mute

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

NUMBER, VERDICT, RECORD, WHAT = range(4)
ERROR_BACKGROUND = QColor("#fbe3e1")
WARNING_BACKGROUND = QColor("#fff4d6")
Index = QModelIndex | QPersistentModelIndex


def verdict_text(verdict: Verdict) -> str:
    return {
        Verdict.NEW: _("New"),
        Verdict.UPDATE: _("Changed"),
        Verdict.UNCHANGED: _("Unchanged"),
        Verdict.DUPLICATE: _("Twice in the file"),
        Verdict.ERROR: _("Error"),
    }[verdict]


def what_happens(row: RowOutcome) -> str:
    """A row's errors, changes and warnings in one line, as the table shows them."""
    parts = list(row.errors)
    if row.duplicate_of is not None and not row.warnings:  # the warning says it otherwise
        parts.append(_("the same as row {row}").format(row=row.duplicate_of))
    if row.unarchived:
        parts.append(_("restored from the archive"))
    parts.extend(
        _("{field}: {old} → {new}").format(
            field=change.label, old=change.old or "–", new=change.new
        )
        for change in row.changes
    )
    parts.extend(row.warnings)
    return "; ".join(parts)


def worth_showing(row: RowOutcome) -> bool:
    """A row the clerk should look at: an error, a warning, a change or a duplicate."""
    return bool(
        row.verdict in (Verdict.ERROR, Verdict.UPDATE, Verdict.DUPLICATE)
        or row.warnings
        or row.unarchived
    )


class OutcomeModel(QAbstractTableModel):
    """The rows of an import's outcome: the file's row number, the verdict, the record, what
    happens to it."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: Sequence[RowOutcome] = ()

    def show_rows(self, rows: Sequence[RowOutcome]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (_("Row"), _("What happens"), _("Record"), _("Details"))[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        row = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == NUMBER:
                return str(row.number)
            if column == VERDICT:
                return verdict_text(row.verdict)
            return row.name if column == RECORD else what_happens(row)
        if role == Qt.ItemDataRole.ToolTipRole and column == WHAT:
            return what_happens(row).replace("; ", "\n")
        if role == Qt.ItemDataRole.BackgroundRole and column == VERDICT:
            if row.verdict == Verdict.ERROR:
                return QBrush(ERROR_BACKGROUND)
            return QBrush(WARNING_BACKGROUND) if row.warnings else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column == NUMBER:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class OutcomeRows(QStackedWidget):
    """The rows of an outcome in a table (the number and the verdict as wide as they need), or
    a line saying why there is none to show."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model_ = OutcomeModel(self)
        self.view = QTableView(self)
        self.view.setObjectName("rows")
        self.view.setModel(self.model_)
        self.view.verticalHeader().hide()
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setWordWrap(False)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.none = QLabel(self)
        self.none.setObjectName("none")
        self.none.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.none.setWordWrap(True)
        mute(self.none)
        self.addWidget(self.view)
        self.addWidget(self.none)

    def show_rows(self, rows: Sequence[RowOutcome], when_none: str = "") -> None:
        self.model_.show_rows(rows)
        if not rows and when_none:
            self.none.setText(when_none)
            self.setCurrentWidget(self.none)
            return
        self.setCurrentWidget(self.view)
        self.view.resizeColumnToContents(NUMBER)
        self.view.resizeColumnToContents(VERDICT)
        self.view.setColumnWidth(RECORD, min(max(self.view.sizeHintForColumn(RECORD), 120), 260))


class CountsView(QWidget):
    """The counts per verdict as large figures with their words under them, and what records
    the import creates."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.figures: dict[str, QLabel] = {}
        self.words: dict[str, QLabel] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        for column, key in enumerate(("new", "updated", "unchanged", "duplicates", "errors")):
            figure = QLabel("–", self)
            figure.setObjectName(key)
            font = QFont(figure.font())
            font.setPointSizeF(font.pointSizeF() * 1.6)
            font.setBold(True)
            figure.setFont(font)
            word = QLabel(self)
            for label in (figure, word):
                label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            grid.addWidget(figure, 0, column)
            grid.addWidget(word, 1, column)
            self.figures[key], self.words[key] = figure, word
        self.records = QLabel(self)
        self.records.setObjectName("records")
        self.records.setWordWrap(True)
        grid.addWidget(self.records, 2, 0, 1, 5)
        self.show_counts(None)

    def show_counts(self, counts: ImportCounts | None, *, done: bool = False) -> None:
        words = {
            "new": _("new"),
            "updated": _("changed"),
            "unchanged": _("unchanged"),
            "duplicates": _("twice in the file"),
            "errors": _("with errors"),
        }
        for key, word in words.items():
            self.words[key].setText(word)
            figure = "–" if counts is None else format_number(int(getattr(counts, key)))
            self.figures[key].setText(figure)
        errors = self.figures["errors"]
        errors.setStyleSheet("color: #b3261e;" if counts is not None and counts.errors else "")
        self.records.setText("" if counts is None else records_text(counts, done=done))


def records_text(counts: ImportCounts, *, done: bool) -> str:
    """ "Skapas: 12 kontakter, 3 partner. Ändras: 4 kontakter." (or what was, once done)."""
    named = {entity.name: entity for entity in entities.ENTITIES}

    def listed(by_entity: Mapping[str, int]) -> str:
        return ", ".join(
            named[name].count_text(count) if name in named else f"{count} {name}"
            for name, count in by_entity.items()
            if count
        )

    parts = []
    created, changed = listed(counts.created), listed(counts.changed)
    if created:
        parts.append(
            (_("Created: {records}.") if done else _("To create: {records}.")).format(
                records=created
            )
        )
    if changed:
        parts.append(
            (_("Changed: {records}.") if done else _("To change: {records}.")).format(
                records=changed
            )
        )
    if counts.warnings:
        parts.append(_("Warnings: {count}.").format(count=format_number(counts.warnings)))
    return " ".join(parts)
