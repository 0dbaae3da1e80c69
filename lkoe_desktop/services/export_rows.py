"""The rows of an exported list, read at once, and the table a spreadsheet export writes."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import fields
from operator import attrgetter, itemgetter
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from lkoe_desktop.db.models import Contact, Meeting, Organisation
from lkoe_desktop.domain.clock import to_stockholm
from lkoe_desktop.domain.fields import Field, Kind
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.exchange.export_table import Cell, ExportColumn, ExportTable, phone_text
from lkoe_desktop.services import contacts, meetings, participations, partners
from lkoe_desktop.services.common import now, user
from lkoe_desktop.services.export_about import about_lines
from lkoe_desktop.services.exports import (
    ENTITIES,
    ROWS,
    ExportRequest,
    Listed,
    ParticipantFilter,
)

# Ids looked up in one query: well under the bound parameters a database takes at once.
ID_BATCH = 5000
# The stored shown form of each phone number, read after the row's own columns.
SHOWN: dict[Listed, dict[str, Any]] = {
    Listed.CONTACTS: {"phone": Contact.phone_shown, "mobile": Contact.mobile_shown},
    Listed.PARTNERS: {"phone": Organisation.phone_shown},
}
Row = Sequence[Any]


def _field_names(listed: Listed) -> list[str]:
    return [field.name for field in fields(ROWS[listed])]


def _batches(ids: Sequence[int]) -> list[Sequence[int]]:
    return [ids[start : start + ID_BATCH] for start in range(0, len(ids), ID_BATCH)]


def _read_at_once(session: Session, request: ExportRequest) -> list[Row]:
    """Partners or contacts straight from the list's query, with their shown phone numbers:
    100 000 rows without an ORM row or a row object each."""
    module: Any = partners if request.listed == Listed.PARTNERS else contacts
    shown = list(SHOWN[request.listed].values())
    connection = session.connection()
    if request.ids is None:
        statement = module.list_statement(
            session, request.where, sort=request.sort, descending=request.descending
        )
        return list(connection.execute(statement.add_columns(*shown)).all())  # one fetch
    found: dict[int, Row] = {}
    for batch in _batches(request.ids):
        statement = module.list_statement(session, ids=batch).add_columns(*shown)
        found.update((row[0], row) for row in connection.execute(statement))
    return [found[row_id] for row_id in request.ids if row_id in found]


def list_rows(session: Session, request: ExportRequest) -> list[Row]:
    """The list's rows as its tab shows them (or only `ids`, in that order): each the values
    of its row class's fields (`exports.ROWS`) in order, then for partners and contacts the
    shown form of each phone number (`SHOWN`)."""
    if request.listed in SHOWN:
        return _read_at_once(session, request)
    where = request.where
    order: dict[str, Any] = {"sort": request.sort, "descending": request.descending}
    ids: Collection[int] | None = request.ids
    found: Sequence[Any]
    if request.listed == Listed.MEETINGS:
        assert where is None or isinstance(where, meetings.MeetingFilter)
        found = meetings.list_meetings(session, where, ids=ids, **order)
    else:
        chosen = where if isinstance(where, ParticipantFilter) else ParticipantFilter()
        found = participations.list_participants(
            session,
            chosen.meeting_id,
            statuses=chosen.statuses,
            search=chosen.search,
            ids=ids,
            **order,
        )
    values = _row_values(request.listed)
    return [values(row) for row in found]


def _row_values(listed: Listed) -> Callable[[Any], Row]:
    return attrgetter(*_field_names(listed))


def row_objects(listed: Listed, rows: Sequence[Row]) -> list[Any]:
    """`rows` as the list's row objects (`exports.ROWS`), for JSON and vCard."""
    row_class = ROWS[listed]
    count = len(fields(row_class))
    return [row_class(*row[:count]) for row in rows]


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


Converter = Callable[[Row], Cell]


def _in_words(described: Field, position: int) -> Converter:
    """Codes and municipalities by their words, flags as yes or nothing: each of the few
    distinct values put in words once."""
    words: dict[object, Cell] = {None: None}

    def convert(row: Row) -> Cell:
        value = row[position]
        if value not in words:
            words[value] = described.display(value) or None
        return words[value]

    return convert


def _looked_up(position: int, names: dict[int, str]) -> Converter:
    return lambda row: names.get(row[position])


def _phone(position: int, shown_at: int | None) -> Converter:
    """A phone number as PRODUCT.md writes it, from its stored shown form where there is one."""

    def convert(row: Row) -> Cell:
        value = row[position]
        if value is None:
            return None
        return phone_text(value, None if shown_at is None else row[shown_at])

    return convert


def export_table(session: Session, request: ExportRequest, rows: Sequence[Row]) -> ExportTable:
    """`rows` (from `list_rows`) as a table for a spreadsheet: columns, typed cells, and what
    the list is."""
    listed = request.listed
    entity = ENTITIES[listed]
    names = _field_names(listed)
    shown_at = {key: len(names) + index for index, key in enumerate(SHOWN.get(listed, {}))}
    keys = _column_keys(request)
    columns: list[ExportColumn] = []
    positions: list[int] = []
    converters: list[tuple[int, Converter]] = []
    for index, key in enumerate(keys):
        if key == "meeting":
            position = names.index("meeting_id")
            titles = meeting_titles(session, {row[position] for row in rows})
            columns.append(ExportColumn(_("Meeting")))
            positions.append(position)
            converters.append((index, _looked_up(position, titles)))
            continue
        described = entity.field(key)
        position = names.index(key)
        columns.append(ExportColumn(described.heading, described.kind))
        positions.append(position)
        if described.kind == Kind.PHONE:
            converters.append((index, _phone(position, shown_at.get(key))))
        elif described.kind in (Kind.CODE, Kind.MUNICIPALITY, Kind.FLAG):
            converters.append((index, _in_words(described, position)))
    values = itemgetter(*positions)
    cells: list[Sequence[Cell]] = []
    for row in rows:
        found = values(row)
        cell: list[Any] = list(found) if len(positions) > 1 else [found]
        for index, converter in converters:
            cell[index] = converter(row)
        cells.append(cell)
    about = about_lines(session, request, entity, len(cells), at=now(session), by=user(session))
    return ExportTable(_(entity.plural), tuple(columns), cells, about)


def meeting_titles(session: Session, meeting_ids: set[int]) -> dict[int, str]:
    """Each meeting's title with its Stockholm start date, by id."""
    titles: dict[int, str] = {}
    for batch in _batches(sorted(meeting_ids)):
        found = session.execute(
            select(Meeting.id, Meeting.title, Meeting.starts_at).where(Meeting.id.in_(batch))
        )
        for meeting_id, title, starts in found:
            titles[meeting_id] = f"{title} ({to_stockholm(starts).date().isoformat()})"
    return titles
