"""Which form opens a record of each kind: the registry a form opens related records through.

A form that lists related records (a contact's organisations and meetings, a partner's people)
opens their forms by kind through this registry, so that no form module imports another's (the
base form once imported its subclasses). The window registers the record forms as it builds its
tabs (`start_up.register_record_forms`), before any form can be opened.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from lkoe_desktop.domain import entities

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from lkoe_desktop.ui.context import AppContext

# The kinds of record with a form, as related lists and the duplicate warning name them.
PARTNER = entities.PARTNER.name
CONTACT = entities.CONTACT.name
MEETING = entities.MEETING.name
PARTICIPATION = entities.PARTICIPATION.name

# Open the form of the record with this id (None: a new one) over `parent`; the saved record's
# id, or None when nothing was saved.
Opener = Callable[["AppContext", int | None, "QWidget | None"], int | None]

_OPENERS: dict[str, Opener] = {}


def register(kind: str, opener: Opener) -> None:
    """Let `opener` open the records of `kind`."""
    _OPENERS[kind] = opener


def open_record(
    context: AppContext, kind: str, record_id: int | None, parent: QWidget | None = None
) -> int | None:
    """Open the form of a record of `kind`; the saved id, or None when nothing was saved."""
    opener = _OPENERS.get(kind)
    if opener is None:
        raise LookupError(f"no form is registered for {kind!r}")
    return opener(context, record_id, parent)


def registered() -> frozenset[str]:
    """The kinds of record that have a form."""
    return frozenset(_OPENERS)
