"""What goes out about a meeting: its calendar file, the caterer's summary, and dietary needs
cleared on their own once the meeting is long enough past."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot
from window_fakes import RecordingPrompts

from lkoe_desktop.db.engine import Database
from lkoe_desktop.db.migrate import open_database
from lkoe_desktop.services import participations
from lkoe_desktop.services.contacts import create_contact
from lkoe_desktop.services.meetings import create_meeting
from lkoe_desktop.ui.context import AppContext
from lkoe_desktop.ui.dialogs.meeting_files import CateringDialog, file_name, save_calendar_file
from lkoe_desktop.ui.dialogs.participants_panel import ParticipantsPanel
from lkoe_desktop.ui.main_window import MainWindow
from lkoe_desktop.ui.start_up import Starter


@pytest.fixture
def prompts(tmp_path: Path) -> RecordingPrompts:
    return RecordingPrompts(save_to=tmp_path / "möte.ics")


def _meeting(database: Database, starts_at: str = "2026-04-02 08:00") -> int:
    with database.unit_of_work() as session:
        meeting = create_meeting(
            session,
            {
                "title": "Frukost: Hamnen, Norrköping",
                "kind": "seminar",
                "starts_at": starts_at,
                "place": "Kajen",
            },
        ).id
        for number, needs in enumerate(("Vegetarisk", "vegetarisk ", "Glutenfri", None)):
            person = create_contact(session, {"first_name": "Eva", "last_name": f"Ek{number}"}).id
            row = participations.register(session, meeting, person)
            participations.update_participation(session, row.id, {"dietary_needs": needs})
    return meeting


def test_the_calendar_file_is_saved_where_asked(
    qtbot: QtBot, context: AppContext, prompts: RecordingPrompts
) -> None:
    meeting = _meeting(context.database)
    panel = ParticipantsPanel(context, meeting)
    qtbot.addWidget(panel)
    panel.calendar_action.trigger()
    assert prompts.asked[-1] == "Frukost - Hamnen, Norrköping 2026-04-02.ics"
    assert prompts.save_to is not None
    data = prompts.save_to.read_bytes()
    assert data.startswith(b"BEGIN:VCALENDAR\r\n")
    assert b"DTSTART;TZID=Europe/Stockholm:20260402T080000" in data
    assert not list(prompts.save_to.parent.glob(".*.part"))


def test_a_calendar_file_that_cannot_be_written_is_told(
    context: AppContext, prompts: RecordingPrompts, tmp_path: Path
) -> None:
    prompts.save_to = tmp_path / "finns-inte" / "möte.ics"
    assert save_calendar_file(context, _meeting(context.database), None) is None
    assert "möte.ics" in prompts.errors[-1]


def test_file_names_are_safe_everywhere() -> None:
    assert file_name('Möte: "A/B"  test', "2026-04-02", ".ics") == "Möte - A-B test 2026-04-02.ics"


def test_the_caterer_gets_counts_and_no_names(qtbot: QtBot, context: AppContext) -> None:
    dialog = CateringDialog(context, _meeting(context.database))
    qtbot.addWidget(dialog)
    text = dialog.text.toPlainText()
    assert "Frukost: Hamnen, Norrköping" in text
    assert "Glutenfri" in text and "Ek0" not in text
    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == text


def test_dietary_needs_are_cleared_at_start_once_the_meeting_is_past(
    qtbot: QtBot, tmp_path: Path, sqlite_template: Path
) -> None:
    path = tmp_path / "kansliet.sqlite3"
    shutil.copy(sqlite_template, path)
    url = f"sqlite:///{path}"
    database = open_database(url)
    long_ago = datetime.now(UTC) - timedelta(days=40)
    past = _meeting(database, long_ago.strftime("%Y-%m-%d %H:%M"))
    coming = _meeting(database, (datetime.now(UTC) + timedelta(days=5)).strftime("%Y-%m-%d %H:%M"))
    database.dispose()
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    Starter(window, url).start()
    database = open_database(url)

    def needs(meeting: int) -> list[str | None]:
        with database.reading() as session:
            return [row.dietary_needs for row in participations.list_participants(session, meeting)]

    qtbot.waitUntil(lambda: needs(past) == [None] * 4, timeout=10_000)
    assert sorted(filter(None, needs(coming))) == ["Glutenfri", "Vegetarisk", "vegetarisk"]
    database.dispose()
