"""The e-mail addresses of chosen people, ready for Outlook: one collector for every list.

`collect_addresses` takes contact ids from anywhere (the Kontakter tab's selection, a partner's
people, a group's members, a meeting's participants) and gives the `;`-separated text to paste
into Outlook's To or Bcc field together with what the clerk should be told: how many addresses,
who has none, how many archived people were left out. `meeting_addresses` does the same for
participations, leaving out cancelled and no-show people unless asked.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from lkoe_desktop.db.models import Contact, Participation
from lkoe_desktop.domain.codes import ParticipationStatus
from lkoe_desktop.exchange.email_addresses import outlook_list
from lkoe_desktop.services.common import IDS_PER_CHUNK

# Who a meeting's e-mail list leaves out unless asked: they are not coming, or did not come.
ABSENT = frozenset({ParticipationStatus.CANCELLED.value, ParticipationStatus.NO_SHOW.value})


@dataclass(frozen=True)
class AddressList:
    """What copying some people's addresses gives.

    `text` is for the clipboard (`Namn <adress>; …`, each address once, in the order the
    people were given); `copied` counts its addresses; `without_address` names the people
    who have none; `archived` counts archived people left out; `absent` counts cancelled and
    no-show participants left out (meetings only). Ids that no longer exist are left out.
    """

    text: str
    copied: int
    without_address: list[str] = field(default_factory=list)
    archived: int = 0
    absent: int = 0


def _chunks(values: Sequence[int]) -> Iterable[Sequence[int]]:
    for start in range(0, len(values), IDS_PER_CHUNK):
        yield values[start : start + IDS_PER_CHUNK]


def collect_addresses(session: Session, contact_ids: Iterable[int]) -> AddressList:
    """The addresses of these contacts, in the order given; archived people are left out and
    counted, people without an address are named."""
    wanted = list(dict.fromkeys(contact_ids))
    found: dict[int, tuple[str, str | None, bool]] = {}
    for chunk in _chunks(wanted):
        statement = select(
            Contact.id, Contact.first_name, Contact.last_name, Contact.email, Contact.archived
        ).where(Contact.id.in_(chunk))
        for contact_id, first, last, email, archived in session.execute(statement):
            found[contact_id] = (f"{first} {last}".strip(), email or None, archived)
    people = [found[contact_id] for contact_id in wanted if contact_id in found]
    current = [(name, email) for name, email, archived in people if not archived]
    pairs = [(name, email) for name, email in current if email]
    return AddressList(
        text=outlook_list(pairs),
        copied=len({email.casefold() for _name, email in pairs if email}),
        without_address=[name for name, email in current if not email],
        archived=len(people) - len(current),
    )


def meeting_addresses(
    session: Session, participation_ids: Iterable[int], *, include_absent: bool = False
) -> AddressList:
    """The addresses of these participants, in the order given; cancelled and no-show people
    are left out (and counted) unless `include_absent`."""
    wanted = list(dict.fromkeys(participation_ids))
    found: dict[int, tuple[int, str]] = {}
    for chunk in _chunks(wanted):
        statement = select(Participation.id, Participation.contact_id, Participation.status)
        for participation_id, contact_id, status in session.execute(
            statement.where(Participation.id.in_(chunk))
        ):
            found[participation_id] = (contact_id, status)
    listed = [found[participation_id] for participation_id in wanted if participation_id in found]
    chosen = [contact for contact, status in listed if include_absent or status not in ABSENT]
    return replace(collect_addresses(session, chosen), absent=len(listed) - len(chosen))
