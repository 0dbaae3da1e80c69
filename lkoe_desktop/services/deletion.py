"""Deleting a record for real: only one that nothing refers to; everything else is archived."""

from __future__ import annotations

from sqlalchemy.orm import Session

from lkoe_desktop.db.models import Contact, Group, Meeting, Organisation, Theme
from lkoe_desktop.domain.entities import CONTACT, GROUP, MEETING, PARTNER, THEME
from lkoe_desktop.domain.errors import UserInputError
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.services import audit
from lkoe_desktop.services.common import get
from lkoe_desktop.services.relations import is_referenced

# The records that can be deleted, by entity name: their model and how others refer to them.
_MODELS = {
    PARTNER.name: (Organisation, "organisation_id"),
    CONTACT.name: (Contact, "contact_id"),
    THEME.name: (Theme, "theme_id"),
    MEETING.name: (Meeting, "meeting_id"),
    GROUP.name: (Group, "group_id"),
}


def delete_record(session: Session, entity: str, record_id: int) -> None:
    """Delete the record, or refuse with a message saying to archive it instead."""
    model, reference = _MODELS[entity]
    record = get(session, model, record_id, _("Record"))
    if is_referenced(session, **{reference: record_id}):
        raise UserInputError(
            _(
                "This record is used elsewhere (people, meetings or themes refer to it), so it "
                "can only be archived. Archiving hides it from lists but keeps its history."
            )
        )
    session.delete(record)
    session.flush()
    audit.record(session, entity, record_id, audit.DELETE)
