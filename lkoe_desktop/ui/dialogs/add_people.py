"""Adding people to a meeting four ways: by search, by theme interest, by group, by pasted e-mail
addresses (that page is `paste_addresses`).

Nobody is ticked by opening a page or choosing a group: the clerk ticks people one by one or
with “Tick all”. Pasted addresses are the one exception, since pasting them is choosing those
people. The count line always says how many are ticked and how many of them are out of sight,
and adding people who are not all in sight first lists every name for a last look."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from lkoe_desktop.domain.codes import ParticipationStatus, label
from lkoe_desktop.domain.errors import LkoeError
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.services import candidates, groups, meetings, relations
from lkoe_desktop.services.candidates import Candidate
from lkoe_desktop.ui.dialogs.capacity import confirm_over_capacity
from lkoe_desktop.ui.dialogs.paste_addresses import PastePage
from lkoe_desktop.ui.screen_fit import fit_to_screen
from lkoe_desktop.ui.widgets.candidate_list import CandidateList, TickButtons, ticked_text
from lkoe_desktop.ui.widgets.form_fields import mute

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
        self.added: list[int] = []
        self.chosen: dict[int, Candidate] = {}
        self.loaded: set[str] = set()
        self.tick_buttons: dict[str, TickButtons] = {}
        self.pages = QTabWidget(self)
        self.lists: dict[str, CandidateList] = {}
        self.pages.addTab(self._search_page(), "")
        self.pages.addTab(self._themes_page(), "")
        self.pages.addTab(self._group_page(), "")
        self.paste = PastePage(context, meeting_id, self.chosen, self)
        self.lists["paste"] = self.paste.people
        self.pages.addTab(self.paste, "")
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
            people.changed.connect(self._count)
        fit_to_screen(self, QSize(900, 600))
        self.retranslate()
        self.pages.setCurrentIndex(WAYS.index(way) if way in WAYS else 0)
        self._page_shown(self.pages.currentIndex())
        self._count()

    # --- the pages ----------------------------------------------------------------------------
    def _page(self, key: str, *above: QWidget) -> QWidget:
        """A page: what is `above` the list of people, then the list and its tick buttons."""
        page = QWidget(self)
        layout = QVBoxLayout(page)
        for widget in above:
            layout.addWidget(widget)
        people = CandidateList(self.chosen, page)
        people.setObjectName(f"{key}_people")
        self.lists[key] = people
        layout.addWidget(people, 1)
        self.tick_buttons[key] = TickButtons(people, page)
        layout.addWidget(self.tick_buttons[key])
        return page

    def _search_page(self) -> QWidget:
        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self.search_timer.timeout.connect(self.show_found)
        self.search.textChanged.connect(lambda _text: self.search_timer.start())
        self.search.returnPressed.connect(self.show_found)
        self.search_hint = QLabel(self)
        mute(self.search_hint)
        return self._page("search", self.search, self.search_hint)

    def _themes_page(self) -> QWidget:
        self.themes_hint = QLabel(self)
        self.themes_hint.setWordWrap(True)
        return self._page("themes", self.themes_hint)

    def _group_page(self) -> QWidget:
        self.group = QComboBox(self)
        self.group.currentIndexChanged.connect(lambda _index: self.show_group())
        return self._page("group", self.group)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Add people to the meeting"))
        for index, text in enumerate(
            (_("Search"), _("Interested in the themes"), _("Group"), _("Paste e-mail addresses"))
        ):
            self.pages.setTabText(index, text)
        self.search.setPlaceholderText(_("A name, an e-mail address or an organisation…"))
        for key, buttons in self.tick_buttons.items():  # the pages built here
            self.lists[key].retranslate()
            buttons.retranslate()
        self.paste.retranslate()
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
        focus = {"search": self.search, "paste": self.paste.pasted}.get(key)
        if focus is not None:
            focus.setFocus()
        self._count()

    # --- finding people -----------------------------------------------------------------------
    def show_found(self) -> None:
        """Show the people the search text finds (nobody without a text)."""
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

    # --- adding -------------------------------------------------------------------------------
    def in_view(self) -> CandidateList:
        return self.lists[WAYS[self.pages.currentIndex()]]

    def _count(self) -> None:
        count = len(self.chosen)
        listed = self.in_view().rows
        elsewhere = sum(contact_id not in listed for contact_id in self.chosen)
        self.count.setText(ticked_text(count, elsewhere))
        font = self.count.font()
        font.setBold(elsewhere > 0)  # ticks out of sight should not go unnoticed
        self.count.setFont(font)
        self.add_button.setText(_("Add {count}").format(count=count) if count else _("Add"))
        self.add_button.setEnabled(bool(count))

    def add(self) -> None:
        """Add everyone ticked; when some are out of sight, after a last look at every name."""
        if not self.chosen:
            return
        status = Status(self.status.currentData())
        unseen = len(set(self.chosen) - self.in_view().ids_in_view())
        if unseen and not self.context.prompts.look_over(
            self, list(self.chosen.values()), status, unseen
        ):
            return
        if status == Status.REGISTERED and not confirm_over_capacity(
            self.context, self, self.meeting_id, len(self.chosen)
        ):
            return
        try:
            with self.context.database.unit_of_work() as session:
                result = candidates.add_to_meeting(
                    session, self.meeting_id, list(self.chosen), status=status.value
                )
        except LkoeError as error:
            self.context.prompts.error(self, _("Cannot add"), error.message)
            return
        self.added = result.added
        self.accept()


def open_add_people(
    context: AppContext, meeting_id: int, way: str = "search", parent: QWidget | None = None
) -> list[int]:
    """Show the dialog until closed; the participations it added."""
    dialog = AddPeopleDialog(context, meeting_id, way, parent)
    try:
        dialog.exec()
        return dialog.added
    finally:
        dialog.deleteLater()
