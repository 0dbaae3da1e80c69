"""The Rapporter window as the clerk uses it: Ctrl+R, a quarter picked, the figures read, a
warning's record opened, the report exported, locked and reprinted."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from modals import answer_modal, close_modal
from openpyxl import load_workbook
from period_network import build
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTableWidget, QTreeWidgetItem
from pytestqt.qtbot import QtBot
from window_fakes import RecordingPrompts, open_main_window

import lkoe_desktop.ui.dialogs.period_report_window as module
from lkoe_desktop.domain.periods import Period
from lkoe_desktop.services import frozen_reports
from lkoe_desktop.ui.context import AppContext
from lkoe_desktop.ui.dialogs.participation_form import ParticipationForm
from lkoe_desktop.ui.dialogs.partner_form import PartnerForm
from lkoe_desktop.ui.dialogs.period_report_window import (
    FROZEN,
    WARNINGS,
    PeriodReportWindow,
)
from lkoe_desktop.ui.start_up import register_record_forms


def _row(grid: QTableWidget, label: str) -> list[str]:
    for number in range(grid.rowCount()):
        if grid.item(number, 0).text() == label:
            return [grid.item(number, column).text() for column in range(grid.columnCount())]
    raise AssertionError(f"no row {label!r}")


def _record_item(window: PeriodReportWindow, name: str) -> QTreeWidgetItem:
    found = window.warnings.findItems(name, Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive)
    assert found, f"no record {name!r} among the warnings"
    return found[0]


def _pick_quarter(qtbot: QtBot, window: PeriodReportWindow, year: str) -> None:
    spin = window.picker.year
    spin.setFocus()
    qtbot.keyClick(spin, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(spin, year)


def _ready(window: PeriodReportWindow, label: str) -> bool:
    shown = window.shown
    return window.computing is None and shown is not None and shown.report.period_label == label


def test_the_quarters_report_read_fixed_exported_locked_and_reprinted(
    qtbot: QtBot, context: AppContext, prompts: RecordingPrompts, tmp_path: Path
) -> None:
    network = build(context.database)
    main = open_main_window(qtbot, context)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main)
    qtbot.keyClick(main, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    window = main.period_window
    assert isinstance(window, PeriodReportWindow)
    qtbot.waitExposed(window)
    combo = window.picker.quarter
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_End)  # Q4 of the year shown
    _pick_quarter(qtbot, window, "2025")
    qtbot.waitUntil(lambda: _ready(window, "2025Q4"))
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    _pick_quarter(qtbot, window, "2026")
    qtbot.waitUntil(lambda: _ready(window, "2026Q1"))

    # Thirteen counted participations in the quarter (M8 1, M1 3, M2 4, M6 2, M3 2, M4 1);
    # sixteen from the project's start (M0 2 and M9 1 before).
    assert _row(window.summary, "Deltaganden")[1:3] == ["13", "16"]
    assert _row(window.summary, "Stödda företag")[1:] == ["3", "3", "RCO01"]

    window.pages.setCurrentIndex(WARNINGS)
    item = _record_item(window, "Beta Bygg AB")  # business partner of unknown size class
    window.warnings.scrollToItem(item)
    opened: list[int | None] = []

    def look_and_close(form: PartnerForm) -> None:
        opened.append(form.record_id)
        close_modal(form)

    with answer_modal(qtbot, PartnerForm, look_and_close):
        spot = window.warnings.visualItemRect(item).center()
        qtbot.mouseClick(window.warnings.viewport(), Qt.MouseButton.LeftButton, pos=spot)
    assert opened == [network.ids["beta"]]

    prompts.save_to = tmp_path / "rapport.xlsx"
    qtbot.mouseClick(window.export_buttons[".xlsx"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "rapport.xlsx" in window.message.text())
    book = load_workbook(prompts.save_to, read_only=True)
    summary = [row[:3] for row in book.worksheets[0].iter_rows(values_only=True) if row]
    assert ("Deltaganden", 13, 16) in summary

    qtbot.mouseClick(window.lock_button, Qt.MouseButton.LeftButton)
    assert "för alltid" in prompts.asked[-1] and "GDPR" in prompts.asked[-1]
    qtbot.waitUntil(lambda: window.frozen.table.rowCount() == 1)
    assert window.pages.currentIndex() == FROZEN
    with context.database.reading() as session:
        [frozen] = frozen_reports.list_frozen(session)
    assert window.frozen.table.item(0, 1).text() == "2026-01-01 – 2026-03-31"
    assert window.frozen.table.item(0, 4).toolTip() == frozen.checksum

    prompts.save_to = tmp_path / "låst.json"
    qtbot.mouseClick(window.frozen.buttons[".json"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(prompts.save_to.exists)
    again = json.loads(prompts.save_to.read_text(encoding="utf-8"))
    assert again["frozen"]["checksum"] == frozen.checksum
    assert again["participations_attended"] == 13
    assert prompts.errors == []
    window.close()


def test_the_whole_project_and_a_participant_without_an_organisation(
    qtbot: QtBot, context: AppContext
) -> None:
    network = build(context.database)
    register_record_forms()
    window = PeriodReportWindow(context)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: _ready(window, "2026Q1"))  # the last finished quarter on 1 June
    qtbot.mouseClick(window.picker.project_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _ready(window, "2025-01-01 – 2026-06-01"))
    # Seventeen: the sixteen up to March and Anna at M7 on 1 April.
    assert _row(window.summary, "Deltaganden")[1:3] == ["17", "17"]
    window.pages.setCurrentIndex(WARNINGS)
    item = _record_item(window, "Lars Testsson, M2")
    opened: list[int | None] = []

    def look_and_close(form: ParticipationForm) -> None:
        opened.append(form.record_id)
        close_modal(form)

    with answer_modal(qtbot, ParticipationForm, look_and_close):
        spot = window.warnings.visualItemRect(item).center()
        qtbot.mouseClick(window.warnings.viewport(), Qt.MouseButton.LeftButton, pos=spot)
    assert opened == [network.participations["M2", "Lars"]]


def test_arrowing_through_the_quarters_counts_only_the_one_stopped_at(
    qtbot: QtBot, context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(context.database)
    counted: list[str] = []
    real_compute = module.compute

    def counting(context: AppContext, chosen: Period | None) -> module.Shown:
        counted.append(chosen.label() if chosen is not None else "")
        return real_compute(context, chosen)

    monkeypatch.setattr(module, "compute", counting)
    window = module.open_period_reports(context, None)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.shown is not None and window.computing is None)
    counted.clear()
    combo = window.picker.quarter
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(3):
        qtbot.keyClick(combo, Qt.Key.Key_Down)
        # What is shown is the quarter before: it cannot be exported or locked as this one.
        assert not window.lock_button.isEnabled()
    qtbot.waitUntil(lambda: _ready(window, f"{window.picker.year.value()}Q4"))
    assert counted == [f"{window.picker.year.value()}Q4"]
    assert window.lock_button.isEnabled()
