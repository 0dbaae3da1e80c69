"""Kopiera e-postadresser from anywhere: chosen contacts in Kontakter, a partner's people, a
meeting's participants; archived people and those without an address are skipped and counted,
a meeting's cancelled and no-show people are left out unless asked."""

from __future__ import annotations

import pytest
from context_menus import choose_from_menu
from meeting_people import PEOPLE, populate
from modals import answer_modal
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from window_fakes import click_tab, open_main_window

from lkoe_desktop.services import contacts, participations
from lkoe_desktop.ui.context import AppContext
from lkoe_desktop.ui.dialogs.participants_panel import ParticipantsPanel
from lkoe_desktop.ui.dialogs.partner_form import PartnerForm
from lkoe_desktop.ui.main_window import MainWindow
from lkoe_desktop.ui.tabs.list_tab import ListTab

PARTNERS, CONTACTS = 0, 1
ADDRESSES = {"Wójcik": "lukasz@hamnbolaget.se", "Dahl": "karin.dahl@hamnbolaget.se"}


@pytest.fixture
def meeting(context: AppContext) -> int:
    """The meeting of `meeting_people`; at Hamnbolaget AB Wójcik and Dahl have addresses,
    Holm has none and Lind is archived."""
    meeting_id = populate(context.database, PEOPLE)
    with context.database.unit_of_work() as session:
        rows = participations.list_participants(session, meeting_id)
        ids = {row.last_name: row.contact_id for row in rows}
        for last, address in ADDRESSES.items():
            contacts.update_contact(session, ids[last], {"email": address})
        contacts.update_contact(session, ids["Lind"], {"email": "ingrid@hamnbolaget.se"})
        contacts.set_contact_archived(session, ids["Lind"], True)
    return meeting_id


@pytest.fixture
def window(qtbot: QtBot, context: AppContext, meeting: int) -> MainWindow:
    return open_main_window(qtbot, context)


def _tab(qtbot: QtBot, window: MainWindow, index: int) -> ListTab:
    QTest.keyClick(window, Qt.Key(Qt.Key.Key_1 + index), Qt.KeyboardModifier.ControlModifier)
    tab = window.current_tab()
    assert tab is not None
    qtbot.waitUntil(lambda: tab.model.exact and tab.model.rowCount() > 0)
    return tab


def _select(tab: ListTab, key: str, *names: str) -> int:
    """Select rows by a column's text, as Ctrl+clicks would; the last row selected."""
    selection = tab.table.selectionModel()
    column = next(i for i, spec in enumerate(tab.model.columns) if spec.key == key)
    row = -1
    for number, name in enumerate(names):
        row = next(
            r
            for r in range(tab.model.rowCount())
            if tab.model.data(tab.model.index(r, column)) == name
        )
        flag = QItemSelectionModel.SelectionFlag
        command = flag.Rows | (flag.Select if number else flag.ClearAndSelect)
        selection.setCurrentIndex(tab.model.index(row, 0), command)
    return row


def _clipboard() -> str:
    return QGuiApplication.clipboard().text()


def test_kontakter_copies_the_selected_peoples_addresses_from_the_right_click_menu(
    qtbot: QtBot, window: MainWindow
) -> None:
    QGuiApplication.clipboard().setText("förra")
    tab = _tab(qtbot, window, CONTACTS)
    tab.archived.click()  # Lind is archived
    qtbot.waitUntil(lambda: tab.model.exact and tab.model.rowCount() == len(PEOPLE))
    row = _select(tab, "last_name", "Wójcik", "Holm", "Lind", "Dahl")
    place = tab.table.visualRect(tab.model.index(row, 0)).center()
    offered = choose_from_menu(tab.table.viewport(), place, "Kopiera e-postadresser")
    assert offered == ["Öppna…", "Kopiera e-postadresser", "Exportera markerade…"]
    assert _clipboard() == (  # in the list's order
        "Karin Dahl <karin.dahl@hamnbolaget.se>; Łukasz Wójcik <lukasz@hamnbolaget.se>"
    )
    assert window.message.text() == (
        "2 e-postadresser kopierade; klistra in dem i Outlooks Till- eller Hemlig kopia-fält. "
        "1 person saknar e-postadress: Sara Holm. 1 arkiverad person utelämnad."
    )


def test_the_edit_menu_copies_addresses_in_kontakter_only(qtbot: QtBot, window: MainWindow) -> None:
    _tab(qtbot, window, PARTNERS)
    assert not window.copy_addresses_action.isEnabled()
    tab = _tab(qtbot, window, CONTACTS)
    assert window.copy_addresses_action in window.edit_menu.actions()
    assert window.copy_addresses_action.isEnabled()
    _select(tab, "last_name", "Dahl")
    window.copy_addresses_action.trigger()
    assert _clipboard() == "Karin Dahl <karin.dahl@hamnbolaget.se>"
    assert window.message.text().startswith("1 e-postadress kopierad;")


