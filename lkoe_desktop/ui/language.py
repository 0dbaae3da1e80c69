"""Switching the window's language at run time: our gettext catalogue and Qt's own dialogs."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from lkoe_desktop.domain import i18n

QT_LOCALES = {"sv": "sv_SE", "en": "en_GB"}
_installed: list[QTranslator] = []


def apply_language(code: str) -> None:
    """Use `code` ("sv" or "en") for every later text, including Qt's standard dialogs."""
    i18n.set_language(code)
    app = QCoreApplication.instance()
    QLocale.setDefault(QLocale(QT_LOCALES[code]))
    if app is None:
        return
    while _installed:
        app.removeTranslator(_installed.pop())
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    translator = QTranslator(app)
    if translator.load(f"qtbase_{code}", folder):
        app.installTranslator(translator)
        _installed.append(translator)
