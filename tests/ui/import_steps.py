"""What the import wizard's tests share: files written as Swedish Excel and web forms write them,
and the clerk's steps through the wizard (the file typed, a choice made in a list, Nästa)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from openpyxl import Workbook
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QComboBox, QRadioButton, QWizard
from pytestqt.qtbot import QtBot
from window_fakes import type_text

from lkoe_desktop.ui.dialogs.import_wizard import ImportWizard
from lkoe_desktop.ui.main_window import MainWindow


@pytest.fixture(autouse=True)
def close_wizards() -> Iterator[None]:
    """A wizard a test leaves open is closed after it, as the clerk would close it, so that
    the collector it paused runs again for the next test."""
    yield
    for widget in QApplication.allWidgets():
        if isinstance(widget, ImportWizard) and widget.isVisible():
            widget.done(0)


def excel_csv(path: Path, rows: Sequence[Sequence[str]]) -> Path:
    """A CSV as Swedish Excel saves one: Windows-1252, `;` and CRLF."""
    text = "".join(";".join(row) + "\r\n" for row in rows)
    path.write_bytes(text.encode("cp1252"))
    return path


def workbook(path: Path, sheets: dict[str, Sequence[Sequence[object]]]) -> Path:
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(list(row))
    book.save(path)
    return path


def open_wizard(qtbot: QtBot, main: MainWindow) -> ImportWizard:
    """Arkiv → Importera…"""
    action = next(a for a in main.file_menu.actions() if a.text().replace("&", "") == "Importera…")
    assert action.isEnabled()
    action.trigger()
    shown = [wizard for wizard in main.findChildren(ImportWizard) if wizard.isVisible()]
    assert len(shown) == 1
    wizard = shown[0]
    qtbot.waitExposed(wizard)
    return wizard


def give_file(qtbot: QtBot, wizard: ImportWizard, path: Path) -> None:
    """Type the file's path and wait until it is read (or refused)."""
    page = wizard.file_page
    page.path.setFocus()
    type_text(page.path, str(path))
    qtbot.waitUntil(lambda: page.reading is None and not page.settling.isActive())


def choose(qtbot: QtBot, combo: QComboBox, text: str) -> None:
    """Pick `text` in a closed list with the arrow keys, as the clerk does."""
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _step in range(combo.count()):
        if combo.currentText() == text:
            return
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentText() == text, f"no {text!r} in the list"


def click_words(qtbot: QtBot, button: QAbstractButton) -> None:
    """Click a check box's or radio button's words (its middle may lie right of them)."""
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))


def choose_kind(qtbot: QtBot, wizard: ImportWizard, kind: str) -> None:
    """Click the words of "Partner", "Kontakter" or "Anmälningar" ("partners", "contacts",
    "registrations") under "Filen innehåller"."""
    button = wizard.file_page.findChild(QRadioButton, kind)
    assert button is not None
    click_words(qtbot, button)
    assert button.isChecked()


def click_next(qtbot: QtBot, wizard: ImportWizard) -> None:
    button = wizard.button(QWizard.WizardButton.NextButton)
    assert button.isEnabled(), "Nästa is not enabled"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def click_cancel(qtbot: QtBot, wizard: ImportWizard) -> None:
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.CancelButton), Qt.MouseButton.LeftButton)


def click_back(qtbot: QtBot, wizard: ImportWizard) -> None:
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.BackButton), Qt.MouseButton.LeftButton)
