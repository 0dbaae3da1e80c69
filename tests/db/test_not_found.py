"""An unknown id: the window's message says what has gone, the command line's names the id."""

from __future__ import annotations

import pytest

from lkoe_desktop.db.engine import Database
from lkoe_desktop.domain import i18n
from lkoe_desktop.domain.errors import NotFoundError, ValidationError
from lkoe_desktop.services import contacts, meetings, participations, themes


def test_the_window_message_has_no_id_the_command_line_message_has(db: Database) -> None:
    with db.reading() as session, pytest.raises(NotFoundError) as raised:
        meetings.get_meeting(session, 4711)
    error = raised.value
    assert error.message == "Mötet finns inte längre (det kan ha tagits bort av någon annan)."
    assert error.cli_message == str(error) == "Möte 4711 finns inte."


def test_each_kind_of_record_is_named(db: Database) -> None:
    with db.unit_of_work() as session:
        meeting = meetings.create_meeting(
            session,
            {"title": "Frukostseminarium", "kind": "seminar", "starts_at": "2026-04-14 08:00"},
        ).id
    with pytest.raises(NotFoundError) as contact, db.unit_of_work() as session:
        participations.register(session, meeting, 4712)
    with pytest.raises(NotFoundError) as participant, db.unit_of_work() as session:
        participations.set_statuses(session, [4713, 4714], "attended")
    assert contact.value.message.startswith("Kontakten finns inte längre")
    assert participant.value.message.startswith("Personen finns inte längre på mötets")
    assert participant.value.cli_message == "Deltagande 4713 finns inte."


def test_in_english_too(db: Database) -> None:
    i18n.set_language("en")
    with db.reading() as session, pytest.raises(NotFoundError) as raised:
        contacts.get_contact(session, 4715)
    assert raised.value.message == (
        "The contact no longer exists (someone else may have deleted it)."
    )
    assert raised.value.cli_message == "Contact 4715 does not exist."


def test_a_responsible_person_deleted_meanwhile_is_told_at_the_field(db: Database) -> None:
    with pytest.raises(ValidationError) as raised, db.unit_of_work() as session:
        themes.create_theme(session, {"name": "Bygglogistik", "responsible_id": 4716})
    assert raised.value.errors == {
        "responsible_id": "Kontakten finns inte längre (den kan ha tagits bort av någon annan)."
    }
