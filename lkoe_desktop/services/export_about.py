"""What an exported list is, in words: which list, search, filters, order, rows, when, by whom."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from lkoe_desktop.db.models import Group, Meeting, Organisation, Theme
from lkoe_desktop.domain.clock import to_stockholm
from lkoe_desktop.domain.codes import ParticipationStatus, label_for
from lkoe_desktop.domain.fields import Entity
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.domain.i18n import ngettext
from lkoe_desktop.exchange.export_table import Cell

if TYPE_CHECKING:
    from lkoe_desktop.services.exports import ExportRequest, Where

About = tuple[tuple[str, Cell], ...]


def _name(session: Session, model: type[Organisation | Theme | Group], record_id: int) -> str:
    name = session.scalar(select(model.name).where(model.id == record_id))
    return name if name is not None else f"#{record_id}"


def _meeting(session: Session, meeting_id: int) -> str:
    found = session.execute(
        select(Meeting.title, Meeting.starts_at).where(Meeting.id == meeting_id)
    ).first()
    if found is None:
        return f"#{meeting_id}"
    return f"{found[0]}, {to_stockholm(found[1]).strftime('%Y-%m-%d %H:%M')}"


def _filter_line(session: Session, entity: Entity, key: str, value: object) -> tuple[str, str]:
    """One filter of the list as a name and its value in words."""
    if key == "organisation_id":
        return _("Organisation"), _name(session, Organisation, int(str(value)))
    if key == "theme_id":
        return _("Theme"), _name(session, Theme, int(str(value)))
    if key == "group_id":
        return _("Group"), _name(session, Group, int(str(value)))
    if key == "meeting_id":
        return _("Meeting"), _meeting(session, int(str(value)))
    if key == "statuses":
        assert isinstance(value, tuple | list)
        words = [label_for(ParticipationStatus, str(code)) for code in value]
        return _("Status"), ", ".join(words)
    if key == "starts_from":
        return _("Starting from"), str(value)
    if key == "starts_until":
        return _("Starting until"), str(value)
    described = entity.field(key)
    return described.title, described.display(value)


def _partner_lines(session: Session, partner_id: int) -> list[tuple[str, Cell]]:
    """A partner's own details, so that its people's list is its contact sheet."""
    from lkoe_desktop.domain.entities import PARTNER
    from lkoe_desktop.exchange.export_table import phone_text

    partner = session.get(Organisation, partner_id)
    if partner is None:
        return []
    postal = ", ".join(
        part for part in (partner.postal_street, partner.postal_code, partner.postal_city) if part
    )
    details: list[tuple[str, Cell]] = [
        (PARTNER.field("org_number").title, partner.org_number),
        (_("Postal address"), postal or None),
        (PARTNER.field("phone").title, phone_text(partner.phone) if partner.phone else None),
        (PARTNER.field("email").title, partner.email),
        (PARTNER.field("website").title, partner.website),
    ]
    return [(name, value) for name, value in details if value]


def _order(entity: Entity, request: ExportRequest) -> str:
    if request.ids is not None:
        return _("as the rows were chosen")
    if request.sort is None or not entity.has(request.sort):
        return _("the list's own order")
    heading = entity.field(request.sort).heading
    if request.descending:
        return _("by {column}, descending").format(column=heading)
    return _("by {column}").format(column=heading)


def about_lines(
    session: Session,
    request: ExportRequest,
    entity: Entity,
    count: int,
    *,
    at: datetime,
    by: str,
) -> About:
    """Lines saying what an exported list is: which list, its search and filters, archived
    records or not, its order, which rows, when and by whom it was exported."""
    from lkoe_desktop.services.exports import filter_fields

    where: Where | None = request.where
    lines: list[tuple[str, Cell]] = [(_("List"), _(entity.plural))]
    if where is not None:
        search = (where.search or "").strip()
        lines.append((_("Searched for"), search or _("nothing")))
        for key, value in filter_fields(where):
            lines.append(_filter_line(session, entity, key, value))
            if key == "organisation_id":
                lines += _partner_lines(session, int(str(value)))
        if hasattr(where, "include_archived"):
            archived = _("included") if where.include_archived else _("left out")
            lines.append((_("Archived records"), archived))
    lines.append((_("Order"), _order(entity, request)))
    if request.ids is None:
        every = ngettext("the list's one row", "all {count} rows of the list", count)
        lines.append((_("Rows"), every.format(count=count)))
    else:
        chosen = ngettext("{count} chosen row", "{count} chosen rows", count)
        lines.append((_("Rows"), chosen.format(count=count)))
    lines += [(_("Exported"), at), (_("Exported by"), by)]
    return tuple(lines)
