"""Redigera → Ångra (Ctrl+Z) in the main window: the one offer every view hands its undo to,
named in the menu, ended by the next change made in the program, never by a text field's
Ctrl+Z, and still there after the view that made the change is closed."""

from __future__ import annotations

import pytest
from meeting_people import PEOPLE, populate
from modals import answer_modal
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from window_fakes import open_main_window, type_text

from lkoe_desktop.db.engine import Database
from lkoe_desktop.domain.codes import ParticipationStatus
from lkoe_desktop.services import contacts, participations
from lkoe_desktop.ui.context import AppContext
from lkoe_desktop.ui.dialogs.checkin import CheckInDialog
from lkoe_desktop.ui.dialogs.participants_dialog import ParticipantsDialog
from lkoe_desktop.ui.main_window import MainWindow
from lkoe_desktop.ui.tabs.list_tab import ListTab

CONTACTS, MEETINGS = 1, 3


@pytest.fixture
def meeting(context: AppContext) -> int:
    return populate(context.database, PEOPLE)


@pytest.fixture
def window(qtbot: QtBot, context: AppContext, meeting: int) -> MainWindow:
    return open_main_window(qtbot, context)


def _tab(qtbot: QtBot, window: MainWindow, index: int) -> ListTab:
    """Ctrl+1…4 shows a tab; its rows are read."""
    QTest.keyClick(window, Qt.Key(Qt.Key.Key_1 + index), Qt.KeyboardModifier.ControlModifier)
    tab = window.current_tab()
    assert tab is not None and window.tab_widget.currentIndex() == index
    qtbot.waitUntil(lambda: tab.model.exact and tab.model.rowCount() > 0)
    return tab


def _select(tab: ListTab, *last_names: str) -> list[int]:
    """Select rows by last name, as a click and Ctrl+clicks would."""
    selection = tab.table.selectionModel()
    column = next(i for i, spec in enumerate(tab.model.columns) if spec.key == "last_name")
    ids = []
    for number, name in enumerate(last_names):
        row = next(
            r
            for r in range(tab.model.rowCount())
            if tab.model.data(tab.model.index(r, column)) == name
        )
        flag = QItemSelectionModel.SelectionFlag
        command = flag.Rows | (flag.Select if number else flag.ClearAndSelect)
        selection.setCurrentIndex(tab.model.index(row, 0), command)
        ids.append(tab.model.id_at(row))
    tab.table.setFocus()
    return [record_id for record_id in ids if record_id is not None]


def _archived(database: Database, contact_id: int) -> bool:
    with database.reading() as session:
        return contacts.get_contact(session, contact_id).archived


