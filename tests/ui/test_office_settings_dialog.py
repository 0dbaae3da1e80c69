"""The office settings page: shows what is stored, saves in one go, errors beside the field."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot
from window_fakes import RecordingPrompts, type_text

from lkoe_desktop.db.engine import Database
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.services import office_settings
from lkoe_desktop.services.office_settings import OfficeSettings
from lkoe_desktop.ui.context import AppContext
from lkoe_desktop.ui.dialogs.office_settings_dialog import OfficeSettingsPage
from lkoe_desktop.ui.dialogs.settings_dialog import SettingsDialog
from lkoe_desktop.ui.language import apply_language


@pytest.fixture
def context(db: Database) -> AppContext:
    return AppContext(db, prompts=RecordingPrompts())


@pytest.fixture
def page(qtbot: QtBot, context: AppContext) -> OfficeSettingsPage:
    widget = OfficeSettingsPage(context)
    qtbot.addWidget(widget)
    widget.show()
    return widget


@pytest.fixture
def logo(tmp_path: Path) -> Path:
    path = tmp_path / "logga.png"
    image = QImage(300, 100, QImage.Format.Format_RGB32)
    image.fill(QColor("#1d4f91"))
    assert image.save(str(path))
    return path


def stored(context: AppContext) -> OfficeSettings:
    with context.database.reading() as session:
        return office_settings.load(session)


def test_a_new_database_shows_the_defaults(page: OfficeSettingsPage) -> None:
    assert page.office_name.text() == office_settings.DEFAULT_OFFICE_NAME
    assert page.funding_line.text() == office_settings.DEFAULT_FUNDING_LINE
    assert page.logo_path.text() == ""
    assert page.offset_x.value() == 0.0 and page.offset_y.value() == 0.0
    assert page.dietary_days.value() == 30
    assert page.usual_start.text() == "09:00"
    assert page.usual_length.text() == "120 min"
    assert page.logo_preview.text() == _("The default mark")


def test_everything_is_saved_and_shown_again(
    qtbot: QtBot, page: OfficeSettingsPage, context: AppContext, logo: Path
) -> None:
    page.office_name.clear()
    type_text(page.office_name, "Logistikkluster Östergötland – projektkontoret")
    page.funding_line.setText("Finansieras av Region Östergötland och ERUF")
    page.ask_logo_path = lambda start: str(logo)  # type: ignore[method-assign]
    page.choose_button.click()
    page.offset_x.setValue(1.5)
    page.offset_y.setValue(-2.0)
    page.dietary_days.setValue(14)
    assert page.save()
    assert stored(context) == OfficeSettings(
        office_name="Logistikkluster Östergötland – projektkontoret",
        funding_line="Finansieras av Region Östergötland och ERUF",
        logo_path=str(logo),
        printer_offset_x_mm=1.5,
        printer_offset_y_mm=-2.0,
        dietary_days=14,
    )
    again = OfficeSettingsPage(context)
    qtbot.addWidget(again)
    assert again.logo_path.text() == str(logo)
    assert again.offset_y.value() == -2.0
    assert not again.logo_preview.pixmap().isNull()


def test_offsets_take_a_decimal_comma_in_swedish(
    page: OfficeSettingsPage, context: AppContext
) -> None:
    page.offset_x.setValue(1.5)
    assert page.offset_x.text() == "1,5 mm"
    editor = page.offset_y.lineEdit()
    editor.selectAll()
    type_text(editor, "-2,5")
    assert page.save()
    assert stored(context).printer_offset_y_mm == -2.5
    assert stored(context).printer_offset_x_mm == 1.5


def test_the_usual_start_and_length_of_a_meeting_are_typed_and_saved(
    page: OfficeSettingsPage, context: AppContext
) -> None:
    page.usual_start.selectAll()
    QTest.keyClicks(page.usual_start, "8.30")
    page.usual_length.setFocus()
    page.usual_length.selectAll()
    QTest.keyClicks(page.usual_length, "90")
    assert page.save()
    saved = stored(context)
    assert (saved.usual_start, saved.usual_length_minutes) == ("08:30", 90)
    assert page.usual_start.text() == "08:30"
    page.usual_start.setText("25.00")
    assert not page.save()
    assert page.errors["usual_start"].isVisible()
    assert "25.00" in page.errors["usual_start"].text()


def test_offsets_stay_within_twenty_millimetres(page: OfficeSettingsPage) -> None:
    page.offset_x.setValue(35)
    page.offset_y.setValue(-35)
    assert (page.offset_x.value(), page.offset_y.value()) == (20.0, -20.0)
    assert page.offset_x.singleStep() == 0.5


def test_a_too_long_name_is_told_beside_the_field_and_nothing_is_saved(
    page: OfficeSettingsPage, context: AppContext
) -> None:
    page.office_name.setText("x" * 301)
    page.dietary_days.setValue(7)
    assert not page.save()
    assert page.errors["office_name"].isVisible()
    assert "300" in page.errors["office_name"].text()
    assert not page.errors["funding_line"].isVisible()
    assert stored(context) == OfficeSettings()
    page.office_name.setText("Kortare namn")
    assert page.save()
    assert not page.errors["office_name"].isVisible()


def test_a_logo_that_is_not_a_picture_is_told_beside_the_field(
    page: OfficeSettingsPage, context: AppContext, tmp_path: Path
) -> None:
    fake = tmp_path / "logga.png"
    fake.write_text("inte en bild", encoding="utf-8")
    page.logo_path.setText(str(fake))
    assert page.logo_preview.text() == _("Cannot be read as a picture.")
    assert not page.save()
    assert page.errors["logo_path"].isVisible()
    assert stored(context).logo_path == ""


def test_an_emptied_name_falls_back_to_the_default(
    page: OfficeSettingsPage, context: AppContext
) -> None:
    page.office_name.clear()
    page.funding_line.clear()
    assert page.save()
    assert page.office_name.text() == office_settings.DEFAULT_OFFICE_NAME
    assert stored(context).funding_line == office_settings.DEFAULT_FUNDING_LINE


def test_cancelling_the_logo_picker_keeps_the_logo(page: OfficeSettingsPage, logo: Path) -> None:
    page.logo_path.setText(str(logo))
    page.ask_logo_path = lambda start: None  # type: ignore[method-assign]
    page.choose_button.click()
    assert page.logo_path.text() == str(logo)


def test_the_settings_dialog_saves_with_ok_and_forgets_with_cancel(
    qtbot: QtBot, context: AppContext
) -> None:
    dialog = SettingsDialog(None, context)
    qtbot.addWidget(dialog)
    dialog.office.dietary_days.setValue(60)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
    assert stored(context).dietary_days == 30
    dialog = SettingsDialog(None, context)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.office.dietary_days.setValue(60)
    dialog.office.office_name.setText("x" * 301)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.isVisible()  # stays open with the error beside the name
    assert dialog.office.errors["office_name"].isVisible()
    assert stored(context).dietary_days == 30
    dialog.office.office_name.setText("LKÖ")
    with qtbot.waitSignal(dialog.accepted):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert stored(context).dietary_days == 60


def test_english_after_a_language_switch(qtbot: QtBot, context: AppContext) -> None:
    dialog = SettingsDialog(None, context)
    qtbot.addWidget(dialog)
    dialog.office.offset_x.setValue(1.5)
    apply_language("en")
    dialog.retranslate()
    assert dialog.windowTitle() == "Settings"
    assert dialog.pages.tabText(1) == "Office and printing"
    assert dialog.office.choose_button.text() == "Choose…"
    assert dialog.office.offset_x.text() == "1.5 mm"


def test_the_reports_settings_are_picked_by_name_and_saved(
    qtbot: QtBot, context: AppContext
) -> None:
    from lkoe_desktop.services import groups, partners

    with context.database.unit_of_work() as session:
        partners.create_partner(session, {"name": "Östgöta Transport AB"})
        office = partners.create_partner(
            session, {"name": "Logistikkluster Östergötland", "org_number": "212000-0746"}
        ).id
        old = partners.create_partner(session, {"name": "Gamla kansliet"}).id
        partners.set_partner_archived(session, old, True)
        groups.create_group(session, {"name": "Ledningsgrupp"})
    page = OfficeSettingsPage(context)
    qtbot.addWidget(page)
    page.show()
    shown = [page.own_partner.itemText(i) for i in range(page.own_partner.count())]
    assert shown == ["Ingen", "Logistikkluster Östergötland (212000-0746)", "Östgöta Transport AB"]
    assert page.steering_group.currentText() == "Styrgrupp"  # the default, kept though unknown
    page.own_partner.setFocus()
    page.own_partner.lineEdit().selectAll()
    type_text(page.own_partner.lineEdit(), "Logistikkluster Östergötland (212000-0746)")
    page.steering_group.setFocus()
    QTest.keyClick(page.steering_group, Qt.Key.Key_End)
    page.project_start.setFocus()
    QTest.keyClicks(page.project_start, "2025-01-01")
    assert page.save()
    saved = stored(context)
    assert (saved.own_partner_id, saved.steering_group, saved.project_start) == (
        office, "Ledningsgrupp", "2025-01-01",
    )  # fmt: skip
    page.own_partner.lineEdit().selectAll()
    type_text(page.own_partner.lineEdit(), "Okänd AB")
    page.project_start.clear()
    assert not page.save()
    assert page.errors["own_partner_id"].isVisible()
    assert stored(context).project_start == "2025-01-01"
