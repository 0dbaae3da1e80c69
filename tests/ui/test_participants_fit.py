"""The participants list, in the meeting form and in its own window, shows every button and
column whole at its first size on a laptop, in Swedish and in English."""

from __future__ import annotations

import pytest
from meeting_people import PEOPLE, populate
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QStyle, QToolButton
from pytestqt.qtbot import QtBot

from lkoe_desktop.ui.context import AppContext
from lkoe_desktop.ui.dialogs.meeting_form import MeetingForm
from lkoe_desktop.ui.dialogs.participants_dialog import ParticipantsDialog
from lkoe_desktop.ui.dialogs.participants_panel import ParticipantsPanel
from lkoe_desktop.ui.language import apply_language

WAIT_MS = 5_000


def _in_its_window(
    qtbot: QtBot, context: AppContext, meeting: int
) -> tuple[QDialog, ParticipantsPanel]:
    dialog = ParticipantsDialog(context, meeting)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog, dialog.panel


def _in_the_meeting_form(
    qtbot: QtBot, context: AppContext, meeting: int
) -> tuple[QDialog, ParticipantsPanel]:
    form = MeetingForm(context, meeting)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    bar = form.pages.tabBar()
    QTest.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(1).center())
    assert form.participants is not None and form.participants.isVisible()
    return form, form.participants


def _plain_width(button: QToolButton) -> int:
    """How wide the button's text alone makes a tool button, without a menu's arrow."""
    plain = QToolButton()
    plain.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    plain.setText(button.text())
    plain.setFont(button.font())
    return plain.sizeHint().width()


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize("where", [_in_its_window, _in_the_meeting_form])
def test_every_button_and_column_is_whole(
    qtbot: QtBot, context: AppContext, where, language: str
) -> None:
    apply_language(language)
    _window, panel = where(qtbot, context, populate(context.database, PEOPLE))
    table, header = panel.table, panel.table.horizontalHeader()
    qtbot.waitUntil(lambda: panel.fitter.done, timeout=WAIT_MS)

    buttons = [
        button
        for button in panel.findChildren(QToolButton)
        if button.parent() is panel and button.isVisibleTo(panel)
    ]
    assert len(buttons) == 7
    for button in buttons:
        assert button.width() >= button.sizeHint().width(), button.text()
        if button.popupMode() == QToolButton.ToolButtonPopupMode.InstantPopup:
            arrow = button.style().pixelMetric(QStyle.PixelMetric.PM_MenuButtonIndicator)
            assert button.width() >= _plain_width(button) + arrow, button.text()

    assert header.count() == 8
    for column in range(header.count()):
        heading = header.sectionSizeHint(column)  # the heading, with room for the sort arrow
        cells = table.sizeHintForColumn(column)  # the widest value among the rows
        title = table.model().headerData(column, Qt.Orientation.Horizontal)
        assert header.sectionSize(column) >= max(heading, cells), title
    assert table.horizontalScrollBar().maximum() == 0  # nothing to the right out of sight
    cancelled = "Cancelled registration" if language == "en" else "Avbokad"
    assert cancelled in {table.model().data(table.model().index(row, 3)) for row in range(20)}
