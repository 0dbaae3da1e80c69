"""The participants of one meeting in a window of their own, opened from the Möten tab."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from lkoe_desktop.domain.clock import to_stockholm
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.services import meetings
from lkoe_desktop.ui.context import settings
from lkoe_desktop.ui.dialogs.participants_panel import ParticipantsPanel
from lkoe_desktop.ui.screen_fit import restore_geometry

if TYPE_CHECKING:
    from lkoe_desktop.ui.context import AppContext

GEOMETRY_KEY = "dialogs/ParticipantsDialog"
FIRST_SIZE = QSize(1120, 680)  # room for every column of the list, in English too


class ParticipantsDialog(QDialog):
    """The meeting's title and time above its participants panel."""

    def __init__(self, context: AppContext, meeting_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.meeting_id = meeting_id
        self.heading = QLabel(self)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        self.panel = ParticipantsPanel(context, meeting_id, self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.panel, 1)
        layout.addWidget(self.buttons)
        restore_geometry(self, settings().value(GEOMETRY_KEY), FIRST_SIZE)
        self.retranslate()

    def retranslate(self) -> None:
        with self.context.database.reading() as session:
            meeting = meetings.get_meeting(session, self.meeting_id)
        when = to_stockholm(meeting.starts_at).strftime("%Y-%m-%d %H:%M")
        self.heading.setText(f"{meeting.title} · {when}")
        self.setWindowTitle(_("Participants: {title}").format(title=meeting.title))
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        self.panel.retranslate()

    def done(self, result: int) -> None:
        settings().setValue(GEOMETRY_KEY, self.saveGeometry())
        super().done(result)


def open_participants(context: AppContext, meeting_id: int, parent: QWidget | None = None) -> None:
    """Show a meeting's participants until the window is closed."""
    dialog = ParticipantsDialog(context, meeting_id, parent)
    dialog.exec()
    dialog.deleteLater()
