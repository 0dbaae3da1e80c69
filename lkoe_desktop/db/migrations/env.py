"""Alembic's environment: runs migrations on the connection `open_database` hands it."""

from __future__ import annotations

from alembic import context

from lkoe_desktop.db import models  # noqa: F401 - registers every table on the metadata
from lkoe_desktop.db.base import Base

SQLITE_ONLY_TABLES_PREFIX = "fts_"


def _include_object(obj, name, type_, reflected, compare_to):
    return not (type_ == "table" and name and name.startswith(SQLITE_ONLY_TABLES_PREFIX))


def run_migrations() -> None:
    connection = context.config.attributes["connection"]
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        include_object=_include_object,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
