"""Forms as a keyboard user expects: Ctrl+N, type at once, Enter, and the record is listed."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget
from pytestqt.qtbot import QtBot
from window_fakes import open_main_window, type_text

from lkoe_desktop.services import contacts, meetings, partners, themes
from lkoe_desktop.ui.context import AppContext
from lkoe_desktop.ui.forms.form import FormDialog
from lkoe_desktop.ui.main_window import MainWindow

PARTNERS, CONTACTS, THEMES, MEETINGS = range(4)
WAIT_MS = 5_000


@pytest.fixture
def window(qtbot: QtBot, context: AppContext) -> MainWindow:
    return open_main_window(qtbot, context)


def _cursor(form: FormDialog) -> QWidget:
    """Where the cursor is: the form's focus widget (no window is active offscreen)."""
    widget = form.focusWidget()
    assert widget is not None
    return widget


def _type(form: FormDialog, text: str) -> None:
    type_text(_cursor(form), text)


def _key(form: FormDialog, key: Qt.Key) -> None:
    QTest.keyClick(_cursor(form), key)


def _when_open(fill: Callable[[FormDialog], None], seen: list[QWidget]) -> None:
    """Once the form is open (modal), note where the cursor is and fill it in by keys; a form
    still open after that is closed, so that a failing test ends."""

    def step() -> None:
        form = QApplication.activeModalWidget()
        if not isinstance(form, FormDialog):
            QTimer.singleShot(10, step)
            return
        QTimer.singleShot(0, form, form.discard)  # if the keys did not close it, the test fails
        seen.append(_cursor(form))
        seen.append(form.first_field())
        fill(form)

    QTimer.singleShot(0, step)


def _new_partner(form: FormDialog) -> None:
    _type(form, "Östgöta Åkeri AB")
    _key(form, Qt.Key.Key_Return)


def _new_contact(form: FormDialog) -> None:
    _type(form, "Åsa")
    _key(form, Qt.Key.Key_Tab)
    _type(form, "Öberg-Łukaszewicz")
    _key(form, Qt.Key.Key_Return)


def _new_theme(form: FormDialog) -> None:
    _type(form, "Vårdens logistik")
    _key(form, Qt.Key.Key_Return)


def _new_meeting(form: FormDialog) -> None:
    _type(form, "Nätverksträff Hållbara transporter")
    _key(form, Qt.Key.Key_Tab)
    _key(form, Qt.Key.Key_Down)  # the kind: the first one, Seminarium
    _key(form, Qt.Key.Key_Tab)  # the status stays "Planerat"
    _key(form, Qt.Key.Key_Tab)
    _type(form, "2027-03-04 09:00")
    _key(form, Qt.Key.Key_Return)


def _names(context: AppContext, tab: int) -> list[str]:
    with context.database.reading() as session:
        if tab == PARTNERS:
            return [row.name for row in partners.list_partners(session)]
        if tab == CONTACTS:
            return [f"{r.first_name} {r.last_name}" for r in contacts.list_contacts(session)]
        if tab == THEMES:
            return [row.name for row in themes.list_themes(session)]
        return [row.title for row in meetings.list_meetings(session)]


@pytest.mark.parametrize(
    ("tab", "fill", "name", "shown"),
    [
        (PARTNERS, _new_partner, "Östgöta Åkeri AB", "Östgöta Åkeri AB"),
        (CONTACTS, _new_contact, "Åsa Öberg-Łukaszewicz", "Öberg-Łukaszewicz"),
        (THEMES, _new_theme, "Vårdens logistik", "Vårdens logistik"),
        (MEETINGS, _new_meeting, "Nätverksträff Hållbara transporter", "Seminarium"),
    ],
)
def test_ctrl_n_then_typing_goes_into_the_first_field_and_enter_saves(
    qtbot: QtBot,
    window: MainWindow,
    context: AppContext,
    tab: int,
    fill: Callable[[FormDialog], None],
    name: str,
    shown: str,
) -> None:
    window.show_tab(tab)
    window.activateWindow()
    seen: list[QWidget] = []
    _when_open(fill, seen)
    QTest.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    cursor, first = seen
    assert cursor is first and isinstance(first, QLineEdit)
    assert _names(context, tab) == [name]
    listed = window.current_tab()
    assert listed is not None
    qtbot.waitUntil(lambda: listed.model.rowCount() == 1, timeout=WAIT_MS)
    row = listed.model.row_texts(0)
    assert row is not None and shown in row[0]
    assert listed.table.selectionModel().isRowSelected(0)


def test_an_opened_record_has_the_cursor_after_its_name(qtbot: QtBot, window: MainWindow) -> None:
    context = window.context
    assert context is not None
    with context.database.unit_of_work() as session:
        partners.create_partner(session, {"name": "Linköpings universitet"})
    window.show_tab(PARTNERS)
    tab = window.current_tab()
    assert tab is not None
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=WAIT_MS)
    seen: list[QWidget] = []

    def look_and_close(form: FormDialog) -> None:
        line = _cursor(form)
        assert isinstance(line, QLineEdit)
        seen.append(line)
        assert (line.text(), line.selectedText(), line.cursorPosition()) == (
            "Linköpings universitet",
            "",  # nothing selected: typing adds to the name, never replaces it
            len("Linköpings universitet"),
        )
        form.reject()

    tab.select_id(tab.model.id_at(0) or 0)
    tab.table.setFocus()
    _when_open(look_and_close, seen)
    QTest.keyClick(tab.table, Qt.Key.Key_Return)
    assert seen[0] is seen[1]
