"""The check-in view: search by a few letters, Enter checks in, undo, no-shows, walk-ins."""

from __future__ import annotations

from pathlib import Path

import pytest
from meeting_people import PEOPLE, populate
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot
from window_fakes import RecordingPrompts, type_text

from lkoe_desktop.db.engine import Database
from lkoe_desktop.domain.clock import to_stockholm
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.services import participations
from lkoe_desktop.ui import changes
from lkoe_desktop.ui.context import AppContext
from lkoe_desktop.ui.dialogs import checkin
from lkoe_desktop.ui.dialogs.checkin import CheckInDialog
from lkoe_desktop.ui.tabs.meetings_tab import MeetingsTab


@pytest.fixture
def context(sqlite_db: Database) -> AppContext:
    return AppContext(sqlite_db, prompts=RecordingPrompts())


@pytest.fixture
def dialog(qtbot: QtBot, context: AppContext) -> CheckInDialog:
    view = CheckInDialog(context, populate(context.database, PEOPLE))
    qtbot.addWidget(view)
    view.show()
    return view


def names(view: CheckInDialog) -> list[str]:
    return [item.text(0) for item in view.people.findItems("", Qt.MatchFlag.MatchStartsWith, 0)]


def status_of(view: CheckInDialog, last_name: str) -> participations.ParticipantRow:
    with view.context.database.reading() as session:
        rows = participations.list_participants(session, view.meeting_id)
    return next(row for row in rows if row.last_name == last_name)


def test_list_shows_the_sign_in_list_and_counts(dialog: CheckInDialog) -> None:
    assert len(names(dialog)) == 17  # registered, invited and attended; not cancelled, no-show
    assert dialog.search.hasFocus()
    assert dialog.counts.text() == (
        "Inbjuden: 4   ·   Anmäld: 12   ·   Deltog: 1   ·   Uteblev: 1   ·   Avbokad: 2"
    )
    dialog.show_invited.setChecked(False)
    assert len(names(dialog)) == 13
    dialog.show_everyone.setChecked(True)
    assert len(names(dialog)) == 20


def test_typing_filters_and_enter_checks_in(qtbot: QtBot, dialog: CheckInDialog) -> None:
    announced: list[frozenset[str]] = []
    dialog.context.bus.changed.connect(announced.append)
    type_text(dialog.search, "öb")
    assert names(dialog) == ["Öberg, Åsa"]
    QTest.keyClick(dialog.search, Qt.Key.Key_Return)
    row = status_of(dialog, "Öberg")
    assert row.status == "attended"
    assert row.checked_in_at == to_stockholm(dialog.context.database.clock.now())
    assert dialog.message.text() == _("{who}: checked in {time}").format(
        who="Åsa Öberg, Norrköpings kommun", time="10:00"
    )
    assert dialog.search.text() == ""
    assert len(names(dialog)) == 17
    assert "Deltog: 2" in dialog.counts.text()
    assert announced == [frozenset({changes.PARTICIPANTS})]  # by the commit itself


def test_enter_on_someone_already_checked_in_says_so(dialog: CheckInDialog) -> None:
    type_text(dialog.search, "quis")
    QTest.keyClick(dialog.search, Qt.Key.Key_Return)
    assert dialog.message.text() == _("{name} is already checked in ({time}).").format(
        name="Viktor Quist", time="10:00"
    )
    assert dialog.undo_stack == []


def test_arrow_keys_choose_among_matches(dialog: CheckInDialog) -> None:
    type_text(dialog.search, "karlsson")
    assert names(dialog) == ["Karlsson, Nils"]
    dialog.search.clear()
    type_text(dialog.search, "norrköp")  # the organisation
    assert len(names(dialog)) == 4
    QTest.keyClick(dialog.search, Qt.Key.Key_Down)
    second = names(dialog)[1]
    QTest.keyClick(dialog.search, Qt.Key.Key_Enter)
    last = second.split(",")[0]
    assert status_of(dialog, last).status == "attended"


def test_non_ascii_name(dialog: CheckInDialog) -> None:
    type_text(dialog.search, "Łukasz Wó")
    assert names(dialog) == ["Wójcik, Łukasz"]
    dialog.search.clear()
    type_text(dialog.search, "WÓJC")
    assert names(dialog) == ["Wójcik, Łukasz"]
    QTest.keyClick(dialog.search, Qt.Key.Key_Return)
    assert status_of(dialog, "Wójcik").status == "attended"


