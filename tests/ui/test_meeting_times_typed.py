"""The meeting form's start and end typed as a clerk types them, by keys: a date alone takes the
office's usual start time and shows it before anything is saved, a time alone ends on the
start's day, and what cannot be read keeps the form open with a message at the field."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit
from pytestqt.qtbot import QtBot
from window_fakes import RecordingPrompts, type_text

from lkoe_desktop.db.engine import Database
from lkoe_desktop.domain.clock import STOCKHOLM
from lkoe_desktop.services import office_settings
from lkoe_desktop.services.meetings import get_meeting, list_meetings
from lkoe_desktop.ui.context import AppContext
from lkoe_desktop.ui.dialogs.meeting_form import MeetingForm
from lkoe_desktop.ui.language import apply_language


def open_form(qtbot: QtBot, database: Database) -> MeetingForm:
    form = MeetingForm(AppContext(database, prompts=RecordingPrompts()), None)
    qtbot.addWidget(form)
    form.show()
    form.activateWindow()  # offscreen no window is active by itself: Tab would go nowhere
    qtbot.waitUntil(lambda: QApplication.activeWindow() is form)
    type_text(line(form, "title"), "Nätverksträff E-handel")
    kind = form.widgets["kind"].editor
    assert isinstance(kind, QComboBox)
    kind.setCurrentIndex(kind.findData("network_meeting"))
    return form


def line(form: MeetingForm, key: str) -> QLineEdit:
    editor = form.widgets[key].editor
    assert isinstance(editor, QLineEdit)
    return editor


def type_into(form: MeetingForm, key: str, text: str) -> None:
    editor = line(form, key)
    editor.setFocus()
    editor.selectAll()
    type_text(editor, text)


def press(form: MeetingForm, key: Qt.Key) -> None:
    focused = QApplication.focusWidget()
    assert focused is not None
    QTest.keyClick(focused, key)


def error_of(form: MeetingForm, key: str) -> str | None:
    widget = form.widgets[key]
    return None if widget.error.isHidden() else widget.error.text()


def saved_times(database: Database) -> list[tuple[datetime, datetime | None]]:
    with database.reading() as session:
        rows = list_meetings(session)
        return [
            (meeting.starts_at, meeting.ends_at)
            for meeting in (get_meeting(session, row.id) for row in rows)
        ]


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 3, day, hour, minute, tzinfo=STOCKHOLM)


def test_a_date_alone_and_enter_shows_the_usual_start_and_enter_again_saves(
    qtbot: QtBot, sqlite_db: Database
) -> None:
    form = open_form(qtbot, sqlite_db)
    type_into(form, "starts_at", "2026-03-12")
    assert error_of(form, "starts_at") is None
    press(form, Qt.Key.Key_Return)
    assert line(form, "starts_at").text() == "2026-03-12 09:00"  # seen before it is saved
    assert line(form, "ends_at").text() == "2026-03-12 11:00"
    assert form.isVisible() and saved_times(sqlite_db) == []
    press(form, Qt.Key.Key_Return)
    assert not form.isVisible() and form.result() == form.DialogCode.Accepted
    assert saved_times(sqlite_db) == [(at(12, 9), at(12, 11))]


def test_the_usual_start_and_length_are_the_office_s_setting(
    qtbot: QtBot, sqlite_db: Database
) -> None:
    with sqlite_db.unit_of_work() as session:
        office_settings.save(session, {"usual_start": "08:30", "usual_length_minutes": 90})
    form = open_form(qtbot, sqlite_db)
    type_into(form, "starts_at", "12/3")  # 12 March: the nearest to today, 2 March 2026
    press(form, Qt.Key.Key_Tab)
    assert line(form, "starts_at").text() == "2026-03-12 08:30"
    assert line(form, "ends_at").text() == "2026-03-12 10:00"


def test_an_end_typed_as_a_time_alone_is_on_the_start_s_day(
    qtbot: QtBot, sqlite_db: Database
) -> None:
    form = open_form(qtbot, sqlite_db)
    type_into(form, "starts_at", "12/3 13.30")
    press(form, Qt.Key.Key_Tab)
    assert line(form, "starts_at").text() == "2026-03-12 13:30"
    type_into(form, "ends_at", "16.00")
    assert error_of(form, "ends_at") is None
    press(form, Qt.Key.Key_Return)
    assert line(form, "ends_at").text() == "2026-03-12 16:00"
    assert form.isVisible()
    press(form, Qt.Key.Key_Return)
    assert saved_times(sqlite_db) == [(at(12, 13, 30), at(12, 16))]


def test_what_people_type_for_a_time(qtbot: QtBot, sqlite_db: Database) -> None:
    form = open_form(qtbot, sqlite_db)
    for typed, shown in (
        ("2026-03-12 9", "2026-03-12 09:00"),
        ("2026-03-12 9.30", "2026-03-12 09:30"),
        ("2026-03-12 0930", "2026-03-12 09:30"),
        ("2026-03-12 kl. 14", "2026-03-12 14:00"),
    ):
        type_into(form, "starts_at", typed)
        press(form, Qt.Key.Key_Tab)
        assert line(form, "starts_at").text() == shown


def test_what_cannot_be_taken_keeps_the_form_open_with_a_message_at_the_field(
    qtbot: QtBot, sqlite_db: Database
) -> None:
    form = open_form(qtbot, sqlite_db)
    type_into(form, "starts_at", "13.30")
    assert error_of(form, "starts_at") == "Skriv datumet också, t.ex. 2026-03-02 13:30."
    press(form, Qt.Key.Key_Return)
    assert form.isVisible() and saved_times(sqlite_db) == []
    assert QApplication.focusWidget() is line(form, "starts_at")
    type_into(form, "starts_at", "2026-03-12 25.00")
    assert "”2026-03-12 25.00”" in (error_of(form, "starts_at") or "")
    type_into(form, "starts_at", "2026-03-12 10")
    type_into(form, "ends_at", "2026-03-13")
    assert error_of(form, "ends_at") == ("Skriv också när mötet slutar, t.ex. 2026-03-13 16:00.")
    press(form, Qt.Key.Key_Return)
    assert form.isVisible() and saved_times(sqlite_db) == []
    assert line(form, "ends_at").text() == "2026-03-13"  # nothing is made up for it


def test_the_messages_in_english(qtbot: QtBot, sqlite_db: Database) -> None:
    apply_language("en")
    form = open_form(qtbot, sqlite_db)
    type_into(form, "starts_at", "i morgon")
    assert error_of(form, "starts_at") == (
        "Cannot read “i morgon” as a time: write the date and time, e.g. 2026-03-12 13:00, "
        "or the date alone."
    )