def _ctrl_z(widget: object) -> None:
    QTest.keyClick(widget, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # type: ignore[call-overload]


def _status(database: Database, meeting_id: int, last_name: str) -> str:
    with database.reading() as session:
        rows = participations.list_participants(session, meeting_id)
    return next(row.status for row in rows if row.last_name == last_name)


def test_ctrl_z_undoes_an_archive_and_the_edit_menu_names_it(
    qtbot: QtBot, window: MainWindow, context: AppContext
) -> None:
    assert not window.undo_action.isEnabled()
    assert window.undo_action.text() == "&Ångra"
    assert window.edit_menu.actions()[0] is window.undo_action
    tab = _tab(qtbot, window, CONTACTS)
    ids = _select(tab, "Öberg", "Wójcik")
    QTest.keyClick(tab.table, Qt.Key.Key_Delete)
    assert all(_archived(context.database, contact) for contact in ids)
    assert window.undo_action.isEnabled()
    assert window.undo_action.text() == "Ångra arkivering av 2 kontakter"
    assert window.undo_button.isVisible()
    _ctrl_z(tab.table)
    assert not any(_archived(context.database, contact) for contact in ids)
    assert window.message.text() == "Ångrat: 2 kontakter har återställts från arkivet."
    assert not window.undo_action.isEnabled()
    assert not window.undo_button.isVisible()
    _ctrl_z(tab.table)  # nothing more to undo
    assert window.message.text() == "Ångrat: 2 kontakter har återställts från arkivet."


def test_ctrl_z_in_the_search_field_is_the_fields_own(
    qtbot: QtBot, window: MainWindow, context: AppContext
) -> None:
    tab = _tab(qtbot, window, CONTACTS)
    (oberg,) = _select(tab, "Öberg")
    QTest.keyClick(tab.table, Qt.Key.Key_Delete)
    tab.search.setFocus()
    type_text(tab.search, "berg")
    _ctrl_z(tab.search)
    assert tab.search.text() == ""  # the typing was undone…
    assert _archived(context.database, oberg)  # …not the archive, still offered
    assert window.undo_action.text() == "Ångra arkivering av 1 kontakt"


def test_the_offer_lasts_until_the_next_change_made_in_the_program(
    qtbot: QtBot, window: MainWindow, context: AppContext, elsewhere: Database
) -> None:
    tab = _tab(qtbot, window, CONTACTS)
    (oberg,) = _select(tab, "Öberg")
    QTest.keyClick(tab.table, Qt.Key.Key_Delete)
    (wojcik,) = _select(tab, "Wójcik")
    QTest.keyClick(tab.table, Qt.Key.Key_Delete)
    _ctrl_z(tab.table)  # the later archive only
    assert _archived(context.database, oberg) and not _archived(context.database, wojcik)

    _select(tab, "Berg")
    QTest.keyClick(tab.table, Qt.Key.Key_Delete)
    with elsewhere.unit_of_work() as session:  # a colleague's save on the shared database
        contacts.update_contact(session, oberg, {"phone": "013-12 34 56"})
    assert window.undo_action.isEnabled()
    with context.database.unit_of_work() as session:  # a save made in this program
        contacts.update_contact(session, oberg, {"mobile": "070-123 45 67"})
    assert not window.undo_action.isEnabled()
    assert not window.undo_button.isVisible()


def test_after_closing_the_check_in_view_edit_undo_undoes_the_last_check_in(
    qtbot: QtBot, window: MainWindow, context: AppContext, meeting: int
) -> None:
    tab = _tab(qtbot, window, MEETINGS)
    tab.table.selectRow(0)

    def check_in(dialog: CheckInDialog) -> None:
        dialog.activateWindow()  # offscreen no window becomes active by itself
        qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
        type_text(dialog.search, "öberg")
        QTest.keyClick(dialog.search, Qt.Key.Key_Return)
        type_text(dialog.search, "lind")
        QTest.keyClick(dialog.search, Qt.Key.Key_Return)
        _ctrl_z(dialog.search)  # the view's own undo: Lind again
        QTest.keyClick(dialog.search, Qt.Key.Key_Escape)

    with answer_modal(qtbot, CheckInDialog, check_in):
        qtbot.mouseClick(tab.checkin, Qt.MouseButton.LeftButton)
    assert _status(context.database, meeting, "Lind") == "invited"
    assert _status(context.database, meeting, "Öberg") == "attended"
    assert window.undo_action.text() == "Ångra incheckningen av Åsa Öberg"
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    tab.table.setFocus()
    _ctrl_z(tab.table)
    assert _status(context.database, meeting, "Öberg") == "registered"
    assert window.message.text() == "Incheckningen av Åsa Öberg är ångrad."
    assert not window.undo_action.isEnabled()


def test_a_status_change_in_the_participants_window_is_undone_from_the_edit_menu(
    qtbot: QtBot, window: MainWindow, context: AppContext, meeting: int
) -> None:
    tab = _tab(qtbot, window, MEETINGS)
    tab.table.selectRow(0)

    def cancel_karlsson(dialog: ParticipantsDialog) -> None:
        panel = dialog.panel
        qtbot.waitUntil(lambda: panel.model.exact and panel.model.rowCount() == len(PEOPLE))
        row = next(
            r for r in range(panel.model.rowCount()) if panel.model.row_at(r).last_name == "Ek"
        )
        panel.table.selectRow(row)
        panel.status_actions[ParticipationStatus.CANCELLED].trigger()
        assert panel.undo_button.text() == "Ångra statusändringen för 1 person"
        dialog.reject()

    with answer_modal(qtbot, ParticipantsDialog, cancel_karlsson):
        qtbot.mouseClick(tab.participants, Qt.MouseButton.LeftButton)
    assert _status(context.database, meeting, "Ek") == "cancelled"
    window.edit_menu.aboutToShow.emit()
    assert window.undo_action.text() == "Ångra statusändringen för 1 person"
    window.undo_action.trigger()
    assert _status(context.database, meeting, "Ek") == "registered"
    assert window.message.text() == (
        "Statusändringen ångrad: 1 person har fått tillbaka sin tidigare status."
    )
