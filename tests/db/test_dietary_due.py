"""Dietary needs are cleared when the office's setting says so, counted from the meeting's end."""

from __future__ import annotations

from lkoe_desktop.db.engine import Database
from lkoe_desktop.db.models import Participation
from lkoe_desktop.services import contacts, meetings, office_settings
from lkoe_desktop.services.dietary import clear_due
from lkoe_desktop.services.participations import get_participant, register


def _registered_with_needs(db: Database, starts_at: str, ends_at: str | None) -> int:
    with db.unit_of_work() as session:
        meeting = meetings.create_meeting(
            session,
            {"title": "Möte", "kind": "seminar", "starts_at": starts_at, "ends_at": ends_at},
        ).id
        person = contacts.create_contact(session, {"first_name": "Åsa", "last_name": "Öberg"}).id
        return register(session, meeting, person, dietary_needs="Glutenfri").id


def _needs(db: Database, participation_id: int) -> str | None:
    with db.reading() as session:
        return get_participant(session, participation_id).dietary_needs


def _sort_key(db: Database, participation_id: int) -> str | None:
    """The stored key the participants list sorts the dietary needs by: health data too."""
    with db.reading() as session:
        record = session.get(Participation, participation_id)
        assert record is not None
        return record.dietary_needs_key


def _clear(db: Database) -> int:
    with db.unit_of_work() as session:
        return clear_due(session)


def test_cleared_30_days_after_the_meeting_by_default(db: Database) -> None:
    # The clock stands at 2026-03-02 09:00 UTC; the meeting ends 2026-03-03 11:00 UTC.
    ended = _registered_with_needs(db, "2026-03-03 09:00", "2026-03-03 12:00")
    coming = _registered_with_needs(db, "2026-04-20 09:00", None)
    assert _clear(db) == 0
    db.clock.advance(days=31)  # 2026-04-02 09:00 UTC: two hours short of 30 days after
    assert _clear(db) == 0
    db.clock.advance(hours=2, minutes=1)
    assert _clear(db) == 1
    assert _needs(db, ended) is None
    assert _sort_key(db, ended) is None
    assert _needs(db, coming) == "Glutenfri"
    assert _sort_key(db, coming) == "glutenfri"
    assert _clear(db) == 0


def test_the_office_setting_decides_how_many_days(db: Database) -> None:
    ended = _registered_with_needs(db, "2026-03-03 09:00", "2026-03-03 12:00")
    with db.unit_of_work() as session:
        office_settings.save(session, {"dietary_days": 7})
    db.clock.advance(days=8)  # 2026-03-10 09:00 UTC: two hours short of 7 days after the end
    assert _clear(db) == 0
    db.clock.advance(hours=3)
    assert _clear(db) == 1
    assert _needs(db, ended) is None


def test_zero_days_clears_as_soon_as_the_meeting_is_over(db: Database) -> None:
    without_end = _registered_with_needs(db, "2026-03-02 08:00", None)
    running = _registered_with_needs(db, "2026-03-02 09:30", "2026-03-02 15:00")
    with db.unit_of_work() as session:
        office_settings.save(session, {"dietary_days": 0})
    assert _clear(db) == 1
    assert _needs(db, without_end) is None
    assert _needs(db, running) == "Glutenfri"
