"""Shared steps of the import's service tests: requests, stored records, the tables' contents."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import select, text

from lkoe_desktop.db.base import Base
from lkoe_desktop.db.engine import Database
from lkoe_desktop.db.models import Affiliation, Consent, Contact, Organisation
from lkoe_desktop.exchange.import_mapping import ImportKind
from lkoe_desktop.services import contacts, meetings, partners
from lkoe_desktop.services.imports import ImportMode, ImportRequest

CONTACT_HEADERS = ["Förnamn", "Efternamn", "E-post", "Telefon", "Organisation", "Org.nr", "Titel"]
# Tables an import and its undo may leave changed: the history and the batch itself.
HISTORY = {"change_log", "import_batches", "import_batch_items"}


def contacts_request(path: Path, **options: Any) -> ImportRequest:
    mode = options.pop("mode", ImportMode.FILL)
    return ImportRequest(path, ImportKind.CONTACTS, ImportMode(mode), **options)


def partner(db: Database, name: str, **values: object) -> int:
    with db.unit_of_work() as session:
        return partners.create_partner(session, {"name": name, **values}).id


def person(
    db: Database, first: str, last: str, organisation_id: int | None = None, **values: object
) -> int:
    fields: dict[str, object] = {"first_name": first, "last_name": last, **values}
    if organisation_id is not None:
        fields["organisation_id"] = organisation_id
    with db.unit_of_work() as session:
        return contacts.create_contact(session, fields).id


def meeting(db: Database) -> int:
    with db.unit_of_work() as session:
        return meetings.create_meeting(
            session, {"title": "Seminarium", "kind": "seminar", "starts_at": "2026-04-01 09:00"}
        ).id


def people(db: Database) -> list[tuple[str, str, str | None, bool]]:
    """(first name, last name, e-mail, archived) of every contact, by id."""
    with db.reading() as session:
        rows = session.execute(
            select(Contact.first_name, Contact.last_name, Contact.email, Contact.archived).order_by(
                Contact.id
            )
        )
        return [tuple(row) for row in rows]  # type: ignore[misc]


def jobs(db: Database, contact_id: int) -> list[tuple[str, str | None, object, bool]]:
    """(organisation, title, end date, current) of a person's jobs, oldest first."""
    with db.reading() as session:
        rows = session.execute(
            select(
                Organisation.name, Affiliation.title, Affiliation.end_date, Affiliation.is_current
            )
            .join(Organisation, Organisation.id == Affiliation.organisation_id)
            .where(Affiliation.contact_id == contact_id)
            .order_by(Affiliation.id)
        )
        return [tuple(row) for row in rows]  # type: ignore[misc]


def consents(db: Database) -> list[tuple[int, str, str | None]]:
    with db.reading() as session:
        rows = session.execute(select(Consent.contact_id, Consent.basis, Consent.source))
        return [tuple(row) for row in rows]  # type: ignore[misc]


def tables(db: Database) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table but the history, in a fixed order: what an undo must restore."""
    found: dict[str, list[tuple[object, ...]]] = {}
    with db.engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            if table.name in HISTORY:
                continue
            order = ", ".join(column.name for column in table.primary_key.columns)
            rows = connection.execute(text(f"SELECT * FROM {table.name} ORDER BY {order}"))
            found[table.name] = [tuple(row) for row in rows]
    return found
