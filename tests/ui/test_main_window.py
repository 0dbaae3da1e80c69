"""The main window with its four tabs, driven like a person would: keys, clicks, links."""

from __future__ import annotations

import gc
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, QPoint, QSize, Qt, QUrl
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from window_fakes import RecordingPrompts, open_main_window, type_text

from lkoe_desktop.db.engine import Database
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.domain.i18n import ngettext
from lkoe_desktop.services import contacts, meetings, partners, themes
from lkoe_desktop.ui.app import collector_resting
from lkoe_desktop.ui.context import AppContext, settings
from lkoe_desktop.ui.dialogs import contact_form, meeting_form, partner_form, theme_form
from lkoe_desktop.ui.dialogs.settings_dialog import SettingsDialog
from lkoe_desktop.ui.main_window import MainWindow
from lkoe_desktop.ui.start_up import Starter
from lkoe_desktop.ui.tabs.list_tab import ListTab
from lkoe_desktop.ui.tabs.widths import CELL_PADDING, fitted_widths

PARTNERS, CONTACTS, THEMES, MEETINGS = range(4)
WAIT_MS = 5_000


@dataclass
class Data:
    """The ids of the test data: three partners, four people, a theme, two meetings."""

    frakt: int
    liu: int
    oberg: int
    andersson: int
    zander: int
    aberg: int
    theme: int
    past: int
    upcoming: int


@pytest.fixture
def data(sqlite_db: Database) -> Data:
    with sqlite_db.unit_of_work() as session:
        theme = themes.create_theme(session, {"name": "Bygglogistik"}).id
        frakt = partners.create_partner(
            session,
            {
                "name": "Östgöta Frakt AB",
                "org_number": "556962-7432",
                "sector": "business",
                "municipality": "Norrköping",
            },
        ).id
        liu = partners.create_partner(
            session,
            {"name": "Linköpings universitet", "sector": "academia", "municipality": "Linköping"},
        ).id
        partners.create_partner(session, {"name": "Ankare Logistik AB", "sector": "business"})

        def person(first: str, last: str, **values: object) -> int:
            return contacts.create_contact(
                session, {"first_name": first, "last_name": last, **values}
            ).id

        oberg = person("Anna", "Öberg", organisation_id=frakt, title="Logistikchef")
        andersson = person("Bertil", "Andersson", organisation_id=liu, theme_ids=[theme])
        zander = person("Cecilia", "Zander", email="cecilia@zander.se")
        aberg = person("Åke", "Åberg", organisation_id=frakt)
        past = meetings.create_meeting(
            session,
            {"title": "Frukostseminarium", "kind": "seminar", "starts_at": "2026-02-10 08:00"},
        ).id
        upcoming = meetings.create_meeting(
            session,
            {"title": "Workshop E-handel", "kind": "workshop", "starts_at": "2026-04-01 13:00"},
        ).id
    return Data(frakt, liu, oberg, andersson, zander, aberg, theme, past, upcoming)


@pytest.fixture
def context(sqlite_db: Database) -> AppContext:
    return AppContext(sqlite_db, prompts=RecordingPrompts())


def _open_window(qtbot: QtBot, context: AppContext) -> MainWindow:
    return open_main_window(qtbot, context)


@pytest.fixture
def window(qtbot: QtBot, context: AppContext, data: Data) -> MainWindow:
    return _open_window(qtbot, context)


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[int | None]]:
    """Replace the four form openers; each records the ids it was asked to open."""
    calls: dict[str, list[int | None]] = {}
    for module, name in (
        (partner_form, "open_partner_form"),
        (contact_form, "open_contact_form"),
        (theme_form, "open_theme_form"),
        (meeting_form, "open_meeting_form"),
    ):
        seen = calls.setdefault(name.removeprefix("open_").removesuffix("_form"), [])

        def opener(_context: AppContext, record_id: int | None, _parent: QWidget, seen=seen):  # type: ignore[no-untyped-def]
            seen.append(record_id)
            return None

        monkeypatch.setattr(module, name, opener)
    return calls


def _tab(window: MainWindow, index: int) -> ListTab:
    window.show_tab(index)
    tab = window.current_tab()
    assert tab is not None
    return tab


def _column(tab: ListTab, key: str) -> int:
    return next(i for i, spec in enumerate(tab.model.columns) if spec.key == key)


