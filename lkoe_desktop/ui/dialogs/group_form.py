"""The group form (name, description) and the form of one membership (role, since, until)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QWidget

from lkoe_desktop.domain.entities import GROUP, MEMBERSHIP
from lkoe_desktop.domain.i18n import N_
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.services import groups
from lkoe_desktop.ui.forms.fields import form_fields
from lkoe_desktop.ui.forms.form import FormDialog
from lkoe_desktop.ui.widgets.form_fields import PeriodForm, attach_calendar, narrow, roomy

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from lkoe_desktop.ui.context import AppContext

MEMBERSHIP_FIELDS = ("role", "since", "until")


class GroupForm(FormDialog):
    """Create a group or rename it and change its description."""

    fields = form_fields(GROUP)
    rules = GROUP.rules()
    record_noun = N_("the group")
    first_size = QSize(560, 360)  # two fields: no need for a record form's height

    def build(self) -> None:
        roomy(self)

    def title(self) -> str:
        if self.record_id is None:
            return _("New group")
        return _("Group: {name}").format(name=self.record.name if self.record else "")

    def fetch(self, session: Session, record_id: int) -> Any:
        return groups.get_group(session, record_id)

    def persist(self, session: Session, values: dict[str, object]) -> Any:
        if self.record_id is None:
            return groups.create_group(session, values)
        return groups.update_group(session, self.record_id, values, expected_version=self.version)


class MembershipForm(PeriodForm):
    """A person's membership of a group: role, since and until. Ending a membership is giving
    it an end date (`ending` fills in today's): it is kept, as history."""

    fields = form_fields(MEMBERSHIP, *MEMBERSHIP_FIELDS)
    rules = MEMBERSHIP.rules(MEMBERSHIP_FIELDS)
    record_noun = N_("the membership")
    period = ("since", "until")
    period_message = N_("The end date must not be before the start date.")
    first_size = QSize(520, 340)

    def __init__(
        self,
        context: AppContext,
        membership_id: int,
        parent: QWidget | None = None,
        *,
        ending: date | None = None,
    ) -> None:
        self.group_name = ""
        super().__init__(context, membership_id, parent)
        if ending is not None:
            self.widgets["until"].set_value(ending)

    def build(self) -> None:
        roomy(self)
        for key in self.period:
            attach_calendar(self.widgets[key])
            narrow(self.widgets[key].editor, 14)

    def first_field(self) -> QWidget:
        """Until, when a membership is being ended; else the role."""
        if self.widgets["until"].value():
            return self.widgets["until"].editor
        return super().first_field()

    def title(self) -> str:
        if self.record is None:
            return _("Membership")
        name = f"{self.record.first_name} {self.record.last_name}".strip()
        return _("{name} in “{group}”").format(name=name, group=self.group_name)

    def fetch(self, session: Session, record_id: int) -> Any:
        row = groups.get_membership(session, record_id)
        self.group_name = groups.get_group(session, row.group_id).name
        return row

    def persist(self, session: Session, values: dict[str, object]) -> Any:
        stored = {key: getattr(self.record, key) for key in MEMBERSHIP_FIELDS}
        merged = stored | values
        assert self.record_id is not None
        return groups.update_membership(
            session,
            self.record_id,
            role=merged["role"],
            since=merged["since"],
            until=merged["until"],
        )


def open_group_form(
    context: AppContext, group_id: int | None, parent: QWidget | None
) -> int | None:
    """Show the group form until closed; the saved group's id, or None."""
    dialog = GroupForm(context, group_id, parent)
    try:
        dialog.exec()
        return dialog.saved_id
    finally:
        dialog.deleteLater()


def open_membership_form(
    context: AppContext, membership_id: int, parent: QWidget | None, *, ending: date | None = None
) -> bool:
    """Show one membership's form until closed; True when it was saved."""
    dialog = MembershipForm(context, membership_id, parent, ending=ending)
    try:
        dialog.exec()
        return dialog.saved_id is not None
    finally:
        dialog.deleteLater()
