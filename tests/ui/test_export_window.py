"""Exporting from the window as the clerk does (filter, select, Arkiv → Exportera… or the
right-click menu, choose the format, save), then reading the file back: it holds exactly the
rows the list showed, or the selected ones, in the order shown."""

from __future__ import annotations

import csv
import threading
from collections.abc import Callable
from pathlib import Path

import icalendar
import openpyxl
import pytest
from context_menus import choose_from_menu
from meeting_people import PEOPLE as MEETING_PEOPLE
from meeting_people import populate
from modals import answer_modal
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu, QProgressDialog, QPushButton, QRadioButton
from pytestqt.qtbot import QtBot
from window_fakes import click_tab, open_main_window, type_text

from lkoe_desktop.services import contacts, groups, meetings, partners
from lkoe_desktop.services.exports import Format
from lkoe_desktop.ui import export_runner, ops
from lkoe_desktop.ui.context import AppContext
from lkoe_desktop.ui.dialogs.export_dialog import ExportDialog
from lkoe_desktop.ui.dialogs.participants_panel import ParticipantsPanel
from lkoe_desktop.ui.main_window import MainWindow
from lkoe_desktop.ui.tabs.list_tab import ListTab

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
# first name, last name, organisation (None: none), job title
PEOPLE = (
    ("Anna", "Öberg", "Östgöta Frakt AB", "Logistikchef"),
    ("Bertil", "Andersson", "Östgöta Frakt AB", '=HYPERLINK("http://x.se")'),
    ("Åke", "Åberg", "Östgöta Frakt AB", "-chef-"),
    ("Łukasz", "Wójcik", "Hamnbolaget AB", "Hamnchef"),
    ("Σοφία", "Berg", "Hamnbolaget AB", "Analytiker"),
    ("Cecilia", "Zander", None, None),
    ("Erik", "Bergström", "Linköpings universitet", "Forskare"),
)


@pytest.fixture
def window(qtbot: QtBot, context: AppContext) -> MainWindow:
    """The people above at their partners; Styrgrupp with Öberg, Wójcik and Zander; three
    meetings."""
    with context.database.unit_of_work() as session:
        ids: dict[str, int] = {}
        places: dict[str, int] = {}
        for first, last, organisation, title in PEOPLE:
            values: dict[str, object] = {"first_name": first, "last_name": last}
            if organisation is not None:
                if organisation not in places:
                    places[organisation] = partners.create_partner(
                        session, {"name": organisation}
                    ).id
                values |= {"organisation_id": places[organisation], "title": title}
            ids[last] = contacts.create_contact(session, values).id
        steering = groups.create_group(session, {"name": "Styrgrupp"}).id
        for last in ("Öberg", "Wójcik", "Zander"):
            groups.add_member(session, steering, ids[last])
        for day, title in (
            ("03-02", "Frukostseminarium"),
            ("04-14", "Hamnträff"),
            ("05-20", "Vår"),
        ):
            meetings.create_meeting(
                session, {"title": title, "kind": "seminar", "starts_at": f"2026-{day} 09:00"}
            )
    return open_main_window(qtbot, context)


# --- what the clerk does -----------------------------------------------------------------------
def shown_tab(qtbot: QtBot, window: MainWindow, title: str) -> ListTab:
    click_tab(qtbot, window.tab_widget, title)
    tab = window.current_tab()
    assert tab is not None
    qtbot.waitUntil(lambda: tab.model.exact and tab.model.rowCount() > 0)
    return tab


def choose(qtbot: QtBot, button: QRadioButton) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))
    assert button.isChecked()


def save_as(qtbot: QtBot, fmt: Format, path: Path) -> Callable[[ExportDialog], None]:
    """The dialog's answer: this format, this file, Exportera."""

    def answer(dialog: ExportDialog) -> None:
        dialog.activateWindow()  # offscreen, a dialog is not made active by itself
        qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
        choose(qtbot, dialog.format_buttons[fmt])
        dialog.path.setFocus()
        dialog.path.selectAll()
        type_text(dialog.path, str(path))
        QTest.keyClick(dialog.path, Qt.Key.Key_Return)

    return answer