def _shown(tab: ListTab, key: str) -> list[str]:
    column = _column(tab, key)
    return [tab.model.data(tab.model.index(row, column)) for row in range(tab.model.rowCount())]


def _select(tab: ListTab, *record_ids: int) -> None:
    """Select rows as a click (and Ctrl+clicks) would."""
    selection = tab.table.selectionModel()
    for number, record_id in enumerate(record_ids):
        row = tab.model.row_of_id(record_id)
        assert row is not None
        flag = QItemSelectionModel.SelectionFlag
        command = flag.Rows | (flag.Select if number else flag.ClearAndSelect)
        selection.setCurrentIndex(tab.model.index(row, 0), command)


def _count_text(count: int) -> str:
    return ngettext("{count} contact", "{count} contacts", count).format(count=count)


# --- the window and its tabs -----------------------------------------------------------------
def test_four_tabs_menus_and_the_contacts_tab_first(window: MainWindow) -> None:
    titles = [window.tab_widget.tabText(i) for i in range(window.tab_widget.count())]
    assert titles == [_("Partners"), _("Contacts"), _("Themes"), _("Meetings")]
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus == [_("&File"), _("&Edit"), _("&View"), _("&Reports"), _("&Help")]
    assert window.tab_widget.currentIndex() == CONTACTS
    assert all(action.isEnabled() for action in window.record_actions)


def test_the_status_bar_shows_the_count_and_the_database(
    window: MainWindow, sqlite_db: Database
) -> None:
    assert window.message.text() == _count_text(4)
    assert sqlite_db.display_name in window.database_label.text()
    _tab(window, PARTNERS)
    assert window.message.text() == ngettext("{count} partner", "{count} partners", 3).format(
        count=3
    )


def test_ctrl_number_switches_tabs_and_ctrl_f_finds(qtbot: QtBot, window: MainWindow) -> None:
    QTest.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.tab_widget.currentIndex() == THEMES
    assert window.message.text() == ngettext("{count} theme", "{count} themes", 1).format(count=1)
    QTest.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    tab = window.current_tab()
    assert tab is not None and tab.model.rowCount() == 2
    QTest.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(tab.search.hasFocus, timeout=WAIT_MS)


# --- finding --------------------------------------------------------------------------------
def test_typing_filters_after_a_pause(qtbot: QtBot, window: MainWindow) -> None:
    tab = _tab(window, CONTACTS)
    qtbot.keyClicks(tab.search, "zand")
    assert tab.model.rowCount() == 4  # not on every keystroke: after the pause
    qtbot.waitUntil(lambda: _shown(tab, "last_name") == ["Zander"], timeout=WAIT_MS)
    assert window.message.text() == _count_text(1)
    tab.search.clear()
    type_text(tab.search, "öB")
    qtbot.waitUntil(lambda: _shown(tab, "last_name") == ["Öberg"], timeout=WAIT_MS)
    tab.search.clear()
    type_text(tab.search, "Östgöta")  # the organisation's name finds its people
    qtbot.waitUntil(lambda: _shown(tab, "last_name") == ["Åberg", "Öberg"], timeout=WAIT_MS)


def test_return_in_the_search_field_goes_to_the_table(
    qtbot: QtBot, window: MainWindow, data: Data, opened: dict[str, list[int | None]]
) -> None:
    tab = _tab(window, CONTACTS)
    tab.search.setFocus()
    qtbot.keyClicks(tab.search, "zand")
    QTest.keyClick(tab.search, Qt.Key.Key_Return)  # at once, before the pause is over
    assert tab.table.hasFocus()
    assert tab.selected_ids() == [data.zander]
    assert opened["contact"] == []
    QTest.keyClick(tab.table, Qt.Key.Key_Return)
    assert opened["contact"] == [data.zander]


