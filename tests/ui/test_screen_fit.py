"""On a 1366 × 768 laptop the window, its status bar and every dialog fit the screen, the first
time they open and when they were last left on a larger screen."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from meeting_people import PEOPLE, populate
from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot
from test_report_preview import pdf_bytes

from lkoe_desktop.services import participations
from lkoe_desktop.services.candidates import AddingTo
from lkoe_desktop.services.contacts import AffiliationRow
from lkoe_desktop.ui.context import AppContext, settings
from lkoe_desktop.ui.dialogs.add_people import AddPeopleDialog
from lkoe_desktop.ui.dialogs.checkin import CheckInDialog
from lkoe_desktop.ui.dialogs.contact_dialogs import ConsentDialog
from lkoe_desktop.ui.dialogs.contact_form import ContactForm
from lkoe_desktop.ui.dialogs.employment_dialogs import (
    AffiliationDialog,
    ChangeEmployerDialog,
    MembershipDialog,
)
from lkoe_desktop.ui.dialogs.meeting_files import CateringDialog
from lkoe_desktop.ui.dialogs.meeting_form import MeetingForm
from lkoe_desktop.ui.dialogs.participants_dialog import ParticipantsDialog
from lkoe_desktop.ui.dialogs.participation_form import ParticipationForm
from lkoe_desktop.ui.dialogs.partner_form import PartnerForm
from lkoe_desktop.ui.dialogs.report_preview import ReportPreview
from lkoe_desktop.ui.dialogs.settings_dialog import SettingsDialog
from lkoe_desktop.ui.dialogs.theme_form import ThemeForm
from lkoe_desktop.ui.language import apply_language
from lkoe_desktop.ui.main_window import MainWindow
from lkoe_desktop.ui.reports import ReportOptions
from lkoe_desktop.ui.screen_fit import FRAME, fit_to_screen, fitted_size, keep_on_screen
from lkoe_desktop.ui.start_up import build_tabs

LAPTOP = QRect(0, 0, 1366, 728)  # 1366 × 768 less a 40-pixel taskbar
WIDE_SCREEN = QRect(0, 0, 2560, 1400)


def _available() -> QRect:
    return QGuiApplication.primaryScreen().availableGeometry()


def _fits(window: QWidget) -> bool:
    """The window with room for the frame and title bar the system adds, inside the screen."""
    outer = QRect(window.frameGeometry().topLeft(), window.size() + FRAME)
    return _available().contains(outer)


def _open_window(qtbot: QtBot, context: AppContext) -> MainWindow:
    window = MainWindow()
    qtbot.addWidget(window)
    window.attach(context, build_tabs(context))
    window.show()
    qtbot.waitExposed(window)
    return window


def test_the_tests_run_on_a_laptop_screen(qapp: QApplication) -> None:
    assert _available() == LAPTOP  # tests/laptop_screen.json, set up in tests/conftest.py


def test_a_first_size_is_what_was_wanted_or_what_the_screen_has_room_for() -> None:
    assert fitted_size(QSize(1280, 800), LAPTOP) == QSize(1280, 728 - FRAME.height())
    assert fitted_size(QSize(1500, 600), LAPTOP) == QSize(1366 - FRAME.width(), 600)
    assert fitted_size(QSize(640, 720), LAPTOP) == QSize(640, 688)
    assert fitted_size(QSize(1280, 800), WIDE_SCREEN) == QSize(1280, 800)


def test_a_window_is_centred_in_the_room_it_is_given(qtbot: QtBot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    beside = QRect(1366, 0, 1366, 728)  # a second screen to the right
    fit_to_screen(widget, QSize(1000, 500), beside, centre=True)
    assert widget.size() == QSize(1000, 500)
    assert (widget.x(), widget.y()) == (1366 + (1366 - 1016) // 2, (728 - 540) // 2)


def test_a_window_left_off_the_screen_is_brought_back(qtbot: QtBot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.resize(1800, 1000)
    widget.move(900, 500)
    keep_on_screen(widget, LAPTOP)
    assert widget.size() == fitted_size(QSize(1800, 1000), LAPTOP)
    assert LAPTOP.contains(QRect(widget.pos(), widget.size() + FRAME))


def test_the_window_and_its_undo_button_fit_a_laptop_at_first_start(
    qtbot: QtBot, context: AppContext
) -> None:
    window = _open_window(qtbot, context)
    assert _fits(window)
    assert window.width() >= 1280  # as wide as it was: only the height had to give
    context.undo.offer("Ångra arkivering av 1 kontakt", lambda: "")
    button = window.undo_button
    assert button.isVisible()
    corner = button.mapToGlobal(button.rect().bottomRight())
    assert _available().contains(corner)


def test_a_window_size_remembered_from_a_large_screen_fits_again(
    qtbot: QtBot, context: AppContext
) -> None:
    big = QWidget()
    qtbot.addWidget(big)
    big.setGeometry(1400, 200, 1880, 1100)  # right of the laptop, taller than it
    settings().setValue("window/geometry", big.saveGeometry())
    window = _open_window(qtbot, context)
    assert _fits(window)


Opener = Callable[[AppContext, int, QWidget], QDialog]


def _participation(context: AppContext, meeting: int) -> int:
    with context.database.reading() as session:
        return participations.list_participants(session, meeting)[0].id


def _contact(context: AppContext, meeting: int) -> int:
    with context.database.reading() as session:
        return participations.list_participants(session, meeting)[0].contact_id


def _contact_form(context: AppContext, meeting: int, parent: QWidget) -> ContactForm:
    return ContactForm(context, _contact(context, meeting), parent)


def _job_editor(form: ContactForm) -> QDialog:
    job = AffiliationRow(0, 0, "Norrköpings Hamn AB", "Hamnchef", None, None, is_current=True)
    return AffiliationDialog(form, job, None, ending=False)


def _report_options(_context: AppContext, _meeting: int, parent: QWidget) -> ReportOptions:
    options = ReportOptions("Närvarolista", parent)
    options.check("include_invited", "Ta med inbjudna")
    return options


DIALOGS: dict[str, Opener] = {
    "partner form": lambda context, _meeting, parent: PartnerForm(context, None, parent),
    "contact form": _contact_form,
    "theme form": lambda context, _meeting, parent: ThemeForm(context, None, parent),
    "meeting form": lambda context, meeting, parent: MeetingForm(context, meeting, parent),
    "participation form": lambda context, meeting, parent: ParticipationForm(
        context, _participation(context, meeting), parent
    ),
    "participants": lambda context, meeting, parent: ParticipantsDialog(context, meeting, parent),
    "add people": lambda context, meeting, parent: AddPeopleDialog(
        context, AddingTo.meeting(meeting), "search", parent
    ),
    "check-in": lambda context, meeting, parent: CheckInDialog(context, meeting, parent),
    "caterer": lambda context, meeting, parent: CateringDialog(context, meeting, parent),
    "settings": lambda context, _meeting, parent: SettingsDialog(parent, context),
    "report options": _report_options,
    "report preview": lambda context, _meeting, parent: ReportPreview(
        context, "Närvarolista", pdf_bytes(), parent, suggested_name="Närvarolista"
    ),
    "change employer": lambda context, meeting, parent: ChangeEmployerDialog(
        _contact_form(context, meeting, parent)
    ),
    "edit employment": lambda context, meeting, parent: _job_editor(
        _contact_form(context, meeting, parent)
    ),
    "group membership": lambda context, meeting, parent: MembershipDialog(
        _contact_form(context, meeting, parent), None, None
    ),
    "consent": lambda context, meeting, parent: ConsentDialog(
        _contact_form(context, meeting, parent), ["Nyhetsbrev"]
    ),
}


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize("name", DIALOGS)
def test_every_dialog_fits_a_laptop_the_first_time(
    qtbot: QtBot, context: AppContext, name: str, language: str
) -> None:
    apply_language(language)
    meeting = populate(context.database, PEOPLE)
    window = _open_window(qtbot, context)
    dialog = DIALOGS[name](context, meeting, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert _fits(dialog), (name, dialog.geometry())