def from_the_file_menu(qtbot: QtBot, window: MainWindow, answer: Callable[[ExportDialog], None]):
    """Alt+A opens Arkiv, E chooses Exportera…"""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    QTest.keyClick(window, Qt.Key.Key_A, ALT)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    with answer_modal(qtbot, ExportDialog, answer):
        QTest.keyClick(QApplication.activePopupWidget(), Qt.Key.Key_E)


def click_row(qtbot: QtBot, tab: ListTab, row: int, modifier=Qt.KeyboardModifier.NoModifier):
    place = tab.table.visualRect(tab.model.index(row, 0)).center()
    qtbot.mouseClick(tab.table.viewport(), Qt.MouseButton.LeftButton, modifier, place)


def shown(tab: ListTab, key: str) -> list[str]:
    return [getattr(tab.model.row_at(row), key) for row in range(tab.model.rowCount())]


# --- reading the files back --------------------------------------------------------------------
def xlsx_column(path: Path, heading: str) -> list[object]:
    sheet = openpyxl.load_workbook(path, read_only=True).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    column = rows[0].index(heading)
    return [row[column] for row in rows[1:]]


def csv_column(path: Path, heading: str) -> list[str]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    column = rows[0].index(heading)
    return [row[column] for row in rows[1:]]


def written(qtbot: QtBot, path: Path, message: Callable[[], str]) -> str:
    """Wait for the background export to say it is done; what it said."""
    qtbot.waitUntil(lambda: "exporterad" in message() or "avbröts" in message())
    return message()


