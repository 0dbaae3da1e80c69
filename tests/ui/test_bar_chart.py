"""The window's bar chart: each category's name stays within its own slot, broken between
words on at most two lines, so that no two names touch."""

from __future__ import annotations

from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from lkoe_desktop.ui.widgets.bar_chart import label_lines


def test_a_name_too_wide_for_its_slot_breaks_between_words(qtbot: QtBot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    metrics = QFontMetrics(widget.font())
    name = "Medelstora (< 250)"
    wide = metrics.horizontalAdvance(name) + 4
    assert label_lines(metrics, name, wide) == [name]
    assert label_lines(metrics, name, wide - 12) == ["Medelstora", "(< 250)"]


def test_what_still_does_not_fit_is_cut_and_never_wider_than_its_slot(qtbot: QtBot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    metrics = QFontMetrics(widget.font())
    room = metrics.horizontalAdvance("Samordnad")
    lines = label_lines(metrics, "Samordnad varudistribution i städer och hamnar", room)
    assert len(lines) == 2 and lines[0] == "Samordnad" and lines[1].endswith("…")
    assert all(metrics.horizontalAdvance(line) <= room for line in lines)
