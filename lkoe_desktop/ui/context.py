"""What every part of the window shares: the open database, the change signal, the prompts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QSettings

from lkoe_desktop import APP_ID
from lkoe_desktop.ui.changes import ChangeBus
from lkoe_desktop.ui.undo import UndoOffer

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from lkoe_desktop.db.engine import Database
    from lkoe_desktop.services.candidates import Candidate
    from lkoe_desktop.ui.forms.merge import Choice, ConflictField


class Prompts(Protocol):
    """Modal questions and messages, in one place so tests can answer them instead of a person
    (the window's own are `dialogs.prompts.DialogPrompts`)."""

    def confirm(self, parent: QWidget | None, title: str, text: str) -> bool:
        """A yes-or-no question; True: yes."""
        ...

    def error(self, parent: QWidget | None, title: str, text: str) -> None:
        """Something could not be done, and why."""
        ...

    def inform(self, parent: QWidget | None, title: str, text: str) -> None:
        """Something the clerk should know."""
        ...

    def look_over(
        self,
        parent: QWidget | None,
        people: Sequence[Candidate],
        heading: str,
        unseen: int,
    ) -> bool:
        """The people about to be added to a meeting or a group, for a last look; True: add
        them. `heading` says where they go; `unseen` is how many of them were not in view when
        the clerk chose to add.
        """
        ...

    def resolve_conflicts(
        self, parent: QWidget | None, intro: str, fields: Sequence[ConflictField]
    ) -> dict[str, Choice] | None:
        """Theirs or mine for each field both changed (None: cancelled)."""
        ...

    def save_path(
        self, parent: QWidget | None, title: str, suggested: str, file_filter: str
    ) -> Path | None:
        """Where to save a file (None: cancelled); the extension of `suggested` is added when
        the name chosen has none."""
        ...


def settings() -> QSettings:
    """Per-user window state (geometry, columns, sort order); not shared data."""
    return QSettings(APP_ID, APP_ID)


@dataclass
class AppContext:
    """What the window's parts share: the database, the prompts, the bus that tells them
    what the database's transactions changed, and the one offer to undo the last change."""

    database: Database
    prompts: Prompts
    bus: ChangeBus = field(default_factory=ChangeBus)
    undo: UndoOffer = field(init=False)

    def __post_init__(self) -> None:
        self.bus.watch(self.database)
        self.undo = UndoOffer(self.prompts)
        self.undo.watch(self.database)
