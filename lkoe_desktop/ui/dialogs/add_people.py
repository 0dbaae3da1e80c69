"""Adding people to a meeting or a group four ways: by search, by theme interest, by group, by
pasted e-mail addresses (that page is `paste_addresses`).

Nobody is ticked by opening a page or choosing a group: the clerk ticks people one by one or
with “Tick all”. Pasted addresses are the one exception, since pasting them is choosing those
people. The count line always says how many are ticked and how many of them are out of sight,
and adding people who are not all in sight first lists every name for a last look."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
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
from lkoe_desktop.domain.entities import GROUP
from lkoe_desktop.domain.errors import LkoeError
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.services import candidates, group_adding, groups, meetings, relations
from lkoe_desktop.services.candidates import AddingTo, Candidate
from lkoe_desktop.ui.dialogs.capacity import confirm_over_capacity
from lkoe_desktop.ui.dialogs.last_look import group_heading, meeting_heading
from lkoe_desktop.ui.dialogs.paste_addresses import PastePage
from lkoe_desktop.ui.screen_fit import fit_to_screen
from lkoe_desktop.ui.widgets.candidate_list import CandidateList, TickButtons, ticked_text
from lkoe_desktop.ui.widgets.form_fields import mute

if TYPE_CHECKING:
    from lkoe_desktop.ui.context import AppContext

SEARCH_DELAY_MS = 150
SEARCH_LIMIT = 200
ROLE_CHARACTERS = 30
WAYS = ("search", "themes", "group", "paste")
Status = ParticipationStatus


class AddPeopleDialog(QDialog):
    """Choose people on any of four pages, then add them all: to a meeting as invited or
    registered, to a group as members (with a role, if given) from today."""

    def __init__(
        self,
        context: AppContext,
        target: AddingTo,
        way: str = "search",
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.context = context
        self.target = target
        self.for_group = target.entity == GROUP.name
        self.group_name = ""
        if self.for_group:
            with context.database.reading() as session:
                self.group_name = groups.get_group(session, target.id).name
        self.added: list[int] = []
        self.chosen: dict[int, Candidate] = {}
        self.loaded: set[str] = set()
        self.tick_buttons: dict[str, TickButtons] = {}
        self.pages = QTabWidget(self)
        self.lists: dict[str, CandidateList] = {}
        self.pages.addTab(self._search_page(), "")
        self.pages.addTab(self._themes_page(), "")
        self.pages.addTab(self._group_page(), "")
        self.paste = PastePage(context, target, self.chosen, self)
        self.lists["paste"] = self.paste.people
        self.pages.addTab(self.paste, "")
        self.pages.currentChanged.connect(self._page_shown)
        self.status = QComboBox(self)
        for status in (Status.INVITED, Status.REGISTERED):
            self.status.addItem(label(status), status.value)
        self.role = QLineEdit(self)
        self.role.setObjectName("role")
        self.role.setMinimumWidth(self.role.fontMetrics().averageCharWidth() * ROLE_CHARACTERS)
        self.status.setVisible(not self.for_group)
        self.role.setVisible(self.for_group)
        self.status_label = QLabel(self)
        self.status_label.setBuddy(self.role if self.for_group else self.status)
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
        bottom.addWidget(self.role)
        bottom.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addLayout(bottom)
        for people in self.lists.values():
            people.changed.connect(self._count)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):  # add from anywhere, the pasted text too
            QShortcut(QKeySequence(keys), self, self.add)
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
        people = CandidateList(self.chosen, self.target, page)
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
        """A meeting's own themes; for a group, the theme chosen."""
        self.theme = QComboBox(self)
        self.theme.setVisible(self.for_group)
        self.theme.currentIndexChanged.connect(lambda _index: self.show_themes())
        self.themes_hint = QLabel(self)
        self.themes_hint.setWordWrap(True)
        return self._page("themes", self.theme, self.themes_hint)

    def _group_page(self) -> QWidget:
        self.group = QComboBox(self)
        self.group.currentIndexChanged.connect(lambda _index: self.show_group())
        return self._page("group", self.group)

    def retranslate(self) -> None:
        if self.for_group:
            self.setWindowTitle(_("Add members to “{group}”").format(group=self.group_name))
        else:
            self.setWindowTitle(_("Add people to the meeting"))
        interested = _("Interested in a theme") if self.for_group else _("Interested in the themes")
        for index, text in enumerate(
            (_("Search"), interested, _("Group"), _("Paste e-mail addresses"))
        ):
            self.pages.setTabText(index, text)
        self.search.setPlaceholderText(_("A name, an e-mail address or an organisation…"))
        for key, buttons in self.tick_buttons.items():  # the pages built here
            self.lists[key].retranslate()
            buttons.retranslate()
        self.paste.retranslate()
        self.status_label.setText(_("Role") if self.for_group else _("Add as"))
        self.role.setPlaceholderText(_("Optional, for example Editor"))
        self.cancel_button.setText(_("Cancel"))
        self._count()

    def _page_shown(self, index: int) -> None:
        key = WAYS[index]
        if key not in self.loaded:
            self.loaded.add(key)
            if key == "themes":
                self.load_themes()
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
            found = candidates.search_candidates(session, self.target, text, limit=SEARCH_LIMIT + 1)
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

    def load_themes(self) -> None:
        if self.for_group:
            with self.context.database.reading() as session:
                found = relations.theme_names(session)
            self.theme.blockSignals(True)
            self.theme.clear()
            for theme in found:
                self.theme.addItem(theme.name, theme.id)
            self.theme.blockSignals(False)
        self.show_themes()

    def show_themes(self) -> None:
        if self.for_group:
            self.show_theme()
            return
        with self.context.database.reading() as session:
            meeting = meetings.get_meeting(session, self.target.id)
            names = {
                theme.id: theme.name
                for theme in relations.theme_names(session, include_archived=True)
            }
            people = candidates.theme_candidates(session, self.target)
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

    def show_theme(self) -> None:
        """For a group: the people interested in the theme chosen."""
        theme_id = self.theme.currentData()
        if theme_id is None:
            self.themes_hint.setText(_("There are no themes yet."))
            self.lists["themes"].fill([])
            return
        self.themes_hint.setText(
            _("Contacts interested in {themes}.").format(themes=self.theme.currentText())
        )
        with self.context.database.reading() as session:
            people = candidates.theme_candidates(session, self.target, [int(theme_id)])
        self.lists["themes"].fill(people)

    def load_groups(self) -> None:
        with self.context.database.reading() as session:
            found = groups.list_groups(session)
        self.group.blockSignals(True)
        self.group.clear()
        for group in found:
            if not (self.for_group and group.id == self.target.id):  # not the group itself
                self.group.addItem(group.name, group.id)
        self.group.blockSignals(False)
        self.show_group()

    def show_group(self) -> None:
        group_id = self.group.currentData()
        if group_id is None:
            self.lists["group"].fill([])
            return
        with self.context.database.reading() as session:
            people = candidates.group_candidates(session, self.target, int(group_id))
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

    def paste_clipboard(self, text: str) -> None:
        """Read `text` (the clipboard) on the paste page at once; Enter then adds who it names."""
        self.pages.setCurrentIndex(WAYS.index("paste"))
        self.paste.pasted.setPlainText(text)
        self.paste.read_pasted()
        self.add_button.setDefault(True)
        self.add_button.setFocus()

    def add(self) -> None:
        """Add everyone ticked; when some are out of sight, after a last look at every name."""
        if not self.chosen:
            return
        count = len(self.chosen)
        status = Status(self.status.currentData())
        if self.for_group:
            heading = group_heading(count, self.group_name)
        else:
            heading = meeting_heading(count, status)
        unseen = len(set(self.chosen) - self.in_view().ids_in_view())
        if unseen and not self.context.prompts.look_over(
            self, list(self.chosen.values()), heading, unseen
        ):
            return
        if (
            not self.for_group
            and status == Status.REGISTERED
            and not confirm_over_capacity(self.context, self, self.target.id, count)
        ):
            return
        try:
            with self.context.database.unit_of_work() as session:
                if self.for_group:
                    role = self.role.text().strip() or None
                    self.added = group_adding.add_members(
                        session, self.target.id, list(self.chosen), role=role
                    ).added
                else:
                    self.added = candidates.add_to_meeting(
                        session, self.target.id, list(self.chosen), status=status.value
                    ).added
        except LkoeError as error:
            self.added = []
            self.context.prompts.error(self, _("Cannot add"), error.message)
            return
        self.accept()


def open_add_people(
    context: AppContext,
    target: AddingTo,
    way: str = "search",
    parent: QWidget | None = None,
    *,
    pasted: str | None = None,
) -> list[int]:
    """Show the dialog until closed; the participations or memberships it added. `pasted`:
    addresses to read on the paste page at once (the clipboard's)."""
    dialog = AddPeopleDialog(context, target, way, parent)
    if pasted is not None:
        dialog.paste_clipboard(pasted)
    try:
        dialog.exec()
        return dialog.added
    finally:
        dialog.deleteLater()
