"""Each export format's file from a list's rows: CSV, XLSX, vCard, iCalendar and JSON."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from lkoe_desktop.db.models import Organisation
from lkoe_desktop.exchange.export_table import Progress
from lkoe_desktop.files import write_atomically
from lkoe_desktop.services import meetings
from lkoe_desktop.services.common import now
from lkoe_desktop.services.export_rows import export_table, list_rows, row_objects
from lkoe_desktop.services.exports import ENTITIES, ExportRequest, Format
from lkoe_desktop.services.installation import installation_id

# A format's writer: the rows' count and warnings in words.
Writer = Callable[[Session, ExportRequest, Path, Progress | None], tuple[int, list[str]]]


def _csv(
    session: Session, request: ExportRequest, path: Path, progress: Progress | None
) -> tuple[int, list[str]]:
    from lkoe_desktop.exchange.csv_export import write_csv

    table = export_table(session, request, list_rows(session, request))
    return len(table.rows), write_csv(table, path, progress=progress)


def _xlsx(
    session: Session, request: ExportRequest, path: Path, progress: Progress | None
) -> tuple[int, list[str]]:
    from lkoe_desktop.exchange.xlsx_export import write_xlsx

    table = export_table(session, request, list_rows(session, request))
    return len(table.rows), write_xlsx(table, path, progress=progress)


def _json(
    session: Session, request: ExportRequest, path: Path, progress: Progress | None
) -> tuple[int, list[str]]:
    from lkoe_desktop.exchange.json_rows import dumps_listed

    rows = row_objects(request.listed, list_rows(session, request))
    if progress is not None:
        progress(0, len(rows))
    data = (dumps_listed(ENTITIES[request.listed], rows) + "\n").encode()
    write_atomically(path, lambda part: part.write_bytes(data))
    if progress is not None:
        progress(len(rows), len(rows))
    return len(rows), []


def _vcf(
    session: Session, request: ExportRequest, path: Path, progress: Progress | None
) -> tuple[int, list[str]]:
    from lkoe_desktop.exchange.icalendar import UID_DOMAIN
    from lkoe_desktop.exchange.vcard import Address, Card, write_vcards

    rows = row_objects(request.listed, list_rows(session, request))
    wanted = {row.organisation_id for row in rows if row.organisation_id is not None}
    addresses: dict[int, Address] = {}
    found = session.execute(
        select(
            Organisation.id,
            Organisation.postal_street,
            Organisation.postal_code,
            Organisation.postal_city,
            Organisation.visiting_street,
            Organisation.visiting_code,
            Organisation.visiting_city,
        )
    )
    for organisation_id, *parts in found:
        if organisation_id in wanted:
            postal = Address(*parts[:3])
            addresses[organisation_id] = postal if any(parts[:3]) else Address(*parts[3:])
    installation = installation_id(session)
    cards = [
        Card(
            uid=f"contact-{row.id}-{installation}@{UID_DOMAIN}",
            first_name=row.first_name,
            last_name=row.last_name,
            organisation=row.organisation,
            title=row.title,
            email=row.email,
            phone=row.phone,
            mobile=row.mobile,
            address=addresses.get(row.organisation_id) if row.organisation_id else None,
        )
        for row in rows
    ]
    write_vcards(cards, path, progress=progress)
    return len(cards), []


def _ics(
    session: Session, request: ExportRequest, path: Path, progress: Progress | None
) -> tuple[int, list[str]]:
    from lkoe_desktop.exchange.icalendar import meetings_ics
    from lkoe_desktop.services.relations import theme_names

    ids = [row[0] for row in list_rows(session, request)]
    if progress is not None:
        progress(0, len(ids))
    names = {theme.id: theme.name for theme in theme_names(session, include_archived=True)}
    events = []
    for meeting_id in ids:
        record = meetings.get_meeting(session, meeting_id)
        events.append((record, [names[theme] for theme in record.theme_ids if theme in names]))
    data = meetings_ics(events, now=now(session), installation=installation_id(session))
    write_atomically(path, lambda part: part.write_bytes(data))
    if progress is not None:
        progress(len(ids), len(ids))
    return len(ids), []


WRITERS: dict[Format, Writer] = {
    Format.CSV: _csv,
    Format.XLSX: _xlsx,
    Format.JSON: _json,
    Format.VCF: _vcf,
    Format.ICS: _ics,
}
