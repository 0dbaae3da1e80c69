"""People to tick before they are added to a meeting: name, organisation, e-mail; someone
already on the list is shown greyed and cannot be ticked."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QBrush, QPalette
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.services.candidates import Candidate
from lkoe_desktop.ui.widgets.form_fields import row_height

ID_ROLE = Qt.ItemDataRole.UserRole
NAME_CHARACTERS = 26
EMAIL_CHARACTERS = 30


class CandidateList(QTreeWidget):
    """People to tick: name, organisation, e-mail. Someone already on the list is shown greyed
    and cannot be ticked. Ticks are kept in a dict shared by every page of the dialog."""

    ticks_changed = Signal()

    def __init__(self, chosen: dict[int, Candidate], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chosen = chosen
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setColumnCount(4)
        header = self.header()
        header.setStretchLastSection(False)
        char = self.fontMetrics().averageCharWidth()
        for column, characters in ((0, NAME_CHARACTERS), (2, EMAIL_CHARACTERS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, char * characters)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.itemChanged.connect(self._ticked)
        self.rows: dict[int, Candidate] = {}

    def retranslate(self) -> None:
        self.setHeaderLabels([_("Name"), _("Organisation"), _("E-mail"), ""])

    def fill(self, people: Sequence[Candidate]) -> None:
        self.blockSignals(True)
        self.clear()
        self.rows = {person.contact_id: person for person in people}
        height = row_height(self)
        muted = QBrush(self.palette().color(QPalette.ColorRole.PlaceholderText))
        for person in people:
            name = f"{person.first_name} {person.last_name}".strip()
            listed = _("On the list") if person.already_on_list else ""
            item = QTreeWidgetItem(
                self, [name, person.organisation or "", person.email or "", listed]
            )
            item.setData(0, ID_ROLE, person.contact_id)
            item.setSizeHint(0, QSize(0, height))  # room for the dots of Å, Ä, Ö
            for column in range(3):
                item.setToolTip(column, item.text(column))
            if person.already_on_list:
                item.setFlags(Qt.ItemFlag.NoItemFlags)  # a greyed box, lined up with the rest
                item.setCheckState(0, Qt.CheckState.Unchecked)
                for column in range(4):
                    item.setForeground(column, muted)
            else:
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
                ticked = person.contact_id in self.chosen
                item.setCheckState(0, Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
        self.blockSignals(False)

    def show_ticks(self) -> None:
        """Tick what is chosen (another page may have changed it)."""
        self.blockSignals(True)
        for index in range(self.topLevelItemCount()):
            item = self.topLevelItem(index)
            if item.flags() & Qt.ItemFlag.ItemIsUserCheckable:
                ticked = item.data(0, ID_ROLE) in self.chosen
                item.setCheckState(0, Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
        self.blockSignals(False)

    def tick_all(self, ticked: bool) -> None:
        for person in self.rows.values():
            if person.already_on_list:
                continue
            if ticked:
                self.chosen[person.contact_id] = person
            else:
                self.chosen.pop(person.contact_id, None)
        self.show_ticks()
        self.ticks_changed.emit()

    def addable(self) -> int:
        return sum(not person.already_on_list for person in self.rows.values())

    def _ticked(self, item: QTreeWidgetItem, _column: int) -> None:
        contact_id = int(item.data(0, ID_ROLE))
        if item.checkState(0) == Qt.CheckState.Checked:
            self.chosen[contact_id] = self.rows[contact_id]
        else:
            self.chosen.pop(contact_id, None)
        self.ticks_changed.emit()
