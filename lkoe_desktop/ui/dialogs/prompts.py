"""The window's questions and messages, asked in dialogs (tests answer them with a fake)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from lkoe_desktop.ui.context import Prompts, settings
from lkoe_desktop.ui.dialogs.conflict_dialog import ask
from lkoe_desktop.ui.dialogs.last_look import look_over

if TYPE_CHECKING:
    from lkoe_desktop.services.candidates import Candidate
    from lkoe_desktop.ui.forms.merge import Choice, ConflictField


class DialogPrompts(Prompts):
    """The window's questions and messages: message boxes, the last look, the conflict dialog and
    the system's save dialog."""

    def confirm(self, parent: QWidget | None, title: str, text: str) -> bool:
        answer = QMessageBox.question(
            parent,
            title,
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def error(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.warning(parent, title, text)

    def inform(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.information(parent, title, text)

    def look_over(
        self,
        parent: QWidget | None,
        people: Sequence[Candidate],
        heading: str,
        unseen: int,
    ) -> bool:
        return look_over(parent, people, heading, unseen)

    def resolve_conflicts(
        self, parent: QWidget | None, intro: str, fields: Sequence[ConflictField]
    ) -> dict[str, Choice] | None:
        """Theirs or mine for each field both changed, chosen in the conflict dialog (None:
        cancelled)."""
        return ask(parent, intro, fields)

    def save_path(
        self, parent: QWidget | None, title: str, suggested: str, file_filter: str
    ) -> Path | None:
        """Where to save a file, chosen in the system's save dialog (None: cancelled).

        The file's extension is added when the name typed has none.
        """
        folder = settings().value("files/last_folder") or str(Path.home())
        chosen, _chosen_filter = QFileDialog.getSaveFileName(
            parent, title, str(Path(str(folder)) / suggested), file_filter
        )
        if not chosen:
            return None
        path = Path(chosen)
        if not path.suffix and Path(suggested).suffix:
            path = path.with_suffix(Path(suggested).suffix)
        settings().setValue("files/last_folder", str(path.parent))
        return path
