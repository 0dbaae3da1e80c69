"""One signal that says which kinds of records changed, so every open view can refresh.

The database tells the bus after each committed transaction which entities it changed (the
change log's names, `domain.entities`), on whichever thread committed; the bus passes that on
as `changed` on the GUI thread. No caller names what it changed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from lkoe_desktop.domain import entities

if TYPE_CHECKING:
    from lkoe_desktop.db.engine import Database

PARTNERS = entities.PARTNER.name
CONTACTS = entities.CONTACT.name
AFFILIATIONS = entities.AFFILIATION.name
THEMES = entities.THEME.name
MEETINGS = entities.MEETING.name
PARTICIPANTS = entities.PARTICIPATION.name
GROUPS = entities.GROUP.name
MEMBERSHIPS = entities.MEMBERSHIP.name
ALL = frozenset(entity.name for entity in entities.ENTITIES)
# What the demo data writes in one go: every kind of record.
DEMO = "demo"


class ChangeBus(QObject):
    """Emits `changed(frozenset_of_entity_names)` after a transaction has committed changes."""

    changed = Signal(object)
    _committed = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        # Signal to signal: emitted on a worker, `changed` is queued to the GUI thread.
        self._committed.connect(self.changed)

    def watch(self, database: Database) -> None:
        """Announce every change committed through `database`."""
        database.listen(self._told)

    def _told(self, names: frozenset[str]) -> None:
        self._committed.emit(ALL if DEMO in names else names)

    def announce(self, *names: str) -> None:
        """Say that these entities (or, with none, everything) may have changed elsewhere: on
        another workstation, or when the user asks for the lists to be read again."""
        self.changed.emit(frozenset(names) if names else ALL)
