"""What an import matches rows against: stored contacts and partners, looked up once per import.

The indexes are read in a few queries when an import starts and grow with every record it
creates (not yet written ones included), so that a later row of the same file finds them:
- partners by organisation number and name, else by normalised name (case, spaces,
  punctuation and "AB"/"Aktiebolag" ignored, accents significant);
- contacts by e-mail (case-insensitive, archived ones included), else by first and last name
  (case and spaces ignored, accents significant) at the same organisation, current or former.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from lkoe_desktop.db.models import Affiliation, Contact, Organisation
from lkoe_desktop.domain.i18n import gettext as _

_WORDS = re.compile(r"\w+")
_COMPANY_FORMS = frozenset({"ab", "aktiebolag"})


@dataclass(eq=False)
class NewPartner:
    """A partner the import creates; `id` is set once it is written."""

    values: dict[str, object]
    row: int
    id: int | None = None

    @property
    def name(self) -> str:
        return str(self.values["name"])


@dataclass(eq=False)
class NewContact:
    """A contact the import creates, with the employer and title of their first job."""

    values: dict[str, object]
    organisation: PartnerRef | None
    title: str | None
    row: int
    id: int | None = None

    @property
    def name(self) -> str:
        return f"{self.values['first_name']} {self.values['last_name']}"


PartnerRef = int | NewPartner
ContactRef = int | NewContact


def partner_key(name: str) -> str:
    """A partner's name as matching compares it: "Östgöta Logistik AB" → "östgötalogistik"."""
    words = _WORDS.findall(name.casefold().replace("_", " "))
    kept = [word for word in words if word not in _COMPANY_FORMS]
    return "".join(kept or words)


def person_key(first_name: str, last_name: str) -> str:
    """A person's name as matching compares it: case and spaces ignored, accents kept."""
    return "".join(f"{first_name} {last_name}".casefold().split())


def resolved(ref: PartnerRef | ContactRef) -> int:
    """The id of a stored record, or of a new one once written."""
    if isinstance(ref, int):
        return ref
    assert ref.id is not None, "written before it is used"
    return ref.id


@dataclass
class PartnerIndex:
    """Stored partners (and those the import creates) by organisation number and by name."""

    by_number: dict[str, list[PartnerRef]] = field(default_factory=dict)
    by_name: dict[str, list[PartnerRef]] = field(default_factory=dict)
    names: dict[PartnerRef, str] = field(default_factory=dict)
    numbers: dict[PartnerRef, str | None] = field(default_factory=dict)
    archived: set[int] = field(default_factory=set)

    @classmethod
    def load(cls, session: Session) -> PartnerIndex:
        index = cls()
        rows = session.execute(
            select(
                Organisation.id, Organisation.name, Organisation.org_number, Organisation.archived
            ).order_by(Organisation.archived, Organisation.id)
        )
        for partner_id, name, number, archived in rows:
            index.add(partner_id, name, number)
            if archived:
                index.archived.add(partner_id)
        return index

    def add(self, ref: PartnerRef, name: str, number: str | None) -> None:
        self.names[ref] = name
        self.numbers[ref] = number
        self.by_name.setdefault(partner_key(name), []).append(ref)
        if number:
            self.by_number.setdefault(number, []).append(ref)

    def set_number(self, ref: PartnerRef, number: str) -> None:
        """A matched partner without a number gets the file's (mode fill or update)."""
        if self.numbers.get(ref) != number:
            self.numbers[ref] = number
            self.by_number.setdefault(number, []).append(ref)

    def find(self, name: str | None, number: str | None) -> tuple[PartnerRef | None, str | None]:
        """The partner a row names (by number and name, else by name), or None; and a warning
        when a partner of that name has another organisation number (a new one is made)."""
        key = partner_key(name) if name else None
        if number:
            same_number = self.by_number.get(number, [])
            if key is None:
                return (same_number[0] if same_number else None), None
            for ref in same_number:
                if partner_key(self.names[ref]) == key:
                    return ref, None
        if key is None:
            return None, None
        named = self.by_name.get(key, [])
        if not number:
            return (named[0] if named else None), None
        unnumbered = [ref for ref in named if not self.numbers.get(ref)]
        if unnumbered:
            return unnumbered[0], None
        if named:
            warning = _(
                "A partner named “{name}” is already stored with organisation number {stored}; "
                "a new partner is created with {number}."
            ).format(name=self.names[named[0]], stored=self.numbers[named[0]], number=number)
            return None, warning
        return None, None


@dataclass
class ContactIndex:
    """Stored contacts (and those the import creates) by e-mail and by name, with the
    organisations each has worked at."""

    by_email: dict[str, ContactRef] = field(default_factory=dict)
    by_name: dict[str, list[ContactRef]] = field(default_factory=dict)
    organisations: dict[ContactRef, set[PartnerRef]] = field(default_factory=dict)
    names: dict[ContactRef, str] = field(default_factory=dict)

    @classmethod
    def load(cls, session: Session) -> ContactIndex:
        index = cls()
        rows = session.execute(
            select(
                Contact.id, func.lower(Contact.email), Contact.first_name, Contact.last_name
            ).order_by(Contact.archived, Contact.id)
        )
        for contact_id, email, first, last in rows:
            index.add(contact_id, email, first, last)
        for contact_id, organisation_id in session.execute(
            select(Affiliation.contact_id, Affiliation.organisation_id)
        ):
            index.organisations[contact_id].add(organisation_id)
        return index

    def add(
        self,
        ref: ContactRef,
        email: str | None,
        first_name: str,
        last_name: str,
        organisation: PartnerRef | None = None,
    ) -> None:
        self.names[ref] = f"{first_name} {last_name}"
        if email:
            self.by_email.setdefault(email.lower(), ref)
        self.by_name.setdefault(person_key(first_name, last_name), []).append(ref)
        self.organisations[ref] = set() if organisation is None else {organisation}

    def worked_at(self, ref: ContactRef, organisation: PartnerRef) -> None:
        self.organisations[ref].add(organisation)

    def find(
        self,
        email: str | None,
        first_name: str,
        last_name: str,
        organisation: PartnerRef | None,
    ) -> tuple[ContactRef | None, str | None]:
        """The contact a row is about, or None; and a warning when the e-mail and the name
        point at different people (the e-mail wins)."""
        by_email = self.by_email.get(email.lower()) if email else None
        candidates = self.by_name.get(person_key(first_name, last_name), [])
        if organisation is None:
            by_name = next((ref for ref in candidates if not self.organisations[ref]), None)
        else:
            by_name = next(
                (ref for ref in candidates if organisation in self.organisations[ref]), None
            )
        if by_email is None:
            return by_name, None
        if by_name is not None and by_name != by_email:
            warning = _(
                "The e-mail address belongs to {email_person}, but the name matches another "
                "contact, {name_person}, at the same organisation: the row is applied to "
                "{email_person} (the e-mail address decides)."
            ).format(email_person=self.names[by_email], name_person=self.names[by_name])
            return by_email, warning
        return by_email, None
