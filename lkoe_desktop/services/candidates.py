"""People to add to a meeting or to a group: found by search, theme, group or pasted addresses;
then added to a meeting, and an add undone in one step (to a group: `group_adding`).

Archived contacts are never offered. People already on the meeting's list, in any status, or
current members of the group, are offered but flagged, and adding them again changes nothing.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

from sqlalchemy import ColumnElement, and_, func, or_, select, union
from sqlalchemy.orm import Session

from lkoe_desktop.db.models import (
    Affiliation,
    Contact,
    Group,
    GroupMembership,
    Meeting,
    Organisation,
    Participation,
    contact_themes,
    meeting_themes,
)
from lkoe_desktop.domain.codes import ParticipationStatus
from lkoe_desktop.domain.entities import GROUP, MEETING
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.services import participations
from lkoe_desktop.services.common import Query, get
from lkoe_desktop.services.groups import current_membership
from lkoe_desktop.services.search import matches

# How many values one IN (…) list holds, well inside every database's limit on parameters.
CHUNK = 1000
ADDABLE = (ParticipationStatus.INVITED.value, ParticipationStatus.REGISTERED.value)
# A participation's version when created (`common.touch`); every later change raises it.
FIRST_VERSION = 1


@dataclass(frozen=True)
class AddingTo:
    """Where people are being added: a meeting's list (`MEETING`) or a group (`GROUP`)."""

    entity: str
    id: int

    @classmethod
    def meeting(cls, meeting_id: int) -> AddingTo:
        return cls(MEETING.name, meeting_id)

    @classmethod
    def group(cls, group_id: int) -> AddingTo:
        return cls(GROUP.name, group_id)

    def check(self, session: Session) -> None:
        """Refuse with NotFoundError when the meeting or group no longer exists."""
        if self.entity == GROUP.name:
            get(session, Group, self.id, _("Group"))
        else:
            get(session, Meeting, self.id, _("Meeting"))

    def listed(self, session: Session) -> ColumnElement[bool]:
        """Whether a contact is on the meeting's list, or a current member of the group."""
        if self.entity == GROUP.name:
            return (
                select(GroupMembership.id)
                .where(
                    GroupMembership.group_id == self.id,
                    GroupMembership.contact_id == Contact.id,
                    current_membership(session),
                )
                .correlate(Contact)
                .exists()
            )
        return (
            select(Participation.id)
            .where(Participation.meeting_id == self.id, Participation.contact_id == Contact.id)
            .correlate(Contact)
            .exists()
        )


@dataclass(frozen=True)
class Candidate:
    """A person who could be added; the organisation is their current affiliation's;
    `already_on_list`: on the meeting's list, or a current member of the group."""

    contact_id: int
    first_name: str
    last_name: str
    email: str | None
    organisation_id: int | None
    organisation: str | None
    already_on_list: bool


class HasEmail(Protocol):
    """An address to look up, such as `exchange.email_addresses.PastedAddress`."""

    @property
    def email(self) -> str: ...


AddressT = TypeVar("AddressT", bound=HasEmail)


@dataclass(frozen=True)
class AddressMatch(Generic[AddressT]):
    """Pasted addresses sorted out: known people, addresses no one has, archived people."""

    found: list[Candidate]
    unknown: list[AddressT]
    archived: list[AddressT]


@dataclass(frozen=True)
class AddResult:
    """The new participations' ids, and how many people were on the list already."""

    added: list[int]
    skipped_already_on_list: int


@dataclass(frozen=True)
class UndoResult:
    """What undoing an add did: how many participations it removed, the people it kept because
    their participation had changed since (names in Swedish order), and how many were gone."""

    removed: int
    kept_changed: list[str]
    gone: int


def _candidates(session: Session, target: AddingTo) -> Query:
    """Contacts who are not archived, with their current organisation and whether listed."""
    on_list = target.listed(session)
    return (
        select(
            Contact.id,
            Contact.first_name,
            Contact.last_name,
            Contact.email,
            Organisation.id,
            Organisation.name,
            on_list,
        )
        .outerjoin(Affiliation, and_(Affiliation.contact_id == Contact.id, Affiliation.is_current))
        .outerjoin(Organisation, Organisation.id == Affiliation.organisation_id)
        .where(Contact.archived.is_(False))
    )


