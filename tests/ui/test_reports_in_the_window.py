"""Printing from the window: the Reports menu, Ctrl+P for the chosen record, the documents offered
where they belong (a meeting's participants, a partner's form), with choices and a preview."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from meeting_people import PEOPLE, populate
from modals import answer_modal
from pypdf import PdfReader
from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from window_fakes import RecordingPrompts

from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.ui.context import AppContext
from lkoe_desktop.ui.dialogs.participants_panel import ParticipantsPanel
from lkoe_desktop.ui.dialogs.partner_form import PartnerForm
from lkoe_desktop.ui.dialogs.report_preview import ReportPreview
from lkoe_desktop.ui.main_window import MainWindow
from lkoe_desktop.ui.reports import ReportOptions
from lkoe_desktop.ui.start_up import build_tabs

PARTNERS, CONTACTS, THEMES, MEETINGS = range(4)


@pytest.fixture
def prompts(tmp_path: Path) -> RecordingPrompts:
    return RecordingPrompts(save_to=tmp_path / "utskrift.pdf")


@pytest.fixture
def context(context: AppContext) -> AppContext:
    populate(context.database, PEOPLE)
    return context


@pytest.fixture
def window(qtbot: QtBot, context: AppContext) -> MainWindow:
    main = MainWindow()
    qtbot.addWidget(main)
    main.attach(context, build_tabs(context))
    main.show()
    return main


def _choose_first_row(qtbot: QtBot, window: MainWindow, tab: int) -> None:
    window.show_tab(tab)
    current = window.current_tab()
    assert current is not None
    current.ensure_loaded()
    qtbot.waitUntil(lambda: current.model.rowCount() > 0)
    current.table.setCurrentIndex(current.model.index(0, 0))


def _accept(
    change: Callable[[ReportOptions], None] = lambda _options: None,
) -> Callable[[ReportOptions], None]:
    """An answer to the document's choices: `change` them, then accept."""

    def answer(options: ReportOptions) -> None:
        change(options)
        options.accept()

    return answer


def _preview(qtbot: QtBot, parent: QWidget) -> ReportPreview:
    qtbot.waitUntil(lambda: parent.findChild(ReportPreview) is not None, timeout=10_000)
    found = parent.findChild(ReportPreview)
    assert found is not None
    return found


def _text(preview: ReportPreview) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(preview.data)).pages)


def test_ctrl_p_on_a_meeting_prints_its_sign_in_sheet_with_the_choices_made(
    qtbot: QtBot, window: MainWindow
) -> None:
    _choose_first_row(qtbot, window, MEETINGS)

    def landscape_and_invited(options: ReportOptions) -> None:
        options.findChild(QWidget, "landscape").setChecked(True)  # type: ignore[union-attr]
        options.findChild(QWidget, "include_invited").setChecked(True)  # type: ignore[union-attr]

    with answer_modal(qtbot, ReportOptions, _accept(landscape_and_invited)):
        window.print_action.trigger()
    preview = _preview(qtbot, window)
    text = _text(preview)
    assert "Öberg" in text and "Karlsson" in text  # registered, and invited when asked for
    assert "Olsson" not in text  # cancelled
    page = PdfReader(io.BytesIO(preview.data)).pages[0]
    assert page.mediabox.width > page.mediabox.height
    assert preview.windowTitle().startswith(_("Sign-in sheet"))


def test_the_reports_menu_offers_meeting_documents_only_for_a_chosen_meeting(
    qtbot: QtBot, window: MainWindow
) -> None:
    assert window.reports_menu.title() == _("&Reports")
    window.show_tab(PARTNERS)
    window._enable_reports()
    assert not window.sign_in_action.isEnabled()
    _choose_first_row(qtbot, window, MEETINGS)
    window._enable_reports()
    assert window.badges_action.isEnabled()
    with answer_modal(qtbot, ReportOptions, _accept()):
        window.badges_action.trigger()
    assert "Wójcik" in _text(_preview(qtbot, window))


def test_ctrl_p_on_a_partner_prints_its_contact_sheet_and_the_register_without_one(
    qtbot: QtBot, window: MainWindow
) -> None:
    _choose_first_row(qtbot, window, PARTNERS)
    window.print_action.trigger()
    preview = _preview(qtbot, window)
    assert _("Contact sheet") in preview.windowTitle()
    preview.close()
    qtbot.waitUntil(lambda: window.findChild(ReportPreview) is None)
    tab = window.current_tab()
    assert tab is not None
    tab.table.setCurrentIndex(QModelIndex())
    window.print_action.trigger()
    register = _preview(qtbot, window)
    assert register.windowTitle() == _("Partner register")
    assert "Hamnbolaget AB" in _text(register)


def test_the_participant_list_saves_as_excel_too(
    qtbot: QtBot, window: MainWindow, prompts: RecordingPrompts, tmp_path: Path
) -> None:
    _choose_first_row(qtbot, window, MEETINGS)
    window.participants_action.trigger()
    preview = _preview(qtbot, window)
    assert "Quist" in _text(preview)  # the one who attended
    prompts.save_to = tmp_path / "deltagarlista.xlsx"
    preview.save_extra(0)
    qtbot.waitUntil(lambda: (tmp_path / "deltagarlista.xlsx").exists(), timeout=10_000)


def test_the_participants_panel_prints_its_meeting(qtbot: QtBot, context: AppContext) -> None:
    panel = ParticipantsPanel(context, 1)
    qtbot.addWidget(panel)
    panel.show()
    with answer_modal(qtbot, ReportOptions, _accept()):
        panel.badges_action.trigger()
    assert "Öberg" in _text(_preview(qtbot, panel))


def test_the_partner_form_prints_its_contact_sheet(qtbot: QtBot, context: AppContext) -> None:
    form = PartnerForm(context, 1)
    qtbot.addWidget(form)
    form.show()
    button = form.findChild(QWidget, "contact_sheet")
    assert button is not None
    button.click()  # type: ignore[attr-defined]
    preview = _preview(qtbot, form)
    assert preview.isModal()  # the form cannot be closed under it
    assert "Åsa Öberg" in _text(preview)  # Norrköpings kommun, the first partner made
    preview.close()
    qtbot.waitUntil(lambda: form.findChild(ReportPreview) is None)


def test_cancelling_the_choices_shows_nothing(qtbot: QtBot, window: MainWindow) -> None:
    _choose_first_row(qtbot, window, MEETINGS)

    with answer_modal(qtbot, ReportOptions, lambda options: options.reject()):
        window.sign_in_action.trigger()
    qtbot.wait(200)
    assert window.findChild(ReportPreview) is None
