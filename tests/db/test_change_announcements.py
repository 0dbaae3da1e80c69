"""Each committed transaction tells what it changed, by entity name; nothing else does."""

from __future__ import annotations

import pytest

from lkoe_desktop.db.engine import Database
from lkoe_desktop.domain.entities import CONTACT, PARTNER
from lkoe_desktop.services import contacts, partners


@pytest.fixture
def told(db: Database) -> list[frozenset[str]]:
    heard: list[frozenset[str]] = []
    db.listen(heard.append)
    return heard


def test_a_commit_tells_the_entities_it_changed_once(
    db: Database, told: list[frozenset[str]]
) -> None:
    with db.unit_of_work() as session:
        partner = partners.create_partner(session, {"name": "Östgöta Frakt AB"})
        contacts.create_contact(
            session, {"first_name": "Åsa", "last_name": "Öberg", "organisation_id": partner.id}
        )
    assert told == [frozenset({PARTNER.name, CONTACT.name})]


def test_an_archive_is_told_as_a_change_of_its_entity(
    db: Database, told: list[frozenset[str]]
) -> None:
    with db.unit_of_work() as session:
        partner = partners.create_partner(session, {"name": "Östgöta Frakt AB"})
    told.clear()
    with db.unit_of_work() as session:
        partners.set_partner_archived(session, partner.id, True)
    assert told == [frozenset({PARTNER.name})]


def test_reading_or_a_rolled_back_transaction_tells_nothing(
    db: Database, told: list[frozenset[str]]
) -> None:
    with db.reading() as session:
        partners.list_partners(session, partners.PartnerFilter())
    with pytest.raises(RuntimeError), db.unit_of_work() as session:
        partners.create_partner(session, {"name": "Östgöta Frakt AB"})
        raise RuntimeError("the user's action failed half-way")
    with db.unit_of_work() as session:
        partners.list_partners(session, partners.PartnerFilter())
    assert told == []
