"""Sharing a list out: partners, contacts, meetings or participants as the list shows them (or
only chosen rows) to CSV, XLSX, vCard, iCalendar or JSON.

One call, `export(database, request, target, progress=...)`, for the window's worker thread
and the command line alike. The rows come from the same list services as the tabs (search,
filters, archived or not, sort order); the files are written whole or not at all.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy.orm import Session

from lkoe_desktop.domain.entities import CONTACT, MEETING, PARTICIPATION, PARTNER
from lkoe_desktop.domain.errors import UserInputError
from lkoe_desktop.domain.fields import Entity, Field, Kind
from lkoe_desktop.domain.i18n import N_
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.exchange.export_table import (
    Cell,
    ExportColumn,
    ExportTable,
    Progress,
    phone_text,
)
from lkoe_desktop.services import contacts, meetings, participations, partners
from lkoe_desktop.services.common import now, user

if TYPE_CHECKING:
    from lkoe_desktop.db.engine import Database


class Listed(StrEnum):
    """Which list is exported."""

    PARTNERS = "partners"
    CONTACTS = "contacts"
    MEETINGS = "meetings"
    PARTICIPANTS = "participants"


class Format(StrEnum):
    """The kind of file written; its value is the file's usual extension."""

    CSV = "csv"
    XLSX = "xlsx"
    VCF = "vcf"
    ICS = "ics"
    JSON = "json"


# The formats that fit each list, in the order a window offers them.
FORMATS: dict[Listed, tuple[Format, ...]] = {
    Listed.PARTNERS: (Format.XLSX, Format.CSV, Format.JSON),
    Listed.CONTACTS: (Format.XLSX, Format.CSV, Format.VCF, Format.JSON),
    Listed.MEETINGS: (Format.XLSX, Format.CSV, Format.ICS, Format.JSON),
    Listed.PARTICIPANTS: (Format.XLSX, Format.CSV, Format.JSON),
}
# What each format is called in a file dialog's type list, marked for translation.
FORMAT_NAMES: dict[Format, str] = {
    Format.CSV: N_("CSV for Excel (*.csv)"),
    Format.XLSX: N_("Excel workbook (*.xlsx)"),
    Format.VCF: N_("vCard for Outlook and phones (*.vcf)"),
    Format.ICS: N_("iCalendar for calendars (*.ics)"),
    Format.JSON: N_("JSON (*.json)"),
}
ENTITIES: dict[Listed, Entity] = {
    Listed.PARTNERS: PARTNER,
    Listed.CONTACTS: CONTACT,
    Listed.MEETINGS: MEETING,
    Listed.PARTICIPANTS: PARTICIPATION,
}


@dataclass(frozen=True)
class ParticipantFilter:
    """What a participant list shows: one meeting's people (or every meeting's), a search in
    names and organisations, and only some statuses if asked."""

    meeting_id: int | None = None
    search: str | None = None
    statuses: tuple[str, ...] | None = None


Where = partners.PartnerFilter | contacts.ContactFilter | meetings.MeetingFilter | ParticipantFilter
FILTERS: dict[Listed, type[Any]] = {
    Listed.PARTNERS: partners.PartnerFilter,
    Listed.CONTACTS: contacts.ContactFilter,
    Listed.MEETINGS: meetings.MeetingFilter,
    Listed.PARTICIPANTS: ParticipantFilter,
}


@dataclass(frozen=True)
class ExportRequest:
    """What to export and how.

    `where` is the list's filter as its tab holds it (`PartnerFilter`, `ContactFilter`,
    `MeetingFilter`, `ParticipantFilter`; None: the list's defaults); `sort`/`descending` the
    column its table is sorted by (the keys the list services take; None: the list's own
    order). `ids` exports only those rows, in that order (the selected rows), whatever the
    filter. `columns` are the keys of the columns to write, in order (None: the tab's columns;
    an unknown key is refused); a list that includes archived records gets an Archived column.
    """

    listed: Listed
    format: Format
    where: Where | None = None
    sort: str | None = None
    descending: bool = False
    ids: tuple[int, ...] | None = None
    columns: tuple[str, ...] | None = None


@dataclass(frozen=True)
class ExportResult:
    """What was written: the file, how many rows (cards, events), and warnings in words (values
    too long for an Excel cell) to show the user."""

    path: Path
    count: int
    warnings: tuple[str, ...] = ()


def formats_for(listed: Listed) -> tuple[Format, ...]:
    return FORMATS[listed]


def check_request(request: ExportRequest) -> None:
    """Refuse, as a user error, a format that does not fit the list (a vCard of meetings),
    a filter of another list, or a column the list does not have."""
    if request.format not in FORMATS[request.listed]:
        allowed = ", ".join(fmt.value for fmt in FORMATS[request.listed])
        raise UserInputError(
            _("{listed} cannot be exported as {format}; choose one of {allowed}.").format(
                listed=_(ENTITIES[request.listed].plural),
                format=request.format.value,
                allowed=allowed,
            )
        )
    if request.where is not None and not isinstance(request.where, FILTERS[request.listed]):
        raise TypeError(f"{type(request.where).__name__} is not a filter of {request.listed}")
    entity = ENTITIES[request.listed]
    unknown = [key for key in request.columns or () if key != "meeting" and not entity.has(key)]
    if unknown:
        raise UserInputError(_("Unknown columns: {names}.").format(names=", ".join(unknown)))


