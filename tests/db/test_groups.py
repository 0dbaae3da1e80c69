"""Groups and memberships: create, edit, archive, members with roles and dates, Swedish order."""

from __future__ import annotations

from datetime import date

import pytest

from lkoe_desktop.db.engine import Database
from lkoe_desktop.domain.errors import ConflictError, NotFoundError, ValidationError
from lkoe_desktop.services import affiliations, audit, contacts, partners
from lkoe_desktop.services.groups import (
    ENTITY,
    MEMBERSHIP,
    add_member,
    create_group,
    end_membership,
    get_group,
    list_groups,
    list_members,
    set_group_archived,
    update_group,
    update_membership,
)

TODAY = date(2026, 3, 2)


def _person(db: Database, first: str, last: str, organisation_id: int | None = None) -> int:
    """A new contact, working at `organisation_id` since 2025 if given."""
    with db.unit_of_work() as session:
        person = contacts.create_contact(session, {"first_name": first, "last_name": last}).id
        if organisation_id is not None:
            affiliations.change_job(session, person, organisation_id, start_date=date(2025, 1, 1))
        return person


def _group(db: Database, name: str) -> int:
    with db.unit_of_work() as session:
        return create_group(session, {"name": name}).id


def _member_names(db: Database, group_id: int, **options: bool) -> list[str]:
    with db.reading() as session:
        return [row.last_name for row in list_members(session, group_id, **options)]


def test_create_update_and_log_a_group(db: Database) -> None:
    with db.unit_of_work() as session:
        group = create_group(
            session, {"name": " Styrgrupp ", "description": "Projektets styrgrupp"}
        )
    assert (group.name, group.description, group.version, group.archived) == (
        "Styrgrupp",
        "Projektets styrgrupp",
        1,
        False,
    )
    with db.unit_of_work() as session:
        changed = update_group(session, group.id, {"description": None}, expected_version=1)
    assert (changed.description, changed.version) == (None, 2)
    with db.reading() as session:
        assert get_group(session, group.id) == changed
        entries = audit.history(session, ENTITY, group.id)
    assert [entry.action for entry in entries] == [audit.CREATE, audit.UPDATE]
    assert entries[1].changes == {"description": ["Projektets styrgrupp", None]}


def test_group_names_are_required_and_unique(db: Database) -> None:
    _group(db, "Nyhetsbrev")
    other = _group(db, "Referensgrupp")
    with pytest.raises(ValidationError) as caught, db.unit_of_work() as session:
        create_group(session, {"name": "NYHETSBREV"})
    assert set(caught.value.errors) == {"name"}
    with pytest.raises(ValidationError), db.unit_of_work() as session:
        update_group(session, other, {"name": "nyhetsbrev"})
    with pytest.raises(ValidationError), db.unit_of_work() as session:
        create_group(session, {"name": "  "})
    with db.reading() as session:
        assert [row.name for row in list_groups(session)] == ["Nyhetsbrev", "Referensgrupp"]


def test_a_stale_save_and_unknown_ids_are_refused(db: Database) -> None:
    group_id = _group(db, "Styrgrupp")
    with db.unit_of_work() as session:
        update_group(session, group_id, {"description": "ny"})
    with pytest.raises(ConflictError), db.unit_of_work() as session:
        update_group(session, group_id, {"description": "gammal"}, expected_version=1)
    with pytest.raises(NotFoundError, match="99"), db.reading() as session:
        get_group(session, 99)
    with pytest.raises(NotFoundError), db.reading() as session:
        list_members(session, 99)
    person = _person(db, "Anna", "Berg")
    with pytest.raises(NotFoundError), db.unit_of_work() as session:
        add_member(session, 99, person)
    with pytest.raises(NotFoundError), db.unit_of_work() as session:
        add_member(session, group_id, 99)
    with pytest.raises(NotFoundError), db.unit_of_work() as session:
        end_membership(session, 99)


def test_groups_are_listed_in_swedish_order_and_archived_ones_on_request(db: Database) -> None:
    for name in ("Östgöta nätverk", "Styrgrupp", "Ämnesgrupp", "Arbetsgrupp"):
        _group(db, name)
    with db.reading() as session:
        names = [row.name for row in list_groups(session)]
    assert names == ["Arbetsgrupp", "Styrgrupp", "Ämnesgrupp", "Östgöta nätverk"]
    with db.unit_of_work() as session:
        styrgrupp = next(row.id for row in list_groups(session) if row.name == "Styrgrupp")
        assert set_group_archived(session, styrgrupp, True).archived
    with db.reading() as session:
        assert "Styrgrupp" not in [row.name for row in list_groups(session)]
        assert len(list_groups(session, include_archived=True)) == 4
        assert audit.history(session, ENTITY, styrgrupp)[-1].action == audit.ARCHIVE


