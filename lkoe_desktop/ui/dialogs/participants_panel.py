"""A meeting's participants: counts, places left, the filtered list, and the buttons and menus
for what the office does with it (the doing is in `participant_actions`)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from lkoe_desktop.domain.codes import ParticipationStatus, Role, label
from lkoe_desktop.domain.fields import format_number
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.domain.i18n import ngettext
from lkoe_desktop.services import meetings, participations
from lkoe_desktop.ui import changes
from lkoe_desktop.ui.dialogs.participant_actions import COPY_STATUSES, ParticipantActions
from lkoe_desktop.ui.models.sources import ParticipantSource
from lkoe_desktop.ui.models.table_model import WindowedTableModel
from lkoe_desktop.ui.tabs.filters import CodeCombo
from lkoe_desktop.ui.tabs.list_tab import record_table
from lkoe_desktop.ui.tabs.widths import ColumnFitter
from lkoe_desktop.ui.undo import PanelUndo
from lkoe_desktop.ui.widgets.form_fields import mute
from lkoe_desktop.ui.widgets.menu_button import MenuButton

if TYPE_CHECKING:
    from lkoe_desktop.ui.context import AppContext

FILTER_DELAY_MS = 150
Status = ParticipationStatus


def capacity_text(capacity: int | None, left: int | None) -> str:
    """Places left as a sentence; registered and attended people take a place."""
    if capacity is None or left is None:
        return _("No limit on the number of places.")
    if left >= 0:
        text = ngettext(
            "{left} of {capacity} place left.", "{left} of {capacity} places left.", capacity
        )
        return text.format(left=left, capacity=capacity)
    text = ngettext(
        "Overbooked: {taken} registered for {capacity} place.",
        "Overbooked: {taken} registered for {capacity} places.",
        capacity,
    )
    return text.format(taken=capacity - left, capacity=capacity)


class ParticipantsPanel(ParticipantActions):
    """The people on one meeting's list and everything done to them; writes announce
    `changes.PARTICIPANTS`, and every open panel refreshes from that."""

    changed = Signal()

    def __init__(self, context: AppContext, meeting_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.meeting_id = meeting_id
        self.total = 0
        self._build_counts()
        self._build_actions()
        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.timer = QTimer(self, singleShot=True, interval=FILTER_DELAY_MS)
        self.timer.timeout.connect(self.show_people)
        self.search.textChanged.connect(lambda _text: self.timer.start())
        self.status_filter = CodeCombo(Status, lambda: _("All statuses"), self.show_people, self)
        self._build_table()
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        mute(self.message)
        self._build_undo()
        filters = QHBoxLayout()
        filters.addWidget(self.search, 1)
        filters.addWidget(self.status_filter)
        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        layout.addLayout(self.tiles)
        layout.addWidget(self.capacity)
        layout.addLayout(self.button_row)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addWidget(self.undo_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(bottom)
        context.bus.changed.connect(self._on_changed)
        self.retranslate()
        self.refresh()

    # --- building -----------------------------------------------------------------------------
    def _build_counts(self) -> None:
        self.captions: dict[Status, QLabel] = {}
        self.counts: dict[Status, QLabel] = {}
        self.tiles = QGridLayout()
        self.tiles.setHorizontalSpacing(28)
        self.tiles.setVerticalSpacing(0)
        for column, status in enumerate(Status):
            caption, number = QLabel(self), QLabel("0", self)
            mute(caption)
            number.setObjectName(f"count_{status.value}")
            font = number.font()
            font.setPointSizeF(font.pointSizeF() * 1.6)
            font.setBold(True)
            number.setFont(font)
            self.tiles.addWidget(caption, 0, column)
            self.tiles.addWidget(number, 1, column)
            self.captions[status], self.counts[status] = caption, number
        self.tiles.setColumnStretch(len(self.counts), 1)
        self.capacity = QLabel(self)
        self.capacity.setObjectName("capacity_left")

    def _button(self, menu: QMenu | None = None, *, split: bool = False) -> QToolButton:
        if menu is not None and not split:
            return MenuButton(menu, self)
        button = QToolButton(self)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        if menu is not None:
            button.setMenu(menu)
            button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        return button

    def _action(self, menu: QMenu, handler: Callable[[], None]) -> QAction:
        action = menu.addAction("")
        action.triggered.connect(lambda _checked=False: handler())
        return action

    def _build_actions(self) -> None:
        self.add_menu = QMenu(self)
        self.add_search = self._action(self.add_menu, lambda: self.add_people("search"))
        self.add_themes = self._action(self.add_menu, lambda: self.add_people("themes"))
        self.add_group = self._action(self.add_menu, lambda: self.add_people("group"))
        self.add_pasted = self._action(self.add_menu, lambda: self.add_people("paste"))
        self.add_button = self._button(self.add_menu, split=True)
        self.add_button.clicked.connect(lambda: self.add_people("search"))
        self.edit_button = self._button()
        self.edit_button.clicked.connect(self.edit_current)
        self.status_menu = QMenu(self)
        self.status_actions = {
            status: self._action(self.status_menu, partial(self.set_status, status))
            for status in Status
        }
        self.status_button = self._button(self.status_menu)
        self.role_menu = QMenu(self)
        self.role_actions = {
            role: self._action(self.role_menu, partial(self.set_role, role)) for role in Role
        }
        self.role_button = self._button(self.role_menu)
        self.remove_button = self._button()
        self.remove_button.clicked.connect(self.remove_selected)
        self.copy_menu = QMenu(self)
        self.copy_selected = self._action(self.copy_menu, self.copy_selected_addresses)
        self.copy_shown = self._action(self.copy_menu, self.copy_shown_addresses)
        self.copy_absent = self.copy_menu.addAction("")
        self.copy_absent.setCheckable(True)
        self.copy_menu.addSeparator()
        self.copy_by_status = {
            status: self._action(self.copy_menu, partial(self.copy_status_addresses, status))
            for status in COPY_STATUSES
        }
        self.copy_button = self._button(self.copy_menu, split=True)
        self.copy_button.clicked.connect(self.copy_addresses)
        self.more_menu = QMenu(self)
        self.sign_in_action = self._action(self.more_menu, lambda: self._print("sign_in_sheet"))
        self.badges_action = self._action(self.more_menu, lambda: self._print("badges"))
        self.list_action = self._action(self.more_menu, lambda: self._print("participant_list"))
        self.more_menu.addSeparator()
        self.calendar_action = self._action(self.more_menu, self.save_calendar_file)
        self.catering_action = self._action(self.more_menu, self.show_catering)
        self.checkin_action = self._action(self.more_menu, self.open_checkin)
        self.more_menu.addSeparator()
        self.export_action = self._action(self.more_menu, lambda: self.export(False))
        self.more_button = self._button(self.more_menu)
        self.button_row = QHBoxLayout()
        self.button_row.setSpacing(6)
        for button in (
            self.add_button,
            self.edit_button,
            self.status_button,
            self.role_button,
            self.remove_button,
        ):
            self.button_row.addWidget(button)
        self.button_row.addStretch(1)
        self.button_row.addWidget(self.copy_button)
        self.button_row.addWidget(self.more_button)

    def _build_undo(self) -> None:
        """Undoing the last change made to this list (the window's one offer, while it is about
        this meeting): a button beside the message, and Ctrl+Z in the panel."""
        self.undo = PanelUndo(
            self,
            self.context.undo,
            self.undo_scope,
            self._say,
            lambda: _(
                "Undo the last change made to this list (Ctrl+Z); anyone whose participation "
                "has changed since is left as they are"
            ),
            self._button(),
            shortcut=True,
        )
        self.undo_action, self.undo_button = self.undo.action, self.undo.button

    def _build_table(self) -> None:
        self.model = WindowedTableModel(self.context.database, ParticipantSource(), self)
        self.table = record_table(self.model, self)
        self.table.setObjectName("participants")
        self.fitter = ColumnFitter(self.table, self.model)
        self.table.doubleClicked.connect(lambda _index: self.edit_current())
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.installEventFilter(self)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._enable())
        self.model.modelReset.connect(self._enable)

    def retranslate(self) -> None:
        for status, caption in self.captions.items():
            caption.setText(label(status))
        self.search.setPlaceholderText(_("Search among the participants…"))
        self.status_filter.retranslate()
        self.add_button.setText(_("Add people…"))
        self.add_button.setToolTip(_("Find people by name, e-mail or organisation"))
        self.add_search.setText(_("Search by name, e-mail or organisation…"))
        self.add_themes.setText(_("Everyone interested in the meeting's themes…"))
        self.add_group.setText(_("The members of a group…"))
        self.add_pasted.setText(_("Paste e-mail addresses…"))
        self.edit_button.setText(_("Edit…"))
        self.status_button.setText(_("Status"))
        self.status_button.setToolTip(_("Give the selected people another status"))
        for status, action in self.status_actions.items():
            action.setText(label(status))
        self.role_button.setText(_("Role"))
        self.role_button.setToolTip(_("Give the selected people another role"))
        for role, action in self.role_actions.items():
            action.setText(label(role))
        self.remove_button.setText(_("Remove"))
        self.remove_button.setToolTip(_("Take the selected people off the list (Delete)"))
        self.copy_button.setText(_("Copy e-mail addresses"))
        self.copy_button.setToolTip(
            _("The selected people's addresses, or everyone shown, ready to paste into Outlook")
        )
        self.copy_selected.setText(_("Of the selected people"))
        self.copy_shown.setText(_("Of everyone shown in the list"))
        self.copy_absent.setText(_("Also cancelled and no-show people"))
        self.copy_absent.setToolTip(
            _("Unless ticked, people who cancelled or did not come are left out of the copy")
        )
        for status, action in self.copy_by_status.items():
            action.setText(_("Of everyone with status “{status}”").format(status=label(status)))
        self.more_button.setText(_("More"))
        self.sign_in_action.setText(_("Print the sign-in sheet…"))
        self.badges_action.setText(_("Print name badges…"))
        self.list_action.setText(_("Participant list of those who attended…"))
        self.calendar_action.setText(_("Save as calendar file (.ics)…"))
        self.catering_action.setText(_("Dietary needs for the caterer…"))
        self.checkin_action.setText(_("Check in…"))
        self.export_action.setText(_("Export the list…"))
        self.undo.show()
        self.model.retranslate()
        self.fitter.refit()  # headings and statuses are longer or shorter in another language

    # --- showing ------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.show_counts()
        self.show_people()

    def show_counts(self) -> None:
        with self.context.database.reading() as session:
            capacity = meetings.get_meeting(session, self.meeting_id).capacity
            counts = participations.status_counts(session, self.meeting_id)
            left = participations.capacity_left(session, self.meeting_id)
        for status, number in self.counts.items():
            number.setText(format_number(counts[status]))
        self.total = sum(counts.values())
        self.capacity.setText(capacity_text(capacity, left))

    def show_people(self) -> None:
        self.timer.stop()
        status = self.status_filter.value()
        statuses = None if status is None else (str(status),)
        self.model.set_filter((self.meeting_id, statuses, self.search.text().strip() or None))

    def _on_changed(self, kinds: frozenset[str]) -> None:
        if kinds & {
            changes.PARTICIPANTS,
            changes.CONTACTS,
            changes.AFFILIATIONS,
            changes.PARTNERS,
            changes.MEETINGS,
        }:
            self.show_counts()
            self.model.refresh()
            self.changed.emit()

    def _enable(self) -> None:
        chosen = bool(self.table.selectionModel().selectedRows())
        for button in (self.edit_button, self.status_button, self.role_button):
            button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)
        self.copy_selected.setEnabled(chosen)

    def _context_menu(self, position: QPoint) -> None:
        if not self.selected_ids():
            return
        menu = QMenu(self)
        menu.addAction(_("Edit…"), self.edit_current)
        status = menu.addMenu(_("Status"))
        for state, action in self.status_actions.items():
            status.addAction(action.text(), partial(self.set_status, state))
        role = menu.addMenu(_("Role"))
        for part, action in self.role_actions.items():
            role.addAction(action.text(), partial(self.set_role, part))
        menu.addAction(_("Copy e-mail addresses"), self.copy_selected_addresses)
        menu.addAction(self.copy_absent)
        menu.addSeparator()
        menu.addAction(_("Export selected…"), lambda: self.export(True))
        menu.addSeparator()
        menu.addAction(_("Remove"), self.remove_selected)
        menu.exec(self.table.viewport().mapToGlobal(position))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.table
            and isinstance(event, QKeyEvent)
            and event.type() == QKeyEvent.Type.KeyPress
        ):
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.edit_current()
                return True
            if event.matches(QKeySequence.StandardKey.Delete):
                self.remove_selected()
                return True
        return super().eventFilter(watched, event)
