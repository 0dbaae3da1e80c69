"""People to add to a meeting: by search, theme, group and pasted addresses; no duplicates."""

from __future__ import annotations

from datetime import date

import pytest

from lkoe_desktop.db.engine import Database
from lkoe_desktop.domain.errors import NotFoundError, ValidationError
from lkoe_desktop.exchange.email_addresses import parse_addresses
from lkoe_desktop.services import audit, contacts, groups, meetings, partners, themes
from lkoe_desktop.services.candidates import (
    AddingTo,
    Candidate,
    UndoResult,
    add_to_meeting,
    group_candidates,
    match_addresses,
    places_over,
    search_candidates,
    theme_candidates,
    undo_add,
)
from lkoe_desktop.services.participations import (
    invite,
    list_participants,
    register,
    remove,
    set_status,
)


def _partner(db: Database, name: str, **values: object) -> int:
    with db.unit_of_work() as session:
        return partners.create_partner(session, {"name": name, **values}).id


def _person(
    db: Database,
    first: str,
    last: str,
    email: str | None = None,
    organisation_id: int | None = None,
    **values: object,
) -> int:
    fields: dict[str, object] = {"first_name": first, "last_name": last, "email": email}
    if organisation_id is not None:
        fields["organisation_id"] = organisation_id
    with db.unit_of_work() as session:
        return contacts.create_contact(session, {**fields, **values}).id


def _archive(db: Database, contact_id: int) -> None:
    with db.unit_of_work() as session:
        contacts.set_contact_archived(session, contact_id, True)


def _meeting(db: Database, **values: object) -> int:
    fields: dict[str, object] = {"title": "Seminarium", "kind": "seminar"}
    fields["starts_at"] = "2026-04-01 09:00"
    with db.unit_of_work() as session:
        return meetings.create_meeting(session, {**fields, **values}).id


def _theme(db: Database, name: str) -> int:
    with db.unit_of_work() as session:
        return themes.create_theme(session, {"name": name}).id


def _names(found: list[Candidate]) -> list[str]:
    return [f"{c.first_name} {c.last_name}" for c in found]


def test_search_by_name_email_or_organisation_in_swedish_order(db: Database) -> None:
    hamn = _partner(db, "Norrköpings Hamn", org_number="556036-0793", municipality="Norrköping")
    liu = _partner(db, "Linköpings universitet")
    _person(db, "Örjan", "Ödman", "orjan@hamn.se", hamn)
    _person(db, "Åsa", "Åberg", "asa@liu.se", liu)
    _person(db, "Anna", "Zetterberg", "anna@hamn.se", hamn)
    _person(db, "Łukasz", "Nowak", "lukasz@example.pl")
    _person(db, "Hanna", "Hamnperson", "old@hamn.se", hamn)
    _archive(db, _person(db, "Borta", "Hamnsson", "borta@hamn.se", hamn))
    meeting = _meeting(db)
    with db.reading() as session:
        by_org = search_candidates(session, AddingTo.meeting(meeting), "hamn")
        by_org_number = search_candidates(session, AddingTo.meeting(meeting), "556036")
        by_municipality = search_candidates(session, AddingTo.meeting(meeting), "norrköping")
        by_email = search_candidates(session, AddingTo.meeting(meeting), "@LIU.se")
        by_name = search_candidates(session, AddingTo.meeting(meeting), "łuk")
        everyone = search_candidates(session, AddingTo.meeting(meeting), "")
        limited = search_candidates(session, AddingTo.meeting(meeting), None, limit=2)
        nobody = search_candidates(session, AddingTo.meeting(meeting), "finns inte")
    assert _names(by_org) == ["Hanna Hamnperson", "Anna Zetterberg", "Örjan Ödman"]
    assert _names(by_org_number) == ["Hanna Hamnperson", "Anna Zetterberg", "Örjan Ödman"]
    assert _names(by_municipality) == _names(by_org_number)
    assert _names(by_email) == ["Åsa Åberg"]
    assert by_email[0].organisation == "Linköpings universitet"
    assert by_email[0].organisation_id == liu
    assert by_email[0].email == "asa@liu.se"
    assert _names(by_name) == ["Łukasz Nowak"]
    assert by_name[0].organisation is None
    assert _names(everyone) == [
        "Hanna Hamnperson",
        "Łukasz Nowak",
        "Anna Zetterberg",
        "Åsa Åberg",
        "Örjan Ödman",
    ]
    assert _names(limited) == ["Hanna Hamnperson", "Łukasz Nowak"]
    assert nobody == []


