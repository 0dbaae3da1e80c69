"""Choosing the funder's report period: a quarter, two dates, or the whole project so far."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QLabel,
    QRadioButton,
    QSpinBox,
    QWidget,
)

from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.domain.periods import Period, quarter

QUARTER, DATES, PROJECT = 0, 1, 2
FIRST_YEAR, LAST_YEAR = 2000, 2100
DATE_FORMAT = "yyyy-MM-dd"


def last_finished_quarter(today: date) -> tuple[int, int]:
    """The year and number of the quarter before the one `today` lies in."""
    number = (today.month - 1) // 3 + 1
    return (today.year, number - 1) if number > 1 else (today.year - 1, 4)


def _day(edit: QDateEdit) -> date:
    chosen = edit.date()
    return date(chosen.year(), chosen.month(), chosen.day())


class PeriodPicker(QWidget):
    """Three ways to name a period; `chosen()` is the quarter or dates picked, or None for the
    whole project (its dates come from the database). `changed` fires on every choice."""

    changed = Signal()

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        year, number = last_finished_quarter(today)
        self.quarter_button = QRadioButton(self)
        self.quarter_button.setObjectName("quarter_button")
        self.year = QSpinBox(self)
        self.year.setObjectName("year")
        self.year.setRange(FIRST_YEAR, LAST_YEAR)
        self.year.setValue(year)
        self.quarter = QComboBox(self)
        self.quarter.setObjectName("quarter")
        for shown in range(1, 5):
            self.quarter.addItem(f"Q{shown}", shown)
        self.quarter.setCurrentIndex(number - 1)
        self.dates_button = QRadioButton(self)
        self.dates_button.setObjectName("dates_button")
        first = quarter(year, number)
        self.starts_from = self._date_edit("starts_from", first.starts_from)
        self.starts_until = self._date_edit("starts_until", first.starts_until)
        self.until_label = QLabel(self)
        self.project_button = QRadioButton(self)
        self.project_button.setObjectName("project_button")
        self.buttons = QButtonGroup(self)
        for code, button in enumerate(
            (self.quarter_button, self.dates_button, self.project_button)
        ):
            self.buttons.addButton(button, code)
        self.quarter_button.setChecked(True)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.quarter_button, 0, 0)
        layout.addWidget(self.year, 0, 1)
        layout.addWidget(self.quarter, 0, 2)
        layout.addWidget(self.dates_button, 0, 4)
        layout.addWidget(self.starts_from, 0, 5)
        layout.addWidget(self.until_label, 0, 6)
        layout.addWidget(self.starts_until, 0, 7)
        layout.addWidget(self.project_button, 0, 9)
        layout.setColumnMinimumWidth(3, 16)
        layout.setColumnMinimumWidth(8, 16)
        layout.setColumnStretch(10, 1)
        self.buttons.idToggled.connect(self._toggled)
        self.year.valueChanged.connect(lambda _value: self._picked(QUARTER))
        self.quarter.currentIndexChanged.connect(lambda _index: self._picked(QUARTER))
        self.starts_from.dateChanged.connect(lambda _day: self._picked(DATES))
        self.starts_until.dateChanged.connect(lambda _day: self._picked(DATES))
        self.retranslate()

    def _date_edit(self, name: str, day: date) -> QDateEdit:
        edit = QDateEdit(QDate(day.year, day.month, day.day), self)
        edit.setObjectName(name)
        edit.setDisplayFormat(DATE_FORMAT)
        edit.setCalendarPopup(True)
        return edit

    def retranslate(self) -> None:
        self.quarter_button.setText(_("&Quarter"))
        self.dates_button.setText(_("&Dates"))
        self.until_label.setText("–")
        self.project_button.setText(_("The &whole project so far"))

    def _toggled(self, _way: int, on: bool) -> None:
        if on:
            self.changed.emit()

    def _picked(self, way: int) -> None:
        """A quarter or a date was changed: that way of choosing is the one meant (the dates
        follow the quarter, as a start for a period of other dates)."""
        if way == QUARTER:
            shown = quarter(self.year.value(), int(self.quarter.currentData()))
            for edit, day in (
                (self.starts_from, shown.starts_from),
                (self.starts_until, shown.starts_until),
            ):
                edit.blockSignals(True)
                edit.setDate(QDate(day.year, day.month, day.day))
                edit.blockSignals(False)
        button = self.buttons.button(way)
        if button.isChecked():
            self.changed.emit()
        else:
            button.setChecked(True)

    def way(self) -> int:
        return self.buttons.checkedId()

    def chosen(self) -> Period | None:
        """The period picked; None for the whole project. A period ending before it starts
        raises UserInputError."""
        if self.way() == QUARTER:
            return quarter(self.year.value(), int(self.quarter.currentData()))
        if self.way() == DATES:
            return Period(_day(self.starts_from), _day(self.starts_until))
        return None