def export(
    database: Database,
    request: ExportRequest,
    target: str | Path,
    *,
    progress: Progress | None = None,
) -> ExportResult:
    """Write the list `request` asks for to `target`; safe to call on a worker thread.

    `progress(done, total)` is called with rows written now and then (and first with 0);
    if it raises (the window's Cancelled), the export stops and `target` is left as it was.
    Raises UserInputError for a request that does not fit (`check_request`), NotFoundError
    for an unknown meeting, and OSError when the file cannot be written.
    """
    from lkoe_desktop.services import export_files

    check_request(request)
    path = Path(target)
    with database.reading() as session:
        writer: Callable[..., tuple[int, list[str]]] = export_files.WRITERS[request.format]
        count, warnings = writer(session, request, path, progress)
    return ExportResult(path, count, tuple(warnings))


def list_rows(session: Session, request: ExportRequest) -> Sequence[Any]:
    """The list's rows, as its tab shows them (or only `ids`, in that order)."""
    where = request.where
    sort, descending = request.sort, request.descending
    ids = None if request.ids is None else list(request.ids)
    if request.listed == Listed.PARTNERS:
        assert where is None or isinstance(where, partners.PartnerFilter)
        return partners.list_partners(session, where, ids=ids, sort=sort, descending=descending)
    if request.listed == Listed.CONTACTS:
        assert where is None or isinstance(where, contacts.ContactFilter)
        return contacts.list_contacts(session, where, ids=ids, sort=sort, descending=descending)
    if request.listed == Listed.MEETINGS:
        assert where is None or isinstance(where, meetings.MeetingFilter)
        return meetings.list_meetings(session, where, ids=ids, sort=sort, descending=descending)
    chosen = where if isinstance(where, ParticipantFilter) else ParticipantFilter()
    return participations.list_participants(
        session,
        chosen.meeting_id,
        statuses=chosen.statuses,
        search=chosen.search,
        ids=ids,
        sort=sort,
        descending=descending,
    )


def _column_keys(request: ExportRequest) -> list[str]:
    entity = ENTITIES[request.listed]
    keys = list(request.columns or entity.table)
    where = request.where
    one_meeting = isinstance(where, ParticipantFilter) and where.meeting_id is not None
    if request.listed == Listed.PARTICIPANTS and not one_meeting and "meeting" not in keys:
        keys.insert(0, "meeting")
    if getattr(where, "include_archived", False) and "archived" not in keys:
        keys.append("archived")
    return keys


def _value(described: Field, value: object) -> Cell:
    """A value as a spreadsheet cell: codes and municipalities by their words, phone numbers
    as PRODUCT.md writes them, flags as yes or nothing; text, numbers and dates as they are."""
    if value is None:
        return None
    if described.kind == Kind.PHONE:
        return phone_text(str(value))
    if described.kind in (Kind.CODE, Kind.MUNICIPALITY, Kind.FLAG):
        return described.display(value) or None
    return cast(Cell, value)


def _getter(described: Field) -> Callable[[Any], Cell]:
    key = described.key
    return lambda row: _value(described, getattr(row, key, None))


def export_table(session: Session, request: ExportRequest, rows: Sequence[Any]) -> ExportTable:
    """`rows` of the list as a table for a spreadsheet: columns, typed cells, what it is."""
    entity = ENTITIES[request.listed]
    keys = _column_keys(request)
    columns = []
    getters: list[Callable[[Any], Cell]] = []
    titles: dict[int, str] = {}
    if "meeting" in keys:
        titles = meeting_titles(session, {row.meeting_id for row in rows})
    for key in keys:
        if key == "meeting":
            columns.append(ExportColumn(_("Meeting")))
            getters.append(lambda row: titles.get(row.meeting_id))
            continue
        described = entity.field(key)
        columns.append(ExportColumn(described.heading, described.kind))
        getters.append(_getter(described))
    cells = [tuple(get(row) for get in getters) for row in rows]
    from lkoe_desktop.services.export_about import about_lines

    about = about_lines(session, request, entity, len(cells), at=now(session), by=user(session))
    return ExportTable(_(entity.plural), tuple(columns), cells, about)


def meeting_titles(session: Session, meeting_ids: set[int]) -> dict[int, str]:
    """Each meeting's title with its Stockholm start date, by id."""
    from sqlalchemy import select

    from lkoe_desktop.db.models import Meeting
    from lkoe_desktop.domain.clock import to_stockholm

    found = session.execute(
        select(Meeting.id, Meeting.title, Meeting.starts_at).where(Meeting.id.in_(meeting_ids))
    )
    return {
        meeting_id: f"{title} ({to_stockholm(starts).date().isoformat()})"
        for meeting_id, title, starts in found
    }


def filter_fields(where: Where) -> list[tuple[str, object]]:
    """The filter's fields that narrow the list (not the search or the archived choice)."""
    return [
        (field.name, getattr(where, field.name))
        for field in fields(where)
        if field.name not in ("search", "include_archived")
        and getattr(where, field.name) is not None
    ]
