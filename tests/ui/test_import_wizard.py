"""The import wizard's first two pages as the clerk uses them: Arkiv → Importera…, the file typed
and read at once, what it holds, the columns matched, changed, and remembered for the next file."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
import shiboken6
from import_steps import (
    choose,
    choose_kind,
    click_back,
    click_cancel,
    click_next,
    click_words,
    close_wizards,  # noqa: F401 (closes what a test leaves open)
    excel_csv,
    give_file,
    open_wizard,
    workbook,
)
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWizard
from pytestqt.qtbot import QtBot
from window_fakes import open_main_window

from lkoe_desktop.services import groups
from lkoe_desktop.services.meetings import create_meeting
from lkoe_desktop.ui.context import AppContext, settings
from lkoe_desktop.ui.dialogs.import_file_page import FOLDER_KEY
from lkoe_desktop.ui.dialogs.import_mapping_page import EXAMPLES, HEADER
from lkoe_desktop.ui.dialogs.import_wizard import FILE_PAGE, MAPPING_PAGE, ImportWizard

PEOPLE = [
    ["Förnamn", "Efternamn", "E-post", "Organisation", "Befattning", "Övrigt"],
    ["Åsa", "Öberg", "asa.oberg@example.se", "Östgöta Åkeri AB", "Logistikchef", ""],
    ["Eva", "de Geer", "eva@example.se", "Linköpings universitet", "Forskare", "fika"],
]


@pytest.fixture
def wizard(qtbot: QtBot, context: AppContext) -> ImportWizard:
    main = open_main_window(qtbot, context)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main)
    return open_wizard(qtbot, main)


def _column(wizard: ImportWizard, heading: str) -> int:
    grid = wizard.mapping_page.grid
    return next(n for n in range(grid.rowCount()) if grid.item(n, HEADER).text() == heading)


def _imported_as(wizard: ImportWizard) -> dict[str, str]:
    grid = wizard.mapping_page.grid
    return {
        grid.item(n, HEADER).text(): wizard.mapping_page.combos[n].currentText()
        for n in range(grid.rowCount())
    }


def test_an_excel_csv_is_read_at_once_and_its_columns_matched(
    qtbot: QtBot, wizard: ImportWizard, tmp_path: Path
) -> None:
    path = excel_csv(tmp_path / "kontakter.csv", PEOPLE)
    assert wizard.currentId() == FILE_PAGE
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    give_file(qtbot, wizard, path)
    about = wizard.file_page.about_file.text()
    assert about == "CSV-fil i Windows-1252, avgränsad med semikolon: 2 rader under 6 kolumner."
    assert wizard.file_page.kind().value == "contacts"
    click_next(qtbot, wizard)

    assert wizard.currentId() == MAPPING_PAGE
    assert _imported_as(wizard) == {
        "Förnamn": "Förnamn",
        "Efternamn": "Efternamn",
        "E-post": "E-post",
        "Organisation": "Organisation",
        "Befattning": "Befattning",
        "Övrigt": "– ignoreras –",
    }
    grid = wizard.mapping_page.grid
    assert grid.item(_column(wizard, "Efternamn"), EXAMPLES).text() == "Öberg  ·  de Geer"
    status = wizard.mapping_page.status.text()
    assert status == "5 kolumner importeras. Ignoreras: Övrigt."

    # "Övrigt" holds notes after all; Back and Nästa keep the choice.
    choose(qtbot, wizard.mapping_page.combos[_column(wizard, "Övrigt")], "Anteckningar")
    assert wizard.mapping_page.status.text() == "6 kolumner importeras."
    click_back(qtbot, wizard)
    click_next(qtbot, wizard)
    assert _imported_as(wizard)["Övrigt"] == "Anteckningar"


def test_a_missing_name_is_one_clear_message_and_a_chosen_column_is_remembered(
    qtbot: QtBot, context: AppContext, tmp_path: Path
) -> None:
    rows = [["Vem", "Mejl"], ["Eva de Geer", "eva@example.se"], ["Per Ek", "per@example.se"]]
    path = excel_csv(tmp_path / "formular.csv", rows)
    main = open_main_window(qtbot, context)
    wizard = open_wizard(qtbot, main)
    give_file(qtbot, wizard, path)
    click_next(qtbot, wizard)
    page = wizard.mapping_page
    assert page.status.text() == (
        "Filen har ingen kolumn för Förnamn och Efternamn (eller Namn med hela namnet). "
        "Välj den kolumn som innehåller det."
    )
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    choose(qtbot, page.combos[0], "E-post")  # by mistake: E-post twice
    assert page.status.text() == (
        "E-post är vald för mer än en kolumn: Vem, Mejl. Välj den för en av dem."
    )
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    choose(qtbot, page.combos[0], "Namn (hela namnet)")
    assert page.status.text() == "2 kolumner importeras."
    click_next(qtbot, wizard)  # the choice is remembered when the clerk goes on
    click_cancel(qtbot, wizard)
    assert not wizard.isVisible()

    # The next file with the same columns, in another case, gets the same choice.
    other = excel_csv(tmp_path / "nästa.csv", [["VEM", "mejl"], ["Ola Berg", "ola@x.se"]])
    wizard = open_wizard(qtbot, main)
    give_file(qtbot, wizard, other)
    click_next(qtbot, wizard)
    assert _imported_as(wizard) == {"VEM": "Namn (hela namnet)", "mejl": "E-post"}
    assert wizard.mapping_page.note.text() == (
        "Kolumnerna är valda som du valde dem förra gången för en fil som ser ut så här."
    )
    # Matching by the names again forgets it.
    qtbot.mouseClick(wizard.mapping_page.reset, Qt.MouseButton.LeftButton)
    assert _imported_as(wizard)["VEM"] == "– ignoreras –"


def test_a_workbooks_sheet_is_chosen(qtbot: QtBot, wizard: ImportWizard, tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "partner.xlsx",
        {
            "Instruktioner": [["Fyll i bladet Partner"]],
            "Partner": [
                ["Namn", "Organisationsnummer", "Postnummer", "Postnummer"],
                ["Norrköpings Hamn AB", "556006-2519", "602 24", "602 25"],
            ],
        },
    )
    give_file(qtbot, wizard, path)
    page = wizard.file_page
    assert page.sheet.isVisibleTo(page)
    # The first sheet has nothing under its heading: the clerk is told, and chooses another.
    assert page.about_file.text() == (
        "”partner.xlsx” har en rubrikrad men inga rader under den: det finns inget att importera."
    )
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    choose(qtbot, page.sheet, "Partner")
    qtbot.waitUntil(lambda: page.reading is None and page.table is not None)
    assert page.about_file.text() == ("Excel-arbetsbok, bladet ”Partner”: 1 rad under 4 kolumner.")
    choose_kind(qtbot, wizard, "partners")
    assert not page.legal_basis.isVisibleTo(page)
    click_next(qtbot, wizard)
    assert [combo.currentText() for combo in wizard.mapping_page.combos] == [
        "Namn",
        "Organisationsnummer",
        "Postadress: Postnummer",
        "Besöksadress: Postnummer",
    ]


def test_what_is_wrong_with_a_file_shows_beside_it(
    qtbot: QtBot, wizard: ImportWizard, tmp_path: Path
) -> None:
    page = wizard.file_page
    give_file(qtbot, wizard, tmp_path / "finns-inte.csv")
    assert page.about_file.text() == f"Det finns ingen fil ”finns-inte.csv” i {tmp_path}."
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    picture = tmp_path / "bild.png"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    page.path.clear()
    give_file(qtbot, wizard, picture)
    assert page.about_file.text() == (
        "”bild.png” är inget kalkylark: importen läser Excel-arbetsböcker (.xlsx) och CSV-filer."
    )
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_registrations_need_a_meeting_and_contacts_may_go_to_a_group(
    qtbot: QtBot, context: AppContext, tmp_path: Path
) -> None:
    with context.database.unit_of_work() as session:
        create_meeting(
            session,
            {"title": "Frukostseminarium", "kind": "seminar", "starts_at": "2026-04-02 08:00"},
        )
        groups.create_group(session, {"name": "Nyhetsbrev"})
    main = open_main_window(qtbot, context)
    wizard = open_wizard(qtbot, main)
    page = wizard.file_page
    give_file(qtbot, wizard, excel_csv(tmp_path / "anmalda.csv", PEOPLE))
    choose_kind(qtbot, wizard, "registrations")
    assert page.meeting.isVisibleTo(page) and not page.mode.isVisibleTo(page)
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    choose(qtbot, page.meeting, "2026-04-02  Frukostseminarium")
    choose(qtbot, page.group, "Nyhetsbrev")
    choose(qtbot, page.legal_basis, "Samtycke")
    click_words(qtbot, page.skip_invalid)
    click_next(qtbot, wizard)
    choices = wizard.choices
    assert choices is not None
    assert choices.kind.value == "registrations" and choices.meeting_id is not None
    assert choices.legal_basis.value == "consent" and choices.skip_invalid
    assert choices.group_id is not None
    assert "Specialkost" in [wizard.mapping_page.combos[0].itemText(n) for n in range(20)]


def test_the_meeting_chosen_in_the_meetings_tab_is_the_one_registered_for(
    qtbot: QtBot, context: AppContext, tmp_path: Path
) -> None:
    with context.database.unit_of_work() as session:
        for title, day in (("Frukostseminarium", "2026-04-02"), ("Nätverksträff", "2026-05-20")):
            create_meeting(
                session, {"title": title, "kind": "seminar", "starts_at": f"{day} 08:00"}
            )
    main = open_main_window(qtbot, context)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main)
    qtbot.keyClick(main, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)  # Möten
    tab = main.current_tab()
    assert tab is not None and tab.entity == "meeting"
    qtbot.waitUntil(lambda: tab.table.model().rowCount() == 2)
    tab.table.selectRow(1)  # newest first: the seminar in April
    wizard = open_wizard(qtbot, main)
    give_file(qtbot, wizard, excel_csv(tmp_path / "anmalda.csv", PEOPLE))
    choose_kind(qtbot, wizard, "registrations")
    assert wizard.file_page.meeting.currentText() == "2026-04-02  Frukostseminarium"
    click_next(qtbot, wizard)


def test_a_file_chosen_in_the_open_dialog_is_read_and_its_folder_remembered(
    qtbot: QtBot, wizard: ImportWizard, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = excel_csv(tmp_path / "kontakter.csv", PEOPLE)
    page = wizard.file_page
    monkeypatch.setattr(page, "ask_path", lambda: str(path))  # the system's dialog answered
    qtbot.mouseClick(page.browse, Qt.MouseButton.LeftButton)
    assert page.path.text() == str(path)
    qtbot.waitUntil(lambda: page.table is not None)
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert settings().value(FOLDER_KEY) == str(tmp_path)


def test_the_collector_is_off_while_the_wizard_is_open(
    qtbot: QtBot, context: AppContext, collector_as_before: None
) -> None:
    gc.enable()
    main = open_main_window(qtbot, context)
    wizard = open_wizard(qtbot, main)
    assert not gc.isenabled()
    click_cancel(qtbot, wizard)
    assert gc.isenabled()
    wizard = open_wizard(qtbot, main)
    assert not gc.isenabled()
    shiboken6.delete(wizard)  # gone with its window, without being closed first
    assert gc.isenabled()
