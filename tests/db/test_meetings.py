"""Meetings: times in Europe/Stockholm, validation, newest first, period and other filters."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from lkoe_desktop.db.engine import Database
from lkoe_desktop.db.models import Meeting
from lkoe_desktop.domain.clock import STOCKHOLM
from lkoe_desktop.domain.errors import ConflictError, NotFoundError, ValidationError
from lkoe_desktop.services import audit, contacts, participations, themes
from lkoe_desktop.services.meetings import (
    ENTITY,
    MeetingFilter,
    count_meetings,
    create_meeting,
    get_meeting,
    list_meetings,
    set_meeting_archived,
    update_meeting,
)


def _meeting(db: Database, title: str, starts_at: object, **values: object) -> int:
    with db.unit_of_work() as session:
        return create_meeting(
            session, {"title": title, "kind": "seminar", "starts_at": starts_at, **values}
        ).id


def _titles(db: Database, where: MeetingFilter | None = None) -> list[str]:
    with db.reading() as session:
        return [row.title for row in list_meetings(session, where)]


def test_create_reads_times_without_offset_as_stockholm_time(db: Database) -> None:
    with db.unit_of_work() as session:
        meeting = create_meeting(
            session,
            {
                "title": "Frukostseminarium om bygglogistik",
                "kind": "seminar",
                "starts_at": "2026-03-31 23:30",
                "ends_at": datetime(2026, 4, 1, 1, 0),
                "place": "Norrköpings Hamn",
                "online_url": "teams.example.se/möte",
                "capacity": "40",
                "organiser": "LKÖ",
            },
        )
    assert meeting.starts_at == datetime(2026, 3, 31, 21, 30, tzinfo=UTC)
    assert meeting.starts_at.utcoffset() == timedelta(hours=2)
    assert meeting.ends_at == datetime(2026, 3, 31, 23, 0, tzinfo=UTC)
    assert (meeting.status, meeting.capacity, meeting.version) == ("planned", 40, 1)
    assert meeting.online_url == "https://teams.example.se/möte"
    assert meeting.theme_ids == ()
    with db.reading() as session:
        assert get_meeting(session, meeting.id) == meeting
        [entry] = audit.history(session, ENTITY, meeting.id)
    assert entry.action == audit.CREATE
    assert entry.changes["starts_at"] == [None, "2026-03-31T23:30:00+02:00"]


def test_aware_times_and_iso_strings_with_an_offset_are_kept(db: Database) -> None:
    with db.unit_of_work() as session:
        aware = create_meeting(
            session,
            {
                "title": "Webbinarium",
                "kind": "webinar",
                "starts_at": datetime(2026, 1, 15, 8, 0, tzinfo=UTC),
                "ends_at": "2026-01-15T10:00:00+01:00",
            },
        )
    assert aware.starts_at == datetime(2026, 1, 15, 8, 0, tzinfo=UTC)
    assert aware.starts_at.tzinfo == STOCKHOLM
    assert aware.ends_at == datetime(2026, 1, 15, 9, 0, tzinfo=UTC)


def test_invalid_and_missing_values_are_named_field_by_field(db: Database) -> None:
    with pytest.raises(ValidationError) as caught, db.unit_of_work() as session:
        create_meeting(session, {"place": "Linköping"})
    assert set(caught.value.errors) == {"title", "kind", "starts_at"}
    with pytest.raises(ValidationError) as caught, db.unit_of_work() as session:
        create_meeting(
            session,
            {
                "title": "x" * 201,
                "kind": "fika",
                "status": "maybe",
                "starts_at": "i morgon",
                "capacity": 0,
                "online_url": "ftp://example.se",
                "description": "y" * 10_001,
            },
        )
    assert set(caught.value.errors) == {
        "title",
        "kind",
        "status",
        "starts_at",
        "capacity",
        "online_url",
        "description",
    }
    for capacity in ("många", -3, 2.5, True):
        with pytest.raises(ValidationError), db.unit_of_work() as session:
            create_meeting(
                session,
                {
                    "title": "T",
                    "kind": "other",
                    "starts_at": "2026-05-01 09:00",
                    "capacity": capacity,
                },
            )
    with db.reading() as session:
        assert count_meetings(session, MeetingFilter(include_archived=True)) == 0


def test_a_save_that_lands_between_reading_and_writing_is_a_conflict(db: Database) -> None:
    meeting_id = _meeting(db, "Workshop", "2026-05-01 13:00")
    with db.unit_of_work() as mine:
        read = mine.get(Meeting, meeting_id)  # as the service reads it, before it writes
        assert read is not None and read.version == 1
        with db.unit_of_work() as theirs:
            update_meeting(theirs, meeting_id, {"place": "Hamnen"}, expected_version=1)
        with pytest.raises(ConflictError):
            update_meeting(mine, meeting_id, {"place": "Kajen"}, expected_version=1)
        mine.rollback()
    with db.reading() as session:
        assert get_meeting(session, meeting_id).place == "Hamnen"


def test_a_change_of_themes_alone_is_a_new_version(db: Database) -> None:
    """Even when the clock shows the time of the last save (it stands still in tests)."""
    with db.unit_of_work() as session:
        theme = themes.create_theme(session, {"name": "E-handel"}).id
    meeting_id = _meeting(db, "Workshop", "2026-05-01 13:00")
    with db.unit_of_work() as session:
        changed = update_meeting(session, meeting_id, {"theme_ids": [theme]}, expected_version=1)
    assert changed.version == 2
    with pytest.raises(ConflictError), db.unit_of_work() as session:
        update_meeting(session, meeting_id, {"theme_ids": []}, expected_version=1)


def test_a_meeting_cannot_end_before_it_starts(db: Database) -> None:
    with pytest.raises(ValidationError) as caught, db.unit_of_work() as session:
        create_meeting(
            session,
            {
                "title": "Workshop",
                "kind": "workshop",
                "starts_at": "2026-05-01 13:00",
                "ends_at": "2026-05-01 12:00",
            },
        )
    assert set(caught.value.errors) == {"ends_at"}
    meeting_id = _meeting(db, "Workshop", "2026-05-01 13:00", ends_at="2026-05-01 16:00")
    with pytest.raises(ValidationError), db.unit_of_work() as session:
        update_meeting(session, meeting_id, {"starts_at": "2026-05-01 17:00"})
    with pytest.raises(ValidationError) as caught, db.unit_of_work() as session:
        update_meeting(session, meeting_id, {"starts_at": None})
    assert set(caught.value.errors) == {"starts_at"}


def test_update_themes_versions_and_the_change_log(db: Database) -> None:
    with db.unit_of_work() as session:
        bygg = themes.create_theme(session, {"name": "Bygglogistik"}).id
        vard = themes.create_theme(session, {"name": "Vårdens logistik"}).id
    meeting_id = _meeting(db, "Nätverksträff", "2026-04-10 09:00", theme_ids=[bygg])
    with db.unit_of_work() as session:
        meeting = update_meeting(
            session,
            meeting_id,
            {"theme_ids": [vard, bygg], "status": "open", "kind": "network_meeting"},
            expected_version=1,
        )
    assert (meeting.theme_ids, meeting.status, meeting.kind) == (
        tuple(sorted((bygg, vard))),
        "open",
        "network_meeting",
    )
    assert meeting.version == 2
    with pytest.raises(ConflictError), db.unit_of_work() as session:
        update_meeting(session, meeting_id, {"status": "held"}, expected_version=1)
    with pytest.raises(NotFoundError), db.unit_of_work() as session:
        update_meeting(session, meeting_id, {"theme_ids": [9999]})
    with db.reading() as session:
        assert get_meeting(session, meeting_id).status == "open"
        entries = audit.history(session, ENTITY, meeting_id)
    assert [entry.action for entry in entries] == [audit.CREATE, audit.UPDATE]
    assert entries[1].changes["theme_ids"] == [[bygg], sorted((bygg, vard))]
    assert entries[1].changes["status"] == ["planned", "open"]


def test_unknown_meetings_are_named(db: Database) -> None:
    with pytest.raises(NotFoundError, match="77"), db.reading() as session:
        get_meeting(session, 77)
    with pytest.raises(NotFoundError), db.unit_of_work() as session:
        set_meeting_archived(session, 77, True)


def test_meetings_are_listed_newest_first_and_archived_ones_on_request(db: Database) -> None:
    _meeting(db, "Januari", "2026-01-20 10:00")
    _meeting(db, "Mars", "2026-03-10 10:00")
    _meeting(db, "Februari A", "2026-02-05 10:00")
    _meeting(db, "Februari B", "2026-02-05 10:00")
    april = _meeting(db, "April", "2026-04-01 00:00")
    assert _titles(db) == ["April", "Mars", "Februari B", "Februari A", "Januari"]
    with db.unit_of_work() as session:
        assert set_meeting_archived(session, april, True).archived
    assert _titles(db)[0] == "Mars"
    assert _titles(db, MeetingFilter(include_archived=True))[0] == "April"
    with db.reading() as session:
        page = list_meetings(session, limit=2, offset=1)
        assert [row.title for row in page] == ["Februari B", "Februari A"]
        assert count_meetings(session) == 4
        assert audit.history(session, ENTITY, april)[-1].action == audit.ARCHIVE


def test_the_period_filter_takes_stockholm_dates_inclusive_at_both_ends(db: Database) -> None:
    _meeting(db, "Sista februari", "2026-02-28 23:59")
    _meeting(db, "Första mars", "2026-03-01 00:00")
    _meeting(db, "Sista mars", "2026-03-31 23:30")
    _meeting(db, "Första april", "2026-04-01 00:00")
    march = MeetingFilter(starts_from=date(2026, 3, 1), starts_until=date(2026, 3, 31))
    assert _titles(db, march) == ["Sista mars", "Första mars"]
    assert _titles(db, MeetingFilter(starts_from=date(2026, 4, 1))) == ["Första april"]
    assert _titles(db, MeetingFilter(starts_until=date(2026, 2, 28))) == ["Sista februari"]
    with db.reading() as session:
        assert count_meetings(session, march) == 2


def test_kind_status_theme_and_search_filters(db: Database) -> None:
    with db.unit_of_work() as session:
        bygg = themes.create_theme(session, {"name": "Bygglogistik"}).id
    _meeting(db, "Studiebesök i Östergötland", "2026-02-01 10:00", kind="study_visit")
    _meeting(db, "Styrgruppsmöte", "2026-02-02 10:00", kind="steering_group", status="held")
    _meeting(db, "Byggseminarium", "2026-02-03 10:00", theme_ids=[bygg], place="Åtvidaberg")
    assert _titles(db, MeetingFilter(kind="study_visit")) == ["Studiebesök i Östergötland"]
    assert _titles(db, MeetingFilter(status="held")) == ["Styrgruppsmöte"]
    assert _titles(db, MeetingFilter(theme_id=bygg)) == ["Byggseminarium"]
    assert _titles(db, MeetingFilter(search="ÖSTERGÖT")) == ["Studiebesök i Östergötland"]
    assert _titles(db, MeetingFilter(search="åtvid")) == ["Byggseminarium"]
    with db.reading() as session:
        assert count_meetings(session, MeetingFilter(search="s")) == 3


def test_rows_count_registered_and_attended_people(db: Database) -> None:
    busy = _meeting(db, "Konferens", "2026-05-05 09:00", capacity=100)
    _meeting(db, "Tom", "2026-05-06 09:00")
    with db.unit_of_work() as session:
        people = [
            contacts.create_contact(session, {"first_name": "P", "last_name": str(n)}).id
            for n in range(5)
        ]
        rows = participations.invite(session, busy, people)
        by_contact = {row.contact_id: row.id for row in rows}
        participations.register(session, busy, people[0])
        participations.register(session, busy, people[1])
        participations.set_status(session, by_contact[people[2]], "attended")
        participations.set_status(session, by_contact[people[3]], "cancelled")
    with db.reading() as session:
        counted = {row.title: row for row in list_meetings(session)}
    assert (counted["Konferens"].registered_count, counted["Konferens"].attended_count) == (3, 1)
    assert (counted["Tom"].registered_count, counted["Tom"].attended_count) == (0, 0)
    assert counted["Konferens"].capacity == 100
    assert counted["Konferens"].starts_at.tzinfo == STOCKHOLM


def test_an_unknown_theme_leaves_no_meeting_behind_even_if_the_caller_goes_on(
    db: Database,
) -> None:
    values = {"title": "Seminarium", "kind": "seminar", "starts_at": "2026-04-02 08:00"}
    # The error is caught inside the transaction, which then commits: as an import with
    # --skip-invalid carries on after a bad row.
    with db.unit_of_work() as session, pytest.raises(NotFoundError):
        create_meeting(session, values | {"theme_ids": [999]})
    with db.reading() as session:
        assert count_meetings(session) == 0
