"""The check-in view: a few letters find a person, Enter checks them in; walk-ins, no-shows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from lkoe_desktop.domain.codes import ParticipationStatus
from lkoe_desktop.domain.codes import label as code_label
from lkoe_desktop.domain.errors import LkoeError
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.domain.i18n import ngettext
from lkoe_desktop.services import meetings, participations
from lkoe_desktop.services.participations import ParticipantRow
from lkoe_desktop.ui import changes
from lkoe_desktop.ui.dialogs.contact_form import ContactForm
from lkoe_desktop.ui.dialogs.record_form import CONTACT
from lkoe_desktop.ui.screen_fit import fit_to_screen
from lkoe_desktop.ui.widgets.form_fields import row_height

if TYPE_CHECKING:
    from lkoe_desktop.ui.context import AppContext

ID_ROLE = Qt.ItemDataRole.UserRole
ATTENDED_COLOUR = "#2e6b34"
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


def full_name(row: ParticipantRow) -> str:
    return f"{row.first_name} {row.last_name}".strip()


def clock_time(row: ParticipantRow) -> str:
    return row.checked_in_at.strftime("%H:%M") if row.checked_in_at else ""


def status_text(row: ParticipantRow) -> str:
    """The status as the list shows it: with the check-in time for those who came."""
    text = code_label(Status(row.status))
    if row.status == Status.ATTENDED and row.checked_in_at is not None:
        text += " " + clock_time(row)
    return text


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
    """Type a few letters of a name or organisation, Enter checks the chosen person in."""

    def __init__(self, context: AppContext, meeting_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.meeting_id = meeting_id
        self.undo_stack: list[CheckIn] = []
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
        self.search.textChanged.connect(lambda _text: self.refresh(keep=False))
        self.search.installEventFilter(self)
        self.people = QTreeWidget(self)
        self.people.setRootIsDecorated(False)
        self.people.setUniformRowHeights(True)
        self.people.setAlternatingRowColors(True)
        self.people.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.people.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.people.itemActivated.connect(lambda _item, _column: self.check_in())
        self.people.setColumnCount(3)
        header = self.people.header()
        header.setStretchLastSection(False)
        for column, mode in enumerate(
            (
                QHeaderView.ResizeMode.Stretch,
                QHeaderView.ResizeMode.Stretch,
                QHeaderView.ResizeMode.ResizeToContents,
            )
        ):
            header.setSectionResizeMode(column, mode)
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
        QShortcut(QKeySequence("Ctrl+Z"), self, self.undo)
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
        self.people.setHeaderLabels([_("Name"), _("Organisation"), _("Status")])
        self.show_invited.setText(_("Show invited"))
        self.show_everyone.setText(_("Show everyone (also cancelled and no-show)"))
        self.undo_button.setText(_("Undo last check-in (Ctrl+Z)"))
        self.walk_in_button.setText(_("New walk-in… (Ctrl+N)"))
        self.no_show_button.setText(_("Mark the rest as no-show…"))
        self.close_button.setText(_("Close"))

    # --- the list -----------------------------------------------------------------------------
    def statuses(self) -> list[str] | None:
        if self.show_everyone.isChecked():
            return None
        shown = [*SIGN_IN, Status.INVITED] if self.show_invited.isChecked() else list(SIGN_IN)
        return [status.value for status in shown]

    def refresh(self, *, keep: bool = True) -> None:
        """Read the list and the counts again; the chosen person stays chosen if still listed
        and `keep`, otherwise the first one listed is chosen (as after typing)."""
        chosen = self.current_id() if keep else None
        with self.context.database.reading() as session:
            rows = participations.list_participants(
                session,
                self.meeting_id,
                statuses=self.statuses(),
                search=self.search.text() or None,
            )
            counts = participations.status_counts(session, self.meeting_id)
        self.counts.setText(
            "   ·   ".join(f"{code_label(status)}: {count}" for status, count in counts.items())
        )
        self.people.clear()
        attended = QBrush(QColor(ATTENDED_COLOUR))
        height = row_height(self.people)
        items = []
        for row in rows:
            item = QTreeWidgetItem(
                [f"{row.last_name}, {row.first_name}", row.organisation or "", status_text(row)]
            )
            item.setData(0, ID_ROLE, row.id)
            item.setSizeHint(0, QSize(0, height))  # room for Å, Ä, Ö above the capitals
            if row.status == Status.ATTENDED:
                item.setForeground(2, attended)
            items.append(item)
        self.people.addTopLevelItems(items)
        ids = [row.id for row in rows]
        if items:
            self.people.setCurrentItem(items[ids.index(chosen) if chosen in ids else 0])
        self.undo_button.setEnabled(bool(self.undo_stack))

    def current_id(self) -> int | None:
        item = self.people.currentItem()
        return None if item is None else int(item.data(0, ID_ROLE))

    # --- keys ---------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
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
        """Mark the chosen person attended, then clear the field for the next person."""
        participation_id = self.current_id()
        if participation_id is None:
            self._say(
                _("No one on the list matches “{text}”. Ctrl+N adds a walk-in.").format(
                    text=self.search.text()
                )
            )
            return
        with self.context.database.reading() as session:
            before = participations.get_participant(session, participation_id)
        if before.status == Status.ATTENDED:
            self._say(
                _("{name} is already checked in ({time}).").format(
                    name=full_name(before), time=clock_time(before)
                )
            )
            self.search.clear()
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
        who = full_name(row) + (f", {row.organisation}" if row.organisation else "")
        self._say(_("{who}: checked in {time}").format(who=who, time=clock_time(row)))
        self._changed()

    def _changed(self) -> None:
        self.context.bus.announce(changes.PARTICIPANTS, changes.MEETINGS)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.refresh(keep=False)
        self.search.setFocus()

    def undo(self) -> None:
        """Put the last person checked in back as they were (a walk-in leaves the list)."""
        if not self.undo_stack:
            return
        last = self.undo_stack.pop()
        try:
            with self.context.database.unit_of_work() as session:
                if last.previous is None:
                    participations.remove(session, last.participation_id)
                else:
                    participations.set_status(session, last.participation_id, last.previous)
        except LkoeError as error:
            self.context.prompts.error(self, _("Cannot undo"), error.message)
            return
        self._say(_("Check-in of {name} undone.").format(name=last.name))
        self._changed()

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
            self._say(
                _("{name} is already checked in ({time}).").format(
                    name=full_name(before), time=clock_time(before)
                )
            )
            self._changed()
            return
        self._checked_in(row, None if before is None else before.status)


def open_checkin(context: AppContext, meeting_id: int, parent: QWidget | None = None) -> None:
    """Show the check-in view of a meeting until it is closed."""
    dialog = CheckInDialog(context, meeting_id, parent)
    dialog.exec()
    dialog.deleteLater()
