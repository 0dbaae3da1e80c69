"""Import batches: what an import created and changed, and the undo of a whole import.

An import notes every record it creates and, before it first changes a stored record, that
record's whole row (`snapshot`). The undo deletes what was created and writes the rows back
as they were, so that afterwards every table is as before except the change log and the batch.
It is refused, changing nothing, when anything else has changed one of those records since,
or made a new record depend on one the import created (a registration, a group membership):
the change log, which every change passes through, tells which.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, Table, delete, func, select, update
from sqlalchemy.orm import Session

from lkoe_desktop.db.base import UTCDateTime
from lkoe_desktop.db.bulk import bulk_insert
from lkoe_desktop.db.models import (
    Affiliation,
    ChangeLogEntry,
    Consent,
    Contact,
    GroupMembership,
    ImportBatch,
    ImportBatchItem,
    Organisation,
    Participation,
)
from lkoe_desktop.domain.errors import UserInputError
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.domain.i18n import some_names
from lkoe_desktop.services import audit
from lkoe_desktop.services.common import get, now, plain, user
from lkoe_desktop.services.imports import BatchRow, UndoOutcome, UndoRefused

MODELS: dict[str, type[Any]] = {
    "partner": Organisation,
    "contact": Contact,
    "affiliation": Affiliation,
    "consent": Consent,
    "participation": Participation,
    "membership": GroupMembership,
}
# Deleted in this order: what refers to others first.
_DELETION_ORDER = ("membership", "participation", "consent", "affiliation", "contact", "partner")
CHUNK = 500
CREATE, UPDATE = audit.CREATE, audit.UPDATE


def _table(entity: str) -> Table:
    table = MODELS[entity].__table__
    assert isinstance(table, Table)
    return table


def snapshot(session: Session, entity: str, record_id: int) -> str:
    """The stored row of a record as JSON, to be written back by an undo."""
    table = _table(entity)
    row = session.execute(select(table).where(table.c.id == record_id)).mappings().one()
    return json.dumps({key: plain(value) for key, value in row.items()}, ensure_ascii=False)


def _restored(entity: str, before: str) -> dict[str, object]:
    """A snapshot's values typed as the table stores them (dates and moments from text)."""
    table = _table(entity)
    values: dict[str, object] = json.loads(before)
    for column in table.columns:
        value = values.get(column.key)
        if isinstance(value, str) and isinstance(column.type, UTCDateTime):
            values[column.key] = datetime.fromisoformat(value)
        elif isinstance(value, str) and isinstance(column.type, Date):
            values[column.key] = date.fromisoformat(value)
    return values


def start_batch(session: Session, kind: str, mode: str, file_name: str) -> ImportBatch:
    batch = ImportBatch(
        kind=kind,
        mode=mode,
        file_name=file_name[:200],
        imported_at=now(session),
        imported_by=user(session),
        counts="{}",
    )
    session.add(batch)
    session.flush()
    return batch


def finish_batch(
    session: Session, batch: ImportBatch, counts: dict[str, int], items: list[dict[str, object]]
) -> None:
    """Store the batch's counts and items; its last change-log entry marks "since"."""
    for start in range(0, len(items), 5000):
        bulk_insert(
            session.connection(),
            ImportBatchItem.__table__,  # type: ignore[arg-type]
            [{"batch_id": batch.id, **item} for item in items[start : start + 5000]],
        )
    batch.counts = json.dumps(counts, sort_keys=True)
    batch.last_log_id = session.scalar(select(func.max(ChangeLogEntry.id)))
    session.flush()


def batch_rows(session: Session, limit: int | None) -> list[BatchRow]:
    batches = session.scalars(
        select(ImportBatch)
        .order_by(ImportBatch.imported_at.desc(), ImportBatch.id.desc())
        .limit(limit)
    )
    return [
        BatchRow(
            id=batch.id,
            kind=batch.kind,
            mode=batch.mode,
            file_name=batch.file_name,
            imported_at=batch.imported_at,
            imported_by=batch.imported_by,
            counts=json.loads(batch.counts),
            undone_at=batch.undone_at,
        )
        for batch in batches
    ]


def _chunks(ids: Sequence[int]) -> Iterable[list[int]]:
    for start in range(0, len(ids), CHUNK):
        yield list(ids[start : start + CHUNK])


def _ids_of(session: Session, column: Any, key: Any, wanted: Sequence[int]) -> list[int]:
    found: list[int] = []
    for chunk in _chunks(wanted):
        found += session.scalars(select(column).where(key.in_(chunk)))
    return found


