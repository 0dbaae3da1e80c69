"""The database's installation id: given once when the database is made, then never changed."""

from __future__ import annotations

import json
import uuid

from sqlalchemy.orm import Session

from lkoe_desktop.db.models import Setting

KEY = "installation_id"


def installation_id(session: Session) -> str:
    """The id (a UUID as text) that tells this database's records from another office's.

    Every database gets one when it is made or upgraded (migration 0006); one whose settings
    were emptied by hand gets a new one the first time it is asked for.
    """
    record = session.get(Setting, KEY)
    if record is None:
        record = Setting(key=KEY, value=json.dumps(str(uuid.uuid4())))
        session.add(record)
        session.flush()
    value = json.loads(record.value)
    if not isinstance(value, str) or not value:
        raise ValueError(f"the stored installation id is not text: {record.value!r}")
    return value
