"""Ctrl+C in the window's tables: the selected rows as Excel pastes them, headings first."""

from __future__ import annotations

import pytest
from meeting_people import PEOPLE, populate
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView
from pytestqt.qtbot import QtBot
from window_fakes import open_main_window, type_text

from lkoe_desktop.services import contacts, partners
from lkoe_desktop.ui.context import AppContext
from lkoe_desktop.ui.dialogs.participants_panel import ParticipantsPanel
from lkoe_desktop.ui.dialogs.partner_form import PartnerForm
from lkoe_desktop.ui.main_window import MainWindow
from lkoe_desktop.ui.tabs.list_tab import ListTab
from lkoe_desktop.ui.widgets import table_copy

PARTNERS, CONTACTS = 0, 1
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
CONTACT_HEADINGS = "Efternamn\tFörnamn\tOrganisation\tBefattning\tE-post\tTelefon\tMobil\r\n"
ANDERSSON = 'Andersson\tBertil\tÖstgöta Frakt AB\t\'=HYPERLINK("http://x.se")\t\t\t\r\n'
ZANDER = "Zander\tCecilia\t\t\tcecilia@zander.se\t\t070-123 45 67\r\n"
ABERG = "Åberg\tÅke\tÖstgöta Frakt AB\t'-chef-\t\t\t\r\n"
OBERG = "Öberg\tAnna\tÖstgöta Frakt AB\tLogistikchef\tanna@frakt.se\t013-12 34 56\t\r\n"


@pytest.fixture
def frakt(context: AppContext) -> int:
    """A partner and four people (Andersson's job title would be a formula in Excel)."""
    with context.database.unit_of_work() as session:
        frakt = partners.create_partner(
            session, {"name": "Östgöta Frakt AB", "org_number": "556962-7432", "sector": "business"}
        ).id
        for values in (
            {"first_name": "Anna", "last_name": "Öberg", "title": "Logistikchef"},
            {
                "first_name": "Bertil",
                "last_name": "Andersson",
                "title": '=HYPERLINK("http://x.se")',
            },
            {"first_name": "Åke", "last_name": "Åberg", "title": "-chef-"},
        ):
            contacts.create_contact(session, values | {"organisation_id": frakt})
        contacts.update_contact(
            session,
            contacts.list_contacts(session, contacts.ContactFilter(search="Öberg"))[0].id,
            {"email": "anna@frakt.se", "phone": "013-123456"},
        )
        contacts.create_contact(
            session,
            {
                "first_name": "Cecilia",
                "last_name": "Zander",
                "email": "cecilia@zander.se",
                "mobile": "+46701234567",
            },
        )
    return frakt


@pytest.fixture
def window(qtbot: QtBot, context: AppContext, frakt: int) -> MainWindow:
    return open_main_window(qtbot, context)


def _tab(qtbot: QtBot, window: MainWindow, index: int) -> ListTab:
    window.show_tab(index)
    tab = window.current_tab()
    assert tab is not None
    qtbot.waitUntil(lambda: tab.model.exact and tab.model.rowCount() > 0)
    return tab


def _clipboard() -> str:
    return QGuiApplication.clipboard().text()


def test_ctrl_c_copies_the_rows_chosen_with_shift_down(qtbot: QtBot, window: MainWindow) -> None:
    QGuiApplication.clipboard().setText("förra")
    tab = _tab(qtbot, window, CONTACTS)
    tab.search.setFocus()
    QTest.keyClick(tab.search, Qt.Key.Key_Return)  # to the table, on the first row
    assert tab.table.hasFocus()
    QTest.keyClick(tab.table, Qt.Key.Key_Down, SHIFT)
    QTest.keyClick(tab.table, Qt.Key.Key_Down, SHIFT)
    QTest.keyClick(tab.table, Qt.Key.Key_C, CTRL)
    assert _clipboard() == CONTACT_HEADINGS + ANDERSSON + ZANDER + ABERG


def test_ctrl_a_copies_every_row_in_the_order_shown(qtbot: QtBot, window: MainWindow) -> None:
    tab = _tab(qtbot, window, CONTACTS)
    tab.table.setFocus()
    QTest.keyClick(tab.table, Qt.Key.Key_A, CTRL)
    QTest.keyClick(tab.table, Qt.Key.Key_C, CTRL)
    assert _clipboard() == CONTACT_HEADINGS + ANDERSSON + ZANDER + ABERG + OBERG
    header = tab.table.horizontalHeader()
    header.setSortIndicator(0, Qt.SortOrder.DescendingOrder)  # a click on "Efternamn" twice
    qtbot.waitUntil(lambda: tab.model.exact and tab.model.id_at(0) is not None)
    tab.table.selectAll()
    QTest.keyClick(tab.table, Qt.Key.Key_C, CTRL)
    assert _clipboard() == CONTACT_HEADINGS + OBERG + ABERG + ZANDER + ANDERSSON


