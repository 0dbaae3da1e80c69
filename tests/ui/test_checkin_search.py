"""The check-in view at the door: names first, then organisation; Enter takes the marked row."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from meeting_people import PEOPLE, populate
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from window_fakes import RecordingPrompts, type_text

from lkoe_desktop.db.engine import Database
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.services import contacts, participations, partners
from lkoe_desktop.ui.context import AppContext
from lkoe_desktop.ui.dialogs.checkin import CheckInDialog

# Gustav's shop is in Åtvidaberg, his e-mail and his note say so: "berg" must not find him.
AT_THE_DOOR = (
    ("Gustav", "Andrén", "Arvidssons Livs AB", "registered"),
    ("Åsa", "Bergström", "Region Östergötland", "registered"),
    ("Henrik", "Nyström", "Bergs Åkeri AB", "registered"),
    ("Tove", "Sandberg", "Hamnbolaget AB", "registered"),
    ("Eva", "Lund", "Åtvidabergs kommun", "registered"),
)


def at_the_door(database: Database, people: tuple[tuple[str, str, str, str], ...]) -> int:
    meeting = populate(database, people)
    with database.unit_of_work() as session:
        listed = participations.list_participants(session, meeting)
        gustav = next(row for row in listed if row.last_name == "Andrén")
        assert gustav.organisation_id is not None
        partners.update_partner(session, gustav.organisation_id, {"municipality": "Åtvidaberg"})
        email = {"email": "gustav.andren@atvidaberg-livs.se"}
        contacts.update_contact(session, gustav.contact_id, email)
        participations.update_participation(session, gustav.id, {"note": "Från Åtvidaberg"})
    return meeting


@pytest.fixture
def door(qtbot: QtBot, sqlite_db: Database) -> CheckInDialog:
    context = AppContext(sqlite_db, prompts=RecordingPrompts())
    view = CheckInDialog(context, at_the_door(sqlite_db, AT_THE_DOOR))
    qtbot.addWidget(view)
    view.show()
    view.activateWindow()
    view.search.setFocus()
    return view


def names(view: CheckInDialog) -> list[str]:
    return [item.text(0) for item in view.people.findItems("", Qt.MatchFlag.MatchStartsWith, 0)]


def marked(view: CheckInDialog) -> list[str]:
    return [item.text(0) for item in view.people.selectedItems()]


def status(view: CheckInDialog, last_name: str) -> str:
    with view.context.database.reading() as session:
        rows = participations.list_participants(session, view.meeting_id)
    return next(row.status for row in rows if row.last_name == last_name)


def enter(view: CheckInDialog) -> None:
    QTest.keyClick(view.search, Qt.Key.Key_Return)


def undo_key(view: CheckInDialog) -> None:
    QTest.keyClick(view.search, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)


def test_berg_checks_in_asa_bergstrom_not_gustav_of_atvidaberg(door: CheckInDialog) -> None:
    type_text(door.search, "berg")
    # a name that begins with it, a name holding it, an organisation beginning with it, one
    # holding it; Gustav is not listed at all
    assert names(door) == ["Bergström, Åsa", "Sandberg, Tove", "Nyström, Henrik", "Lund, Eva"]
    assert marked(door) == ["Bergström, Åsa"]
    assert door.enter_hint.text() == _("Enter checks in: {who}").format(
        who="Åsa Bergström, Region Östergötland"
    )
    enter(door)
    assert status(door, "Bergström") == "attended"
    assert status(door, "Andrén") == "registered"
    assert door.search.text() == ""
    assert marked(door) == []
    assert len(names(door)) == 5


def test_enter_with_nothing_typed_does_nothing(door: CheckInDialog) -> None:
    assert marked(door) == []
    enter(door)
    type_text(door.search, "b")
    QTest.keyClick(door.search, Qt.Key.Key_Backspace)
    assert marked(door) == []
    enter(door)
    assert {status(door, last) for _first, last, _org, _status in AT_THE_DOOR} == {"registered"}
    assert door.undo_stack == []
    assert door.message.text() == ""
    assert door.enter_hint.text() == _(
        "As you type, the best match is marked; Enter checks that person in."
    )


def test_a_click_with_nothing_typed_marks_no_one_and_a_double_click_checks_in(
    door: CheckInDialog,
) -> None:
    viewport = door.people.viewport()
    item = door.people.topLevelItem(2)
    assert item is not None and item.text(0) == "Lund, Eva"
    centre = door.people.visualItemRect(item).center()
    QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=centre)
    assert marked(door) == []
    enter(door)
    assert status(door, "Lund") == "registered"
    QTest.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=centre)
    assert status(door, "Lund") == "attended"


def test_an_organisation_finds_its_people_and_arrows_move_the_mark(door: CheckInDialog) -> None:
    type_text(door.search, "arvid")
    assert names(door) == ["Andrén, Gustav"]
    door.search.clear()
    type_text(door.search, "berg")
    QTest.keyClick(door.search, Qt.Key.Key_Down)
    QTest.keyClick(door.search, Qt.Key.Key_Down)
    assert marked(door) == ["Nyström, Henrik"]
    assert "Henrik Nyström, Bergs Åkeri AB" in door.enter_hint.text()
    enter(door)
    assert status(door, "Nyström") == "attended"
    assert status(door, "Bergström") == "registered"


def test_someone_already_checked_in_is_left_alone(door: CheckInDialog) -> None:
    type_text(door.search, "åsa")
    enter(door)
    type_text(door.search, "bergs")
    already = _("{name} is already checked in ({time}).").format(name="Åsa Bergström", time="10:00")
    assert door.enter_hint.text() == already
    enter(door)
    assert door.message.text() == already
    assert door.search.text() == "bergs"
    assert len(door.undo_stack) == 1


def test_the_first_letter_of_a_name_sees_check_ins_made_at_another_desk(
    door: CheckInDialog,
) -> None:
    with door.context.database.unit_of_work() as session:
        listed = participations.list_participants(session, door.meeting_id)
        asa = next(row for row in listed if row.last_name == "Bergström")
        participations.set_status(session, asa.id, "attended")
    type_text(door.search, "b")
    assert door.enter_hint.text() == _("{name} is already checked in ({time}).").format(
        name="Åsa Bergström", time="10:00"
    )
    assert "Deltog: 1" in door.counts.text()


def test_ctrl_z_in_the_empty_field_undoes_the_last_check_in(door: CheckInDialog) -> None:
    type_text(door.search, "sand")
    enter(door)
    type_text(door.search, "bergs")
    enter(door)
    undo_key(door)
    assert status(door, "Bergström") == "registered"
    assert status(door, "Sandberg") == "attended"
    assert door.message.text() == _("Check-in of {name} undone.").format(name="Åsa Bergström")
    undo_key(door)
    assert status(door, "Sandberg") == "registered"
    assert door.undo_stack == []


def test_ctrl_z_with_text_in_the_field_undoes_the_typing_only(door: CheckInDialog) -> None:
    type_text(door.search, "bergs")
    enter(door)
    type_text(door.search, "lun")
    undo_key(door)
    assert door.search.text() == ""  # the typing is gone; the check-in before it is not
    assert status(door, "Bergström") == "attended"
    assert len(door.undo_stack) == 1
    undo_key(door)
    assert status(door, "Bergström") == "registered"


@pytest.fixture
def active_highlight(qapp: QApplication) -> Iterator[QColor]:
    """The strong selection colour, under a palette like Windows' that paints a pale one in
    lists without the focus."""
    before = QPalette(qapp.palette())
    palette = QPalette(before)
    palette.setColor(QPalette.ColorGroup.Inactive, QPalette.ColorRole.Highlight, QColor("#f0f0f0"))
    qapp.setPalette(palette)
    yield palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Highlight)
    qapp.setPalette(before)


def test_the_row_enter_takes_is_painted_as_chosen(
    active_highlight: QColor, door: CheckInDialog
) -> None:
    type_text(door.search, "berg")
    picture = door.people.viewport().grab().toImage()
    header = door.people.header()
    beyond_the_text = header.sectionViewportPosition(1) + header.sectionSize(1) - 4
    for row, painted in ((0, True), (1, False)):
        item = door.people.topLevelItem(row)
        assert item is not None
        middle = door.people.visualItemRect(item).center().y()
        colour = picture.pixelColor(beyond_the_text, middle)
        assert (colour == active_highlight) is painted


def test_keystrokes_to_check_in_asa_bergstrom_among_twenty_five(
    qtbot: QtBot, sqlite_db: Database
) -> None:
    """From opening the view: b e r g marks Maria Berg, s marks Åsa Bergström, Enter."""
    context = AppContext(sqlite_db, prompts=RecordingPrompts())
    view = CheckInDialog(context, at_the_door(sqlite_db, PEOPLE + AT_THE_DOOR))
    qtbot.addWidget(view)
    view.show()
    marks = []
    for key in "bergs":
        type_text(view.search, key)
        marks.append(marked(view))
    assert marks == [["Berg, Maria"]] * 4 + [["Bergström, Åsa"]]
    enter(view)
    assert status(view, "Bergström") == "attended"
    assert status(view, "Andrén") == "registered"
