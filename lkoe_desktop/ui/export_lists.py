"""A list as the export sees it, and the lists that are not a tab's own: a partner's people,
a group's members and a meeting's participants."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from lkoe_desktop.domain.codes import ParticipationStatus, label
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.services import contacts, meetings, partners

if TYPE_CHECKING:
    from lkoe_desktop.ui.context import AppContext
    from lkoe_desktop.ui.models.table_model import WindowedTableModel
    from lkoe_desktop.ui.tabs.group_members import GroupMembers


@dataclass(frozen=True)
class ListToExport:
    """A list as a view shows it now, told to the export: which kind of records, the filter
    and order its source understands, how many rows it shows and which are selected.

    `title` names the list in the dialog and in the suggested file name ("Kontakter",
    "Styrgrupp"), `filters` says its search and filters in words; `shown` is None while the
    list is still being counted; `selected` holds the ids of the selected rows in the list's
    order.
    """

    kind: str
    title: str
    where: Any
    sort: str | None
    descending: bool
    shown: int | None
    selected: tuple[int, ...] = ()
    filters: str = ""


def partner_people(context: AppContext, partner_id: int) -> ListToExport:
    """The people currently at a partner, as its contact sheet lists them."""
    where = contacts.ContactFilter(organisation_id=partner_id)
    with context.database.reading() as session:
        name = partners.get_partner(session, partner_id).name
        count = contacts.count_contacts(session, where)
    title = _("People at {partner}").format(partner=name)
    said = _("The people working there now")
    return ListToExport("contacts", title, where, None, False, count, filters=said)


def group_members(context: AppContext, pane: GroupMembers) -> ListToExport:
    """The current members of the group a pane shows, as contacts; the selected ones are those
    chosen among the current members."""
    assert pane.group_id is not None, "a group is chosen"
    where = contacts.ContactFilter(group_id=pane.group_id)
    with context.database.reading() as session:
        count = contacts.count_contacts(session, where)
    chosen = set(pane.current.selected_ids())
    selected = tuple(row.contact_id for row in pane.current_rows if row.membership_id in chosen)
    said = _("The current members")
    return ListToExport("contacts", pane.group_name, where, None, False, count, selected, said)


def participants(
    context: AppContext, meeting_id: int, model: WindowedTableModel, selected: Sequence[int]
) -> ListToExport:
    """A meeting's participants as its panel shows them: searched, filtered by status, sorted."""
    with context.database.reading() as session:
        title = meetings.get_meeting(session, meeting_id).title
    from lkoe_desktop.services.exports import ParticipantFilter

    sort, descending = model.order
    _meeting_id, statuses, search = model.where
    said = [label(ParticipationStatus(status)) for status in statuses or ()]
    if search:
        said.insert(0, _("search “{text}”").format(text=search))
    return ListToExport(
        "participants",
        _("Participants of {meeting}").format(meeting=title),
        ParticipantFilter(meeting_id, search, None if statuses is None else tuple(statuses)),
        sort,
        descending,
        model.rowCount() if model.exact else None,
        tuple(selected),
        ", ".join(said),
    )