def test_clicking_a_heading_sorts_in_swedish_order(qtbot: QtBot, window: MainWindow) -> None:
    tab = _tab(window, CONTACTS)
    header = tab.table.horizontalHeader()
    swedish = ["Andersson", "Zander", "Åberg", "Öberg"]
    assert _shown(tab, "last_name") == swedish
    organisation = _column(tab, "organisation")
    at = QPoint(header.sectionViewportPosition(organisation) + 10, header.height() // 2)
    QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=at)
    assert header.sortIndicatorSection() == organisation
    named = [name for name in _shown(tab, "organisation") if name]
    ascending = ["Linköpings universitet", "Östgöta Frakt AB", "Östgöta Frakt AB"]
    first_order = header.sortIndicatorOrder()
    assert named == (ascending if first_order == Qt.SortOrder.AscendingOrder else ascending[::-1])
    QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=at)
    assert header.sortIndicatorOrder() != first_order
    assert [name for name in _shown(tab, "organisation") if name] == named[::-1]
    last_name = _column(tab, "last_name")
    at = QPoint(header.sectionViewportPosition(last_name) + 10, header.height() // 2)
    QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=at)
    shown = _shown(tab, "last_name")
    assert shown in (swedish, swedish[::-1])


def test_quick_filters_narrow_the_rows(window: MainWindow, data: Data) -> None:
    partner_tab = _tab(window, PARTNERS)
    partner_tab.sector.setCurrentIndex(partner_tab.sector.findData("academia"))
    assert _shown(partner_tab, "name") == ["Linköpings universitet"]
    partner_tab.sector.setCurrentIndex(0)
    partner_tab.municipality.setCurrentIndex(partner_tab.municipality.findText("Norrköping"))
    assert _shown(partner_tab, "name") == ["Östgöta Frakt AB"]

    contact_tab = _tab(window, CONTACTS)
    contact_tab.theme.setCurrentIndex(contact_tab.theme.findData(data.theme))
    assert contact_tab.theme.currentText() == "Bygglogistik"
    assert _shown(contact_tab, "last_name") == ["Andersson"]
    assert window.message.text() == _count_text(1)

    meeting_tab = _tab(window, MEETINGS)
    assert _shown(meeting_tab, "title") == ["Workshop E-handel", "Frukostseminarium"]
    meeting_tab.meeting_kind.setCurrentIndex(meeting_tab.meeting_kind.findData("seminar"))
    assert _shown(meeting_tab, "title") == ["Frukostseminarium"]
    meeting_tab.meeting_kind.setCurrentIndex(0)
    meeting_tab.period.setCurrentIndex(meeting_tab.period.findData("upcoming"))
    assert _shown(meeting_tab, "title") == ["Workshop E-handel"]  # the clock says 2026-03-02
    meeting_tab.period.setCurrentIndex(meeting_tab.period.findData("past"))
    assert _shown(meeting_tab, "title") == ["Frukostseminarium"]


def test_selecting_a_row_fills_the_details(window: MainWindow, data: Data) -> None:
    tab = _tab(window, CONTACTS)
    _select(tab, data.oberg)
    text = tab.details.toPlainText()
    assert "Anna Öberg" in text
    assert "Östgöta Frakt AB" in text
    assert "Logistikchef" in text
    _select(tab, data.zander)
    assert "cecilia@zander.se" in tab.details.toPlainText()

    partner_tab = _tab(window, PARTNERS)
    _select(partner_tab, data.frakt)
    text = partner_tab.details.toPlainText()
    assert "Östgöta Frakt AB" in text
    assert "Anna Öberg" in text and "Åke Åberg" in text


# --- archiving ------------------------------------------------------------------------------
def test_delete_archives_the_selected_rows_and_undo_restores_them(
    qtbot: QtBot, window: MainWindow, data: Data
) -> None:
    tab = _tab(window, CONTACTS)
    _select(tab, data.oberg, data.zander)
    tab.table.setFocus()
    QTest.keyClick(tab.table, Qt.Key.Key_Delete)
    assert _shown(tab, "last_name") == ["Andersson", "Åberg"]
    assert window.message.text() == ngettext(
        "{count} contact archived.", "{count} contacts archived.", 2
    ).format(count=2)
    assert window.undo_button.isVisible()
    qtbot.mouseClick(window.undo_button, Qt.MouseButton.LeftButton)
    assert _shown(tab, "last_name") == ["Andersson", "Zander", "Åberg", "Öberg"]
    assert window.message.text() == "Ångrat: 2 kontakter har återställts från arkivet."
    assert not window.undo_button.isVisible()


