"""Arkiv → Exportera… and Exportera markerade…: the dialog offers the formats that fit the list,
says how many rows the list shows and how many are selected, and suggests a file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from context_menus import choose_from_menu
from modals import answer_modal
from PySide6.QtCore import QItemSelectionModel, QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu, QRadioButton
from pytestqt.qtbot import QtBot
from window_fakes import RecordingPrompts, click_tab, open_main_window, type_text

from lkoe_desktop.services import contacts, groups, meetings, partners
from lkoe_desktop.services.exports import Format
from lkoe_desktop.ui.context import AppContext, settings
from lkoe_desktop.ui.dialogs.export_dialog import ExportDialog
from lkoe_desktop.ui.main_window import MainWindow
from lkoe_desktop.ui.tabs.list_tab import ListTab

PEOPLE = (("Anna", "Öberg"), ("Bertil", "Andersson"), ("Åke", "Åberg"), ("Cecilia", "Zander"))
ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def window(qtbot: QtBot, context: AppContext) -> MainWindow:
    """Four people, three at Östgöta Frakt AB; one meeting; Styrgrupp with two members."""
    with context.database.unit_of_work() as session:
        frakt = partners.create_partner(session, {"name": "Östgöta Frakt AB"}).id
        ids = [
            contacts.create_contact(
                session,
                {"first_name": first, "last_name": last}
                | ({"organisation_id": frakt} if last != "Zander" else {}),
            ).id
            for first, last in PEOPLE
        ]
        meetings.create_meeting(
            session,
            {"title": "Frukostseminarium", "kind": "seminar", "starts_at": "2026-03-02 09:00"},
        )
        steering = groups.create_group(session, {"name": "Styrgrupp"}).id
        for contact_id in ids[:2]:
            groups.add_member(session, steering, contact_id)
    return open_main_window(qtbot, context)


def shown_tab(qtbot: QtBot, window: MainWindow, title: str) -> ListTab:
    click_tab(qtbot, window.tab_widget, title)
    tab = window.current_tab()
    assert tab is not None
    qtbot.waitUntil(lambda: tab.model.exact and tab.model.rowCount() > 0)
    return tab


def from_the_file_menu(qtbot: QtBot, window: MainWindow, answer: Callable[[ExportDialog], object]):
    """Alt+A opens Arkiv, E chooses Exportera…; `answer` answers the dialog."""
    window.activateWindow()  # offscreen, no window is active again once a dialog has closed
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    QTest.keyClick(window, Qt.Key.Key_A, ALT)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    menu = QApplication.activePopupWidget()
    assert menu is window.file_menu
    with answer_modal(qtbot, ExportDialog, answer):
        QTest.keyClick(menu, Qt.Key.Key_E)


def choose(qtbot: QtBot, button: QRadioButton) -> None:
    """Click a choice's round button."""
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))
    assert button.isChecked()


def formats(dialog: ExportDialog) -> list[str]:
    return [button.text() for button in dialog.format_buttons.values()]


def select_rows(tab: ListTab, *rows: int) -> None:
    selection = tab.table.selectionModel()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row in rows:
        selection.select(tab.model.index(row, 0), flags)


def test_each_list_offers_the_formats_that_fit_it(qtbot: QtBot, window: MainWindow) -> None:
    offered: dict[str, list[str]] = {}
    for title in ("Partner", "Kontakter", "Möten"):
        shown_tab(qtbot, window, title)

        def cancel(dialog: ExportDialog, title: str = title) -> None:
            offered[title] = formats(dialog)
            dialog.reject()

        from_the_file_menu(qtbot, window, cancel)
    assert offered == {
        "Partner": ["Excel-arbetsbok (.xlsx)", "CSV för Excel (.csv)", "JSON (.json)"],
        "Kontakter": [
            "Excel-arbetsbok (.xlsx)",
            "CSV för Excel (.csv)",
            "vCard för Outlook och telefoner (.vcf)",
            "JSON (.json)",
        ],
        "Möten": [
            "Excel-arbetsbok (.xlsx)",
            "CSV för Excel (.csv)",
            "iCalendar för kalendrar (.ics)",
            "JSON (.json)",
        ],
    }


