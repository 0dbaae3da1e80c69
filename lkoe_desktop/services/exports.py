"""Sharing a list out: partners, contacts, meetings or participants as the list shows them (or
only chosen rows) to CSV, XLSX, vCard, iCalendar or JSON.

One call, `export(database, request, target, progress=...)`, for the window's worker thread
and the command line alike. The rows come from the same list services as the tabs (search,
filters, archived or not, sort order); the files are written whole or not at all.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lkoe_desktop.collector import collector_paused
from lkoe_desktop.domain.entities import CONTACT, MEETING, PARTICIPATION, PARTNER
from lkoe_desktop.domain.errors import UserInputError
from lkoe_desktop.domain.fields import Entity
from lkoe_desktop.domain.i18n import N_
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.exchange.export_table import (
    Progress,
)
from lkoe_desktop.services import contacts, meetings, participations, partners

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

# The row each list gives: the columns an export can write are its fields.
ROWS: dict[Listed, type[Any]] = {
    Listed.PARTNERS: partners.PartnerRow,
    Listed.CONTACTS: contacts.ContactRow,
    Listed.MEETINGS: meetings.MeetingRow,
    Listed.PARTICIPANTS: participations.ParticipantRow,
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
    row_fields = ROWS[request.listed].__dataclass_fields__
    unknown = [key for key in request.columns or () if key != "meeting" and key not in row_fields]
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
    with collector_paused(), database.reading() as session:
        writer: Callable[..., tuple[int, list[str]]] = export_files.WRITERS[request.format]
        count, warnings = writer(session, request, path, progress)
    return ExportResult(path, count, tuple(warnings))


def filter_fields(where: Where) -> list[tuple[str, object]]:
    """The filter's fields that narrow the list (not the search or the archived choice)."""
    return [
        (field.name, getattr(where, field.name))
        for field in fields(where)
        if field.name not in ("search", "include_archived")
        and getattr(where, field.name) is not None
    ]
