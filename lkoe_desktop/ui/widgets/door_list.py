"""The check-in view's list: the door search's answer, with the row Enter takes clearly marked."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QBrush, QColor, QPalette
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from lkoe_desktop.domain.codes import ParticipationStatus
from lkoe_desktop.domain.codes import label as code_label
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.services import door_search
from lkoe_desktop.services.participations import ParticipantRow
from lkoe_desktop.ui.widgets.form_fields import row_height

ID_ROLE = Qt.ItemDataRole.UserRole
ATTENDED_COLOUR = "#2e6b34"


def full_name(row: ParticipantRow) -> str:
    return f"{row.first_name} {row.last_name}".strip()


def name_and_organisation(row: ParticipantRow) -> str:
    return full_name(row) + (f", {row.organisation}" if row.organisation else "")


def clock_time(row: ParticipantRow) -> str:
    return row.checked_in_at.strftime("%H:%M") if row.checked_in_at else ""


def status_text(row: ParticipantRow) -> str:
    """The status as the list shows it: with the check-in time for those who came."""
    text = code_label(ParticipationStatus(row.status))
    if row.status == ParticipationStatus.ATTENDED and row.checked_in_at is not None:
        text += " " + clock_time(row)
    return text


def already_in(row: ParticipantRow) -> str:
    return _("{name} is already checked in ({time}).").format(
        name=full_name(row), time=clock_time(row)
    )


class DoorList(QTreeWidget):
    """Name, organisation and status of the people found, best match first.

    The list never takes the focus (the clerk keeps typing in the search field), so the
    marked row is painted with the colours of a focused list, never the pale inactive ones.
    With nothing typed no row is marked, and clicks mark none either.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: dict[int, ParticipantRow] = {}
        self.typed = ""  # what the rows shown were found by
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        palette = self.palette()
        for role in (QPalette.ColorRole.Highlight, QPalette.ColorRole.HighlightedText):
            active = palette.color(QPalette.ColorGroup.Active, role)
            palette.setColor(QPalette.ColorGroup.Inactive, role, active)
        self.setPalette(palette)
        self.setColumnCount(3)
        header = self.header()
        header.setStretchLastSection(False)
        for column, mode in enumerate(
            (
                QHeaderView.ResizeMode.Stretch,
                QHeaderView.ResizeMode.Stretch,
                QHeaderView.ResizeMode.ResizeToContents,
            )
        ):
            header.setSectionResizeMode(column, mode)

    def retranslate(self) -> None:
        self.setHeaderLabels([_("Name"), _("Organisation"), _("Status")])

    def show_rows(self, rows: list[ParticipantRow], typed: str, chosen: int | None) -> None:
        """Show `rows` in their order; when something is typed, mark `chosen` if listed,
        otherwise the top row."""
        self.rows = {row.id: row for row in rows}
        self.typed = typed
        self.clear()
        attended = QBrush(QColor(ATTENDED_COLOUR))
        height = row_height(self)
        items = []
        for row in rows:
            item = QTreeWidgetItem(
                [f"{row.last_name}, {row.first_name}", row.organisation or "", status_text(row)]
            )
            item.setData(0, ID_ROLE, row.id)
            item.setSizeHint(0, QSize(0, height))  # room for Å, Ä, Ö above the capitals
            if row.status == ParticipationStatus.ATTENDED:
                item.setForeground(2, attended)
            items.append(item)
        self.addTopLevelItems(items)
        marking = bool(items) and bool(door_search.words(typed))
        self.setSelectionMode(
            QAbstractItemView.SelectionMode.SingleSelection
            if marking
            else QAbstractItemView.SelectionMode.NoSelection
        )
        if marking:
            ids = [row.id for row in rows]
            self.setCurrentItem(items[ids.index(chosen) if chosen in ids else 0])

    def current_id(self) -> int | None:
        item = self.currentItem()
        return None if item is None else int(item.data(0, ID_ROLE))

    def marked(self, typed: str) -> ParticipantRow | None:
        """The person Enter checks in: the chosen row, if it matches what is typed now."""
        chosen = self.current_id()
        row = None if chosen is None else self.rows.get(chosen)
        if row is None or door_search.rank(row, typed) is None:
            return None
        return row
