"""What is sent out about a meeting: its calendar file, and dietary needs for the caterer."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from lkoe_desktop.domain.clock import to_stockholm
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.files import safe_file_name, write_atomically
from lkoe_desktop.services import catering, meetings, relations
from lkoe_desktop.ui.screen_fit import fit_to_screen
from lkoe_desktop.ui.widgets.form_fields import mute

if TYPE_CHECKING:
    from lkoe_desktop.ui.context import AppContext


def file_name(title: str, day: str, suffix: str) -> str:
    """A file name from a document's title and date that every system accepts."""
    return safe_file_name(f"{title} {day}", suffix, day)


def save_calendar_file(context: AppContext, meeting_id: int, parent: QWidget | None) -> Path | None:
    """Ask where, then write the meeting as an iCalendar file to attach to an invitation."""
    from lkoe_desktop.exchange.icalendar import meeting_ics

    with context.database.reading() as session:
        meeting = meetings.get_meeting(session, meeting_id)
        names = {theme.id: theme.name for theme in relations.theme_names(session)}
    day = to_stockholm(meeting.starts_at).date().isoformat()
    path = context.prompts.save_path(
        parent,
        _("Save as calendar file"),
        file_name(meeting.title, day, ".ics"),
        _("Calendar files (*.ics)"),
    )
    if path is None:
        return None
    data = meeting_ics(
        meeting,
        theme_names=[names[theme] for theme in meeting.theme_ids if theme in names],
        now=context.database.clock.now(),
    )
    try:
        write_atomically(path, lambda part: part.write_bytes(data))
    except OSError:
        context.prompts.error(
            parent,
            _("Cannot save"),
            _(
                "“{name}” could not be saved in {folder}. Check that the folder exists and that "
                "you may write to it."
            ).format(name=path.name, folder=path.parent),
        )
        return None
    return path


class CateringDialog(QDialog):
    """The dietary needs of the people coming, counted, as text ready for the caterer."""

    def __init__(self, context: AppContext, meeting_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        with context.database.reading() as session:
            summary = catering.catering_summary(session, meeting_id)
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        self.text.setPlainText(catering.catering_text(summary))
        self.text.setFont(QFont(self.text.font().family(), self.text.font().pointSize() + 1))
        self.privacy = QLabel(self)
        self.privacy.setWordWrap(True)
        mute(self.privacy)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.copy_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.privacy)
        layout.addWidget(self.buttons)
        fit_to_screen(self, QSize(540, 400))
        self.setWindowTitle(_("Dietary needs for the caterer"))
        self.privacy.setText(
            _(
                "Names are left out: dietary needs can reveal health or religion. They are "
                "cleared automatically some days after the meeting."
            )
        )
        self.copy_button.setText(_("Copy the text"))
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text.toPlainText())
        self.copy_button.setText(_("Copied"))


def show_catering(context: AppContext, meeting_id: int, parent: QWidget | None = None) -> None:
    dialog = CateringDialog(context, meeting_id, parent)
    dialog.exec()
    dialog.deleteLater()