def test_delete_in_the_search_field_deletes_a_character(qtbot: QtBot, window: MainWindow) -> None:
    tab = _tab(window, CONTACTS)
    tab.table.selectRow(0)
    tab.search.setFocus()
    qtbot.keyClicks(tab.search, "ab")
    QTest.keyClick(tab.search, Qt.Key.Key_Left)
    QTest.keyClick(tab.search, Qt.Key.Key_Delete)
    assert tab.search.text() == "a"
    assert not window.undo_button.isVisible()


def test_show_archived_shows_archived_rows(
    qtbot: QtBot, window: MainWindow, sqlite_db: Database, data: Data
) -> None:
    with sqlite_db.unit_of_work() as session:
        contacts.set_contact_archived(session, data.zander, True)
    tab = _tab(window, CONTACTS)
    window.refresh()
    assert "Zander" not in _shown(tab, "last_name")
    tab.archived.click()
    assert "Zander" in _shown(tab, "last_name")
    row = tab.model.row_of_id(data.zander)
    assert row is not None
    assert tab.model.data(tab.model.index(row, 0), Qt.ItemDataRole.FontRole).italic()
    _select(tab, data.zander)
    assert _("Archived") in tab.details.toPlainText()
    window.unarchive_selected()
    tab.archived.click()
    assert "Zander" in _shown(tab, "last_name")


def test_delete_permanently_asks_first(
    window: MainWindow, context: AppContext, data: Data, sqlite_db: Database
) -> None:
    prompts = context.prompts
    assert isinstance(prompts, RecordingPrompts)
    tab = _tab(window, CONTACTS)
    _select(tab, data.zander)
    prompts.answer = False
    window.delete_action.trigger()
    assert len(prompts.asked) == 1
    assert "Zander" in _shown(tab, "last_name")
    prompts.answer = True
    window.delete_action.trigger()
    assert "Zander" not in _shown(tab, "last_name")
    with sqlite_db.reading() as session:
        assert contacts.count_contacts(session, contacts.ContactFilter(include_archived=True)) == 3


# --- refreshing -----------------------------------------------------------------------------
def test_f5_picks_up_a_change_made_elsewhere(window: MainWindow, elsewhere: Database) -> None:
    tab = _tab(window, CONTACTS)
    with elsewhere.unit_of_work() as session:
        contacts.create_contact(session, {"first_name": "Dora", "last_name": "Berg"})
    assert "Berg" not in _shown(tab, "last_name")
    QTest.keyClick(window, Qt.Key.Key_F5)
    assert "Berg" in _shown(tab, "last_name")
    assert window.message.text() == _count_text(5)


def test_a_committed_change_refreshes_the_tab_without_anyone_announcing_it(
    window: MainWindow, context: AppContext, sqlite_db: Database, data: Data
) -> None:
    tab = _tab(window, CONTACTS)
    _select(tab, data.oberg)
    with sqlite_db.unit_of_work() as session:
        contacts.create_contact(session, {"first_name": "Dora", "last_name": "Berg"})
        partners.update_partner(session, data.frakt, {"name": "Östgöta Transport AB"})
    assert "Berg" in _shown(tab, "last_name")
    assert tab.current_id() == data.oberg  # the selection stays
    assert "Östgöta Transport AB" in _shown(tab, "organisation")  # a partner's new name
    assert "Östgöta Transport AB" in tab.details.toPlainText()


# --- opening forms --------------------------------------------------------------------------
def test_ctrl_n_opens_a_new_form_of_the_current_tab(
    window: MainWindow, opened: dict[str, list[int | None]]
) -> None:
    QTest.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    _tab(window, MEETINGS)
    QTest.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert opened == {"partner": [], "contact": [None], "theme": [], "meeting": [None]}


def test_enter_and_double_click_open_the_selected_record(
    qtbot: QtBot, window: MainWindow, data: Data, opened: dict[str, list[int | None]]
) -> None:
    tab = _tab(window, CONTACTS)
    _select(tab, data.zander)
    tab.table.setFocus()
    QTest.keyClick(tab.table, Qt.Key.Key_Return)
    row = tab.model.row_of_id(data.oberg)
    assert row is not None
    cell = tab.table.visualRect(tab.model.index(row, 0)).center()
    QTest.mouseClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=cell)  # as a person
    QTest.mouseDClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    assert opened["contact"] == [data.zander, data.oberg]