def test_people_already_on_the_list_are_flagged_in_any_status(db: Database) -> None:
    people = [_person(db, "P", name) for name in ("Adam", "Berg", "Cederlund", "Dahl")]
    meeting = _meeting(db)
    other = _meeting(db)
    with db.unit_of_work() as session:
        invite(session, meeting, people[:1])
        cancelled = register(session, meeting, people[1])
        set_status(session, cancelled.id, "cancelled")
        invite(session, other, people[2:3])
    with db.reading() as session:
        flags = [
            c.already_on_list for c in search_candidates(session, AddingTo.meeting(meeting), "P")
        ]
    assert flags == [True, True, False, False]


def test_theme_candidates_are_the_people_interested_in_the_meetings_themes(db: Database) -> None:
    bygg, vard, ehandel = (_theme(db, n) for n in ("Bygglogistik", "Vårdens logistik", "E-handel"))
    both = _person(db, "Båda", "Ek", theme_ids=[bygg, vard])
    _person(db, "Vård", "Ahl", theme_ids=[vard])
    _person(db, "Handel", "Berg", theme_ids=[ehandel])
    _person(db, "Ingen", "Aalto")
    _archive(db, _person(db, "Arkiv", "Al", theme_ids=[bygg]))
    meeting = _meeting(db, theme_ids=[bygg, vard])
    without_themes = _meeting(db)
    with db.unit_of_work() as session:
        invite(session, meeting, [both])
    with db.reading() as session:
        found = theme_candidates(session, AddingTo.meeting(meeting))
        assert theme_candidates(session, AddingTo.meeting(without_themes)) == []
    assert _names(found) == ["Vård Ahl", "Båda Ek"]
    assert [c.already_on_list for c in found] == [False, True]


def test_group_candidates_are_the_current_members(db: Database) -> None:
    hamn = _partner(db, "Norrköpings Hamn")
    with db.unit_of_work() as session:
        styrgrupp = groups.create_group(session, {"name": "Styrgrupp"}).id
        nyhetsbrev = groups.create_group(session, {"name": "Nyhetsbrev"}).id
    chair = _person(db, "Ordförande", "Öhman", organisation_id=hamn)
    member = _person(db, "Ledamot", "Andersson")
    former = _person(db, "Före", "Detta")
    leaving = _person(db, "Avgår", "Snart")
    archived = _person(db, "Arkiv", "Berg")
    reader = _person(db, "Läsare", "Carlsson")
    with db.unit_of_work() as session:
        for person in (chair, member, former, leaving, archived):
            groups.add_member(session, styrgrupp, person, role="Ledamot", since=date(2025, 1, 1))
        groups.add_member(session, nyhetsbrev, reader)
        ended = groups.list_members(session, styrgrupp)
        by_contact = {row.contact_id: row.membership_id for row in ended}
        groups.end_membership(session, by_contact[former], date(2026, 1, 31))
        groups.end_membership(session, by_contact[leaving], date(2026, 12, 31))
    _archive(db, archived)
    meeting = _meeting(db, kind="steering_group", title="Styrgruppsmöte")
    with db.reading() as session:
        found = group_candidates(session, AddingTo.meeting(meeting), styrgrupp)
        with pytest.raises(NotFoundError):
            group_candidates(session, AddingTo.meeting(meeting), 9999)
    assert _names(found) == ["Ledamot Andersson", "Avgår Snart", "Ordförande Öhman"]
    assert found[-1].organisation == "Norrköpings Hamn"


def test_pasted_outlook_addresses_are_matched_case_insensitively(db: Database) -> None:
    anna = _person(db, "Anna", "Berg", "anna.berg@hamn.se")
    bo = _person(db, "Bo", "Åkesson", "bo@liu.se")
    _archive(db, _person(db, "Gammal", "Kontakt", "gammal@kommun.se"))
    meeting = _meeting(db)
    with db.unit_of_work() as session:
        invite(session, meeting, [bo])
    pasted = parse_addresses(
        'Anna Berg <Anna.Berg@HAMN.se>; "Åkesson, Bo" <BO@liu.se>, ny.person@firma.se\n'
        "Gammal Kontakt <gammal@kommun.se>;'anna.berg@hamn.se'; okänd adress"
    )
    with db.reading() as session:
        match = match_addresses(session, AddingTo.meeting(meeting), pasted.addresses)
    assert [(c.contact_id, c.already_on_list) for c in match.found] == [(anna, False), (bo, True)]
    assert [(a.email, a.name_parts()) for a in match.unknown] == [
        ("ny.person@firma.se", ("Ny", "Person"))
    ]
    assert [a.email for a in match.archived] == ["gammal@kommun.se"]
    assert pasted.invalid == ["okänd adress"]
    with db.reading() as session:
        assert match_addresses(session, AddingTo.meeting(meeting), []).found == []


