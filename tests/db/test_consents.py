"""Consents and legal bases: an append-only history per contact and purpose."""

from __future__ import annotations

from datetime import date

import pytest

from lkoe_desktop.db.engine import Database
from lkoe_desktop.domain.errors import NotFoundError, ValidationError
from lkoe_desktop.services import audit, consents, contacts
from lkoe_desktop.services.consents import (
    ENTITY,
    consent_history,
    current_consents,
    record_consent,
)


def _person(db: Database) -> int:
    with db.unit_of_work() as session:
        return contacts.create_contact(session, {"first_name": "Anna", "last_name": "Berg"}).id


def test_a_consent_is_recorded_with_who_and_when(db: Database) -> None:
    anna = _person(db)
    with db.unit_of_work() as session:
        row = record_consent(
            session,
            anna,
            purpose=" Nyhetsbrev ",
            basis="consent",
            granted=True,
            source="Anmälningsformulär",
        )
    assert (row.contact_id, row.purpose, row.basis, row.granted) == (
        anna,
        "Nyhetsbrev",
        "consent",
        True,
    )
    assert row.decided_on == date(2026, 3, 2)
    assert row.source == "Anmälningsformulär"
    assert (row.recorded_at, row.recorded_by) == (db.clock.now(), "testare")
    with db.reading() as session:
        [entry] = audit.history(session, ENTITY, row.id)
    assert entry.action == audit.CREATE
    assert entry.changes["granted"] == [None, True]
    assert entry.changes["decided_on"] == [None, "2026-03-02"]


def test_a_withdrawal_is_a_new_row_and_the_history_is_never_overwritten(db: Database) -> None:
    anna = _person(db)
    with db.unit_of_work() as session:
        given = record_consent(
            session,
            anna,
            purpose="Nyhetsbrev",
            basis="consent",
            granted=True,
            decided_on="2026-01-10",
        )
        basis = record_consent(
            session, anna, purpose="Deltagarlistor", basis="legal_obligation", granted=True
        )
    db.clock.advance(days=1)
    with db.unit_of_work() as session:
        withdrawn = record_consent(
            session, anna, purpose="nyhetsbrev", basis="consent", granted=False
        )
        late_paper = record_consent(
            session,
            anna,
            purpose="Nyhetsbrev",
            basis="consent",
            granted=True,
            decided_on=date(2025, 12, 1),
            source="Pappersblankett",
        )
    with db.reading() as session:
        history = consent_history(session, anna)
        current = current_consents(session, anna)
    assert [row.id for row in history] == [late_paper.id, given.id, basis.id, withdrawn.id]
    assert history[1] == given
    assert withdrawn.purpose == "Nyhetsbrev"
    assert withdrawn.decided_on == date(2026, 3, 3)
    assert current == {"Nyhetsbrev": withdrawn, "Deltagarlistor": basis}
    assert not current["Nyhetsbrev"].granted


def test_there_is_no_way_to_change_or_delete_a_consent() -> None:
    public = [name for name in dir(consents) if not name.startswith("_")]
    assert not [name for name in public if name.startswith(("update", "delete", "remove", "set"))]


def test_invalid_consents_are_refused_and_nothing_is_kept(db: Database) -> None:
    anna = _person(db)
    with pytest.raises(ValidationError) as caught, db.unit_of_work() as session:
        record_consent(session, anna, purpose="", basis="tycke", granted=True, decided_on="igår")
    assert set(caught.value.errors) == {"purpose", "basis", "decided_on"}
    with pytest.raises(ValidationError) as caught, db.unit_of_work() as session:
        record_consent(
            session,
            anna,
            purpose="Nyhetsbrev",
            basis="consent",
            granted=True,
            decided_on="2026-03-03",
        )
    assert set(caught.value.errors) == {"decided_on"}
    with pytest.raises(ValidationError) as caught, db.unit_of_work() as session:
        record_consent(session, anna, purpose="Nyhetsbrev", basis="", granted=True)
    assert set(caught.value.errors) == {"basis"}
    with db.reading() as session:
        assert consent_history(session, anna) == []
        assert current_consents(session, anna) == {}


def test_unknown_contacts_are_named(db: Database) -> None:
    with pytest.raises(NotFoundError, match="321"), db.unit_of_work() as session:
        record_consent(session, 321, purpose="Nyhetsbrev", basis="consent", granted=True)
    with pytest.raises(NotFoundError), db.reading() as session:
        consent_history(session, 321)
    with pytest.raises(NotFoundError), db.reading() as session:
        current_consents(session, 321)
