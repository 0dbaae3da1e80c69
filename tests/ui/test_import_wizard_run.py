"""The import wizard from the preview to the end as the clerk uses it: the counts and the rows
with problems read, the invalid rows skipped, the import run with progress, the error file saved
and the whole import undone; an import cancelled halfway writes nothing. Results are checked
through the services, on a real SQLite database and Excel's own kind of CSV."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from import_steps import (
    choose,
    choose_kind,
    click_cancel,
    click_next,
    click_words,
    close_wizards,  # noqa: F401 (closes what a test leaves open)
    excel_csv,
    give_file,
    open_wizard,
)
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWizard
from pytestqt.qtbot import QtBot
from window_fakes import RecordingPrompts, open_main_window

import lkoe_desktop.services.imports as imports
from lkoe_desktop.db.engine import Database
from lkoe_desktop.domain.fields import format_number
from lkoe_desktop.services import contacts, groups, meetings, participations
from lkoe_desktop.services.import_run import CHUNK
from lkoe_desktop.ui.context import AppContext
from lkoe_desktop.ui.dialogs.import_outcome_view import VERDICT, WHAT
from lkoe_desktop.ui.dialogs.import_wizard import PREVIEW_PAGE, RESULT_PAGE, ImportWizard

WORK_MS = 60_000  # a bound for work on a worker thread, on a busy machine
HEADERS = ["Förnamn", "Efternamn", "E-post", "Telefon", "Organisation", "Befattning"]
ROWS = [
    HEADERS,
    ["Åsa", "Öberg", "asa.oberg@example.se", "", "Östgöta Åkeri AB", "Logistikchef"],
    ["Eva", "de Geer", "eva.degeer@example.se", "", "Linköpings universitet", "Forskare"],
    ["Per", "Ängström", "per@example", "", "Norrköpings Hamn", "VD"],
    ["Åsa", "Öberg", "ASA.OBERG@example.se", "", "Östgöta Åkeri AB", "Logistikchef"],
    ["Örjan", "Nordström", "orjan@norrkoping.se", "011-12 34 56", "", ""],
]


@pytest.fixture
def prompts(tmp_path: Path) -> RecordingPrompts:
    return RecordingPrompts(save_to=tmp_path / "fel.csv")


def _people(database: Database) -> dict[str, contacts.ContactRow]:
    with database.reading() as session:
        return {f"{row.first_name} {row.last_name}": row for row in contacts.list_contacts(session)}


def _to_preview(qtbot: QtBot, context: AppContext, path: Path, group: str | None) -> ImportWizard:
    main = open_main_window(qtbot, context)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main)
    wizard = open_wizard(qtbot, main)
    give_file(qtbot, wizard, path)
    if group is not None:
        choose(qtbot, wizard.file_page.group, group)
    click_next(qtbot, wizard)
    click_next(qtbot, wizard)
    assert wizard.currentId() == PREVIEW_PAGE
    qtbot.waitUntil(lambda: wizard.preview_page.previewed is not None, timeout=WORK_MS)
    return wizard


def _figures(wizard: ImportWizard, page: Any) -> dict[str, str]:
    return {key: label.text() for key, label in page.counts.figures.items()}


def _shown_rows(wizard: ImportWizard) -> list[tuple[str, str, str]]:
    model = wizard.preview_page.model
    return [
        (
            model.index(n, 0).data(),
            model.index(n, VERDICT).data(),
            model.index(n, WHAT).data(),
        )
        for n in range(model.rowCount())
    ]


def test_invalid_rows_skipped_the_error_file_saved_and_the_import_undone(
    qtbot: QtBot, context: AppContext, prompts: RecordingPrompts, tmp_path: Path
) -> None:
    database = context.database
    with database.unit_of_work() as session:
        letter = groups.create_group(session, {"name": "Nyhetsbrev"}).id
        contacts.create_contact(
            session,
            {"first_name": "Örjan", "last_name": "Nordström", "email": "orjan@norrkoping.se"},
        )
    wizard = _to_preview(qtbot, context, excel_csv(tmp_path / "kontakter.csv", ROWS), "Nyhetsbrev")

    page = wizard.preview_page
    assert _figures(wizard, page) == {
        "new": "2",
        "updated": "1",
        "unchanged": "0",
        "duplicates": "1",
        "errors": "1",
    }
    shown = _shown_rows(wizard)
    assert [(number, verdict) for number, verdict, _what in shown] == [
        ("4", "Fel"),
        ("5", "Två gånger i filen"),
        ("6", "Ändras"),
    ]
    assert "E-post" in shown[0][2]
    assert shown[2][2] == "Telefon: – → 011-12 34 56"
    commit = wizard.button(QWizard.WizardButton.CommitButton)
    assert commit.text() == "&Importera" and not commit.isEnabled()
    assert page.verdict.text().startswith("Ingenting importeras så länge en rad har fel.")
    click_words(qtbot, page.skip)
    assert commit.isEnabled()
    qtbot.mouseClick(commit, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: wizard.currentId() == RESULT_PAGE, timeout=WORK_MS)
    result = wizard.result_page
    assert result.title() == "Importen är klar"
    assert result.message.text() == (
        "Raden med fel importerades inte: spara felfilen, rätta raden och importera filen igen."
    )
    assert not wizard.button(QWizard.WizardButton.BackButton).isEnabled()
    people = _people(database)
    assert {"Åsa Öberg", "Eva de Geer", "Örjan Nordström"} == set(people)
    assert people["Eva de Geer"].organisation == "Linköpings universitet"
    assert people["Örjan Nordström"].phone is not None
    with database.reading() as session:
        members = {row.last_name for row in groups.list_members(session, letter)}
    assert members == {"Öberg", "de Geer", "Nordström"}

    # Spara felfilen: the refused row as Excel wrote it, with its reason.
    qtbot.mouseClick(result.save_errors, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: result.saved.text() != "", timeout=WORK_MS)
    assert result.saved.text() == "Raden med fel är sparad i fel.csv."
    assert prompts.asked[-1] == "kontakter – fel.csv"
    saved = (tmp_path / "fel.csv").read_bytes().decode("cp1252")
    assert "Ängström" in saved and "per@example" in saved and "\r\n" in saved

    # Ångra import: everything as before.
    qtbot.mouseClick(result.undo, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not result.undo.isEnabled(), timeout=WORK_MS)
    assert prompts.asked[-1].startswith("Ångra importen av kontakter.csv?")
    assert result.title() == "Importen är ångrad"
    people = _people(database)
    assert set(people) == {"Örjan Nordström"} and people["Örjan Nordström"].phone is None
    with database.reading() as session:
        assert groups.list_members(session, letter) == []
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    assert not wizard.isVisible()


def test_an_undo_refused_names_the_record_changed_since(
    qtbot: QtBot, context: AppContext, prompts: RecordingPrompts, tmp_path: Path
) -> None:
    database = context.database
    wizard = _to_preview(qtbot, context, excel_csv(tmp_path / "k.csv", ROWS[:3]), None)
    assert _figures(wizard, wizard.preview_page)["new"] == "2"
    assert wizard.preview_page.verdict.text() == "Klicka på Importera för att läsa in raderna."
    rows = wizard.preview_page.table
    assert rows.currentWidget() is rows.none
    assert (
        rows.none.text() == "Ingen rad har fel eller varningar, och inget som redan finns ändras."
    )
    click_words(qtbot, wizard.preview_page.show_all)
    assert rows.currentWidget() is rows.view and rows.model_.rowCount() == 2
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.CommitButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.currentId() == RESULT_PAGE, timeout=WORK_MS)
    assert wizard.result_page.message.text() == "Alla rader är importerade."
    assert not wizard.result_page.save_errors.isVisible()
    eva = _people(database)["Eva de Geer"]
    with database.unit_of_work() as session:
        contacts.update_contact(session, eva.id, {"phone": "013-20 00 00"})

    result = wizard.result_page
    qtbot.mouseClick(result.undo, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: result.undoing is None, timeout=WORK_MS)
    assert "Eva de Geer" in prompts.errors[-1]
    assert result.undo.isEnabled()
    assert set(_people(database)) == {"Åsa Öberg", "Eva de Geer"}


def test_registrations_come_in_for_the_chosen_meeting(
    qtbot: QtBot, context: AppContext, tmp_path: Path
) -> None:
    database = context.database
    with database.unit_of_work() as session:
        meeting = meetings.create_meeting(
            session,
            {"title": "Frukostseminarium", "kind": "seminar", "starts_at": "2026-04-02 08:00"},
        ).id
    form = [
        ["Namn", "E-post", "Organisation", "Specialkost"],
        ["Eva de Geer", "eva@example.se", "Linköpings universitet", "Vegetarisk"],
        ["Lars Holm", "lars@example.se", "Ödeshögs Bygg AB", ""],
    ]
    main = open_main_window(qtbot, context)
    wizard = open_wizard(qtbot, main)
    give_file(qtbot, wizard, excel_csv(tmp_path / "anmalningar.csv", form))
    choose_kind(qtbot, wizard, "registrations")
    choose(qtbot, wizard.file_page.meeting, "2026-04-02  Frukostseminarium")
    click_next(qtbot, wizard)
    click_next(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.preview_page.previewed is not None, timeout=WORK_MS)
    assert wizard.preview_page.counts.records.text() == (
        "Skapas: 2 partner, 2 kontakter, 2 deltagare."
    )
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.CommitButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.currentId() == RESULT_PAGE, timeout=WORK_MS)
    with database.reading() as session:
        rows = participations.list_participants(session, meeting)
    assert {(row.last_name, row.organisation, row.dietary_needs) for row in rows} == {
        ("de Geer", "Linköpings universitet", "Vegetarisk"),
        ("Holm", "Ödeshögs Bygg AB", None),
    }


def test_an_import_cancelled_halfway_writes_nothing(
    qtbot: QtBot, context: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = [HEADERS] + [
        [f"Person{n}", "Testsson", f"person{n}@example.se", "", "Östgöta Åkeri AB", ""]
        for n in range(CHUNK + 100)  # two chunks: the import asks after the first
    ]
    started, cancelled = threading.Event(), threading.Event()
    real = imports.run_import

    def held(*args: Any, progress: Any, **options: Any) -> Any:
        def report(done: int, total: int) -> None:
            started.set()  # the first chunk is in: the clerk cancels now
            cancelled.wait(5)
            progress(done, total)

        return real(*args, progress=report, **options)

    monkeypatch.setattr(imports, "run_import", held)
    wizard = _to_preview(qtbot, context, excel_csv(tmp_path / "många.csv", rows), None)
    assert _figures(wizard, wizard.preview_page)["new"] == format_number(CHUNK + 100)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.CommitButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(started.is_set, timeout=WORK_MS)
    assert wizard.import_page.progress.isVisible()
    click_cancel(qtbot, wizard)  # Avbryt stops the import; the wizard stays to say so
    cancelled.set()
    assert wizard.isVisible()
    qtbot.waitUntil(lambda: wizard.currentId() == RESULT_PAGE, timeout=WORK_MS)
    assert wizard.result_page.title() == "Importen är avbruten"
    assert wizard.result_page.message.text() == "Ingenting sparades."
    assert _people(context.database) == {}
    assert imports.list_import_batches(context.database) == []


def test_back_during_the_preview_stops_it_and_a_new_one_counts_again(
    qtbot: QtBot, context: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = [HEADERS] + [
        [f"Person{n}", "Testsson", f"person{n}@example.se", "", "", ""] for n in range(CHUNK + 100)
    ]
    started = [threading.Event(), threading.Event()]
    release = [threading.Event(), threading.Event()]
    real = imports.preview_import

    def held(*args: Any, progress: Any, **options: Any) -> Any:
        call = sum(event.is_set() for event in started)

        def report(done: int, total: int) -> None:
            started[call].set()
            release[call].wait(5)
            progress(done, total)

        return real(*args, progress=report, **options)

    monkeypatch.setattr(imports, "preview_import", held)
    main = open_main_window(qtbot, context)
    wizard = open_wizard(qtbot, main)
    give_file(qtbot, wizard, excel_csv(tmp_path / "lång.csv", rows))
    click_next(qtbot, wizard)
    click_next(qtbot, wizard)
    qtbot.waitUntil(started[0].is_set, timeout=WORK_MS)
    first = wizard.preview_page.running
    assert first is not None
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.BackButton), Qt.MouseButton.LeftButton)
    release[0].set()
    click_next(qtbot, wizard)
    qtbot.waitUntil(started[1].is_set, timeout=WORK_MS)
    qtbot.waitUntil(lambda: not shiboken6.isValid(first), timeout=WORK_MS)  # the first ended
    # ... and its end is not taken for the second's: that one is still shown running.
    assert wizard.preview_page.running is not None
    assert wizard.preview_page.progress.isVisible()
    release[1].set()
    qtbot.waitUntil(lambda: wizard.preview_page.previewed is not None, timeout=WORK_MS)
    assert _figures(wizard, wizard.preview_page)["new"] == format_number(CHUNK + 100)
    assert wizard.button(QWizard.WizardButton.CommitButton).isEnabled()
    assert _people(context.database) == {}
