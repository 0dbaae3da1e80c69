"""The page of “Add people” (to a meeting or a group) that reads pasted e-mail addresses (as
Outlook and Excel copy them): the contacts found, ticked since pasting them is choosing them,
and the addresses no one has, which can become contacts on the spot."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.exchange.email_addresses import PastedAddress, parse_addresses
from lkoe_desktop.services import candidates
from lkoe_desktop.services.candidates import AddingTo, Candidate
from lkoe_desktop.ui.dialogs.contact_form import ContactForm
from lkoe_desktop.ui.dialogs.record_form import CONTACT
from lkoe_desktop.ui.widgets.candidate_list import CandidateList, TickButtons
from lkoe_desktop.ui.widgets.form_fields import mute, row_height

if TYPE_CHECKING:
    from lkoe_desktop.ui.context import AppContext

READ_DELAY_MS = 150


class PastePage(QWidget):
    """Pasted text on the left; on the right the contacts it names and the unknown addresses.

    A contact is ticked when their address is first pasted and unticked again when it is taken
    out of the text; a tick the clerk took away stays away while the address stays.
    """

    def __init__(
        self,
        context: AppContext,
        target: AddingTo,
        chosen: dict[int, Candidate],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.target = target
        self.chosen = chosen
        self.pasted_ticks: set[int] = set()
        self.unknown_addresses: list[PastedAddress] = []
        self.pasted = QPlainTextEdit(self)
        self.pasted.setObjectName("pasted")
        self.pasted.setTabChangesFocus(True)
        self.timer = QTimer(self, singleShot=True, interval=READ_DELAY_MS)
        self.timer.timeout.connect(self.read_pasted)
        self.pasted.textChanged.connect(self.timer.start)
        self.found_label = QLabel(self)
        self.people = CandidateList(chosen, target, self)
        self.people.setObjectName("paste_people")
        self.tick_buttons = TickButtons(self.people, self)
        self.unknown_label = QLabel(self)
        self.unknown = QListWidget(self)
        self.unknown.setObjectName("unknown")
        self.unknown.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.unknown.itemDoubleClicked.connect(lambda _item: self.create_contact())
        self.create_button = QPushButton(self)
        self.create_button.setAutoDefault(False)
        self.create_button.clicked.connect(self.create_contact)
        self.problems = QLabel(self)
        self.problems.setWordWrap(True)
        mute(self.problems)
        right = QWidget(self)
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.found_label)
        column.addWidget(self.people, 3)
        column.addWidget(self.tick_buttons)
        column.addWidget(self.unknown_label)
        column.addWidget(self.unknown, 1)
        column.addWidget(self.create_button, 0, Qt.AlignmentFlag.AlignRight)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(self.pasted)
        split.addWidget(right)
        split.setSizes([220, 580])  # the people's list needs the room; addresses wrap
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(split, 1)
        layout.addWidget(self.problems)

    def retranslate(self) -> None:
        self.hint.setText(
            _(
                "Paste addresses as Outlook or Excel copies them: separated by semicolons, "
                "commas or new lines, with or without names."
            )
        )
        self.found_label.setText(_("Contacts with these addresses"))
        self.people.retranslate()
        self.tick_buttons.retranslate()
        self.unknown_label.setText(_("Addresses that are not contacts yet"))
        self.create_button.setText(_("Create contact…"))

    def read_pasted(self) -> None:
        """Read the pasted text: contacts found, addresses unknown, archived, unreadable."""
        self.timer.stop()
        pasted = parse_addresses(self.pasted.toPlainText())
        with self.context.database.reading() as session:
            match = candidates.match_addresses(session, self.target, pasted.addresses)
        before = set(self.people.rows)
        found = {person.contact_id for person in match.found}
        for contact_id in self.pasted_ticks - found:  # no longer pasted: no longer chosen
            self.chosen.pop(contact_id, None)
        self.pasted_ticks &= found
        for person in match.found:
            new = person.contact_id not in before and person.contact_id not in self.chosen
            if new and not person.already_on_list:
                self.chosen[person.contact_id] = person
                self.pasted_ticks.add(person.contact_id)
        self.unknown_addresses = list(match.unknown)
        self.unknown.clear()
        for address in match.unknown:
            shown = f"{address.name} <{address.email}>" if address.name else address.email
            item = QListWidgetItem(shown, self.unknown)
            item.setSizeHint(QSize(0, row_height(self.unknown)))  # room for the dots of Å, Ä, Ö
        if self.unknown.count():
            self.unknown.setCurrentRow(0)
        self.create_button.setEnabled(bool(match.unknown))
        problems = []
        if match.archived:
            problems.append(
                _("Archived contacts, not added: {addresses}.").format(
                    addresses=", ".join(address.email for address in match.archived)
                )
            )
        if pasted.invalid:
            problems.append(
                _("Not e-mail addresses: {pieces}.").format(pieces=", ".join(pasted.invalid))
            )
        self.problems.setText(" ".join(problems))
        self.people.fill(match.found)

    def create_contact(self) -> None:
        """A new contact for the chosen unknown address, ticked to be added once it is saved."""
        row = self.unknown.currentRow()
        if not 0 <= row < len(self.unknown_addresses):
            return
        address = self.unknown_addresses[row]
        form = ContactForm(self.context, None, self)
        first, last = address.name_parts()
        form.widgets["first_name"].set_value(first)
        form.widgets["last_name"].set_value(last)
        form.widgets["email"].set_value(address.email)
        form.exec()
        saved, redirect = form.saved_id, form.redirect
        form.deleteLater()
        if saved is None and redirect is not None and redirect[0] == CONTACT:
            saved = redirect[1]
        if saved is not None:
            self.read_pasted()
