"""What the database holds as a whole: whether the office has entered anything yet."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from lkoe_desktop.db.models import Contact, Group, Meeting, Organisation, Theme

# The records the office enters; settings and the change log do not make a database non-empty.
RECORDS = (Organisation, Contact, Theme, Meeting, Group)


def is_empty(session: Session) -> bool:
    """No partners, contacts, themes, meetings or groups yet: a first run, or room for the demo.

    A Core query on the tables, so that the window's start does not configure the ORM's
    mappers for it (about a tenth of a second) before the first view needs them.
    """
    return all(
        session.execute(select(model.__table__.c.id).limit(1)).first() is None for model in RECORDS
    )