def test_escape_clears_then_closes(qtbot: QtBot, dialog: CheckInDialog) -> None:
    type_text(dialog.search, "berg")
    QTest.keyClick(dialog.search, Qt.Key.Key_Escape)
    assert dialog.search.text() == ""
    assert dialog.isVisible()
    assert len(names(dialog)) == 17
    QTest.keyClick(dialog.search, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_undo_puts_the_last_person_back(dialog: CheckInDialog) -> None:
    type_text(dialog.search, "lind")  # invited
    QTest.keyClick(dialog.search, Qt.Key.Key_Return)
    type_text(dialog.search, "öberg")  # registered
    QTest.keyClick(dialog.search, Qt.Key.Key_Return)
    assert dialog.undo_button.isEnabled()
    QTest.keyClick(dialog.search, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert status_of(dialog, "Öberg").status == "registered"
    assert "Åsa Öberg" in dialog.message.text()
    dialog.undo()
    assert status_of(dialog, "Lind").status == "invited"
    assert not dialog.undo_button.isEnabled()
    assert "Deltog: 1" in dialog.counts.text()


@pytest.mark.parametrize("answer", [True, False])
def test_mark_the_rest_as_no_show(dialog: CheckInDialog, answer: bool) -> None:
    type_text(dialog.search, "öberg")
    QTest.keyClick(dialog.search, Qt.Key.Key_Return)
    prompts = dialog.context.prompts
    assert isinstance(prompts, RecordingPrompts)
    prompts.answer = answer
    dialog.no_show_button.click()
    assert len(prompts.asked) == 1 and "11" in prompts.asked[0]
    with dialog.context.database.reading() as session:
        rows = participations.list_participants(session, dialog.meeting_id)
    statuses = {row.last_name: row.status for row in rows}
    assert statuses["Öberg"] == "attended"
    assert statuses["Karlsson"] == "invited"
    assert statuses["Andersson"] == ("no_show" if answer else "registered")
    expected = 12 if answer else 1
    assert f"Uteblev: {expected}" in dialog.counts.text()


def test_no_one_left_to_mark_no_show(qtbot: QtBot, context: AppContext) -> None:
    view = CheckInDialog(context, populate(context.database, PEOPLE[18:]))
    qtbot.addWidget(view)
    view.no_show_button.click()
    prompts = context.prompts
    assert isinstance(prompts, RecordingPrompts)
    assert len(prompts.asked) == 1
    assert "Viktor" not in prompts.asked[0]


def test_walk_in_as_a_new_contact(monkeypatch: pytest.MonkeyPatch, dialog: CheckInDialog) -> None:
    def fill_in(form: checkin.ContactForm) -> int:
        form.widgets["first_name"].set_value("Ödön")
        form.widgets["last_name"].set_value("Ärlig")
        assert form.save()
        return 1

    monkeypatch.setattr(checkin.ContactForm, "exec", fill_in)
    dialog.context.database.clock.advance(minutes=7)  # type: ignore[attr-defined]
    QTest.keyClick(dialog, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    row = status_of(dialog, "Ärlig")
    assert row.status == "attended"
    assert dialog.message.text() == _("{who}: checked in {time}").format(
        who="Ödön Ärlig", time="10:07"
    )
    assert "Ärlig, Ödön" in names(dialog)
    dialog.undo()  # a walk-in leaves the list again
    assert "Ärlig, Ödön" not in names(dialog)


@pytest.mark.parametrize(("last_name", "before"), [("Lind", "invited"), ("Olsson", "cancelled")])
def test_walk_in_found_by_the_duplicate_warning(
    monkeypatch: pytest.MonkeyPatch, dialog: CheckInDialog, last_name: str, before: str
) -> None:
    existing = status_of(dialog, last_name).contact_id

    def follow_link(form: checkin.ContactForm) -> int:
        form.open_instead("contact", existing)
        return 0

    monkeypatch.setattr(checkin.ContactForm, "exec", follow_link)
    dialog.walk_in_button.click()
    assert status_of(dialog, last_name).status == "attended"
    dialog.undo()
    assert status_of(dialog, last_name).status == before


def test_walk_in_cancelled(monkeypatch: pytest.MonkeyPatch, dialog: CheckInDialog) -> None:
    monkeypatch.setattr(checkin.ContactForm, "exec", lambda form: 0)
    dialog.walk_in_button.click()
    assert dialog.undo_stack == []
    assert len(names(dialog)) == 17


def keystrokes(view: CheckInDialog, people: tuple[tuple[str, str, str, str], ...]) -> list[int]:
    """Check everyone expected in by letters of their last name until they are the marked
    top row (the one Enter takes), then Enter; the keys each one took."""
    strokes = []
    for first, last, _organisation, status in people:
        if status not in ("registered", "invited"):
            continue
        typed = ""
        for char in last.casefold():
            type_text(view.search, char)
            typed += char
            chosen = [item.text(0) for item in view.people.selectedItems()]
            if chosen == names(view)[:1] == [f"{last}, {first}"]:
                break
        QTest.keyClick(view.search, Qt.Key.Key_Return)
        assert status_of(view, last).status == "attended", (first, last, typed)
        strokes.append(len(typed) + 1)
    return strokes


def test_keystrokes_to_check_in_one_person(dialog: CheckInDialog) -> None:
    strokes = keystrokes(dialog, PEOPLE)
    assert len(strokes) == 16
    assert sum(strokes) / len(strokes) <= 3  # 2.5: names that begin with the letters first
    assert max(strokes) <= 6


def test_sixty_people_by_keyboard_and_a_picture_of_the_view(
    qtbot: QtBot, context: AppContext, tmp_path: Path
) -> None:
    people = tuple(
        (first, f"{last}{suffix}", organisation, status)
        for suffix in ("", "son", "ström")
        for first, last, organisation, status in PEOPLE
    )
    view = CheckInDialog(context, populate(context.database, people))
    qtbot.addWidget(view)
    view.show()
    strokes = keystrokes(view, people[:8])
    assert sum(strokes) / len(strokes) <= 3
    type_text(view.search, "öberg")
    QTest.keyClick(view.search, Qt.Key.Key_Return)
    assert view.grab().save(str(tmp_path / "checkin.png"))


def test_meetings_tab_opens_the_check_in_view_of_the_current_meeting(
    monkeypatch: pytest.MonkeyPatch, qtbot: QtBot, context: AppContext
) -> None:
    meeting = populate(context.database, PEOPLE[:2])
    opened: list[int] = []
    monkeypatch.setattr(
        checkin, "open_checkin", lambda _context, meeting_id, _parent: opened.append(meeting_id)
    )
    tab = MeetingsTab(context)
    qtbot.addWidget(tab)
    tab.show()
    tab.ensure_loaded()
    assert not tab.checkin.isEnabled()
    assert tab.select_id(meeting)
    assert tab.checkin.isEnabled()
    assert tab.checkin.text() == _("Check in…")
    tab.checkin.click()
    assert opened == [meeting]