def test_adding_invites_or_registers_and_never_twice(db: Database) -> None:
    hamn = _partner(db, "Norrköpings Hamn")
    anna = _person(db, "Anna", "Berg", organisation_id=hamn)
    bo = _person(db, "Bo", "Dahl")
    cecilia = _person(db, "Cecilia", "Ek")
    meeting = _meeting(db)
    with db.unit_of_work() as session:
        first = add_to_meeting(session, meeting, [bo, anna, anna])
    assert first.skipped_already_on_list == 0
    assert len(first.added) == 2
    with db.unit_of_work() as session:
        second = add_to_meeting(session, meeting, [anna, cecilia, bo], status="registered")
    assert second.skipped_already_on_list == 2
    assert len(second.added) == 1
    with db.reading() as session:
        rows = list_participants(session, meeting)
    assert [(r.last_name, r.status, r.organisation) for r in rows] == [
        ("Berg", "invited", "Norrköpings Hamn"),
        ("Dahl", "invited", None),
        ("Ek", "registered", None),
    ]
    assert sorted(first.added + second.added) == sorted(r.id for r in rows)
    with db.unit_of_work() as session:
        assert add_to_meeting(session, meeting, []).added == []


def test_archived_people_cannot_be_added(db: Database) -> None:
    anna = _person(db, "Anna", "Berg")
    gone = _person(db, "Borta", "Ek")
    _archive(db, gone)
    meeting = _meeting(db)
    for status in ("invited", "registered"):
        with pytest.raises(ValidationError), db.unit_of_work() as session:
            add_to_meeting(session, meeting, [anna, gone], status=status)
    with db.reading() as session:
        assert list_participants(session, meeting) == []
    with pytest.raises(ValueError), db.unit_of_work() as session:
        add_to_meeting(session, meeting, [anna], status="attended")


def test_places_over_capacity(db: Database) -> None:
    people = [_person(db, "P", f"N{i}") for i in range(5)]
    small = _meeting(db, capacity=3)
    open_ended = _meeting(db)
    with db.unit_of_work() as session:
        add_to_meeting(session, small, people[:2], status="registered")
        add_to_meeting(session, small, people[2:], status="invited")
        assert places_over(session, small, 1) == 0
        assert places_over(session, small, 2) == 1
        assert places_over(session, small, 0) == 0
        assert places_over(session, open_ended, 500) == 0
        add_to_meeting(session, open_ended, people, status="registered")
        for person in people[2:]:
            register(session, small, person)
        assert places_over(session, small, 1) == 3


def test_undoing_an_add_removes_exactly_what_it_added_and_keeps_later_work(db: Database) -> None:
    people = {name: _person(db, "P", name) for name in ("Åkesson", "Berg", "Dahl", "Ek", "Öhman")}
    meeting = _meeting(db)
    other = _meeting(db)
    with db.unit_of_work() as session:
        before = invite(session, meeting, [people["Berg"]])[0].id
        elsewhere = invite(session, other, [people["Dahl"]])[0].id
        added = add_to_meeting(session, meeting, people.values()).added
    with db.reading() as session:
        by_name = {r.last_name: r.id for r in list_participants(session, ids=added)}
    assert set(by_name) == {"Åkesson", "Dahl", "Ek", "Öhman"}
    with db.unit_of_work() as session:
        set_status(session, by_name["Öhman"], "attended")  # checked in since the add
        remove(session, by_name["Ek"])  # already taken off by hand
    with db.unit_of_work() as session:
        result = undo_add(session, meeting, [*added, elsewhere])  # Berg was there before
    assert result == UndoResult(removed=2, kept_changed=["P Öhman"], gone=2)
    with db.reading() as session:
        rows = list_participants(session, meeting)
        assert [(r.last_name, r.status) for r in rows] == [
            ("Berg", "invited"),
            ("Öhman", "attended"),
        ]
        assert [r.id for r in list_participants(session, other)] == [elsewhere]
        log = audit.history(session, "participation", by_name["Åkesson"])
    assert [entry.action for entry in log] == ["create", "delete"]
    assert log[-1].changes["contact_id"] == [people["Åkesson"], None]
    with db.unit_of_work() as session:
        assert undo_add(session, meeting, added) == UndoResult(
            removed=0, kept_changed=["P Öhman"], gone=3
        )
        assert list_participants(session, meeting)[0].id == before


def test_undoing_an_add_of_many_people_in_one_transaction(db: Database) -> None:
    people = [_person(db, "P", f"N{i:04}") for i in range(1500)]
    meeting = _meeting(db)
    with db.unit_of_work() as session:
        added = add_to_meeting(session, meeting, people).added
    with pytest.raises(NotFoundError), db.unit_of_work() as session:
        undo_add(session, meeting, added)
        undo_add(session, 9999, added)
    with db.reading() as session:
        assert len(list_participants(session, meeting)) == 1500
    with db.unit_of_work() as session:
        assert undo_add(session, meeting, added).removed == 1500
    with db.reading() as session:
        assert list_participants(session, meeting) == []
