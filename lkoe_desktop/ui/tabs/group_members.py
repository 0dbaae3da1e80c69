"""One group's members beside the Grupper list: who is a member now and who was, and what the
office does with them (add many, change a membership, end it, copy the addresses)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, QSize, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from lkoe_desktop.domain.errors import LkoeError
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.domain.i18n import ngettext, some_names
from lkoe_desktop.exchange.email_addresses import parse_addresses
from lkoe_desktop.services import group_adding, groups
from lkoe_desktop.services.common import today
from lkoe_desktop.services.groups import MemberRow
from lkoe_desktop.ui.undo import PanelUndo
from lkoe_desktop.ui.widgets.address_copy import copy_contact_addresses
from lkoe_desktop.ui.widgets.form_fields import mute, row_height

if TYPE_CHECKING:
    from lkoe_desktop.ui.context import AppContext

ID_ROLE = Qt.ItemDataRole.UserRole
NAME_CHARACTERS = 24


def _name(row: MemberRow) -> str:
    return f"{row.first_name} {row.last_name}".strip()


class MemberTree(QTreeWidget):
    """Members, one a row: name, organisation, role, since (and until, for former members)."""

    def __init__(self, former: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.former = former
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setColumnCount(5 if former else 4)
        header = self.header()
        header.setStretchLastSection(False)
        header.resizeSection(0, self.fontMetrics().averageCharWidth() * NAME_CHARACTERS)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column in range(2, self.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)

    def retranslate(self) -> None:
        headings = [_("Name"), _("Organisation"), _("Role"), _("Since")]
        self.setHeaderLabels([*headings, _("Until")] if self.former else headings)

    def fill(self, rows: Sequence[MemberRow]) -> None:
        chosen = set(self.selected_ids())
        self.clear()
        height = row_height(self)
        for row in rows:
            texts = [_name(row), row.organisation or "", row.role or "", day(row.since)]
            item = QTreeWidgetItem(self, [*texts, day(row.until)] if self.former else texts)
            item.setData(0, ID_ROLE, row.membership_id)
            item.setSizeHint(0, QSize(0, height))  # room for the dots of Å, Ä, Ö
            for column in (0, 1):  # cut short in a narrow column
                item.setToolTip(column, item.text(column))
            item.setSelected(row.membership_id in chosen)

    def selected_ids(self) -> list[int]:
        return [int(item.data(0, ID_ROLE)) for item in self.selectedItems()]

    def current_id(self) -> int | None:
        item = self.currentItem()
        return None if item is None else int(item.data(0, ID_ROLE))


def day(value: date | None) -> str:
    """A date as the window shows it: ÅÅÅÅ-MM-DD."""
    return value.isoformat() if value else ""


class GroupMembers(QWidget):
    """The chosen group's current members and former members (who keep their membership with
    its end date). Writes are one transaction each and announce themselves on the change bus,
    which refreshes the list and this panel."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.group_id: int | None = None
        self.group_name = ""
        self.rows: list[MemberRow] = []
        self.current_rows: list[MemberRow] = []
        self.heading = QLabel(self)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        self.description = QLabel(self)
        self.description.setWordWrap(True)
        mute(self.description)
        self._build_buttons()
        self.current_label = QLabel(self)
        self.current = MemberTree(False, self)
        self.current.setObjectName("current_members")
        self.current.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.current.customContextMenuRequested.connect(self._member_menu)
        self.former_label = QLabel(self)
        self.former = MemberTree(True, self)
        self.former.setObjectName("former_members")
        for tree in (self.current, self.former):
            tree.itemDoubleClicked.connect(
                lambda item, _column: self.edit(int(item.data(0, ID_ROLE)))
            )
            tree.itemSelectionChanged.connect(self._enable)
            tree.installEventFilter(self)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        mute(self.message)
        self.undo = PanelUndo(
            self,
            self.context.undo,
            self.undo_scope,
            self._say,
            lambda: _(
                "Take the people just added out of the group again; anyone whose membership "
                "has changed since stays in it"
            ),
            QToolButton(self),
            shortcut=False,
        )
        self.undo_action, self.undo_button = self.undo.action, self.undo.button
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.description)
        layout.addLayout(self.button_row)
        layout.addWidget(self.current_label)
        layout.addWidget(self.current, 3)
        layout.addWidget(self.former_label)
        layout.addWidget(self.former, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addWidget(self.undo_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(bottom)
        self.retranslate()
        self.show_group(None)

    def _build_buttons(self) -> None:
        self.add_menu = QMenu(self)
        self.add_actions = {}
        for way in ("search", "themes", "group", "paste"):
            action = self.add_menu.addAction("")
            action.triggered.connect(lambda _checked=False, w=way: self.add_members(w))
            self.add_actions[way] = action
        self.add_actions["paste"].setShortcut(QKeySequence("Ctrl+Shift+V"))
        self.add_button = QToolButton(self)
        self.add_button.setObjectName("add_members")
        self.add_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.add_button.setMenu(self.add_menu)
        self.add_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.add_button.clicked.connect(lambda: self.add_members("search"))
        self.edit_button = QToolButton(self)
        self.edit_button.clicked.connect(lambda: self.edit(None))
        self.end_button = QToolButton(self)
        self.end_button.setObjectName("end_membership")
        self.end_button.clicked.connect(self.end_selected)
        self.copy_button = QToolButton(self)
        self.copy_button.setObjectName("copy_addresses")
        self.copy_button.clicked.connect(self.copy_addresses)
        self.export_button = QToolButton(self)
        self.export_button.setObjectName("export_members")
        self.export_button.clicked.connect(lambda: self.export(selected_first=False))
        self.button_row = QHBoxLayout()
        self.button_row.setSpacing(6)
        for button in (self.add_button, self.edit_button, self.end_button):
            self.button_row.addWidget(button)
        self.button_row.addStretch(1)
        self.button_row.addWidget(self.copy_button)
        self.button_row.addWidget(self.export_button)

    def retranslate(self) -> None:
        self.add_button.setText(_("Add members…"))
        self.add_button.setToolTip(_("Find people by name, e-mail or organisation"))
        self.add_actions["search"].setText(_("Search by name, e-mail or organisation…"))
        self.add_actions["themes"].setText(_("Everyone interested in a theme…"))
        self.add_actions["group"].setText(_("The members of another group…"))
        self.add_actions["paste"].setText(_("Paste e-mail addresses…"))
        self.edit_button.setText(_("Edit…"))
        self.edit_button.setToolTip(_("Change the role or the dates of the chosen membership"))
        self.end_button.setText(_("End membership…"))
        self.end_button.setToolTip(
            _("The chosen people leave the group (Delete); their membership is kept as history")
        )
        self.copy_button.setText(_("Copy e-mail addresses"))
        self.copy_button.setToolTip(
            _("The current members' addresses, ready to paste into Outlook")
        )
        self.export_button.setText(_("Export…"))
        self.export_button.setToolTip(
            _("The current members, or the selected ones, to Excel, CSV, vCard or JSON")
        )
        for tree in (self.current, self.former):
            tree.retranslate()
        self.undo.show()
        self._show_counts()

    # --- showing ------------------------------------------------------------------------------
    def show_group(self, group_id: int | None) -> None:
        """Show a group's members (None: no group chosen)."""
        if group_id != self.group_id:
            self.message.clear()
        self.group_id = group_id
        self.undo.show()
        self.setEnabled(group_id is not None)
        if group_id is None:
            self.rows = self.current_rows = []
            self.group_name = ""
            self.heading.setText(_("Choose a group to see its members."))
            self.description.clear()
            self.current.fill([])
            self.former.fill([])
            self._show_counts()
            return
        with self.context.database.reading() as session:
            group = groups.get_group(session, group_id)
            self.rows = groups.list_members(session, group_id, include_former=True)
            now = today(session)
        self.group_name = group.name
        self.heading.setText(group.name + (" " + _("(archived)") if group.archived else ""))
        self.description.setText(group.description or "")
        self.description.setVisible(bool(group.description))
        current = [row for row in self.rows if row.until is None or row.until > now]
        former = [row for row in self.rows if row not in current]
        former.sort(key=lambda row: row.until or now, reverse=True)  # who left last first
        self.current_rows = current
        self.current.fill(current)
        self.former.fill(former)
        self._show_counts()

    def _show_counts(self) -> None:
        self.current_label.setText(
            _("Current members ({count})").format(count=self.current.topLevelItemCount())
        )
        self.former_label.setText(
            _("Former members ({count})").format(count=self.former.topLevelItemCount())
        )
        self._enable()

    def _enable(self) -> None:
        chosen = self.current.selectedItems() or self.former.selectedItems()
        self.edit_button.setEnabled(bool(chosen))
        self.end_button.setEnabled(bool(self.current.selectedItems()))
        self.copy_button.setEnabled(self.current.topLevelItemCount() > 0)
        self.export_button.setEnabled(self.current.topLevelItemCount() > 0)

    def _say(self, text: str) -> None:
        self.message.setText(text)

    # --- changing ---------------------------------------------------------------------------
    def add_members(self, way: str) -> None:
        """The Add people dialog for this group; on its paste page, addresses on the clipboard
        are read at once, so that Enter adds the people they name."""
        from lkoe_desktop.services.candidates import AddingTo
        from lkoe_desktop.ui.dialogs.add_people import open_add_people

        if self.group_id is None:
            return
        clipboard = QGuiApplication.clipboard().text()
        pasted = clipboard if way == "paste" and parse_addresses(clipboard).addresses else None
        added = open_add_people(
            self.context, AddingTo.group(self.group_id), way, self, pasted=pasted
        )
        if added:
            self._say(
                ngettext(
                    "{count} person added to the group.",
                    "{count} people added to the group.",
                    len(added),
                ).format(count=len(added))
            )
            self._offer_add_undo(added)

    # --- undo ---------------------------------------------------------------------------------
    def undo_scope(self) -> tuple[str, int | None]:
        """Where the window's undo offer says a change to this group's members was made."""
        return ("group", self.group_id)

    def _offer_add_undo(self, added: list[int]) -> None:
        """Offer, through the window's one undo, to take the memberships `added` by one add
        back; anyone whose membership changed since stays, and the message says who."""
        database, group_id = self.context.database, self.group_id
        assert group_id is not None

        def undo() -> str:
            with database.unit_of_work() as session:
                done = group_adding.take_back_members(session, group_id, added)
            return _undone_text(done)

        text = ngettext("Undo adding {count} person", "Undo adding {count} people", len(added))
        self.context.undo.offer(text.format(count=len(added)), undo, self.undo_scope())

    def edit(self, membership_id: int | None) -> None:
        from lkoe_desktop.ui.dialogs.group_form import open_membership_form

        if membership_id is None:
            membership_id = self.current.current_id() if self.current.selectedItems() else None
            membership_id = membership_id or self.former.current_id()
        if membership_id is not None:
            open_membership_form(self.context, membership_id, self)

    def end_selected(self) -> None:
        """One person: their membership's form with today as its end date, to confirm or change;
        several: asked once, and all end today."""
        from lkoe_desktop.ui.dialogs.group_form import open_membership_form

        ids = self.current.selected_ids()
        if not ids:
            return
        with self.context.database.reading() as session:
            now = today(session)
        if len(ids) == 1:
            open_membership_form(self.context, ids[0], self, ending=now)
            return
        question = _(
            "End the membership of {count} people in “{group}” today, {day}? They stay "
            "listed as former members."
        ).format(count=len(ids), group=self.group_name, day=now.isoformat())
        if not self.context.prompts.confirm(self, _("End membership"), question):
            return
        try:
            with self.context.database.unit_of_work() as session:
                for membership_id in ids:
                    groups.end_membership(session, membership_id, now)
        except LkoeError as error:
            self.context.prompts.error(self, _("Cannot end the membership"), error.message)
            return
        self._say(
            ngettext(
                "{count} person has left the group.",
                "{count} people have left the group.",
                len(ids),
            ).format(count=len(ids))
        )

    def copy_addresses(self) -> None:
        """The current members' addresses (never former members')."""
        ids = [row.contact_id for row in self.current_rows]
        self._say(copy_contact_addresses(self.context, ids))

    def export(self, *, selected_first: bool) -> None:
        """The current members to a file, through the export dialog; this pane says how it went."""
        from lkoe_desktop.ui.export_lists import group_members
        from lkoe_desktop.ui.export_runner import export_list

        if self.group_id is not None:
            listing = group_members(self.context, self)
            export_list(self.context, self, listing, self._say, selected_first=selected_first)

    def _member_menu(self, point: QPoint) -> None:
        if not self.current.selectedItems():
            return
        menu = QMenu(self)
        menu.addAction(_("Edit…"), lambda: self.edit(self.current.current_id()))
        menu.addAction(_("End membership…"), self.end_selected)
        menu.addSeparator()
        menu.addAction(_("Export selected…"), lambda: self.export(selected_first=True))
        menu.exec(self.current.viewport().mapToGlobal(point))
        menu.deleteLater()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Delete in the current members ends their membership (not the window's archive);
        Enter opens the membership."""
        if watched in (self.current, self.former) and isinstance(event, QKeyEvent):
            deleting = event.matches(QKeySequence.StandardKey.Delete) and watched is self.current
            opening = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            if event.type() == QEvent.Type.ShortcutOverride and (deleting or opening):
                event.accept()
                return True
            if event.type() == QEvent.Type.KeyPress and deleting:
                self.end_selected()
                return True
            if event.type() == QEvent.Type.KeyPress and opening:
                assert isinstance(watched, MemberTree)
                self.edit(watched.current_id())
                return True
        return super().eventFilter(watched, event)


def _undone_text(done: group_adding.MembersTakenBack) -> str:
    """What undoing an add to a group did, as the pane and the status bar say it."""
    said = [
        ngettext(
            "Adding undone: {count} person taken out of the group again.",
            "Adding undone: {count} people taken out of the group again.",
            done.removed,
        ).format(count=done.removed)
    ]
    if done.kept_changed:
        said.append(
            ngettext(
                "{count} person was kept because their membership changed after the "
                "adding: {names}.",
                "{count} people were kept because their membership changed after the "
                "adding: {names}.",
                len(done.kept_changed),
            ).format(count=len(done.kept_changed), names=some_names(done.kept_changed))
        )
    return " ".join(said)
