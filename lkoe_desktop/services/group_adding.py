"""Many people made members of a group at once, and such an add undone in one step."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from lkoe_desktop.db.models import ChangeLogEntry, Contact, Group, GroupMembership
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.services import audit
from lkoe_desktop.services.common import get, today
from lkoe_desktop.services.groups import MEMBERSHIP, add_member, current_membership


@dataclass(frozen=True)
class MembersAdded:
    """The new memberships' ids, and how many people were current members already."""

    added: list[int]
    skipped_current: int


@dataclass(frozen=True)
class MembersTakenBack:
    """What undoing an add did: memberships removed, the people kept because their membership
    was changed since (names in Swedish order), and how many memberships were gone already."""

    removed: int
    kept_changed: list[str]
    gone: int


def add_members(
    session: Session,
    group_id: int,
    contact_ids: Iterable[int],
    *,
    role: str | None = None,
    since: date | str | None = None,
) -> MembersAdded:
    """Make many people current members at once, since `since` (today when not given).

    People who are current members already are left as they are and counted; an archived or
    unknown person is refused with an error (the caller's unit of work then keeps nothing).
    """
    get(session, Group, group_id, _("Group"))
    wanted = list(dict.fromkeys(contact_ids))
    current = set(
        session.scalars(
            select(GroupMembership.contact_id).where(
                GroupMembership.group_id == group_id, current_membership(session)
            )
        )
    )
    start = since if since is not None else today(session)
    added = [
        add_member(session, group_id, contact_id, role=role, since=start).membership_id
        for contact_id in wanted
        if contact_id not in current
    ]
    return MembersAdded(added=added, skipped_current=len(wanted) - len(added))


def take_back_members(
    session: Session, group_id: int, membership_ids: Iterable[int]
) -> MembersTakenBack:
    """Undo an add: remove the memberships it made that nobody has changed since (each logged
    as a deletion); a membership changed since (role, dates) is kept and its person named.
    Memberships of other groups are never touched."""
    get(session, Group, group_id, _("Group"))
    wanted = list(dict.fromkeys(membership_ids))
    found = session.execute(
        select(GroupMembership, Contact.sort_key, Contact.first_name, Contact.last_name)
        .join(Contact, Contact.id == GroupMembership.contact_id)
        .where(GroupMembership.group_id == group_id, GroupMembership.id.in_(wanted))
        .order_by(Contact.sort_key, GroupMembership.id)
    ).all()
    changed = set(
        session.scalars(
            select(ChangeLogEntry.entity_id).where(
                ChangeLogEntry.entity == MEMBERSHIP,
                ChangeLogEntry.action == audit.UPDATE,
                ChangeLogEntry.entity_id.in_(wanted),
            )
        )
    )
    kept = [
        f"{first} {last}".strip() for record, _key, first, last in found if record.id in changed
    ]
    for record, _key, _first, _last in found:
        if record.id not in changed:
            logged: dict[str, list[object]] = {
                "group_id": [record.group_id, None],
                "contact_id": [record.contact_id, None],
            }
            audit.record(session, MEMBERSHIP, record.id, audit.DELETE, logged)
            session.delete(record)
    session.flush()
    return MembersTakenBack(
        removed=len(found) - len(kept), kept_changed=kept, gone=len(wanted) - len(found)
    )
