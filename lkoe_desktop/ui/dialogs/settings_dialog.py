"""The settings dialog: the window's language (applied at once, nothing lost) and, with a
database open, the office's shared settings (header, funding line, logo, badge printer offset,
when dietary needs are cleared)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from lkoe_desktop import preferences
from lkoe_desktop.domain import i18n
from lkoe_desktop.domain.codes import Language, label
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.ui.language import apply_language
from lkoe_desktop.ui.screen_fit import fit_to_screen

if TYPE_CHECKING:
    from lkoe_desktop.ui.context import AppContext

GENERAL, OFFICE = range(2)


class SettingsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, context: AppContext | None = None) -> None:
        from lkoe_desktop.ui.dialogs.office_settings_dialog import DIALOG_SIZE, OfficeSettingsPage

        super().__init__(parent)
        self.pages = QTabWidget(self)
        general = QWidget(self)
        self.language = QComboBox(general)
        for language in Language:
            self.language.addItem(label(language), language.value)
        self.language.setCurrentIndex(self.language.findData(i18n.current_language()))
        self.language_label = QLabel(general)
        self.language_label.setBuddy(self.language)
        form = QFormLayout(general)
        form.addRow(self.language_label, self.language)
        self.pages.addTab(general, "")
        self.office: OfficeSettingsPage | None = None
        if context is not None:
            self.office = OfficeSettingsPage(context, self)
            self.pages.addTab(self.office, "")
            fit_to_screen(self, DIALOG_SIZE)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Settings"))
        self.pages.setTabText(GENERAL, _("General"))
        self.language_label.setText(_("Language:"))
        if self.office is not None:
            self.pages.setTabText(OFFICE, _("Office and printing"))
            self.office.retranslate()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("OK"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))

    def show_office(self) -> None:
        """Open on the office page (the calibration print sends people there)."""
        if self.office is not None:
            self.pages.setCurrentIndex(OFFICE)

    def accept(self) -> None:
        """Save the office's settings first: a refused value keeps the dialog open on it."""
        if self.office is not None and not self.office.save():
            self.pages.setCurrentIndex(OFFICE)
            return
        code = str(self.language.currentData())
        if code != i18n.current_language():
            preferences.set_language(code)
            apply_language(code)
            parent = self.parent()
            retranslate = getattr(parent, "retranslate", None)
            if callable(retranslate):
                retranslate()
        super().accept()