def test_a_saved_form_selects_its_record(
    window: MainWindow, data: Data, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(contact_form, "open_contact_form", lambda *_args: data.zander)
    tab = _tab(window, CONTACTS)
    window.new_action.trigger()
    assert tab.current_id() == data.zander


def test_a_link_in_the_details_opens_the_record_in_its_tab(
    window: MainWindow, data: Data, opened: dict[str, list[int | None]]
) -> None:
    tab = _tab(window, PARTNERS)
    _select(tab, data.frakt)
    assert f"lkoe://contact/{data.oberg}" in tab.details.toHtml()
    tab.details.anchorClicked.emit(QUrl(f"lkoe://contact/{data.oberg}"))
    assert window.tab_widget.currentIndex() == CONTACTS
    assert opened["contact"] == [data.oberg]
    tab.details.anchorClicked.emit(QUrl("https://example.com/"))  # not ours: nothing happens
    assert opened["contact"] == [data.oberg]


def test_the_people_link_filters_contacts_by_organisation(window: MainWindow, data: Data) -> None:
    contact_tab = _tab(window, CONTACTS)
    contact_tab.theme.setCurrentIndex(contact_tab.theme.findData(data.theme))  # type: ignore[attr-defined]
    tab = _tab(window, PARTNERS)
    _select(tab, data.frakt)
    link = f"lkoe://people/{data.frakt}"
    assert link in tab.details.toHtml()
    tab.details.anchorClicked.emit(QUrl(link))
    assert window.current_tab() is contact_tab
    assert _shown(contact_tab, "last_name") == ["Åberg", "Öberg"]
    chip = contact_tab.organisation  # type: ignore[attr-defined]
    assert chip.isVisible()
    assert "Östgöta Frakt AB" in chip.text()
    chip.click()
    assert not chip.isVisible()
    assert len(_shown(contact_tab, "last_name")) == 4


# --- start-up -------------------------------------------------------------------------------
@pytest.fixture
def empty_url(tmp_path: Path, sqlite_template: Path) -> str:
    path = tmp_path / "new.sqlite3"
    shutil.copy(sqlite_template, path)
    return f"sqlite:///{path}"


def _start(
    qtbot: QtBot, url: str, end_rest: Callable[[], None] = lambda: None
) -> tuple[MainWindow, Starter]:
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    starter = Starter(window, url, end_rest)
    starter.start()
    return window, starter


def _welcome_view(window: MainWindow) -> QWidget | None:
    current = window.stack.currentWidget()
    return None if current is window.tab_widget else current


def test_an_empty_database_offers_to_start_empty(qtbot: QtBot, empty_url: str) -> None:
    window, _starter = _start(qtbot, empty_url)
    qtbot.waitUntil(lambda: _welcome_view(window) is not None, timeout=WAIT_MS)
    view = _welcome_view(window)
    assert window.message.text() == _("The database is empty.")
    qtbot.mouseClick(view.empty_button, Qt.MouseButton.LeftButton)  # type: ignore[union-attr]
    assert window.stack.currentWidget() is window.tab_widget
    tab = window.current_tab()
    assert tab is not None and tab.model.rowCount() == 0
    assert window.message.text() == _count_text(0)


def test_an_empty_database_can_load_the_demo(qtbot: QtBot, empty_url: str) -> None:
    window, _starter = _start(qtbot, empty_url)
    qtbot.waitUntil(lambda: _welcome_view(window) is not None, timeout=WAIT_MS)
    view = _welcome_view(window)
    qtbot.mouseClick(view.demo_button, Qt.MouseButton.LeftButton)  # type: ignore[union-attr]
    assert not view.isEnabled()  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: window.current_tab() is not None, timeout=20_000)
    tab = window.current_tab()
    assert tab is not None
    qtbot.waitUntil(lambda: tab.model.exact, timeout=WAIT_MS)
    assert tab.model.rowCount() > 500


@pytest.mark.usefixtures("collector_as_before")
def test_the_garbage_collector_works_again_once_the_database_is_open(
    qtbot: QtBot, empty_url: str
) -> None:
    with collector_resting() as end_rest:  # as the window's start-up
        window, _starter = _start(qtbot, empty_url, end_rest)
        assert not gc.isenabled()  # the database is still being opened on a worker
        qtbot.waitUntil(lambda: _welcome_view(window) is not None, timeout=WAIT_MS)
        assert gc.isenabled()
        assert gc.get_freeze_count() > 0  # what the start-up made is left out of collections


