"""One signal that says which kinds of records changed, so every open view can refresh."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

PARTNERS = "partners"
CONTACTS = "contacts"
THEMES = "themes"
MEETINGS = "meetings"
PARTICIPANTS = "participants"
GROUPS = "groups"
ALL = frozenset({PARTNERS, CONTACTS, THEMES, MEETINGS, PARTICIPANTS, GROUPS})


class ChangeBus(QObject):
    """Emits `changed(frozenset_of_kinds)` after a service call has committed a change."""

    changed = Signal(object)

    def announce(self, *kinds: str) -> None:
        self.changed.emit(frozenset(kinds) if kinds else ALL)
