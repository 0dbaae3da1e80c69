"""The change log: who changed what and when, field by field, written in the same transaction."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from lkoe_desktop.db.bulk import bulk_insert
from lkoe_desktop.db.engine import CHANGED
from lkoe_desktop.db.models import ChangeLogEntry
from lkoe_desktop.services.common import flush, now, touch, user

CREATE = "create"
UPDATE = "update"
ARCHIVE = "archive"
UNARCHIVE = "unarchive"
DELETE = "delete"


@dataclass(frozen=True)
class ChangeRow:
    id: int
    at: datetime
    user_name: str
    entity: str
    entity_id: int | None
    action: str
    changes: dict[str, list[object]]


def record(
    session: Session,
    entity: str,
    entity_id: int | None,
    action: str,
    changes: dict[str, list[object]] | None = None,
) -> None:
    """Add one change-log entry; `changes` maps a field to [old value, new value]. The entity
    is noted on the session, so that the change is announced once the transaction commits."""
    note_change(session, entity)
    session.add(
        ChangeLogEntry(
            at=now(session),
            user_name=user(session),
            entity=entity,
            entity_id=entity_id,
            action=action,
            changes=json.dumps(changes or {}, ensure_ascii=False, sort_keys=True),
        )
    )


def record_many(
    session: Session, entity: str, entries: list[tuple[int, str, dict[str, list[object]]]]
) -> None:
    """Add many change-log entries of one entity at once, as `record` writes each one:
    (entity id, action, changes) each. For an import's thousands of new records."""
    if not entries:
        return
    note_change(session, entity)
    moment, name = now(session), user(session)
    bulk_insert(
        session.connection(),
        ChangeLogEntry.__table__,  # type: ignore[arg-type]
        [
            {
                "at": moment,
                "user_name": name,
                "entity": entity,
                "entity_id": entity_id,
                "action": action,
                "changes": json.dumps(changes, ensure_ascii=False, sort_keys=True),
            }
            for entity_id, action, changes in entries
        ],
    )


def note_change(session: Session, entity: str) -> None:
    """Note that the transaction changes records of `entity` (for `Database.listen`)."""
    session.info.setdefault(CHANGED, set()).add(entity)


def mark_archived(session: Session, target: Any, entity: str, archived: bool) -> None:
    """Archive (or restore) a record, stamp it and log the change; nothing if already so."""
    if target.archived == archived:
        return
    target.archived = archived
    touch(session, target)
    flush(session)
    action = ARCHIVE if archived else UNARCHIVE
    record(session, entity, target.id, action, {"archived": [not archived, archived]})


def history(session: Session, entity: str, entity_id: int | None) -> list[ChangeRow]:
    """Every change of one record (or of records without an id, such as settings), oldest first."""
    same_id = (
        ChangeLogEntry.entity_id.is_(None)
        if entity_id is None
        else ChangeLogEntry.entity_id == entity_id
    )
    entries = session.scalars(
        select(ChangeLogEntry)
        .where(ChangeLogEntry.entity == entity, same_id)
        .order_by(ChangeLogEntry.id)
    )
    return [
        ChangeRow(
            id=entry.id,
            at=entry.at,
            user_name=entry.user_name,
            entity=entry.entity,
            entity_id=entry.entity_id,
            action=entry.action,
            changes=json.loads(entry.changes),
        )
        for entry in entries
    ]