def test_a_partners_people_copied_from_its_form(qtbot: QtBot, window: MainWindow) -> None:
    tab = _tab(qtbot, window, PARTNERS)
    _select(tab, "name", "Hamnbolaget AB")
    said: list[str] = []

    def copy_people(form: PartnerForm) -> None:
        form.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is form)
        click_tab(qtbot, form.pages, form.pages.tabText(form.people_page))
        people = form.people
        item = people.findItems("Karin Dahl", Qt.MatchFlag.MatchExactly, 0)[0]
        place = people.visualItemRect(item).center()
        qtbot.mouseClick(people.viewport(), Qt.MouseButton.LeftButton, pos=place)
        choose_from_menu(people.viewport(), place, "Kopiera e-postadresser")
        said.append(_clipboard())
        said.append(form.copied.text())
        people.clearSelection()
        qtbot.mouseClick(form.copy_button, Qt.MouseButton.LeftButton)  # everyone working there
        said.append(_clipboard())
        said.append(form.copied.text())
        form.reject()

    with answer_modal(qtbot, PartnerForm, copy_people):
        tab.table.setFocus()
        QTest.keyClick(tab.table, Qt.Key.Key_Return)
    assert said == [
        "Karin Dahl <karin.dahl@hamnbolaget.se>",
        "1 e-postadress kopierad; klistra in den i Outlooks Till- eller Hemlig kopia-fält.",
        "Karin Dahl <karin.dahl@hamnbolaget.se>; Łukasz Wójcik <lukasz@hamnbolaget.se>",
        "2 e-postadresser kopierade; klistra in dem i Outlooks Till- eller Hemlig kopia-fält. "
        "2 personer saknar e-postadress: Sara Holm, Helena Persson. "
        "1 arkiverad person utelämnad.",
    ]


@pytest.fixture
def panel(qtbot: QtBot, context: AppContext, meeting: int) -> ParticipantsPanel:
    with context.database.unit_of_work() as session:
        for row in participations.list_participants(session, meeting):
            if row.last_name not in ADDRESSES and row.last_name != "Lind":
                contacts.update_contact(
                    session, row.contact_id, {"email": f"{row.last_name.lower()}@example.se"}
                )
    view = ParticipantsPanel(context, meeting)
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.show()
    qtbot.waitUntil(lambda: view.model.exact and view.model.rowCount() == len(PEOPLE))
    return view


def _copied(text: str) -> list[str]:
    """The addresses in Outlook's form of a list."""
    return [part.split("<")[-1].rstrip(">") for part in text.split("; ")]


def test_a_meetings_copy_leaves_out_cancelled_and_no_show_unless_asked(
    qtbot: QtBot, panel: ParticipantsPanel, context: AppContext
) -> None:
    qtbot.mouseClick(panel.copy_button, Qt.MouseButton.LeftButton)  # everyone shown
    copied = _copied(_clipboard())
    assert len(copied) == len(PEOPLE) - 4  # 2 cancelled, 1 no-show, Lind archived
    assert "olsson@example.se" not in copied and "rask@example.se" not in copied
    assert panel.message.text().endswith(
        "1 arkiverad person utelämnad. 3 avbokade eller uteblivna personer utelämnade."
    )
    panel.copy_absent.trigger()  # Även avbokade och uteblivna
    qtbot.mouseClick(panel.copy_button, Qt.MouseButton.LeftButton)
    assert len(_copied(_clipboard())) == len(PEOPLE) - 1


def test_a_meetings_selection_copied_from_the_right_click_menu(
    qtbot: QtBot, panel: ParticipantsPanel, context: AppContext
) -> None:
    model = panel.model
    selection = panel.table.selectionModel()
    row = -1
    for name in ("Olsson", "Karlsson"):  # cancelled, invited
        row = next(r for r in range(model.rowCount()) if model.row_at(r).last_name == name)
        selection.select(
            model.index(row, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )
    place = panel.table.visualRect(model.index(row, 0)).center()
    offered = choose_from_menu(panel.table.viewport(), place, "Kopiera e-postadresser")
    assert "Även avbokade och uteblivna" in offered
    assert _clipboard() == "Nils Karlsson <karlsson@example.se>"
    assert panel.message.text().endswith("1 avbokad eller utebliven person utelämnad.")
    choose_from_menu(panel.table.viewport(), place, "Även avbokade och uteblivna")
    choose_from_menu(panel.table.viewport(), place, "Kopiera e-postadresser")
    assert _clipboard() == (
        "Nils Karlsson <karlsson@example.se>; Gustav Olsson <olsson@example.se>"
    )
