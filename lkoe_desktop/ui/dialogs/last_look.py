"""The people about to be added to a meeting or a group, listed for a last look before they are."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from lkoe_desktop.domain.codes import ParticipationStatus, label
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.domain.i18n import ngettext
from lkoe_desktop.domain.text import sort_key
from lkoe_desktop.services.candidates import Candidate
from lkoe_desktop.ui.widgets.form_fields import row_height

NAME_CHARACTERS = 30


def meeting_heading(count: int, status: ParticipationStatus) -> str:
    return ngettext(
        "{count} person will be put on the meeting's list as “{status}”.",
        "These {count} people will be put on the meeting's list as “{status}”.",
        count,
    ).format(count=count, status=label(status))


def group_heading(count: int, group: str) -> str:
    return ngettext(
        "{count} person will become a member of “{group}”.",
        "These {count} people will become members of “{group}”.",
        count,
    ).format(count=count, group=group)


def in_swedish_order(people: Sequence[Candidate]) -> list[Candidate]:
    """People as lists of people are sorted: last name, first name, then id."""
    return sorted(
        people,
        key=lambda person: (
            sort_key(person.last_name),
            sort_key(person.first_name),
            person.contact_id,
        ),
    )


class LastLookDialog(QDialog):
    """Everyone ticked, by name and organisation in Swedish order, with how many of them were
    not in view; accepted with “Add N”, or “Back” to the ticking."""

    def __init__(
        self,
        people: Sequence[Candidate],
        heading: str,
        unseen: int,
        parent: QWidget | None = None,
    ) -> None:
        """`heading` says where they go (`meeting_heading`, `group_heading`)."""
        super().__init__(parent)
        count = len(people)
        self.setWindowTitle(
            ngettext("Add {count} person?", "Add {count} people?", count).format(count=count)
        )
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.heading.setText(heading)
        self.unseen = QLabel(self)
        self.unseen.setWordWrap(True)
        self.unseen.setText(
            ngettext(
                "{unseen} of them was not in the list you were looking at: check the names "
                "before you add them.",
                "{unseen} of them were not in the list you were looking at: check the names "
                "before you add them.",
                unseen,
            ).format(unseen=unseen)
        )
        self.unseen.setVisible(unseen > 0)
        font = self.unseen.font()
        font.setBold(True)
        self.unseen.setFont(font)
        self.people = QTreeWidget(self)
        self.people.setObjectName("last_look")
        self.people.setRootIsDecorated(False)
        self.people.setUniformRowHeights(True)
        self.people.setAlternatingRowColors(True)
        self.people.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.people.setHeaderLabels([_("Name"), _("Organisation")])
        header = self.people.header()
        header.setStretchLastSection(True)
        header.resizeSection(0, self.fontMetrics().averageCharWidth() * NAME_CHARACTERS)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        height = row_height(self.people)
        for person in in_swedish_order(people):
            name = f"{person.first_name} {person.last_name}".strip()
            item = QTreeWidgetItem(self.people, [name, person.organisation or ""])
            item.setSizeHint(0, QSize(0, height))  # room for the dots of Å, Ä, Ö
            item.setToolTip(1, item.text(1))
        buttons = QDialogButtonBox(self)
        self.add_button = buttons.addButton(
            _("Add {count}").format(count=count), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.back_button = buttons.addButton(_("Back"), QDialogButtonBox.ButtonRole.RejectRole)
        self.add_button.setDefault(True)
        self.add_button.setFocus()  # the list can be scrolled without a frame on its first row
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.unseen)
        layout.addWidget(self.people, 1)
        layout.addWidget(buttons)
        self.resize(680, 540)

    def names(self) -> list[tuple[str, str]]:
        """What the list shows, row by row: name and organisation."""
        items = (self.people.topLevelItem(row) for row in range(self.people.topLevelItemCount()))
        return [(item.text(0), item.text(1)) for item in items if item is not None]


def look_over(
    parent: QWidget | None, people: Sequence[Candidate], heading: str, unseen: int
) -> bool:
    """Show the people until the dialog is closed; True when they are to be added."""
    dialog = LastLookDialog(people, heading, unseen, parent)
    try:
        return dialog.exec() == QDialog.DialogCode.Accepted
    finally:
        dialog.deleteLater()