def undo(session: Session, batch_id: int) -> UndoOutcome:
    batch = get(session, ImportBatch, batch_id, _("Import"))
    if batch.undone_at is not None:
        raise UserInputError(_("This import has already been undone."))
    created: dict[str, list[int]] = {entity: [] for entity in MODELS}
    changed: list[tuple[str, int, str]] = []
    for entity, entity_id, action, before in session.execute(
        select(
            ImportBatchItem.entity,
            ImportBatchItem.entity_id,
            ImportBatchItem.action,
            ImportBatchItem.before,
        )
        .where(ImportBatchItem.batch_id == batch.id)
        .order_by(ImportBatchItem.id)
    ):
        if action == CREATE:
            created[entity].append(entity_id)
        else:
            changed.append((entity, entity_id, before or "{}"))
    removed = sum(len(ids) for ids in created.values())
    people = created["contact"]
    # A new person's first job and legal basis go with them.
    created["affiliation"] += _ids_of(session, Affiliation.id, Affiliation.contact_id, people)
    created["consent"] += _ids_of(session, Consent.id, Consent.contact_id, people)
    in_the_way = _changed_since(session, batch, created, changed)
    if in_the_way:
        names = _names(session, in_the_way)
        raise UndoRefused(
            _(
                "The import cannot be undone: these records have been changed since it was "
                "made: {names}. Nothing was changed."
            ).format(names=some_names(names)),
            tuple(names),
        )
    for entity in _DELETION_ORDER:
        ids = sorted(set(created[entity]))
        table = _table(entity)
        for chunk in _chunks(ids):
            session.execute(delete(table).where(table.c.id.in_(chunk)))
        audit.record_many(session, entity, [(i, audit.DELETE, {}) for i in ids])
    for entity, entity_id, before in reversed(changed):
        _write_back(session, entity, entity_id, before)
    batch.undone_at = now(session)
    batch.undone_by = user(session)
    session.flush()
    return UndoOutcome(batch_id=batch.id, removed=removed, restored=len(changed))


def _write_back(session: Session, entity: str, entity_id: int, before: str) -> None:
    table = _table(entity)
    values = _restored(entity, before)
    current = session.execute(select(table).where(table.c.id == entity_id)).mappings().first()
    if current is None:  # went with a record the import created (a new person's first job)
        return
    changes = {
        key: [plain(current[key]), plain(value)]
        for key, value in values.items()
        if current[key] != value and not key.endswith(("_key", "search_text"))
    }
    session.execute(update(table).where(table.c.id == entity_id).values(values))
    audit.record(session, entity, entity_id, audit.UPDATE, changes)


def _changed_since(
    session: Session,
    batch: ImportBatch,
    created: dict[str, list[int]],
    changed: list[tuple[str, int, str]],
) -> list[tuple[str, int]]:
    """The records of the batch that a later change-log entry touched or came to depend on."""
    mine = {(entity, i) for entity, ids in created.items() for i in ids}
    mine |= {(entity, i) for entity, i, _before in changed}
    people, partners = set(created["contact"]), set(created["partner"])
    since = session.execute(
        select(ChangeLogEntry.entity, ChangeLogEntry.entity_id, ChangeLogEntry.changes)
        .where(ChangeLogEntry.id > (batch.last_log_id or 0))
        .order_by(ChangeLogEntry.id)
    )
    found: dict[tuple[str, int], None] = {}
    for entity, entity_id, changes in since:
        if entity_id is not None and (entity, entity_id) in mine:
            found[(entity, entity_id)] = None
            continue
        for key, value in json.loads(changes).items():
            new = value[-1] if isinstance(value, list) and value else None
            if key in ("contact_id", "responsible_id") and new in people:
                found[("contact", new)] = None
            elif key == "organisation_id" and new in partners:
                found[("partner", new)] = None
    return list(found)


def _names(session: Session, records: list[tuple[str, int]]) -> list[str]:
    """The records as the clerk knows them: a partner by name, anything else by its person."""
    names: dict[str, None] = {}
    for entity, record_id in records:
        if entity == "partner":
            name = session.scalar(select(Organisation.name).where(Organisation.id == record_id))
        else:
            contact_id: int | None = record_id
            if entity != "contact":
                model = MODELS[entity]
                contact_id = session.scalar(select(model.contact_id).where(model.id == record_id))
            person = session.execute(
                select(Contact.first_name, Contact.last_name).where(Contact.id == contact_id)
            ).first()
            name = f"{person[0]} {person[1]}" if person else None
        if name:
            names[name] = None
    return list(names)
