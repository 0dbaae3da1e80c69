"""The check-in view: letters of a name find a person, Enter checks them in; walk-ins, no-shows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lkoe_desktop.domain.codes import ParticipationStatus
from lkoe_desktop.domain.codes import label as code_label
from lkoe_desktop.domain.errors import LkoeError
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.domain.i18n import ngettext
from lkoe_desktop.services import door_search, meetings, participations
from lkoe_desktop.services.participations import ParticipantRow
from lkoe_desktop.ui.dialogs.contact_form import ContactForm
from lkoe_desktop.ui.dialogs.record_form import CONTACT
from lkoe_desktop.ui.screen_fit import fit_to_screen
from lkoe_desktop.ui.widgets.door_list import (
    ID_ROLE,
    DoorList,
    already_in,
    clock_time,
    full_name,
    name_and_organisation,
)

if TYPE_CHECKING:
    from lkoe_desktop.db.engine import Database
    from lkoe_desktop.ui.context import AppContext

NAVIGATION_KEYS = (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown)
ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
Status = ParticipationStatus
SIGN_IN = (Status.REGISTERED, Status.ATTENDED)


@dataclass(frozen=True)
class CheckIn:
    """A check-in that can be undone: who, and their status before it (None: not on the list)."""

    participation_id: int
    name: str
    previous: str | None


def put_back(database: Database, last: CheckIn) -> str:
    """Undo a check-in in its own transaction: the person gets their earlier status back (a
    walk-in leaves the list); says what was undone."""
    with database.unit_of_work() as session:
        if last.previous is None:
            participations.remove(session, last.participation_id)
        else:
            participations.set_status(session, last.participation_id, last.previous)
    return _("Check-in of {name} undone.").format(name=last.name)


def walk_in_contact(context: AppContext, parent: QWidget | None) -> int | None:
    """Who walked in: a new contact typed into the contact form, or the existing person its
    duplicate warning led to (that person is taken as is, without opening their form)."""
    form = ContactForm(context, None, parent)
    form.exec()
    saved, redirect = form.saved_id, form.redirect
    form.deleteLater()
    if redirect is not None:
        kind, record_id = redirect
        return record_id if kind == CONTACT else None
    return saved


class CheckInDialog(QDialog):
    """Type a few letters of a name or organisation; Enter checks in the marked person.

    The list is the door search's answer, best match on top, and the top row is marked as
    soon as something is typed; a line under the field says what Enter will do. With nothing
    typed no row is marked and Enter does nothing. Ctrl+Z in the empty field undoes the last
    check-in; with text in it, Ctrl+Z is the field's own undo. The last check-in is also the
    window's undo offer, so Redigera → Ångra undoes it after the view is closed.
    """

    def __init__(self, context: AppContext, meeting_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.meeting_id = meeting_id
        self.undo_stack: list[CheckIn] = []
        self.listed: list[ParticipantRow] = []
        self.heading = QLabel(self)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.heading.setFont(font)
        self.counts = QLabel(self)
        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        big = self.search.font()
        big.setPointSizeF(big.pointSizeF() * 1.5)
        self.search.setFont(big)
        self.search.textChanged.connect(self._typed)
        self.search.installEventFilter(self)
        self.enter_hint = QLabel(self)
        self.enter_hint.setWordWrap(True)
        self.people = DoorList(self)
        self.people.itemActivated.connect(
            lambda item, _column: self._check_in(int(item.data(0, ID_ROLE)))
        )
        self.people.currentItemChanged.connect(lambda _now, _before: self._show_hint())
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        bold = self.message.font()
        bold.setBold(True)
        self.message.setFont(bold)
        self.show_invited = QCheckBox(self)
        self.show_invited.setChecked(True)
        self.show_everyone = QCheckBox(self)
        for box in (self.show_invited, self.show_everyone):
            box.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            box.toggled.connect(lambda _on: self.refresh())
        self.undo_button = QPushButton(self)
        self.undo_button.clicked.connect(self.undo)
        self.walk_in_button = QPushButton(self)
        self.walk_in_button.clicked.connect(self.walk_in)
        self.no_show_button = QPushButton(self)
        self.no_show_button.clicked.connect(self.mark_rest_no_show)
        self.close_button = QPushButton(self)
        self.close_button.clicked.connect(self.accept)
        for button in (self.undo_button, self.walk_in_button, self.no_show_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for button in (*self.buttons(), self.close_button):
            button.setAutoDefault(False)
        QShortcut(QKeySequence("Ctrl+N"), self, self.walk_in)
        self._lay_out()
        fit_to_screen(self, QSize(880, 640))
        self.retranslate()
        self.refresh()
        self.search.setFocus()

    def buttons(self) -> tuple[QPushButton, ...]:
        return (self.undo_button, self.walk_in_button, self.no_show_button)

    def _lay_out(self) -> None:
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(self.heading)
        layout.addWidget(self.counts)
        layout.addWidget(self.search)
        layout.addWidget(self.enter_hint)
        toggles = QHBoxLayout()
        toggles.addWidget(self.show_invited)
        toggles.addWidget(self.show_everyone)
        toggles.addStretch(1)
        layout.addLayout(toggles)
        layout.addWidget(self.people, 1)
        layout.addWidget(self.message)
        row = QHBoxLayout()
        for button in self.buttons():
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.close_button)
        layout.addLayout(row)

    def retranslate(self) -> None:
        with self.context.database.reading() as session:
            meeting = meetings.get_meeting(session, self.meeting_id)
        when = meeting.starts_at.strftime("%Y-%m-%d %H:%M")
        self.setWindowTitle(_("Check-in: {title}").format(title=meeting.title))
        self.heading.setText(f"{meeting.title} · {when}")
        self.search.setPlaceholderText(_("Type a few letters of a name or organisation…"))
        self.people.retranslate()
        self.show_invited.setText(_("Show invited"))
        self.show_everyone.setText(_("Show everyone (also cancelled and no-show)"))
        self.undo_button.setText(_("Undo last check-in (Ctrl+Z)"))
        self.walk_in_button.setText(_("New walk-in… (Ctrl+N)"))
        self.no_show_button.setText(_("Mark the rest as no-show…"))
        self.close_button.setText(_("Close"))
        self._show_hint()

    # --- the list -----------------------------------------------------------------------------
    def statuses(self) -> list[str] | None:
        if self.show_everyone.isChecked():
            return None
        shown = [*SIGN_IN, Status.INVITED] if self.show_invited.isChecked() else list(SIGN_IN)
        return [status.value for status in shown]

    def refresh(self, *, keep: bool = True) -> None:
        """Read the list and the counts again, then search the list for what is typed."""
        with self.context.database.reading() as session:
            self.listed = participations.list_participants(
                session, self.meeting_id, statuses=self.statuses()
            )
            counts = participations.status_counts(session, self.meeting_id)
        self.counts.setText(
            "   ·   ".join(f"{code_label(status)}: {count}" for status, count in counts.items())
        )
        self.undo_button.setEnabled(bool(self.undo_stack))
        self.search_list(keep=keep)

    def _typed(self, text: str) -> None:
        """The first letter of a name reads the list again (another desk may have checked
        people in meanwhile); the letters after it search what was read."""
        if text.strip() and not self.people.typed.strip():
            self.refresh(keep=False)
        else:
            self.search_list(keep=False)

    def search_list(self, *, keep: bool) -> None:
        """Show who on the list matches what is typed (a keystroke reads nothing again). The
        marked person stays marked if still listed and `keep`, otherwise the top row is marked;
        with nothing typed no one is."""
        chosen = self.people.current_id() if keep else None
        typed = self.search.text()
        self.people.show_rows(door_search.door_search(self.listed, typed), typed, chosen)
        self._show_hint()

    def _show_hint(self) -> None:
        """Say under the field what Enter will do."""
        typed = self.search.text()
        row = self.people.marked(typed)
        quiet = row is None
        if not door_search.words(typed):
            hint = _("As you type, the best match is marked; Enter checks that person in.")
        elif row is None:
            hint = _("No one on the list matches “{text}”. Ctrl+N adds a walk-in.").format(
                text=typed.strip()
            )
        elif row.status == Status.ATTENDED:
            hint, quiet = already_in(row), True
        else:
            hint = _("Enter checks in: {who}").format(who=name_and_organisation(row))
        self.enter_hint.setText(hint)
        font = self.enter_hint.font()
        font.setBold(not quiet)  # who Enter checks in stands out; anything else stays quiet
        self.enter_hint.setFont(font)
        self.enter_hint.setForegroundRole(
            QPalette.ColorRole.PlaceholderText if quiet else QPalette.ColorRole.WindowText
        )

    # --- keys ---------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.matches(QKeySequence.StandardKey.Undo) and not self.search.text():
                self.undo()
                return True
            if event.key() in NAVIGATION_KEYS:
                self.people.keyPressEvent(event)
                return True
            if event.key() in ENTER_KEYS:
                self.check_in()
                return True
        return super().eventFilter(watched, event)

    def reject(self) -> None:
        """Escape clears the search field; with the field empty it closes the view."""
        if self.search.text():
            self.search.clear()
            self.search.setFocus()
            return
        super().reject()

    # --- actions ------------------------------------------------------------------------------
    def _say(self, text: str) -> None:
        self.message.setText(text)

    def check_in(self) -> None:
        """Enter: check in the marked person; nothing when no one is (the line under the
        field says why)."""
        row = self.people.marked(self.search.text())
        if row is not None:
            self._check_in(row.id)

    def _check_in(self, participation_id: int) -> None:
        """Mark the person attended and clear the field for the next one; someone already
        checked in is left as they are."""
        with self.context.database.reading() as session:
            before = participations.get_participant(session, participation_id)
        if before.status == Status.ATTENDED:
            self._say(already_in(before))
            return
        self._attend(participation_id, before.status)

    def _attend(self, participation_id: int, previous: str | None) -> None:
        try:
            with self.context.database.unit_of_work() as session:
                row = participations.set_status(session, participation_id, Status.ATTENDED.value)
        except LkoeError as error:
            self.context.prompts.error(self, _("Cannot check in"), error.message)
            return
        self._checked_in(row, previous)

    def _checked_in(self, row: ParticipantRow, previous: str | None) -> None:
        self.undo_stack.append(CheckIn(row.id, full_name(row), previous))
        who = name_and_organisation(row)
        self._say(_("{who}: checked in {time}").format(who=who, time=clock_time(row)))
        self._changed()
        self._offer_last()

    def _offer_last(self) -> None:
        """Hand the window's undo offer the undoing of the last check-in still on the stack."""
        if not self.undo_stack:
            return
        stack, last, database = self.undo_stack, self.undo_stack[-1], self.context.database

        def undo() -> str:
            if stack and stack[-1] is last:
                stack.pop()
            return put_back(database, last)

        self.context.undo.offer(
            _("Undo the check-in of {name}").format(name=last.name),
            undo,
            ("meeting", self.meeting_id),
        )

    def _changed(self) -> None:
        self.search.blockSignals(True)
        self.search.setText("")  # also forgets the field's own undo: Ctrl+Z now undoes check-ins
        self.search.blockSignals(False)
        self.refresh(keep=False)
        self.search.setFocus()

    def undo(self) -> None:
        """Put the last person checked in back as they were (a walk-in leaves the list)."""
        if not self.undo_stack:
            return
        last = self.undo_stack.pop()
        try:
            said = put_back(self.context.database, last)
        except LkoeError as error:
            self.context.prompts.error(self, _("Cannot undo"), error.message)
            return
        self._say(said)
        self._changed()
        self._offer_last()

    def mark_rest_no_show(self) -> None:
        """Everyone registered who has not checked in becomes no-show, in one transaction."""
        with self.context.database.reading() as session:
            rest = [
                row.id
                for row in participations.list_participants(
                    session, self.meeting_id, statuses=[Status.REGISTERED.value]
                )
            ]
        if not rest:
            self.context.prompts.inform(
                self, _("No-show"), _("Everyone registered has checked in.")
            )
            return
        question = ngettext(
            "Mark {count} registered person who has not checked in as no-show?",
            "Mark {count} registered people who have not checked in as no-show?",
            len(rest),
        ).format(count=len(rest))
        if not self.context.prompts.confirm(self, _("Mark the rest as no-show"), question):
            return
        with self.context.database.unit_of_work() as session:
            participations.set_statuses(session, rest, Status.NO_SHOW.value)
        self._say(
            ngettext(
                "{count} person marked no-show.", "{count} people marked no-show.", len(rest)
            ).format(count=len(rest))
        )
        self._changed()

    def walk_in(self) -> None:
        """Someone not on the list: add or find them as a contact, register and check them in."""
        contact_id = walk_in_contact(self.context, self)
        if contact_id is None:
            self.search.setFocus()
            return
        try:
            with self.context.database.unit_of_work() as session:
                listed = participations.list_participants(session, self.meeting_id)
                before = next((row for row in listed if row.contact_id == contact_id), None)
                row = participations.register(session, self.meeting_id, contact_id)
                if row.status != Status.ATTENDED:
                    row = participations.set_status(session, row.id, Status.ATTENDED.value)
        except LkoeError as error:
            self.context.prompts.error(self, _("Cannot check in"), error.message)
            return
        if before is not None and before.status == Status.ATTENDED:
            self._say(already_in(before))
            self._changed()
            return
        self._checked_in(row, None if before is None else before.status)


def open_checkin(context: AppContext, meeting_id: int, parent: QWidget | None = None) -> None:
    """Show the check-in view of a meeting until it is closed."""
    dialog = CheckInDialog(context, meeting_id, parent)
    dialog.exec()
    dialog.deleteLater()
