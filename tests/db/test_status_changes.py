"""A status change for many participants at once, undone without touching later work."""

from __future__ import annotations

from lkoe_desktop.db.engine import Database
from lkoe_desktop.services import audit, contacts, meetings, participations
from lkoe_desktop.services.status_changes import (
    StatusUndo,
    change_statuses,
    undo_status_change,
)


def _meeting(db: Database) -> dict[str, int]:
    """Participations by last name: invited, registered, attended."""
    with db.unit_of_work() as session:
        meeting = meetings.create_meeting(
            session, {"title": "Seminarium", "kind": "seminar", "starts_at": "2026-04-01 09:00"}
        ).id
        ids = {}
        for last, status in (("Ek", "invited"), ("Fors", "registered"), ("Holm", "attended")):
            person = contacts.create_contact(session, {"first_name": "Per", "last_name": last})
            row = participations.register(session, meeting, person.id)
            ids[last] = participations.set_status(session, row.id, status).id
    return ids


def _state(db: Database, participation_id: int) -> participations.ParticipantRow:
    with db.reading() as session:
        return participations.get_participant(session, participation_id)


def test_undo_puts_back_each_status_and_check_in_time(db: Database) -> None:
    ids = _meeting(db)
    checked_in = _state(db, ids["Holm"]).checked_in_at
    with db.unit_of_work() as session:
        change = change_statuses(session, ids.values(), "registered")
    assert sorted(before.status for before in change.changed) == ["attended", "invited"]
    assert _state(db, ids["Holm"]).checked_in_at is None
    with db.unit_of_work() as session:
        assert undo_status_change(session, change) == StatusUndo(2, [], 0)
    assert _state(db, ids["Ek"]).status == "invited"
    assert _state(db, ids["Fors"]).status == "registered"
    holm = _state(db, ids["Holm"])
    assert (holm.status, holm.checked_in_at) == ("attended", checked_in)
    with db.reading() as session:
        assert audit.history(session, participations.ENTITY, ids["Ek"])[-1].action == "update"


def test_later_changes_are_kept_and_removed_people_counted(
    db: Database, colleague_db: Database
) -> None:
    ids = _meeting(db)
    with db.unit_of_work() as session:
        change = change_statuses(session, [ids["Ek"], ids["Fors"]], "cancelled")
    with colleague_db.unit_of_work() as session:
        participations.set_role(session, ids["Ek"], "speaker")
    with db.unit_of_work() as session:
        participations.remove(session, ids["Fors"])
    with db.unit_of_work() as session:
        assert undo_status_change(session, change) == StatusUndo(0, ["Per Ek"], 1)
    assert _state(db, ids["Ek"]).status == "cancelled"
