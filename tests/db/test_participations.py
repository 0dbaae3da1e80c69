"""Participations: invite, register, check in, represented organisation, dietary needs."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from lkoe_desktop.db.engine import Database
from lkoe_desktop.db.models import ChangeLogEntry, Participation
from lkoe_desktop.domain.codes import ParticipationStatus
from lkoe_desktop.domain.errors import ConflictError, NotFoundError, ValidationError
from lkoe_desktop.services import affiliations, audit, contacts, meetings, partners
from lkoe_desktop.services.dietary import CLEARED, clear_dietary_needs
from lkoe_desktop.services.door_search import door_search
from lkoe_desktop.services.participations import (
    ENTITY,
    capacity_left,
    count_participants,
    get_participant,
    invite,
    list_participants,
    register,
    remove,
    set_represented_organisation,
    set_role,
    set_status,
    set_statuses,
    status_counts,
    update_participation,
)


def _partner(db: Database, name: str) -> int:
    with db.unit_of_work() as session:
        return partners.create_partner(session, {"name": name}).id


def _person(db: Database, first: str, last: str, organisation_id: int | None = None) -> int:
    """A new contact, working at `organisation_id` since 2025 if given."""
    with db.unit_of_work() as session:
        person = contacts.create_contact(session, {"first_name": first, "last_name": last}).id
        if organisation_id is not None:
            affiliations.change_job(session, person, organisation_id, start_date=date(2025, 1, 1))
        return person


def _meeting(db: Database, starts_at: str = "2026-04-01 09:00", **values: object) -> int:
    with db.unit_of_work() as session:
        return meetings.create_meeting(
            session, {"title": "Seminarium", "kind": "seminar", "starts_at": starts_at, **values}
        ).id


def _statuses(db: Database, meeting_id: int) -> dict[int, str]:
    with db.reading() as session:
        return {row.contact_id: row.status for row in list_participants(session, meeting_id)}


def test_invite_takes_the_current_organisation_and_never_duplicates(db: Database) -> None:
    hamn = _partner(db, "Norrköpings Hamn")
    anna = _person(db, "Anna", "Berg", hamn)
    bo = _person(db, "Bo", "Carlsson")
    meeting = _meeting(db)
    with db.unit_of_work() as session:
        rows = invite(session, meeting, [bo, anna, anna])
    assert [(row.last_name, row.organisation, row.status, row.role) for row in rows] == [
        ("Berg", "Norrköpings Hamn", "invited", "participant"),
        ("Carlsson", None, "invited", "participant"),
    ]
    assert rows[0].organisation_id == hamn
    cecilia = _person(db, "Cecilia", "Dahl")
    with db.unit_of_work() as session:
        again = invite(session, meeting, [anna, bo, cecilia])
    assert [row.contact_id for row in again] == [cecilia]
    with db.reading() as session:
        assert count_participants(session, meeting) == 3
        entry = audit.history(session, ENTITY, rows[0].id)[0]
    assert entry.action == audit.CREATE
    assert entry.changes["organisation_id"] == [None, hamn]
    assert entry.changes["status"] == [None, "invited"]


def test_a_failed_invitation_adds_nobody(db: Database) -> None:
    anna = _person(db, "Anna", "Berg")
    gone = _person(db, "Olle", "Lind")
    meeting = _meeting(db)
    with db.unit_of_work() as session:
        contacts.set_contact_archived(session, gone, True)
    with pytest.raises(NotFoundError, match="4040"), db.unit_of_work() as session:
        invite(session, meeting, [anna, 4040])
    with pytest.raises(ValidationError) as caught, db.unit_of_work() as session:
        invite(session, meeting, [anna, gone])
    assert "Olle Lind" in caught.value.errors["contact_id"]
    with pytest.raises(NotFoundError), db.unit_of_work() as session:
        invite(session, 999, [anna])
    with db.reading() as session:
        assert count_participants(session) == 0
        assert (
            session.scalars(select(ChangeLogEntry).where(ChangeLogEntry.entity == ENTITY)).all()
            == []
        )


def test_the_represented_organisation_is_kept_after_a_change_of_job(db: Database) -> None:
    hamn = _partner(db, "Norrköpings Hamn")
    liu = _partner(db, "Linköpings universitet")
    anna = _person(db, "Anna", "Berg", hamn)
    before = _meeting(db, "2026-02-10 09:00")
    after = _meeting(db, "2026-04-10 09:00")
    latest = _meeting(db, "2026-05-10 09:00")
    with db.unit_of_work() as session:
        invited = invite(session, before, [anna])[0]
        registered = register(session, after, anna, dietary_needs="Vegetarisk")
    assert (invited.organisation, registered.organisation) == ("Norrköpings Hamn",) * 2
    with db.unit_of_work() as session:
        affiliations.change_job(session, anna, liu, start_date=date(2026, 3, 1))
        set_status(session, invited.id, "attended")
        moved = register(session, after, anna, role="speaker")
        later = register(session, latest, anna)
    assert moved.id == registered.id
    assert (moved.organisation_id, moved.role, moved.dietary_needs) == (
        hamn,
        "speaker",
        "Vegetarisk",
    )
    assert later.organisation_id == liu
    with db.reading() as session:
        assert get_participant(session, invited.id).organisation == "Norrköpings Hamn"


def test_register_creates_or_moves_and_may_name_the_organisation(db: Database) -> None:
    hamn = _partner(db, "Norrköpings Hamn")
    kommun = _partner(db, "Norrköpings kommun")
    anna = _person(db, "Anna", "Berg", hamn)
    meeting = _meeting(db)
    with db.unit_of_work() as session:
        invited = invite(session, meeting, [anna])[0]
        moved = register(session, meeting, anna, note="Kommer sent", organisation_id=kommun)
    assert moved.id == invited.id
    assert (moved.status, moved.organisation, moved.note) == (
        "registered",
        "Norrköpings kommun",
        "Kommer sent",
    )
    with db.unit_of_work() as session:
        set_status(session, moved.id, "attended")
        again = register(session, meeting, anna, role="speaker")
    assert (again.status, again.role, again.checked_in_at) == (
        "attended",
        "speaker",
        db.clock.now(),
    )
    with pytest.raises(ValidationError) as caught, db.unit_of_work() as session:
        register(session, meeting, anna, role="chef")
    assert set(caught.value.errors) == {"role"}
    with pytest.raises(NotFoundError), db.unit_of_work() as session:
        register(session, meeting, anna, organisation_id=555)
    with pytest.raises(NotFoundError), db.unit_of_work() as session:
        register(session, meeting, 555)


def test_attended_stamps_the_check_in_time_and_leaving_attended_clears_it(db: Database) -> None:
    meeting = _meeting(db)
    anna = _person(db, "Anna", "Berg")
    with db.unit_of_work() as session:
        row = register(session, meeting, anna)
    arrived = db.clock.now() + timedelta(minutes=5)
    db.clock.set(arrived)
    with db.unit_of_work() as session:
        checked = set_status(session, row.id, "attended", expected_version=1)
    assert checked.checked_in_at == arrived
    with db.unit_of_work() as session:
        assert set_status(session, row.id, "attended").checked_in_at == arrived  # stays
    db.clock.advance(hours=1)
    with db.unit_of_work() as session:
        assert set_status(session, row.id, "no_show").checked_in_at is None
        assert set_status(session, row.id, "attended").checked_in_at == db.clock.now()
        assert set_status(session, row.id, "registered").checked_in_at is None
    with pytest.raises(ConflictError), db.unit_of_work() as session:
        set_status(session, row.id, "cancelled", expected_version=2)
    with pytest.raises(ValidationError), db.unit_of_work() as session:
        set_status(session, row.id, "kanske")
    with pytest.raises(NotFoundError), db.unit_of_work() as session:
        set_status(session, 999, "attended")


def test_a_save_that_lands_between_reading_and_writing_is_a_conflict(db: Database) -> None:
    meeting = _meeting(db)
    with db.unit_of_work() as session:
        row = register(session, meeting, _person(db, "Eva", "Ek"))
    with db.unit_of_work() as mine:
        read = mine.get(Participation, row.id)  # as the service reads it, before it writes
        assert read is not None and read.version == 1
        with db.unit_of_work() as theirs:
            update_participation(theirs, row.id, {"note": "Kommer sent"}, expected_version=1)
        with pytest.raises(ConflictError):
            update_participation(mine, row.id, {"note": "Går tidigt"}, expected_version=1)
        mine.rollback()
    with db.reading() as session:
        assert get_participant(session, row.id).note == "Kommer sent"


def test_bulk_status_change(db: Database) -> None:
    meeting = _meeting(db)
    people = [_person(db, "P", name) for name in ("Öst", "Berg", "Åkesson")]
    with db.unit_of_work() as session:
        rows = invite(session, meeting, people)
        changed = set_statuses(session, [row.id for row in rows], "registered")
    assert [row.last_name for row in changed] == ["Berg", "Åkesson", "Öst"]
    assert {row.status for row in changed} == {"registered"}
    with pytest.raises(NotFoundError), db.unit_of_work() as session:
        set_statuses(session, [rows[0].id, 999], "attended")
    with pytest.raises(ValidationError), db.unit_of_work() as session:
        set_statuses(session, [rows[0].id], "borta")
    assert set(_statuses(db, meeting).values()) == {"registered"}
    with db.unit_of_work() as session:
        attended = set_statuses(session, [rows[0].id, rows[2].id], "attended")
    assert all(row.checked_in_at == db.clock.now() for row in attended)
    with db.reading() as session:
        assert len(audit.history(session, ENTITY, rows[0].id)) == 3


def test_role_organisation_and_other_edits(db: Database) -> None:
    hamn = _partner(db, "Norrköpings Hamn")
    meeting = _meeting(db)
    anna = _person(db, "Anna", "Berg", hamn)
    with db.unit_of_work() as session:
        row = register(session, meeting, anna)
        assert set_role(session, row.id, "moderator").role == "moderator"
        assert set_represented_organisation(session, row.id, None).organisation is None
        assert set_represented_organisation(session, row.id, hamn).organisation_id == hamn
        edited = update_participation(
            session, row.id, {"note": "Talar 10.15", "dietary_needs": "Glutenfri"}
        )
    assert (edited.note, edited.dietary_needs) == ("Talar 10.15", "Glutenfri")
    with pytest.raises(NotFoundError), db.unit_of_work() as session:
        set_represented_organisation(session, row.id, 9999)
    with pytest.raises(ValidationError), db.unit_of_work() as session:
        update_participation(session, row.id, {"role": None})
    with pytest.raises(ValueError), db.unit_of_work() as session:
        update_participation(session, row.id, {"contact_id": 1})


def test_remove_takes_a_person_off_the_list(db: Database) -> None:
    meeting = _meeting(db)
    anna = _person(db, "Anna", "Berg")
    with db.unit_of_work() as session:
        row = invite(session, meeting, [anna])[0]
        remove(session, row.id)
    with db.reading() as session:
        assert list_participants(session, meeting) == []
        assert audit.history(session, ENTITY, row.id)[-1].action == audit.DELETE
    with pytest.raises(NotFoundError), db.unit_of_work() as session:
        remove(session, row.id)
    with db.unit_of_work() as session:
        assert invite(session, meeting, [anna])[0].status == "invited"


def test_lists_come_in_swedish_order_and_filter_by_status_and_search(db: Database) -> None:
    hamn = _partner(db, "Östgöta Hamn")
    meeting = _meeting(db)
    other = _meeting(db, "2026-05-01 09:00")
    names = [("Åsa", "Öberg"), ("Erik", "Åberg"), ("Eva", "Ekström"), ("Anders", "Andersson")]
    people = [_person(db, first, last) for first, last in names]
    with db.unit_of_work() as session:
        affiliations.change_job(session, people[2], hamn, start_date=date(2025, 1, 1))
        rows = invite(session, meeting, people)
        set_status(session, rows[1].id, "cancelled")
        invite(session, other, [people[0]])
    with db.reading() as session:
        ordered = [row.last_name for row in list_participants(session, meeting)]
        everyone = list_participants(session)
        kept = list_participants(session, meeting, statuses=["invited", "registered"])
        by_org = list_participants(session, meeting, search="ÖSTGÖTA")
        by_name = list_participants(session, meeting, search="berg")
        page = list_participants(session, meeting, limit=2, offset=1)
        assert count_participants(session, meeting, statuses=["cancelled"]) == 1
        assert count_participants(session, search="öberg") == 2
        with pytest.raises(NotFoundError):
            list_participants(session, 999)
    assert ordered == ["Andersson", "Ekström", "Åberg", "Öberg"]
    assert len(everyone) == 5
    assert [row.last_name for row in kept] == ["Andersson", "Åberg", "Öberg"]
    assert [row.last_name for row in by_org] == ["Ekström"]
    assert [row.last_name for row in by_name] == ["Åberg", "Öberg"]
    assert [row.last_name for row in page] == ["Ekström", "Åberg"]


def test_capacity_left_counts_registered_and_attended_people(db: Database) -> None:
    meeting = _meeting(db, capacity=4)
    open_ended = _meeting(db)
    people = [_person(db, "P", str(n)) for n in range(5)]
    with db.unit_of_work() as session:
        rows = invite(session, meeting, people)
        assert capacity_left(session, meeting) == 4
        set_statuses(session, [rows[0].id, rows[1].id], "registered")
        set_status(session, rows[2].id, "attended")
        set_status(session, rows[3].id, "no_show")
        assert capacity_left(session, meeting) == 1
        set_statuses(session, [rows[3].id, rows[4].id], "registered")
        assert capacity_left(session, meeting) == -1
        assert capacity_left(session, open_ended) is None
        with pytest.raises(NotFoundError):
            capacity_left(session, 999)


def test_dietary_needs_are_cleared_after_the_meeting_and_never_logged(db: Database) -> None:
    ended = _meeting(db, "2026-03-05 09:00", ends_at="2026-03-06 16:00")
    no_end = _meeting(db, "2026-03-10 09:00")
    coming = _meeting(db, "2026-06-01 09:00")
    people = [_person(db, "P", name) for name in ("A", "B", "C", "D")]
    with db.unit_of_work() as session:
        first = register(session, ended, people[0], dietary_needs="Nötallergi")
        register(session, ended, people[1])
        second = register(session, no_end, people[2], dietary_needs="Laktosfri")
        register(session, coming, people[3], dietary_needs="Vegan")
        assert clear_dietary_needs(session) == 0
    db.clock.set(db.clock.now().replace(month=4, day=5))
    with db.unit_of_work() as session:
        assert clear_dietary_needs(session) == 0
    db.clock.advance(days=1, hours=1)
    with db.unit_of_work() as session:
        assert clear_dietary_needs(session) == 1
        assert get_participant(session, first.id).dietary_needs is None
        assert get_participant(session, second.id).dietary_needs == "Laktosfri"
        assert clear_dietary_needs(session, days_after=0) == 1
        assert clear_dietary_needs(session, days_after=0) == 0
    with db.reading() as session:
        entries = audit.history(session, ENTITY, first.id)
        logged = " ".join(session.scalars(select(ChangeLogEntry.changes)))
    assert entries[-1].changes == {"dietary_needs": [CLEARED, None]}
    for secret in ("Nötallergi", "Laktosfri", "Vegan"):
        assert secret not in logged


def test_status_counts_give_every_status_in_one_look(db: Database) -> None:
    with db.unit_of_work() as session:
        meeting = meetings.create_meeting(
            session,
            {"title": "Nätverksträff", "kind": "network_meeting", "starts_at": "2026-05-05 09:00"},
        ).id
    people = [_person(db, "Eva", f"Ek{number}") for number in range(4)]
    with db.unit_of_work() as session:
        invite(session, meeting, people[:2])
        set_status(session, register(session, meeting, people[2]).id, "attended")
        register(session, meeting, people[3])
    with db.reading() as session:
        counts = status_counts(session, meeting)
    assert counts == {
        ParticipationStatus.INVITED: 2,
        ParticipationStatus.REGISTERED: 1,
        ParticipationStatus.ATTENDED: 1,
        ParticipationStatus.NO_SHOW: 0,
        ParticipationStatus.CANCELLED: 0,
    }


def test_the_door_search_finds_names_and_the_represented_organisation_only(db: Database) -> None:
    with db.unit_of_work() as session:
        livs = partners.create_partner(
            session, {"name": "Arvidssons Livs AB", "municipality": "Åtvidaberg"}
        ).id
    region = _partner(db, "Region Östergötland")
    gustav = _person(db, "Gustav", "Andrén", livs)
    asa = _person(db, "Åsa", "Bergström", region)
    meeting = _meeting(db)
    with db.unit_of_work() as session:
        contacts.update_contact(session, gustav, {"email": "gustav.andren@atvidaberg-livs.se"})
        for person in (gustav, asa):
            register(session, meeting, person, note="Åtvidaberg")
    bygg = _partner(db, "Bergslagens Bygg AB")  # Gustav's next job, after the meeting's list
    with db.unit_of_work() as session:
        affiliations.change_job(session, gustav, bygg, start_date=date(2026, 3, 1))
    with db.reading() as session:
        listed = list_participants(session, meeting)
    assert [row.last_name for row in door_search(listed, "berg")] == ["Bergström"]
    assert [row.last_name for row in door_search(listed, "ARVIDSSONS")] == ["Andrén"]
    assert [row.last_name for row in door_search(listed, "bergslagen")] == []