@pytest.mark.usefixtures("collector_as_before")
def test_a_database_that_cannot_be_opened_is_told_and_closes(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    told: list[str] = []

    def critical(_parent: QWidget | None, _title: str, text: str) -> QMessageBox.StandardButton:
        told.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "critical", critical)
    path = tmp_path / "not-a-database.sqlite3"
    path.write_text("Det här är ingen databas.\n" * 100, encoding="utf-8")
    with collector_resting() as end_rest:  # as the window's start-up
        window, starter = _start(qtbot, f"sqlite:///{path}", end_rest)
        qtbot.waitUntil(lambda: bool(told), timeout=WAIT_MS)
        assert told[0] != _("Something went wrong. The details are in the log file.")
        assert not window.isVisible()
        assert starter.exit_code == 1
        assert gc.isenabled()


# --- remembered state and language ----------------------------------------------------------
def test_columns_geometry_and_tab_are_remembered(
    qtbot: QtBot, context: AppContext, data: Data
) -> None:
    first = _open_window(qtbot, context)
    first.resize(900, 640)  # the least width the window takes
    tab = _tab(first, CONTACTS)
    tab.table.setColumnWidth(_column(tab, "organisation"), 321)
    tab.table.sortByColumn(_column(tab, "last_name"), Qt.SortOrder.DescendingOrder)
    _tab(first, PARTNERS)
    first.close()

    second = _open_window(qtbot, context)
    assert second.tab_widget.currentIndex() == PARTNERS
    again = _tab(second, CONTACTS)
    assert again.table.columnWidth(_column(again, "organisation")) == 321
    assert again.table.horizontalHeader().sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    assert _shown(again, "last_name")[0] == "Öberg"
    assert second.size() == QSize(900, 640)


def test_columns_fit_the_view_and_can_be_hidden(
    qtbot: QtBot, context: AppContext, data: Data
) -> None:
    first = _open_window(qtbot, context)  # 1280 × 688 on the laptop screen the first time
    tab = _tab(first, PARTNERS)
    name = _column(tab, "name")
    wide = tab.table.fontMetrics().horizontalAdvance("Linköpings universitet")
    qtbot.waitUntil(lambda: tab.table.columnWidth(name) > wide, timeout=WAIT_MS)
    assert tab.table.horizontalScrollBar().maximum() == 0
    phone, municipality = _column(tab, "phone"), _column(tab, "municipality")
    assert tab.table.isColumnHidden(phone)  # in the details pane; shown when asked for
    menu = tab.column_menu()
    assert [action.text() for action in menu.actions()] == [c.title for c in tab.model.columns]
    menu.actions()[municipality].trigger()
    menu.actions()[phone].trigger()
    assert tab.table.isColumnHidden(municipality)
    assert not tab.table.isColumnHidden(phone)
    first.close()

    second = _open_window(qtbot, context)
    assert _tab(second, PARTNERS).table.isColumnHidden(municipality)
    assert not _tab(second, PARTNERS).table.isColumnHidden(phone)


def _fits_names(tab: ListTab) -> bool:
    """The partner names are shown whole: the column has room for the longest of them."""
    name = _column(tab, "name")
    widest = max(tab.table.fontMetrics().horizontalAdvance(text) for text in _shown(tab, "name"))
    return tab.table.columnWidth(name) >= widest + CELL_PADDING > 100


def test_a_tab_first_shown_on_a_later_day_fits_its_columns(
    qtbot: QtBot, context: AppContext, data: Data
) -> None:
    first = _open_window(qtbot, context)  # the Kontakter tab; Partner is never shown
    contacts = _tab(first, CONTACTS)
    qtbot.waitUntil(lambda: contacts.table.columnWidth(0) != 100, timeout=WAIT_MS)
    first.close()  # remembers the contacts' columns only

    second = _open_window(qtbot, context)
    tab = _tab(second, PARTNERS)
    qtbot.waitUntil(lambda: _fits_names(tab), timeout=WAIT_MS)


