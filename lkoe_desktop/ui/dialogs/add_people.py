"""Adding people to a meeting four ways: by search, by theme interest, by group, by pasted e-mail
addresses (as Outlook and Excel copy them); unknown addresses can become contacts on the spot."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from lkoe_desktop.domain.codes import ParticipationStatus, label
from lkoe_desktop.domain.errors import LkoeError
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.domain.i18n import ngettext
from lkoe_desktop.exchange.email_addresses import PastedAddress, parse_addresses
from lkoe_desktop.services import candidates, groups, meetings, relations
from lkoe_desktop.services.candidates import Candidate
from lkoe_desktop.ui import changes
from lkoe_desktop.ui.dialogs.contact_form import ContactForm
from lkoe_desktop.ui.dialogs.record_form import CONTACT
from lkoe_desktop.ui.screen_fit import fit_to_screen
from lkoe_desktop.ui.widgets.candidate_list import CandidateList
from lkoe_desktop.ui.widgets.form_fields import mute, row_height
from lkoe_desktop.ui.widgets.participant_actions import confirm_over_capacity

if TYPE_CHECKING:
    from lkoe_desktop.ui.context import AppContext

SEARCH_DELAY_MS = 150
SEARCH_LIMIT = 200
WAYS = ("search", "themes", "group", "paste")
Status = ParticipationStatus


class AddPeopleDialog(QDialog):
    """Choose people on any of four pages, then add them all as invited or registered."""

    def __init__(
        self,
        context: AppContext,
        meeting_id: int,
        way: str = "search",
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.context = context
        self.meeting_id = meeting_id
        self.added = 0
        self.chosen: dict[int, Candidate] = {}
        self.loaded: set[str] = set()
        self.tick_buttons: list[tuple[QPushButton, QPushButton]] = []
        self.pages = QTabWidget(self)
        self.lists: dict[str, CandidateList] = {}
        self.pages.addTab(self._search_page(), "")
        self.pages.addTab(self._themes_page(), "")
        self.pages.addTab(self._group_page(), "")
        self.pages.addTab(self._paste_page(), "")
        self.pages.currentChanged.connect(self._page_shown)
        self.status = QComboBox(self)
        for status in (Status.INVITED, Status.REGISTERED):
            self.status.addItem(label(status), status.value)
        self.status_label = QLabel(self)
        self.status_label.setBuddy(self.status)
        self.count = QLabel(self)
        self.buttons = QDialogButtonBox(self)
        self.add_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.add)
        self.buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count, 1)
        bottom.addWidget(self.status_label)
        bottom.addWidget(self.status)
        bottom.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addLayout(bottom)
        for people in self.lists.values():
            people.ticks_changed.connect(self._count)
        fit_to_screen(self, QSize(900, 600))
        self.retranslate()
        self.pages.setCurrentIndex(WAYS.index(way) if way in WAYS else 0)
        self._page_shown(self.pages.currentIndex())
        self._count()

    # --- the pages ----------------------------------------------------------------------------
    def _page(self, key: str, *above: QWidget, below: Sequence[QWidget] = ()) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        for widget in above:
            layout.addWidget(widget)
        people = CandidateList(self.chosen, page)
        people.setObjectName(f"{key}_people")
        self.lists[key] = people
        layout.addWidget(people, 1)
        for widget in below:
            layout.addWidget(widget)
        return page

    def _tick_buttons(self, key: str) -> QWidget:
        row = QWidget(self)
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        everyone, nobody = QPushButton(row), QPushButton(row)
        everyone.clicked.connect(lambda: self.lists[key].tick_all(True))
        nobody.clicked.connect(lambda: self.lists[key].tick_all(False))
        for button in (everyone, nobody):
            button.setAutoDefault(False)
        layout.addWidget(everyone)
        layout.addWidget(nobody)
        layout.addStretch(1)
        self.tick_buttons.append((everyone, nobody))
        return row

    def _search_page(self) -> QWidget:
        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self.search_timer.timeout.connect(self.find)
        self.search.textChanged.connect(lambda _text: self.search_timer.start())
        self.search.returnPressed.connect(self.find)
        self.search_hint = QLabel(self)
        mute(self.search_hint)
        return self._page("search", self.search, below=[self.search_hint])

    def _themes_page(self) -> QWidget:
        self.themes_hint = QLabel(self)
        self.themes_hint.setWordWrap(True)
        return self._page("themes", self.themes_hint, below=[self._tick_buttons("themes")])

    def _group_page(self) -> QWidget:
        self.group = QComboBox(self)
        self.group.currentIndexChanged.connect(lambda _index: self.show_group())
        return self._page("group", self.group, below=[self._tick_buttons("group")])

    def _paste_page(self) -> QWidget:
        page = QWidget(self)
        self.pasted = QPlainTextEdit(page)
        self.pasted.setObjectName("pasted")
        self.pasted.setTabChangesFocus(True)
        self.paste_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self.paste_timer.timeout.connect(self.read_pasted)
        self.pasted.textChanged.connect(self.paste_timer.start)
        self.found_label = QLabel(page)
        people = CandidateList(self.chosen, page)
        people.setObjectName("paste_people")
        self.lists["paste"] = people
        self.unknown_label = QLabel(page)
        self.unknown = QListWidget(page)
        self.unknown.setObjectName("unknown")
        self.unknown.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.unknown.itemDoubleClicked.connect(lambda _item: self.create_contact())
        self.create_button = QPushButton(page)
        self.create_button.setAutoDefault(False)
        self.create_button.clicked.connect(self.create_contact)
        self.paste_problems = QLabel(page)
        self.paste_problems.setWordWrap(True)
        mute(self.paste_problems)
        self.unknown_addresses: list[PastedAddress] = []
        right = QWidget(page)
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.found_label)
        column.addWidget(people, 3)
        column.addWidget(self.unknown_label)
        column.addWidget(self.unknown, 1)
        column.addWidget(self.create_button, 0, Qt.AlignmentFlag.AlignRight)
        split = QSplitter(Qt.Orientation.Horizontal, page)
        split.addWidget(self.pasted)
        split.addWidget(right)
        split.setSizes([280, 520])
        layout = QVBoxLayout(page)
        self.paste_hint = QLabel(page)
        self.paste_hint.setWordWrap(True)
        layout.addWidget(self.paste_hint)
        layout.addWidget(split, 1)
        layout.addWidget(self.paste_problems)
        return page

    def retranslate(self) -> None:
        self.setWindowTitle(_("Add people to the meeting"))
        for index, text in enumerate(
            (_("Search"), _("Interested in the themes"), _("Group"), _("Paste e-mail addresses"))
        ):
            self.pages.setTabText(index, text)
        for people in self.lists.values():
            people.retranslate()
        self.search.setPlaceholderText(_("A name, an e-mail address or an organisation…"))
        for everyone, nobody in self.tick_buttons:
            everyone.setText(_("Tick everyone"))
            nobody.setText(_("Tick no one"))
        self.paste_hint.setText(
            _(
                "Paste addresses as Outlook or Excel copies them: separated by semicolons, "
                "commas or new lines, with or without names."
            )
        )
        self.found_label.setText(_("Contacts with these addresses"))
        self.unknown_label.setText(_("Addresses that are not contacts yet"))
        self.create_button.setText(_("Create contact…"))
        self.status_label.setText(_("Add as"))
        self.cancel_button.setText(_("Cancel"))
        self._count()

    def _page_shown(self, index: int) -> None:
        key = WAYS[index]
        if key not in self.loaded:
            self.loaded.add(key)
            if key == "themes":
                self.show_themes()
            elif key == "group":
                self.load_groups()
        self.lists[key].show_ticks()
        focus = {"search": self.search, "paste": self.pasted}.get(key)
        if focus is not None:
            focus.setFocus()

    # --- finding people -----------------------------------------------------------------------
    def find(self) -> None:
        self.search_timer.stop()
        text = self.search.text().strip()
        if not text:
            self.lists["search"].fill([])
            self.search_hint.setText("")
            return
        with self.context.database.reading() as session:
            found = candidates.search_candidates(
                session, self.meeting_id, text, limit=SEARCH_LIMIT + 1
            )
        self.lists["search"].fill(found[:SEARCH_LIMIT])
        if len(found) > SEARCH_LIMIT:
            self.search_hint.setText(
                _("Showing the first {count}; type more to narrow the search.").format(
                    count=SEARCH_LIMIT
                )
            )
        elif not found:
            self.search_hint.setText(_("No contact matches “{text}”.").format(text=text))
        else:
            self.search_hint.setText("")

    def show_themes(self) -> None:
        with self.context.database.reading() as session:
            meeting = meetings.get_meeting(session, self.meeting_id)
            names = {
                theme.id: theme.name
                for theme in relations.theme_names(session, include_archived=True)
            }
            people = candidates.theme_candidates(session, self.meeting_id)
        themes = [names[theme_id] for theme_id in meeting.theme_ids if theme_id in names]
        if not themes:
            self.themes_hint.setText(
                _("The meeting has no themes yet. Choose them on the meeting's Details page.")
            )
        else:
            self.themes_hint.setText(
                _("Contacts interested in {themes}.").format(themes=", ".join(themes))
            )
        self.lists["themes"].fill(people)
        self.lists["themes"].tick_all(True)

    def load_groups(self) -> None:
        with self.context.database.reading() as session:
            found = groups.list_groups(session)
        self.group.blockSignals(True)
        self.group.clear()
        for group in found:
            self.group.addItem(group.name, group.id)
        self.group.blockSignals(False)
        self.show_group()

    def show_group(self) -> None:
        group_id = self.group.currentData()
        if group_id is None:
            self.lists["group"].fill([])
            return
        with self.context.database.reading() as session:
            people = candidates.group_candidates(session, self.meeting_id, int(group_id))
        self.lists["group"].fill(people)
        self.lists["group"].tick_all(True)

    def read_pasted(self) -> None:
        """Read the pasted text: contacts found, addresses unknown, archived, unreadable."""
        self.paste_timer.stop()
        pasted = parse_addresses(self.pasted.toPlainText())
        with self.context.database.reading() as session:
            match = candidates.match_addresses(session, self.meeting_id, pasted.addresses)
        people = self.lists["paste"]
        before = set(people.rows)
        people.fill(match.found)
        for person in match.found:
            if person.contact_id not in before and not person.already_on_list:
                self.chosen[person.contact_id] = person
        people.show_ticks()
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
        self.paste_problems.setText(" ".join(problems))
        self._count()

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

    # --- adding -------------------------------------------------------------------------------
    def _count(self) -> None:
        count = len(self.chosen)
        self.count.setText(
            ngettext("{count} person chosen", "{count} people chosen", count).format(count=count)
        )
        self.add_button.setText(_("Add {count}").format(count=count) if count else _("Add"))
        self.add_button.setEnabled(bool(count))

    def add(self) -> None:
        if not self.chosen:
            return
        status = str(self.status.currentData())
        if status == Status.REGISTERED and not confirm_over_capacity(
            self.context, self, self.meeting_id, len(self.chosen)
        ):
            return
        try:
            with self.context.database.unit_of_work() as session:
                result = candidates.add_to_meeting(
                    session, self.meeting_id, list(self.chosen), status=status
                )
        except LkoeError as error:
            self.context.prompts.error(self, _("Cannot add"), error.message)
            return
        self.added = len(result.added)
        self.context.bus.announce(changes.PARTICIPANTS, changes.MEETINGS)
        self.accept()


def open_add_people(
    context: AppContext, meeting_id: int, way: str = "search", parent: QWidget | None = None
) -> int:
    """Show the dialog until closed; how many people were added."""
    dialog = AddPeopleDialog(context, meeting_id, way, parent)
    try:
        dialog.exec()
        return dialog.added
    finally:
        dialog.deleteLater()
