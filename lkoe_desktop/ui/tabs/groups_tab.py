"""The Grupper list (inside the Teman tab): the office's groups with their number of current
members, and beside it the chosen group's members (`group_members`)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu, QWidget
from sqlalchemy.orm import Session

from lkoe_desktop.domain.entities import GROUP
from lkoe_desktop.domain.fields import format_number
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.domain.i18n import ngettext
from lkoe_desktop.services import groups
from lkoe_desktop.ui import changes
from lkoe_desktop.ui.context import AppContext
from lkoe_desktop.ui.export_lists import ListToExport
from lkoe_desktop.ui.models.sources import group_source
from lkoe_desktop.ui.tabs.group_members import GroupMembers
from lkoe_desktop.ui.tabs.list_tab import ListTab

# What a group's list and members show, besides the groups themselves.
SHOWN_KINDS = frozenset(
    {changes.MEMBERSHIPS, changes.CONTACTS, changes.AFFILIATIONS, changes.PARTNERS}
)


class GroupsTab(ListTab):
    kind = changes.GROUPS
    entity = GROUP.name

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, group_source(), parent)
        self.members = GroupMembers(context, self)
        self.splitter.replaceWidget(1, self.members)
        self.details.hide()
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([440, 760])
        # Pasting addresses works from the list too: the clerk's shortest way to add people.
        paste = self.members.add_actions["paste"]
        paste.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.addAction(paste)
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        members: GroupMembers | None = getattr(self, "members", None)
        if members is not None:
            members.retranslate()

    def make_filter(self) -> Any:
        return groups.GroupFilter(
            search=self.search.text() or None, include_archived=self.archived.isChecked()
        )

    def count_text(self, count: int) -> str:
        return ngettext("{count} group", "{count} groups", count).format(count=format_number(count))

    def can_export(self) -> bool:
        return self.members.group_id is not None

    def export_listing(self) -> ListToExport | None:
        """The chosen group's current members (a list of groups is not exported)."""
        from lkoe_desktop.ui.export_lists import group_members

        return None if self.members.group_id is None else group_members(self.context, self.members)

    def add_export_actions(self, menu: QMenu) -> None:
        if self.members.group_id is not None:
            menu.addAction(_("Export the members…"), lambda: self.export())

    def show_details(self, record_id: int | None) -> None:
        self.members.show_group(record_id)

    def _on_changed(self, kinds: frozenset[str]) -> None:
        if self.kind in kinds or kinds & SHOWN_KINDS:
            self.refresh()

    def open_form(self, record_id: int | None) -> None:
        from lkoe_desktop.ui.dialogs.group_form import open_group_form

        saved = open_group_form(self.context, record_id, self)
        if saved is not None:
            self.select_id(saved)

    def archive_one(self, session: Session, record_id: int, archived: bool) -> None:
        groups.set_group_archived(session, record_id, archived)

    def archived_text(self, count: int, archived: bool) -> str:
        if archived:
            return ngettext("{count} group archived.", "{count} groups archived.", count).format(
                count=count
            )
        return ngettext(
            "{count} group restored from the archive.",
            "{count} groups restored from the archive.",
            count,
        ).format(count=count)