def test_columns_saved_unfitted_by_an_earlier_version_are_fitted(
    qtbot: QtBot, context: AppContext, data: Data
) -> None:
    first = _open_window(qtbot, context)
    never_shown = first.tabs[PARTNERS]
    settings().setValue(
        f"{never_shown.kind}/header", never_shown.table.horizontalHeader().saveState()
    )
    first.close()

    second = _open_window(qtbot, context)
    tab = _tab(second, PARTNERS)
    qtbot.waitUntil(lambda: _fits_names(tab), timeout=WAIT_MS)


def test_a_narrow_table_keeps_names_and_numbers_readable(
    window: MainWindow, context: AppContext, data: Data
) -> None:
    with context.database.unit_of_work() as session:
        partners.update_partner(session, data.liu, {"email": "registrator.universitetet@liu.se"})
    tab = _tab(window, PARTNERS)
    tab.refresh()
    for column in range(len(tab.model.columns)):
        tab.table.setColumnHidden(column, False)
    wide = fitted_widths(tab.table, tab.model, 10_000)
    narrow = fitted_widths(tab.table, tab.model, 400)
    name, org_number, phone, email = (
        _column(tab, key) for key in ("name", "org_number", "phone", "email")
    )
    assert narrow[phone] == wide[phone]  # phone and org. numbers stay whole
    assert narrow[org_number] == wide[org_number]
    assert narrow[email] < wide[email]
    assert narrow[name] > narrow[email]  # the name gives way last
    assert sum(narrow) > 400  # too narrow for that: the table scrolls sideways instead


def test_switching_language_keeps_what_was_typed(
    qtbot: QtBot, window: MainWindow, data: Data
) -> None:
    tab = _tab(window, CONTACTS)
    type_text(tab.search, "Öb")
    qtbot.waitUntil(lambda: _shown(tab, "last_name") == ["Öberg"], timeout=WAIT_MS)
    dialog = SettingsDialog(window)
    qtbot.addWidget(dialog)
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    dialog.accept()
    titles = [window.tab_widget.tabText(i) for i in range(4)]
    assert titles == ["Partners", "Contacts", "Themes", "Meetings"]
    assert window.menuBar().actions()[0].text() == "&File"
    heading = tab.model.headerData(_column(tab, "last_name"), Qt.Orientation.Horizontal)
    assert heading == "Last name"
    assert tab.search.text() == "Öb"
    assert _shown(tab, "last_name") == ["Öberg"]
    assert window.message.text() == "1 contact"
    assert tab.archived.text() == "Show archived"


def test_meeting_details_say_who_is_on_the_list(
    window: MainWindow, sqlite_db: Database, data: Data
) -> None:
    from lkoe_desktop.services import participations

    tab = _tab(window, MEETINGS)
    _select(tab, data.upcoming)
    assert _("No one on the list yet.") in tab.details.toPlainText()
    with sqlite_db.unit_of_work() as session:
        participations.register(session, data.upcoming, data.oberg)
    text = tab.details.toPlainText()
    assert _("No one on the list yet.") not in text
    assert "Workshop E-handel" in text
    registered_column = _column(tab, "registered_count")
    row = tab.model.row_of_id(data.upcoming)
    assert tab.model.data(tab.model.index(row, registered_column)) == "1"  # type: ignore[arg-type]


def test_about_tells_the_version_and_database(
    window: MainWindow, context: AppContext, sqlite_db: Database
) -> None:
    window.about_action.trigger()
    prompts = context.prompts
    assert isinstance(prompts, RecordingPrompts)
    assert sqlite_db.display_name in prompts.asked[0]


def test_a_list_that_fails_to_be_read_in_the_background_says_so(
    qtbot: QtBot, window: MainWindow
) -> None:
    from lkoe_desktop.domain.errors import DatabaseBusyError
    from lkoe_desktop.ui.ops import submit

    def locked() -> None:
        raise DatabaseBusyError("Databasen är låst av ett annat program.")

    def broken() -> None:
        raise RuntimeError("a bug in a background read")

    submit(locked, lambda _result: None, window)
    qtbot.waitUntil(lambda: window.message.text() == "Databasen är låst av ett annat program.")
    submit(broken, lambda _result: None, window)
    qtbot.waitUntil(lambda: "loggfil" in window.message.text())