def test_members_come_in_swedish_order_with_their_current_organisation(db: Database) -> None:
    with db.unit_of_work() as session:
        hamn = partners.create_partner(session, {"name": "Norrköpings Hamn"}).id
        liu = partners.create_partner(session, {"name": "Linköpings universitet"}).id
    group = _group(db, "Styrgrupp")
    people = [
        _person(db, "Åsa", "Öberg", hamn),
        _person(db, "Erik", "Åberg"),
        _person(db, "Eva", "Ekström", liu),
        _person(db, "Anders", "Andersson", hamn),
    ]
    with db.unit_of_work() as session:
        row = add_member(session, group, people[0], role="Ordförande", since="2026-01-15")
        for person in people[1:]:
            add_member(session, group, person)
    assert (row.first_name, row.last_name, row.organisation) == ("Åsa", "Öberg", "Norrköpings Hamn")
    assert (row.role, row.since, row.until) == ("Ordförande", date(2026, 1, 15), None)
    assert _member_names(db, group) == ["Andersson", "Ekström", "Åberg", "Öberg"]
    with db.unit_of_work() as session:
        affiliations.change_job(session, people[0], liu, start_date=date(2026, 3, 1))
    with db.reading() as session:
        rows = {row.contact_id: row for row in list_members(session, group)}
        [counted] = list_groups(session)
    assert rows[people[0]].organisation == "Linköpings universitet"
    assert rows[people[1]].organisation is None
    assert counted.member_count == 4


def test_a_person_is_a_current_member_once_and_archived_people_are_refused(db: Database) -> None:
    group = _group(db, "Nyhetsbrev")
    anna = _person(db, "Anna", "Berg")
    gone = _person(db, "Olle", "Lind")
    with db.unit_of_work() as session:
        first = add_member(session, group, anna)
        contacts.set_contact_archived(session, gone, True)
    with pytest.raises(ValidationError) as caught, db.unit_of_work() as session:
        add_member(session, group, anna)
    assert "Anna Berg" in caught.value.errors["contact_id"]
    with pytest.raises(ValidationError), db.unit_of_work() as session:
        add_member(session, group, gone)
    with pytest.raises(ValidationError) as caught, db.unit_of_work() as session:
        add_member(session, group, anna, since="igår")
    assert set(caught.value.errors) == {"since"}
    with db.unit_of_work() as session:
        ended = end_membership(session, first.membership_id)
        again = add_member(session, group, anna, role="Prenumerant")
    assert ended.until == TODAY
    assert again.membership_id != first.membership_id
    with pytest.raises(ValidationError), db.unit_of_work() as session:
        update_membership(session, first.membership_id, role=None, since=None, until=None)


def test_ending_and_changing_memberships(db: Database) -> None:
    group = _group(db, "Referensgrupp")
    anna = _person(db, "Anna", "Berg")
    bo = _person(db, "Bo", "Carlsson")
    with db.unit_of_work() as session:
        membership = add_member(session, group, anna, since=date(2025, 1, 1)).membership_id
        add_member(session, group, bo)
    with pytest.raises(ValidationError) as caught, db.unit_of_work() as session:
        end_membership(session, membership, "2024-12-31")
    assert set(caught.value.errors) == {"until"}
    with db.unit_of_work() as session:
        ended = end_membership(session, membership, "2026-02-28")
    assert ended.until == date(2026, 2, 28)
    assert _member_names(db, group) == ["Carlsson"]
    assert _member_names(db, group, include_former=True) == ["Berg", "Carlsson"]
    with db.reading() as session:
        assert list_groups(session)[0].member_count == 1
    with db.unit_of_work() as session:
        changed = update_membership(
            session, membership, role="Sekreterare", since="2025-02-01", until="2026-12-31"
        )
    assert (changed.role, changed.since, changed.until) == (
        "Sekreterare",
        date(2025, 2, 1),
        date(2026, 12, 31),
    )
    assert _member_names(db, group) == ["Berg", "Carlsson"]
    with pytest.raises(ValidationError), db.unit_of_work() as session:
        update_membership(session, membership, role=None, since="2026-05-01", until="2026-04-01")
    with db.reading() as session:
        entries = audit.history(session, MEMBERSHIP, membership)
    assert [entry.action for entry in entries] == [audit.CREATE, audit.UPDATE, audit.UPDATE]
    assert entries[0].changes["since"] == [None, "2025-01-01"]
    assert entries[1].changes == {"until": [None, "2026-02-28"]}


def test_archived_members_are_left_out_unless_asked_for(db: Database) -> None:
    group = _group(db, "Nyhetsbrev")
    anna = _person(db, "Anna", "Berg")
    bo = _person(db, "Bo", "Carlsson")
    with db.unit_of_work() as session:
        add_member(session, group, anna)
        add_member(session, group, bo)
        contacts.set_contact_archived(session, bo, True)
    assert _member_names(db, group) == ["Berg"]
    assert _member_names(db, group, include_archived=True) == ["Berg", "Carlsson"]
    with db.reading() as session:
        assert list_groups(session)[0].member_count == 1


def test_the_contact_list_of_a_group_holds_the_members_its_pane_shows(db: Database) -> None:
    """A membership ending later this year is current (the pane shows it, an export takes it);
    one that has ended is not."""
    group = _group(db, "Styrgrupp")
    staying, leaving, gone = (_person(db, "Åsa", name) for name in ("Öberg", "Berg", "Ek"))
    with db.unit_of_work() as session:
        for person in (staying, leaving, gone):
            add_member(session, group, person, since=date(2025, 1, 1))
        member = {row.contact_id: row for row in list_members(session, group)}
        update_membership(
            session,
            member[leaving].membership_id,
            role=None,
            since=date(2025, 1, 1),
            until=date(2026, 12, 31),
        )
        end_membership(session, member[gone].membership_id, until=date(2026, 3, 1))
    with db.reading() as session:
        shown = {row.contact_id for row in list_members(session, group)}
        listed = contacts.list_contacts(session, contacts.ContactFilter(group_id=group))
    assert shown == {staying, leaving}
    assert {row.id for row in listed} == shown