def test_a_long_copy_runs_in_the_background_and_lands_on_the_clipboard(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(table_copy, "READ_IN_BACKGROUND", -1)  # as if 100 000 were chosen
    QGuiApplication.clipboard().setText("förra")
    tab = _tab(qtbot, window, CONTACTS)
    tab.table.setFocus()
    QTest.keyClick(tab.table, Qt.Key.Key_A, CTRL)
    QTest.keyClick(tab.table, Qt.Key.Key_C, CTRL)
    qtbot.waitUntil(lambda: _clipboard() != "förra")
    assert _clipboard() == CONTACT_HEADINGS + ANDERSSON + ZANDER + ABERG + OBERG


def test_only_the_shown_columns_in_their_places_and_codes_as_words(
    qtbot: QtBot, window: MainWindow
) -> None:
    tab = _tab(qtbot, window, PARTNERS)
    header = tab.table.horizontalHeader()
    header.moveSection(1, 0)  # Org.nr dragged in front of Namn
    tab.table.setColumnHidden(4, True)  # Kommun hidden from the column menu
    tab.table.setFocus()
    QTest.keyClick(tab.table, Qt.Key.Key_A, CTRL)
    QTest.keyClick(tab.table, Qt.Key.Key_C, CTRL)
    assert _clipboard() == (
        "Org.nr\tNamn\tSektor\tStorlek\tRelation\r\n"
        "556962-7432\tÖstgöta Frakt AB\tNäringsliv\tOkänd\t\r\n"
    )


def test_nothing_chosen_leaves_the_clipboard_alone(qtbot: QtBot, window: MainWindow) -> None:
    QGuiApplication.clipboard().setText("förra")
    tab = _tab(qtbot, window, CONTACTS)
    tab.table.setFocus()
    tab.table.clearSelection()
    QTest.keyClick(tab.table, Qt.Key.Key_C, CTRL)
    assert _clipboard() == "förra"


def test_ctrl_c_in_the_search_field_copies_its_text(qtbot: QtBot, window: MainWindow) -> None:
    tab = _tab(qtbot, window, CONTACTS)
    tab.table.selectAll()
    tab.search.setFocus()
    type_text(tab.search, "Öberg")
    tab.search.selectAll()
    QTest.keyClick(tab.search, Qt.Key.Key_C, CTRL)
    assert _clipboard() == "Öberg"


def test_edit_copy_in_the_menu_copies_the_tabs_rows(qtbot: QtBot, window: MainWindow) -> None:
    assert window.copy_action in window.edit_menu.actions()
    assert window.copy_action.text() == "&Kopiera"
    tab = _tab(qtbot, window, CONTACTS)
    tab.table.selectRow(3)
    window.tab_widget.tabBar().setFocus()
    window.copy_action.trigger()
    assert _clipboard() == CONTACT_HEADINGS + OBERG


def test_the_participants_table_copies_its_rows(qtbot: QtBot, context: AppContext) -> None:
    panel = ParticipantsPanel(context, populate(context.database, PEOPLE))
    qtbot.addWidget(panel)
    panel.show()
    panel.activateWindow()
    qtbot.waitUntil(panel.isActiveWindow)  # shortcuts work in the active window
    qtbot.waitUntil(lambda: panel.model.exact and panel.model.rowCount() == len(PEOPLE))
    panel.table.setFocus()
    QTest.keyClick(panel.table, Qt.Key.Key_Home, CTRL)  # the first row
    QTest.keyClick(panel.table, Qt.Key.Key_Down, SHIFT)
    QTest.keyClick(panel.table, Qt.Key.Key_C, CTRL)
    assert _clipboard() == (
        "Efternamn\tFörnamn\tOrganisation\tStatus\tRoll\tSpecialkost\tAnteckning\tIncheckad\r\n"
        "Andersson\tErik\tLinköpings universitet\tAnmäld\tDeltagare\t\t\t\r\n"
        "Berg\tMaria\tRegion Östergötland\tAnmäld\tDeltagare\t\t\t\r\n"
    )


def test_a_list_in_a_form_copies_its_rows(qtbot: QtBot, context: AppContext, frakt: int) -> None:
    form = PartnerForm(context, frakt)
    qtbot.addWidget(form)
    form.show()
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)
    form.pages.setCurrentIndex(form.people_page)
    people = form.people
    assert people.selectionMode() == QAbstractItemView.SelectionMode.ExtendedSelection
    people.setFocus()
    QTest.keyClick(people, Qt.Key.Key_A, CTRL)
    QTest.keyClick(people, Qt.Key.Key_C, CTRL)
    lines = _clipboard().split("\r\n")
    assert lines[0] == "Namn\tBefattning\tE-post\tTelefon\tSedan"
    assert lines[1:] == [
        'Bertil Andersson\t\'=HYPERLINK("http://x.se")\t\t\t',
        "Åke Åberg\t'-chef-\t\t\t",
        "Anna Öberg\tLogistikchef\tanna@frakt.se\t013-12 34 56\t",
        "",
    ]