# --- the tests ---------------------------------------------------------------------------------
def test_the_filtered_contacts_as_shown_to_excel(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    tab = shown_tab(qtbot, window, "Kontakter")
    tab.search.setFocus()
    type_text(tab.search, "berg")
    qtbot.waitUntil(lambda: tab.model.exact and tab.model.rowCount() == 4)
    header = tab.table.horizontalHeader()
    qtbot.mouseClick(
        header.viewport(),
        Qt.MouseButton.LeftButton,
        pos=QPoint(header.sectionViewportPosition(1) + 5, header.height() // 2),
    )  # Förnamn
    qtbot.waitUntil(lambda: tab.model.exact and tab.model.order == ("first_name", False))
    target = tmp_path / "Berg.xlsx"
    from_the_file_menu(qtbot, window, save_as(qtbot, Format.XLSX, target))
    said = written(qtbot, target, window.message.text)
    assert said == "4 rader exporterade till Berg.xlsx."
    assert xlsx_column(target, "Förnamn") == ["Anna", "Erik", "Åke", "Σοφία"]
    assert xlsx_column(target, "Förnamn") == shown(tab, "first_name")
    assert xlsx_column(target, "Efternamn") == ["Öberg", "Bergström", "Åberg", "Berg"]


def test_the_selected_contacts_from_the_right_click_menu_to_csv(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    tab = shown_tab(qtbot, window, "Kontakter")
    assert shown(tab, "last_name") == [
        "Andersson", "Berg", "Bergström", "Wójcik", "Zander", "Åberg", "Öberg",
    ]  # fmt: skip
    click_row(qtbot, tab, 1)
    QTest.keyClick(tab.table, Qt.Key.Key_Down, SHIFT)  # Berg, Bergström
    click_row(qtbot, tab, 6, CTRL)  # and Öberg
    click_row(qtbot, tab, 0, CTRL)  # and Andersson, clicked last
    target = tmp_path / "Urval.csv"
    place = tab.table.visualRect(tab.model.index(0, 0)).center()
    with answer_modal(qtbot, ExportDialog, save_as(qtbot, Format.CSV, target)):
        choose_from_menu(tab.table.viewport(), place, "Exportera markerade…")
    assert written(qtbot, target, window.message.text) == "4 rader exporterade till Urval.csv."
    assert csv_column(target, "Efternamn") == ["Andersson", "Berg", "Bergström", "Öberg"]
    assert csv_column(target, "Befattning") == [
        "'=HYPERLINK(\"http://x.se\")", "Analytiker", "Forskare", "Logistikchef",
    ]  # fmt: skip


def test_a_partners_people_beside_its_contact_sheet(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    tab = shown_tab(qtbot, window, "Partner")
    row = shown(tab, "name").index("Östgöta Frakt AB")
    click_row(qtbot, tab, row)
    target = tmp_path / "Frakt.xlsx"
    place = tab.table.visualRect(tab.model.index(row, 0)).center()
    with answer_modal(qtbot, ExportDialog, save_as(qtbot, Format.XLSX, target)):
        offered = choose_from_menu(tab.table.viewport(), place, "Exportera partnerns personer…")
    assert offered == ["Öppna…", "Exportera markerade…", "Exportera partnerns personer…"]
    assert written(qtbot, target, window.message.text) == "3 rader exporterade till Frakt.xlsx."
    assert xlsx_column(target, "Efternamn") == ["Andersson", "Åberg", "Öberg"]


def test_the_steering_group_to_vcard_from_the_groups_page(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    click_tab(qtbot, window.tab_widget, "Teman")
    switch = window.tab_widget.currentWidget()
    bar = switch.bar  # type: ignore[attr-defined]
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(1).center())  # Grupper
    tab = window.current_tab()
    assert tab is not None and tab.entity == "group"
    qtbot.waitUntil(lambda: tab.model.exact and tab.model.rowCount() == 1)
    click_row(qtbot, tab, 0)
    pane = tab.members  # type: ignore[attr-defined]
    assert pane.export_button.text() == "Exportera…"
    target = tmp_path / "Styrgrupp.vcf"
    with answer_modal(qtbot, ExportDialog, save_as(qtbot, Format.VCF, target)):
        qtbot.mouseClick(pane.export_button, Qt.MouseButton.LeftButton)
    said = written(qtbot, target, pane.message.text)
    assert said == "3 rader exporterade till Styrgrupp.vcf."
    text = target.read_text(encoding="utf-8")
    names = [line[3:] for line in text.splitlines() if line.startswith("FN:")]
    assert names == ["Łukasz Wójcik", "Cecilia Zander", "Anna Öberg"]


def test_the_meetings_shown_to_a_calendar(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    tab = shown_tab(qtbot, window, "Möten")
    tab.search.setFocus()
    type_text(tab.search, "Hamn")
    qtbot.waitUntil(lambda: tab.model.exact and tab.model.rowCount() == 1)
    target = tmp_path / "Möten.ics"
    from_the_file_menu(qtbot, window, save_as(qtbot, Format.ICS, target))
    assert written(qtbot, target, window.message.text) == "1 rad exporterad till Möten.ics."
    calendar = icalendar.Calendar.from_ical(target.read_bytes())
    assert [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")] == ["Hamnträff"]


def test_a_meetings_participants_filtered_by_status(
    qtbot: QtBot, context: AppContext, tmp_path: Path
) -> None:
    meeting = populate(context.database, MEETING_PEOPLE)
    panel = ParticipantsPanel(context, meeting)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitUntil(lambda: panel.model.exact and panel.model.rowCount() == len(MEETING_PEOPLE))
    panel.status_filter.setCurrentIndex(panel.status_filter.findText("Inbjuden"))
    qtbot.waitUntil(lambda: panel.model.exact and panel.model.rowCount() == 4)
    target = tmp_path / "Inbjudna.xlsx"
    with answer_modal(qtbot, ExportDialog, save_as(qtbot, Format.XLSX, target)):
        panel.export_action.trigger()  # Mer → Exportera listan…
    said = written(qtbot, target, panel.message.text)
    assert said == "4 rader exporterade till Inbjudna.xlsx."
    assert xlsx_column(target, "Efternamn") == ["Karlsson", "Lind", "Månsson", "Nilsson"]


def test_cancelling_a_long_export_writes_nothing_and_the_window_keeps_going(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The export waits at its first step until Avbryt has been clicked in the progress."""
    monkeypatch.setattr(ops, "SHOW_PROGRESS_AFTER_MS", 0)
    clicked = threading.Event()
    real = export_runner.write_list

    def held(database, listing, order, report):  # type: ignore[no-untyped-def]
        def slow(done: int, total: int) -> None:
            clicked.wait(5)
            report(done, total)

        return real(database, listing, order, slow)

    monkeypatch.setattr(export_runner, "write_list", held)
    tab = shown_tab(qtbot, window, "Kontakter")
    folder = tmp_path / "export"
    folder.mkdir()
    target = folder / "Alla.xlsx"
    from_the_file_menu(qtbot, window, save_as(qtbot, Format.XLSX, target))
    qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(QProgressDialog)))
    progress = next(d for d in window.findChildren(QProgressDialog) if d.isVisible())
    assert progress.windowTitle() == "Exporterar 7 rader…"
    window.refresh()  # F5: the window reads and paints while the export waits
    qtbot.waitUntil(lambda: tab.model.exact and tab.model.rowCount() == 7)
    cancel = progress.findChild(QPushButton)
    assert cancel.text() == "Avbryt"
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    clicked.set()
    assert written(qtbot, target, window.message.text) == ("Exporten avbröts; ingen fil skrevs.")
    assert list(folder.iterdir()) == []  # not even a part of the file


def test_the_contact_sheet_as_a_file_from_the_reports_menu(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    """Beside the PDF sheet: the people of the chosen contact's organisation, to a phone."""
    tab = shown_tab(qtbot, window, "Kontakter")
    click_row(qtbot, tab, shown(tab, "last_name").index("Berg"))  # at Hamnbolaget AB
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    QTest.keyClick(window, Qt.Key.Key_P, ALT)  # Ra&pporter (Alt+R is Redigera)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is window.reports_menu)
    assert window.sheet_export_action.text() == "Kontaktblad för vald partner som f&il…"
    target = tmp_path / "Hamnbolaget.vcf"
    with answer_modal(qtbot, ExportDialog, save_as(qtbot, Format.VCF, target)):
        QTest.keyClick(window.reports_menu, Qt.Key.Key_I)
    said = written(qtbot, target, window.message.text)
    assert said == "2 rader exporterade till Hamnbolaget.vcf."
    text = target.read_text(encoding="utf-8")
    assert [line for line in text.splitlines() if line.startswith("FN:")] == [
        "FN:Σοφία Berg",
        "FN:Łukasz Wójcik",
    ]


def test_the_next_export_remembers_the_folder_and_the_lists_format(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    shown_tab(qtbot, window, "Kontakter")
    folder = tmp_path / "Utskick"
    folder.mkdir()
    from_the_file_menu(qtbot, window, save_as(qtbot, Format.CSV, folder / "Alla.csv"))
    written(qtbot, folder / "Alla.csv", window.message.text)
    seen: dict[str, object] = {}

    def look(dialog: ExportDialog) -> None:
        seen.update(csv=dialog.format_buttons[Format.CSV].isChecked(), file=dialog.path.text())
        dialog.reject()

    from_the_file_menu(qtbot, window, look)
    assert seen == {"csv": True, "file": str(folder / "Kontakter 2026-03-02.csv")}
    shown_tab(qtbot, window, "Partner")  # another list keeps its own format
    from_the_file_menu(qtbot, window, look)
    assert seen == {"csv": False, "file": str(folder / "Partner 2026-03-02.xlsx")}
