"""The one undo the window offers: the last undoable change made in it, until the next change.

Every place that can undo what it just did (archiving in a tab, adding people to a meeting,
changing their status, a check-in) hands its undo to the context's `UndoOffer` with a text
saying what it will undo ("Ångra arkivering av 3 kontakter"). Redigera → Ångra (Ctrl+Z), the
status bar's button and the panels' own undo buttons all run that one offer.

The offer lasts until the next write this program commits, whatever it is (a save, another
archive, a check-in, an import): the database tells the offer after each commit, so no place
has to remember to end it. A colleague's change on a shared server does not end it (this
program is not told of it); that is safe because an undo only ever puts back what this clerk
changed, and checks as it does so: a participation changed since is kept (its version is no
longer the one this clerk's change gave it), a record removed since is reported, never
recreated.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence

from lkoe_desktop.domain.errors import LkoeError
from lkoe_desktop.domain.i18n import gettext as _

if TYPE_CHECKING:
    from PySide6.QtWidgets import QToolButton, QWidget

    from lkoe_desktop.db.engine import Database
    from lkoe_desktop.ui.context import Prompts

# Puts back what a change did, in its own transaction, and says what it put back (the status
# bar shows it); a domain error (LkoeError) when it cannot.
Undo = Callable[[], str]


class UndoOffer(QObject):
    """At most one undo: `text()` says what it does, `run()` does it.

    `changed` fires when an offer is made or ends; `undone(message)` after an undo, with what
    it put back, and `undone_in(scope, message)` with it, so that the panel where the change
    was made says so too, whether it was undone there or from the Edit menu. `scope` says
    where the change was made (("meeting", 7) for a meeting's list), so that a panel shows its
    own undo button only for changes made to what it shows.
    """

    changed = Signal()
    undone = Signal(str)
    undone_in = Signal(object, str)
    _written = Signal()

    def __init__(self, prompts: Prompts, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._prompts = prompts
        self._text = ""
        self._undo: Undo | None = None
        self._scope: Hashable = None
        # Emitted on the committing thread; a commit on a worker ends the offer on the GUI thread.
        self._written.connect(self.clear)

    def watch(self, database: Database) -> None:
        """End the offer whenever a transaction on `database` commits a change."""
        database.listen(lambda _names: self._written.emit())

    def offer(self, text: str, undo: Undo, scope: Hashable = None) -> None:
        """Offer `undo` (described by `text`, e.g. "Ångra arkivering av 3 kontakter") instead
        of whatever was offered before. Call it after the change has committed."""
        self._text, self._undo, self._scope = text, undo, scope
        self.changed.emit()

    def clear(self) -> None:
        """Nothing to undo any more."""
        if self._undo is not None:
            self._text, self._undo, self._scope = "", None, None
            self.changed.emit()

    def available(self, scope: Hashable = None) -> bool:
        """Whether there is something to undo (made in `scope`, when one is given)."""
        return self._undo is not None and (scope is None or scope == self._scope)

    def text(self) -> str:
        """What undoing will do, as the Edit menu says it; empty when there is nothing."""
        return self._text

    def run(self, parent: QWidget | None = None) -> str | None:
        """Undo the offered change; returns what was put back (also told as `undone`), or None
        when there was nothing to undo or it could not be done (the clerk is told why)."""
        undo, scope = self._undo, self._scope
        if undo is None:
            return None
        self.clear()
        try:
            message = undo()
        except LkoeError as error:
            self._prompts.error(parent, _("Cannot undo"), error.message)
            return None
        self.undone.emit(message)
        self.undone_in.emit(scope, message)
        return message


class PanelUndo(QObject):
    """A panel's own way to the window's one offer: an action (Ctrl+Z inside the panel when
    `shortcut`) shown by `button`, visible only while the offer is about what the panel shows
    (`scope()`); when a change made there is undone, here or from the Edit menu, `say` gives
    the panel's message line what was put back. `tooltip()` says, translated, what undoing does
    to this panel's list."""

    def __init__(
        self,
        panel: QWidget,
        offer: UndoOffer,
        scope: Callable[[], Hashable],
        say: Callable[[str], None],
        tooltip: Callable[[], str],
        button: QToolButton,
        *,
        shortcut: bool,
    ) -> None:
        super().__init__(panel)
        self._panel, self._offer, self._scope, self._say = panel, offer, scope, say
        self._tooltip = tooltip
        self.action = QAction(panel)
        if shortcut:
            self.action.setShortcut(QKeySequence.StandardKey.Undo)
            self.action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            panel.addAction(self.action)
        self.action.triggered.connect(lambda _checked=False: self.run())
        self.button = button
        button.setObjectName("undo_add")
        button.setDefaultAction(self.action)
        offer.changed.connect(self.show)
        offer.undone_in.connect(self._undone)

    def show(self) -> None:
        """The action's text (what the offer will undo) and the button, as the offer stands."""
        available = self._offer.available(self._scope())
        self.action.setText(self._offer.text() if available else _("Undo"))
        self.action.setToolTip(self._tooltip())
        self.action.setEnabled(available)
        self.button.setVisible(available)

    def run(self) -> None:
        """Undo the last change made to the panel's list, if the offer is about it."""
        if self._offer.available(self._scope()):
            self._offer.run(self._panel)

    def _undone(self, scope: object, message: str) -> None:
        if scope == self._scope():
            self._say(message)
