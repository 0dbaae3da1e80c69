"""People to tick before they are added to a meeting or a group: name, organisation, e-mail;
someone already on the list (a current member) is shown greyed and cannot be ticked."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QBrush, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from lkoe_desktop.domain.entities import GROUP
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.domain.i18n import ngettext
from lkoe_desktop.services.candidates import AddingTo, Candidate
from lkoe_desktop.ui.widgets.form_fields import row_height

ID_ROLE = Qt.ItemDataRole.UserRole
NAME_CHARACTERS = 26
EMAIL_CHARACTERS = 30
LISTED_PADDING = 16


def ticked_text(count: int, elsewhere: int) -> str:
    """How many people are ticked in all, and how many of them the list in view does not show."""
    if not count:
        return _("Nobody ticked")
    if not elsewhere:
        text = ngettext(
            "{count} person ticked, in this list", "{count} people ticked, all in this list", count
        )
    else:
        text = ngettext(
            "{count} person ticked, not in this list",
            "{count} people ticked, {elsewhere} of them not in this list",
            count,
        )
    return text.format(count=count, elsewhere=elsewhere)


class CandidateList(QTreeWidget):
    """People to tick: name, organisation, e-mail. Someone already on the list is shown greyed
    and cannot be ticked. Ticks are kept in a dict shared by every page of the dialog; the list
    never ticks anybody by itself. `changed` says that the rows or the ticks changed."""

    changed = Signal()

    def __init__(
        self, chosen: dict[int, Candidate], target: AddingTo, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.chosen = chosen
        self.target = target
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
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Fixed)  # see `retranslate`
        self.itemChanged.connect(self._ticked)
        self.rows: dict[int, Candidate] = {}

    def retranslate(self) -> None:
        self.setHeaderLabels([_("Name"), _("Organisation"), _("E-mail"), ""])
        # As wide as its word from the start: sized to its contents after the rows came, it
        # grew past the edge of the list and the list scrolled sideways.
        width = self.fontMetrics().horizontalAdvance(self.listed_text()) + LISTED_PADDING
        self.header().resizeSection(3, width)

    def listed_text(self) -> str:
        """What the last column says of someone who is there already."""
        return _("Member") if self.target.entity == GROUP.name else _("On the list")

    def fill(self, people: Sequence[Candidate]) -> None:
        self.blockSignals(True)
        self.clear()
        self.rows = {person.contact_id: person for person in people}
        height = row_height(self)
        muted = QBrush(self.palette().color(QPalette.ColorRole.PlaceholderText))
        for person in people:
            name = f"{person.first_name} {person.last_name}".strip()
            listed = self.listed_text() if person.already_on_list else ""
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
        self.changed.emit()

    def show_ticks(self) -> None:
        """Tick what is chosen (another page may have changed it)."""
        self.blockSignals(True)
        for item in self.items():
            if item.flags() & Qt.ItemFlag.ItemIsUserCheckable:
                ticked = item.data(0, ID_ROLE) in self.chosen
                item.setCheckState(0, Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
        self.blockSignals(False)

    def tick_all(self, ticked: bool) -> None:
        """Tick (or untick) everyone the list shows who can be added."""
        for person in self.rows.values():
            if person.already_on_list:
                continue
            if ticked:
                self.chosen[person.contact_id] = person
            else:
                self.chosen.pop(person.contact_id, None)
        self.show_ticks()
        self.changed.emit()

    def ids_in_view(self) -> set[int]:
        """The people whose rows are wholly in sight now, without scrolling."""
        if not self.isVisible():
            return set()
        area = self.viewport().rect()
        seen = set()
        for item in self.items():
            row = self.visualItemRect(item)
            if row.isValid() and row.top() >= area.top() and row.bottom() <= area.bottom():
                seen.add(int(item.data(0, ID_ROLE)))
        return seen

    def items(self) -> list[QTreeWidgetItem]:
        found = (self.topLevelItem(index) for index in range(self.topLevelItemCount()))
        return [item for item in found if item is not None]

    def _ticked(self, item: QTreeWidgetItem, _column: int) -> None:
        contact_id = int(item.data(0, ID_ROLE))
        if item.checkState(0) == Qt.CheckState.Checked:
            self.chosen[contact_id] = self.rows[contact_id]
        else:
            self.chosen.pop(contact_id, None)
        self.changed.emit()


class TickButtons(QWidget):
    """“Tick all” and “Untick all” for the people one list shows."""

    def __init__(self, people: CandidateList, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.everyone, self.nobody = QPushButton(self), QPushButton(self)
        self.everyone.clicked.connect(lambda: people.tick_all(True))
        self.nobody.clicked.connect(lambda: people.tick_all(False))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for button in (self.everyone, self.nobody):
            button.setAutoDefault(False)
            layout.addWidget(button)
        layout.addStretch(1)

    def retranslate(self) -> None:
        self.everyone.setText(_("Tick all"))
        self.everyone.setToolTip(_("Tick everyone this list shows"))
        self.nobody.setText(_("Untick all"))
        self.nobody.setToolTip(_("Untick everyone this list shows"))