def _to_candidates(result: Iterable[Any]) -> list[Candidate]:
    return [
        Candidate(
            contact_id=row[0],
            first_name=row[1],
            last_name=row[2],
            email=row[3],
            organisation_id=row[4],
            organisation=row[5],
            already_on_list=bool(row[6]),
        )
        for row in result
    ]


def _in_order(session: Session, statement: Query) -> list[Candidate]:
    return _to_candidates(session.execute(statement.order_by(Contact.sort_key, Contact.id)))


def search_candidates(
    session: Session, target: AddingTo, text: str | None, *, limit: int | None = 50
) -> list[Candidate]:
    """People whose name, e-mail or organisation contains `text`, in Swedish order.

    No text gives the first people of the whole list. At most `limit` (None: no limit).
    """
    target.check(session)
    in_contact = matches(session, Contact, text, paged=limit is not None)
    if in_contact is None:
        return _in_order(session, _candidates(session, target).limit(limit))
    branches = [in_contact]
    in_organisation = matches(session, Organisation, text)
    if in_organisation is not None:
        organisations = select(Organisation.id).where(in_organisation)
        working_there = select(Affiliation.contact_id).where(
            Affiliation.is_current, Affiliation.organisation_id.in_(organisations)
        )
        branches.append(Contact.id.in_(working_there))
    if session.get_bind().dialect.name == "sqlite":
        # Its search index lookups are cheap to test row by row while reading in order.
        statement = _candidates(session, target).where(or_(*branches))
    else:
        # One page of each, so the planner can use the trigram index for either.
        pages = []
        for clause in branches:
            page = (
                select(Contact.id, Contact.sort_key)
                .where(Contact.archived.is_(False), clause)
                .order_by(Contact.sort_key, Contact.id)
                .limit(limit)
                .subquery()
            )
            pages.append(select(page.c.id))
        found = union(*pages).subquery()
        statement = _candidates(session, target).join(found, found.c.id == Contact.id)
    return _in_order(session, statement.limit(limit))


def theme_candidates(
    session: Session, target: AddingTo, theme_ids: Collection[int] | None = None
) -> list[Candidate]:
    """Everyone interested in at least one of the themes, in Swedish order; without
    `theme_ids`, the meeting's own themes (a group has none: nobody)."""
    target.check(session)
    if theme_ids is not None:
        interested = select(contact_themes.c.contact_id).where(
            contact_themes.c.theme_id.in_(list(theme_ids))
        )
    elif target.entity == MEETING.name:
        themes = select(meeting_themes.c.theme_id).where(meeting_themes.c.meeting_id == target.id)
        interested = select(contact_themes.c.contact_id).where(
            contact_themes.c.theme_id.in_(themes)
        )
    else:
        return []
    return _in_order(session, _candidates(session, target).where(Contact.id.in_(interested)))


def group_candidates(session: Session, target: AddingTo, group_id: int) -> list[Candidate]:
    """The group's current members (see `groups.current_membership`), in Swedish order."""
    target.check(session)
    get(session, Group, group_id, _("Group"))
    members = select(GroupMembership.contact_id).where(
        GroupMembership.group_id == group_id, current_membership(session)
    )
    return _in_order(session, _candidates(session, target).where(Contact.id.in_(members)))


def _chunks(values: Sequence[Any]) -> Iterable[Sequence[Any]]:
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


