"""The conflict dialog itself: their value beside mine, buttons that say what they do."""

from __future__ import annotations

import pytest
from modals import answer_modal
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QPlainTextEdit, QRadioButton, QWidget
from pytestqt.qtbot import QtBot

from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.ui.dialogs.conflict_dialog import ConflictDialog, ValueCell
from lkoe_desktop.ui.dialogs.prompts import DialogPrompts
from lkoe_desktop.ui.forms.merge import Choice, ConflictField

INTRO = "Någon annan sparade kontakten medan du redigerade."
PHONE = ConflictField("phone", "Telefon", theirs="013-99 88 77", mine="013-55 44 33")
NOTES = ConflictField("notes", "Anteckningar", theirs="", mine="Ny kontaktperson.", long=True)


def shown(qtbot: QtBot, *fields: ConflictField) -> ConflictDialog:
    dialog = ConflictDialog(INTRO, fields)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def texts(widget: QWidget) -> list[str]:
    return [label.text() for label in widget.findChildren(QLabel)]


def cells(dialog: ConflictDialog) -> list[ValueCell]:
    return dialog.findChildren(ValueCell)


@pytest.mark.parametrize(
    ("button", "choices"),
    [("theirs_button", {"phone": Choice.THEIRS}), ("mine_button", {"phone": Choice.MINE})],
)
def test_one_field_is_decided_by_its_two_buttons(
    qtbot: QtBot, button: str, choices: dict[str, Choice]
) -> None:
    dialog = shown(qtbot, PHONE)
    assert dialog.windowTitle() == _("Saved by someone else")
    assert {INTRO, "Telefon", "013-99 88 77", "013-55 44 33"} <= set(texts(dialog))
    assert [b.text() for b in dialog.buttons.buttons()].count(_("Cancel")) == 1
    assert (dialog.theirs_button.text(), dialog.mine_button.text()) == (
        _("Use theirs"),
        _("Keep mine"),
    )
    assert dialog.findChildren(QRadioButton) == []  # nothing to tick: the buttons decide
    qtbot.mouseClick(getattr(dialog, button), Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.choices == choices


def test_cancel_decides_nothing(qtbot: QtBot) -> None:
    dialog = shown(qtbot, PHONE)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert dialog.choices == {}


def test_several_fields_are_chosen_one_by_one(qtbot: QtBot) -> None:
    dialog = shown(qtbot, PHONE, NOTES)
    assert (dialog.theirs_button.text(), dialog.mine_button.text()) == (
        _("Use all theirs"),
        _("Keep all mine"),
    )
    assert dialog.chosen_button is not None and not dialog.chosen_button.isEnabled()
    assert _("(empty)") in texts(dialog)  # they emptied the notes
    [note] = dialog.findChildren(QPlainTextEdit)
    assert note.isReadOnly() and note.toPlainText() == "Ny kontaktperson."
    phone_theirs, _phone_mine, _notes_theirs, notes_mine = cells(dialog)
    [value] = [label for label in phone_theirs.findChildren(QLabel) if label.text() == PHONE.theirs]
    qtbot.mouseClick(value, Qt.MouseButton.LeftButton)  # a click on the value chooses it
    assert phone_theirs.radio is not None and phone_theirs.radio.isChecked()
    assert not dialog.chosen_button.isEnabled()  # the notes are not decided yet
    assert notes_mine.radio is not None
    qtbot.mouseClick(notes_mine.radio, Qt.MouseButton.LeftButton)
    assert dialog.chosen_button.isEnabled()
    qtbot.mouseClick(dialog.chosen_button, Qt.MouseButton.LeftButton)
    assert dialog.choices == {"phone": Choice.THEIRS, "notes": Choice.MINE}


def test_all_theirs_with_one_click(qtbot: QtBot) -> None:
    dialog = shown(qtbot, PHONE, NOTES)
    qtbot.mouseClick(dialog.theirs_button, Qt.MouseButton.LeftButton)
    assert dialog.choices == {"phone": Choice.THEIRS, "notes": Choice.THEIRS}


def test_the_prompt_shows_the_dialog_until_the_clerk_decides(qtbot: QtBot) -> None:
    with answer_modal(qtbot, ConflictDialog, lambda dialog: dialog.mine_button.click()):
        assert DialogPrompts().resolve_conflicts(None, INTRO, [PHONE]) == {"phone": Choice.MINE}
    with answer_modal(qtbot, ConflictDialog, lambda dialog: dialog.reject()):
        assert DialogPrompts().resolve_conflicts(None, INTRO, [PHONE]) is None
