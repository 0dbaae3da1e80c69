"""Undoing an add or a status change from the participants view: one step, exactly what that
change did, never later work, and only until the next change made in the program (a
colleague's change elsewhere does not end it)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from meeting_people import PEOPLE, populate
from modals import answer_modal
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from window_fakes import click_tab

from lkoe_desktop.db.engine import Database
from lkoe_desktop.domain.codes import ParticipationStatus, Role
from lkoe_desktop.services import audit, groups, participations
from lkoe_desktop.services.contacts import create_contact
from lkoe_desktop.ui.context import AppContext
from lkoe_desktop.ui.dialogs.add_people import AddPeopleDialog
from lkoe_desktop.ui.dialogs.participants_panel import ParticipantsPanel

NEWCOMERS = ("Ödlund", "Åkerman", "Zetterlund")


@pytest.fixture
def panel(qtbot: QtBot, context: AppContext) -> ParticipantsPanel:
    """The meeting of `meeting_people` and a group “Referensgrupp”: three people who are not
    on the list and two (Berg, Dahl) who are."""
    meeting = populate(context.database, PEOPLE)
    with context.database.unit_of_work() as session:
        group = groups.create_group(session, {"name": "Referensgrupp"}).id
        for last in NEWCOMERS:
            person = create_contact(session, {"first_name": "Ny", "last_name": last}).id
            groups.add_member(session, group, person)
        for row in participations.list_participants(session, meeting):
            if row.last_name in ("Berg", "Dahl"):
                groups.add_member(session, group, row.contact_id)
    view = ParticipantsPanel(context, meeting)
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.show()
    qtbot.waitUntil(lambda: view.model.exact and view.model.rowCount() == len(PEOPLE))
    return view


def _on_list(database: Database, meeting_id: int) -> dict[str, str]:
    with database.reading() as session:
        return {
            r.last_name: r.status for r in participations.list_participants(session, meeting_id)
        }


def _add_the_group(qtbot: QtBot, panel: ParticipantsPanel) -> None:
    """Through the window: Add people → Group → Tick all → Add 3."""

    def in_dialog(dialog: AddPeopleDialog) -> None:
        click_tab(qtbot, dialog.pages, "Grupp")
        qtbot.mouseClick(dialog.tick_buttons["group"].everyone, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)

    with answer_modal(qtbot, AddPeopleDialog, in_dialog):
        panel.add_button.click()
    qtbot.waitUntil(lambda: panel.model.rowCount() == len(PEOPLE) + len(NEWCOMERS))


def test_undo_takes_exactly_the_added_people_off_the_list_again(
    qtbot: QtBot, panel: ParticipantsPanel, context: AppContext
) -> None:
    before = _on_list(context.database, panel.meeting_id)
    assert not panel.undo_button.isVisible()
    _add_the_group(qtbot, panel)
    assert panel.message.text() == "3 personer tillagda på listan."
    assert panel.undo_button.isVisible()
    assert panel.undo_button.text() == "Ångra tillägget av 3 personer"
    with context.database.reading() as session:
        added = [
            row.id
            for row in participations.list_participants(session, panel.meeting_id)
            if row.last_name in NEWCOMERS
        ]
    qtbot.mouseClick(panel.undo_button, Qt.MouseButton.LeftButton)
    assert _on_list(context.database, panel.meeting_id) == before  # Berg and Dahl stay as were
    assert panel.message.text() == "Tillägget ångrat: 3 personer togs bort från listan igen."
    assert not panel.undo_button.isVisible()
    qtbot.waitUntil(lambda: panel.model.rowCount() == len(PEOPLE))
    with context.database.reading() as session:
        assert all(
            audit.history(session, participations.ENTITY, participation)[-1].action == "delete"
            for participation in added
        )


def test_ctrl_z_in_the_panel_undoes_the_add(
    qtbot: QtBot, panel: ParticipantsPanel, context: AppContext
) -> None:
    _add_the_group(qtbot, panel)
    panel.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is panel)
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert set(_on_list(context.database, panel.meeting_id)).isdisjoint(NEWCOMERS)
    assert len(_on_list(context.database, panel.meeting_id)) == len(PEOPLE)
    qtbot.keyClick(panel.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # nothing more
    assert len(_on_list(context.database, panel.meeting_id)) == len(PEOPLE)


def test_people_changed_since_the_add_are_kept_and_named(
    qtbot: QtBot, panel: ParticipantsPanel, context: AppContext, elsewhere: Database
) -> None:
    _add_the_group(qtbot, panel)
    with elsewhere.unit_of_work() as session:  # checked in at another workstation
        row = next(
            row
            for row in participations.list_participants(session, panel.meeting_id)
            if row.last_name == "Åkerman"
        )
        participations.set_status(session, row.id, ParticipationStatus.ATTENDED.value)
    context.bus.announce()
    assert panel.undo_button.isVisible()  # a colleague's change does not end the offer
    qtbot.mouseClick(panel.undo_button, Qt.MouseButton.LeftButton)
    on_list = _on_list(context.database, panel.meeting_id)
    assert on_list["Åkerman"] == "attended"
    assert "Ödlund" not in on_list and "Zetterlund" not in on_list
    assert panel.message.text() == (
        "Tillägget ångrat: 2 personer togs bort från listan igen. 1 person fick stå kvar "
        "eftersom deltagandet ändrats efter tillägget: Ny Åkerman."
    )


@pytest.mark.parametrize(
    "change",
    [
        lambda panel: panel.remove_button.click(),
        lambda panel: panel.role_actions[Role.SPEAKER].trigger(),
    ],
    ids=["remove", "role"],
)
def test_the_offer_ends_with_the_next_change_made_in_the_panel(
    qtbot: QtBot,
    panel: ParticipantsPanel,
    context: AppContext,
    change: Callable[[ParticipantsPanel], None],
) -> None:
    _add_the_group(qtbot, panel)
    model = panel.model
    row = next(r for r in range(model.rowCount()) if model.row_at(r).last_name == "Karlsson")
    panel.table.selectRow(row)
    change(panel)
    assert not panel.undo_button.isVisible()
    assert not panel.undo_action.isEnabled()
    panel.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is panel)
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert set(NEWCOMERS) <= set(_on_list(context.database, panel.meeting_id))


def _select(panel: ParticipantsPanel, *last_names: str) -> None:
    model = panel.model
    panel.table.clearSelection()
    for row in range(model.rowCount()):
        if model.row_at(row).last_name in last_names:
            panel.table.selectionModel().select(
                model.index(row, 0),
                QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
            )


def test_a_status_change_is_undone_in_one_step_and_ends_the_add_offer(
    qtbot: QtBot, panel: ParticipantsPanel, context: AppContext
) -> None:
    _add_the_group(qtbot, panel)
    before = _on_list(context.database, panel.meeting_id)
    _select(panel, "Karlsson", "Berg", "Quist")  # invited, registered, attended
    panel.status_actions[ParticipationStatus.CANCELLED].trigger()
    assert _on_list(context.database, panel.meeting_id)["Quist"] == "cancelled"
    assert panel.undo_button.text() == "Ångra statusändringen för 3 personer"
    panel.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is panel)
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _on_list(context.database, panel.meeting_id) == before  # the newcomers stay
    assert panel.message.text() == (
        "Statusändringen ångrad: 3 personer har fått tillbaka sin tidigare status."
    )
    with context.database.reading() as session:
        quist = next(
            row
            for row in participations.list_participants(session, panel.meeting_id)
            if row.last_name == "Quist"
        )
    assert quist.checked_in_at is not None  # the check-in time is back too
    assert not panel.undo_button.isVisible()


def test_a_status_changed_again_elsewhere_is_kept(
    qtbot: QtBot, panel: ParticipantsPanel, context: AppContext, elsewhere: Database
) -> None:
    _select(panel, "Karlsson", "Lind")
    panel.status_actions[ParticipationStatus.REGISTERED].trigger()
    with elsewhere.unit_of_work() as session:  # Lind checked in at another desk meanwhile
        lind = next(
            row
            for row in participations.list_participants(session, panel.meeting_id)
            if row.last_name == "Lind"
        )
        participations.set_status(session, lind.id, ParticipationStatus.ATTENDED.value)
    qtbot.mouseClick(panel.undo_button, Qt.MouseButton.LeftButton)
    on_list = _on_list(context.database, panel.meeting_id)
    assert on_list["Karlsson"] == "invited"
    assert on_list["Lind"] == "attended"
    assert panel.message.text() == (
        "Statusändringen ångrad: 1 person har fått tillbaka sin tidigare status. 1 person "
        "lämnades som den var eftersom deltagandet ändrats efter statusändringen: Ingrid Lind."
    )
