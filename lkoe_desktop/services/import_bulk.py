"""Writing the partners and contacts an import creates, many at a time.

Their values are checked and cleaned before they get here, by the same entity descriptions
the services use (`services.common.checked`, `partners.clean_partner`); here they are written
as the services write one record (keys from `services.keys`, stamps, version 1, the change
log's create entry), but a chunk of rows in one statement per table instead of one flush per
record: a 100 000-row file takes seconds, not minutes. Every new contact gets its first job
(if the row names an employer) and the legal-basis record that says it came from the import.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Table, func, select, text
from sqlalchemy.orm import Session

from lkoe_desktop.db.bulk import bulk_insert
from lkoe_desktop.db.models import Affiliation, Consent, Contact, Organisation
from lkoe_desktop.db.search_index import INDEXED_TABLES, indexed_after
from lkoe_desktop.domain.codes import Language, SizeClass
from lkoe_desktop.domain.entities import CONSENT, CONTACT, PARTNER
from lkoe_desktop.services import audit
from lkoe_desktop.services.common import now, plain, user
from lkoe_desktop.services.import_index import NewContact, NewPartner, PartnerIndex, resolved
from lkoe_desktop.services.keys import contact_keys, organisation_keys

# What a new record holds before its values are set (the services' constructors), so that the
# change log names only what the file gave, as theirs does.
_PARTNER_START: dict[str, object] = {"archived": False, "size_class": SizeClass.UNKNOWN.value}
_CONTACT_START: dict[str, object] = {"archived": False, "language": Language.SWEDISH.value}
_PARTNER_FIELDS = tuple(f.key for f in PARTNER.editable if f.key != "theme_ids")
_CONTACT_FIELDS = tuple(
    f.key for f in CONTACT.editable if f.key not in ("theme_ids", "organisation_id", "title")
)


@dataclass(frozen=True)
class LegalBasis:
    """The legal-basis record every new contact gets."""

    purpose: str
    basis: str
    source: str
    decided_on: date


def _table(model: type[Any]) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


def _new_ids(session: Session, table: Table, count: int) -> list[int]:
    """Ids for `count` new rows of `table`, taken before they are written.

    PostgreSQL hands them out from the table's sequence, so that another workstation writing
    at the same time gets others. SQLite lets one transaction write at a time, and this one has
    written already (the batch), so the ids after the largest are this import's own.
    """
    if session.get_bind().dialect.name == "postgresql":
        sequence = f"pg_get_serial_sequence('{table.name}', 'id')"
        found = session.execute(
            text(f"SELECT nextval({sequence}) FROM generate_series(1, :count)"), {"count": count}
        )
        return [int(row[0]) for row in found]
    largest = session.scalar(select(func.max(table.c.id))) or 0
    return list(range(largest + 1, largest + count + 1))


def _insert_with_ids(session: Session, model: type[Any], rows: list[dict[str, Any]]) -> list[int]:
    """Write `rows` as new records of `model` in one statement; returns their ids, in order."""
    table = _table(model)
    ids = _new_ids(session, table, len(rows))
    numbered = [{**row, "id": new} for row, new in zip(rows, ids, strict=True)]
    if table.name in INDEXED_TABLES and ids == list(range(ids[0], ids[-1] + 1)):
        with indexed_after(session.connection(), table.name, ids[0], ids[-1]):
            bulk_insert(session.connection(), table, numbered)
    else:
        bulk_insert(session.connection(), table, numbered)
    return ids


def _plain(value: object) -> object:
    return value if type(value) is str else plain(value)


def _logged(values: dict[str, object], start: dict[str, object]) -> dict[str, list[object]]:
    return {
        key: [None, _plain(value)]
        for key, value in values.items()
        if value is not None and value != start.get(key)
    }


def write_partners(session: Session, new: Sequence[NewPartner]) -> None:
    """Write new partners; each gets its id."""
    if not new:
        return
    stamps = _stamps(session)
    rows = []
    for partner in new:
        values = {key: partner.values.get(key) for key in _PARTNER_FIELDS}
        values = {**values, **{k: v for k, v in _PARTNER_START.items() if values.get(k) is None}}
        keys = organisation_keys(
            name=partner.name,
            org_number=_text(values["org_number"]),
            municipality=_text(values["municipality"]),
            industry=_text(values["industry"]),
            email=_text(values["email"]),
            phone=_text(values["phone"]),
            postal_city=_text(values["postal_city"]),
        )
        rows.append({**values, **keys, **stamps})
    for partner, partner_id in zip(
        new, _insert_with_ids(session, Organisation, rows), strict=False
    ):
        partner.id = partner_id
    audit.record_many(
        session,
        PARTNER.name,
        [(resolved(p), audit.CREATE, _logged(p.values, _PARTNER_START)) for p in new],
    )


def write_contacts(
    session: Session, new: Sequence[NewContact], partners: PartnerIndex, basis: LegalBasis
) -> list[int]:
    """Write new contacts with their first job and legal basis; each gets its id. Returns the
    ids of their legal-basis records."""
    if not new:
        return []
    stamps = _stamps(session)
    rows = []
    for person in new:
        values = {key: person.values.get(key) for key in _CONTACT_FIELDS}
        values = {**values, **{k: v for k, v in _CONTACT_START.items() if values.get(k) is None}}
        employer = partners.names[person.organisation] if person.organisation else None
        keys = contact_keys(
            first_name=str(values["first_name"]),
            last_name=str(values["last_name"]),
            email=_text(values["email"]),
            phone=_text(values["phone"]),
            mobile=_text(values["mobile"]),
            organisation=employer,
            title=person.title if employer else None,
        )
        rows.append({**values, **keys, **stamps})
    for person, contact_id in zip(new, _insert_with_ids(session, Contact, rows), strict=False):
        person.id = contact_id
    jobs = [
        {
            "contact_id": resolved(person),
            "organisation_id": resolved(person.organisation),
            "title": person.title,
            "start_date": None,
            "end_date": None,
            "is_current": True,
            "created_at": stamps["created_at"],
            "updated_at": stamps["updated_at"],
        }
        for person in new
        if person.organisation is not None
    ]
    bulk_insert(session.connection(), _table(Affiliation), jobs)
    audit.record_many(
        session, CONTACT.name, [(resolved(p), audit.CREATE, _contact_log(p)) for p in new]
    )
    return _write_legal_bases(session, new, basis)


def _contact_log(person: NewContact) -> dict[str, list[object]]:
    changes = _logged(person.values, _CONTACT_START)
    if person.organisation is not None:
        changes["organisation_id"] = [None, resolved(person.organisation)]
        if person.title is not None:
            changes["title"] = [None, person.title]
    return changes


def _write_legal_bases(session: Session, new: Sequence[NewContact], basis: LegalBasis) -> list[int]:
    moment, name = now(session), user(session)
    rows = [
        {
            "contact_id": resolved(person),
            "purpose": basis.purpose,
            "basis": basis.basis,
            "granted": True,
            "decided_on": basis.decided_on,
            "source": basis.source,
            "recorded_at": moment,
            "recorded_by": name,
        }
        for person in new
    ]
    ids = _insert_with_ids(session, Consent, rows)
    # Every record has the same basis: its logged values are written once, the person's beside.
    shared = ("purpose", "basis", "granted", "decided_on", "source")
    logged = {key: [None, _plain(rows[0][key])] for key in shared}
    audit.record_many(
        session,
        CONSENT.name,
        [
            (consent_id, audit.CREATE, {"contact_id": [None, row["contact_id"]], **logged})
            for consent_id, row in zip(ids, rows, strict=False)
        ],
    )
    return ids


def _stamps(session: Session) -> dict[str, object]:
    moment = now(session)
    return {"created_at": moment, "updated_at": moment, "version": 1}


def _text(value: object) -> str | None:
    return None if value is None else str(value)
