"""A person's groups as their contact form keeps them: memberships joined, corrected, ended."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from lkoe_desktop.db.models import Group, GroupMembership
from lkoe_desktop.domain.errors import ConflictError
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.services import groups


@dataclass(frozen=True)
class Place:
    """One membership of the person, current or past (history is kept)."""

    membership_id: int
    group_id: int
    group: str
    role: str | None
    since: date | None
    until: date | None


def places_of_contact(session: Session, contact_id: int) -> list[Place]:
    """Every membership of the person, by group name (Swedish order), then since."""
    rows = session.execute(
        select(
            GroupMembership.id,
            Group.id,
            Group.name,
            GroupMembership.role,
            GroupMembership.since,
            GroupMembership.until,
        )
        .join(Group, Group.id == GroupMembership.group_id)
        .where(GroupMembership.contact_id == contact_id)
        .order_by(Group.sort_key, GroupMembership.since, GroupMembership.id)
    )
    return [Place(*row) for row in rows]


@dataclass(frozen=True)
class Join:
    """The person becomes a member of a group (and may have left it again)."""

    group_id: int
    role: str | None
    since: date | None
    until: date | None


@dataclass(frozen=True)
class Amend:
    """A membership's role and dates corrected, or ended with an until date: a stored one
    (`membership_id`) or the one made by the held change at index `joined_by`."""

    membership_id: int | None
    joined_by: int | None
    role: str | None
    since: date | None
    until: date | None


PlaceChange = Join | Amend


def same_places(stored: Sequence[Place], base: Sequence[Place]) -> bool:
    """Whether the stored memberships are still those a form read (a group's new name aside)."""

    def shape(rows: Sequence[Place]) -> list[tuple[object, ...]]:
        return [(p.membership_id, p.group_id, p.role, p.since, p.until) for p in rows]

    return shape(stored) == shape(base)


def apply_places(
    session: Session,
    contact_id: int,
    base: Sequence[Place],
    changes: Sequence[PlaceChange],
) -> tuple[list[Place], dict[int, int]]:
    """Make a form's held membership changes, in order, over the memberships it read (`base`);
    refused with ConflictError when someone else changed the person's groups since. Also
    returns, for each membership a change made, its id and the change's index."""
    if not same_places(places_of_contact(session, contact_id), base):
        raise ConflictError(
            _("Someone else changed this person's groups while you were editing the contact.")
        )
    joined: dict[int, int] = {}
    for index, change in enumerate(changes):
        if isinstance(change, Join):
            row = groups.add_member(
                session, change.group_id, contact_id, role=change.role, since=change.since
            )
            joined[row.membership_id] = index
            if change.until is not None:
                groups.end_membership(session, row.membership_id, change.until)
            continue
        membership = change.membership_id
        if change.joined_by is not None:
            membership = next(mid for mid, at in joined.items() if at == change.joined_by)
        assert membership is not None
        groups.update_membership(
            session, membership, role=change.role, since=change.since, until=change.until
        )
    return places_of_contact(session, contact_id), joined