def match_addresses(
    session: Session, target: AddingTo, addresses: Iterable[AddressT]
) -> AddressMatch[AddressT]:
    """Look pasted addresses up among the contacts' e-mail addresses, case-insensitively.

    `found` is in Swedish order, each person once; `unknown` and `archived` keep the pasted
    order, with the address objects given. Archived people are listed so the window can say
    why they are not offered.
    """
    target.check(session)
    pasted = {address.email.lower(): address for address in addresses}
    people: dict[str, tuple[int, bool, str]] = {}
    for chunk in _chunks(list(pasted)):
        lookup = select(func.lower(Contact.email), Contact.id, Contact.archived, Contact.sort_key)
        for email, contact_id, archived, key in session.execute(
            lookup.where(func.lower(Contact.email).in_(chunk))
        ):
            people[email] = (contact_id, bool(archived), key)
    unknown = [address for email, address in pasted.items() if email not in people]
    archived = [
        address for email, address in pasted.items() if email in people and people[email][1]
    ]
    active = sorted({(key, contact_id) for contact_id, gone, key in people.values() if not gone})
    ids = [contact_id for _key, contact_id in active]
    position = {contact_id: index for index, contact_id in enumerate(ids)}
    found: list[Candidate] = []
    for chunk in _chunks(ids):
        found += _to_candidates(
            session.execute(_candidates(session, target).where(Contact.id.in_(chunk)))
        )
    found.sort(key=lambda candidate: position[candidate.contact_id])
    return AddressMatch(found=found, unknown=unknown, archived=archived)


def add_to_meeting(
    session: Session,
    meeting_id: int,
    contact_ids: Iterable[int],
    *,
    status: str = ParticipationStatus.INVITED.value,
) -> AddResult:
    """Put people on the meeting's list as invited or registered.

    People already on the list, in any status, are left as they are and counted as skipped.
    An archived or unknown person is refused with an error (the caller's unit of work then
    keeps nothing).
    """
    if status not in ADDABLE:
        raise ValueError(f"people are added as invited or registered, not {status!r}")
    get(session, Meeting, meeting_id, _("Meeting"))
    wanted = list(dict.fromkeys(contact_ids))
    already: set[int] = set()
    for chunk in _chunks(wanted):
        already.update(
            session.scalars(
                select(Participation.contact_id).where(
                    Participation.meeting_id == meeting_id, Participation.contact_id.in_(chunk)
                )
            )
        )
    newcomers = [contact_id for contact_id in wanted if contact_id not in already]
    if status == ParticipationStatus.INVITED.value:
        added = [row.id for row in participations.invite(session, meeting_id, newcomers)]
    else:
        added = [
            participations.register(session, meeting_id, contact_id).id for contact_id in newcomers
        ]
    return AddResult(added=added, skipped_already_on_list=len(wanted) - len(newcomers))


def undo_add(session: Session, meeting_id: int, participation_ids: Iterable[int]) -> UndoResult:
    """Take off the meeting's list the participations that one add created.

    A participation changed since the add (another status, a check-in, a role, a note: its
    version is no longer the first) is kept and named, so undoing never loses later work; one
    already taken off the list is counted as gone. Each removal is logged as a deletion.
    Participations of other meetings are never touched.
    """
    get(session, Meeting, meeting_id, _("Meeting"))
    wanted = list(dict.fromkeys(participation_ids))
    found: list[tuple[str, int, Participation, str]] = []
    for chunk in _chunks(wanted):
        statement = (
            select(Participation, Contact.sort_key, Contact.first_name, Contact.last_name)
            .join(Contact, Contact.id == Participation.contact_id)
            .where(Participation.meeting_id == meeting_id, Participation.id.in_(chunk))
            .with_for_update(of=Participation)
        )
        for record, key, first, last in session.execute(statement):
            found.append((key, record.id, record, f"{first} {last}".strip()))
    found.sort(key=lambda row: row[:2])
    unchanged = [record for _key, _id, record, _name in found if record.version == FIRST_VERSION]
    kept = [name for _key, _id, record, name in found if record.version != FIRST_VERSION]
    participations.remove_records(session, unchanged)
    return UndoResult(removed=len(unchanged), kept_changed=kept, gone=len(wanted) - len(found))


def places_over(session: Session, meeting_id: int, extra_registered: int) -> int:
    """How many places over its capacity the meeting would be with `extra_registered` more
    registered people (counting any overbooking already made); 0 within capacity, without a
    capacity, or when no one more is registered."""
    left = participations.capacity_left(session, meeting_id)
    if left is None or extra_registered <= 0:
        return 0
    return max(0, extra_registered - left)