def test_the_dialog_says_the_list_its_rows_and_a_file_name(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    settings().setValue("files/last_folder", str(tmp_path))
    tab = shown_tab(qtbot, window, "Kontakter")
    tab.search.setFocus()
    type_text(tab.search, "berg")
    qtbot.waitUntil(lambda: tab.model.exact and tab.model.rowCount() == 2)
    select_rows(tab, 1)
    seen: dict[str, object] = {}

    def look(dialog: ExportDialog) -> None:
        seen["filters"] = dialog.filters.text()
        seen["all"] = dialog.all_rows.text()
        seen["selected"] = dialog.selected_rows.text()
        seen["all chosen"] = dialog.all_rows.isChecked()
        seen["file"] = dialog.path.text()
        choose(qtbot, dialog.format_buttons[Format.VCF])
        seen["vCard file"] = dialog.path.text()
        dialog.reject()

    from_the_file_menu(qtbot, window, look)
    assert seen == {
        "filters": "sökning ”berg”",
        "all": "Listan som den visas nu (2 rader)",
        "selected": "Markerade rader (1)",
        "all chosen": True,
        "file": str(tmp_path / "Kontakter 2026-03-02.xlsx"),
        "vCard file": str(tmp_path / "Kontakter 2026-03-02.vcf"),
    }


def test_export_selected_from_the_right_click_menu_chooses_the_selected_rows(
    qtbot: QtBot, window: MainWindow
) -> None:
    tab = shown_tab(qtbot, window, "Kontakter")
    select_rows(tab, 0, 2)
    place = tab.table.visualRect(tab.model.index(2, 0)).center()
    seen: list[object] = []

    def look(dialog: ExportDialog) -> None:
        seen.extend([dialog.selected_rows.isChecked(), dialog.selected_rows.text()])
        dialog.reject()

    with answer_modal(qtbot, ExportDialog, look):
        offered = choose_from_menu(tab.table.viewport(), place, "Exportera markerade…")
    assert offered == ["Öppna…", "Kopiera e-postadresser", "Exportera markerade…"]
    assert seen == [True, "Markerade rader (2)"]


def test_nothing_selected_leaves_only_the_whole_list(qtbot: QtBot, window: MainWindow) -> None:
    shown_tab(qtbot, window, "Partner")
    seen: list[bool] = []

    def look(dialog: ExportDialog) -> None:
        seen.extend([dialog.all_rows.isChecked(), dialog.selected_rows.isEnabled()])
        dialog.reject()

    from_the_file_menu(qtbot, window, look)
    assert seen == [True, False]


def test_themes_are_not_exported(qtbot: QtBot, window: MainWindow) -> None:
    with window.context.database.unit_of_work() as session:  # type: ignore[union-attr]
        from lkoe_desktop.services import themes

        themes.create_theme(session, {"name": "Bygglogistik"})
    tab = shown_tab(qtbot, window, "Teman")
    assert tab.entity == "theme"
    window.file_menu.aboutToShow.emit()
    assert not window.export_action.isEnabled()


def test_an_existing_file_is_replaced_only_when_the_clerk_says_so(
    qtbot: QtBot, window: MainWindow, prompts: RecordingPrompts, tmp_path: Path
) -> None:
    there = tmp_path / "Kontakter.csv"
    there.write_text("förra", encoding="utf-8")
    shown_tab(qtbot, window, "Kontakter")
    prompts.answer = False
    seen: list[str] = []

    def answer(dialog: ExportDialog) -> None:
        choose(qtbot, dialog.format_buttons[Format.CSV])
        dialog.path.selectAll()
        type_text(dialog.path, str(there))
        qtbot.mouseClick(dialog.buttons.buttons()[0], Qt.MouseButton.LeftButton)
        seen.append(dialog.problem.text() if dialog.isVisible() else "closed")
        dialog.reject()

    from_the_file_menu(qtbot, window, answer)
    assert prompts.asked == [f"”Kontakter.csv” finns redan i {tmp_path}. Vill du ersätta den?"]
    assert seen == ["Välj ett annat filnamn eller ersätt filen."]
    assert there.read_text(encoding="utf-8") == "förra"


def test_a_folder_that_does_not_exist_is_told_in_the_dialog(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    shown_tab(qtbot, window, "Möten")
    seen: list[str] = []

    def answer(dialog: ExportDialog) -> None:
        dialog.path.selectAll()
        type_text(dialog.path, str(tmp_path / "saknas" / "möten"))
        QTest.keyClick(dialog.path, Qt.Key.Key_Return)
        seen.append(dialog.problem.text() if dialog.isVisible() else "closed")
        dialog.reject()

    from_the_file_menu(qtbot, window, answer)
    assert seen == [f"Mappen {tmp_path / 'saknas'} finns inte."]


def test_a_name_alone_goes_to_the_last_folder_and_choose_opens_there(
    qtbot: QtBot, window: MainWindow, prompts: RecordingPrompts, tmp_path: Path
) -> None:
    settings().setValue("files/last_folder", str(tmp_path))
    prompts.save_to = tmp_path / "Partnerlista"  # what the clerk picks in the save dialog
    shown_tab(qtbot, window, "Partner")
    seen: list[str] = []

    def answer(dialog: ExportDialog) -> None:
        dialog.path.selectAll()
        type_text(dialog.path, "Mina partner.csv")
        seen.append(str(dialog.chosen_path()))
        qtbot.mouseClick(dialog.browse, Qt.MouseButton.LeftButton)
        seen.append(dialog.path.text())
        dialog.reject()

    from_the_file_menu(qtbot, window, answer)
    assert prompts.asked == [str(tmp_path / "Mina partner.csv")]  # where the save dialog opens
    assert seen == [str(tmp_path / "Mina partner.csv"), str(tmp_path / "Partnerlista.xlsx")]
