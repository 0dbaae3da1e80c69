"""The settings dialog: the window's language (applied at once, nothing lost)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QWidget

from lkoe_desktop import preferences
from lkoe_desktop.domain import i18n
from lkoe_desktop.domain.codes import Language, label
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.ui.language import apply_language


class SettingsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.language = QComboBox(self)
        for language in Language:
            self.language.addItem(label(language), language.value)
        self.language.setCurrentIndex(self.language.findData(i18n.current_language()))
        self.language_label = QLabel(self)
        self.language_label.setBuddy(self.language)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QFormLayout(self)
        layout.addRow(self.language_label, self.language)
        layout.addRow(self.buttons)
        self.setWindowTitle(_("Settings"))
        self.language_label.setText(_("Language:"))

    def accept(self) -> None:
        code = str(self.language.currentData())
        if code != i18n.current_language():
            preferences.set_language(code)
            apply_language(code)
            parent = self.parent()
            retranslate = getattr(parent, "retranslate", None)
            if callable(retranslate):
                retranslate()
        super().accept()
