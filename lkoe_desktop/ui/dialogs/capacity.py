"""Registering more people than a meeting has places: the clerk is asked first."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.services import candidates, meetings

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from lkoe_desktop.ui.context import AppContext


def confirm_over_capacity(
    context: AppContext, parent: QWidget, meeting_id: int, extra: int
) -> bool:
    """Registering `extra` more people: ask first when that is more than the places left."""
    with context.database.reading() as session:
        over = candidates.places_over(session, meeting_id, extra)
        capacity = meetings.get_meeting(session, meeting_id).capacity
    if not over:
        return True
    question = _(
        "The meeting has {capacity} places. Registering {count} more makes {over} more than "
        "there are places. Register anyway?"
    ).format(capacity=capacity, count=extra, over=over)
    return context.prompts.confirm(parent, _("More than the places"), question)
