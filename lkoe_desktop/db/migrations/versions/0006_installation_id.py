"""Installation id: a random id given to each database once, so that what it writes (calendar
UIDs, archives) never collides with another office's.

Revision ID: 0006_installation_id
Revises: 0005_frozen_reports
Create Date: 2026-12-06

A new database gets its id when it is created; an existing one when it is upgraded. The id is
a setting, so that copying the database or its archive keeps it.
"""

import uuid

import sqlalchemy as sa
from alembic import op

revision = "0006_installation_id"
down_revision = "0005_frozen_reports"
branch_labels = None
depends_on = None

KEY = "installation_id"


def upgrade() -> None:
    connection = op.get_bind()
    settings = sa.table("settings", sa.column("key", sa.String), sa.column("value", sa.Text))
    present = connection.execute(sa.select(settings.c.key).where(settings.c.key == KEY)).first()
    if present is None:
        connection.execute(settings.insert().values(key=KEY, value=f'"{uuid.uuid4()}"'))


def downgrade() -> None:
    settings = sa.table("settings", sa.column("key", sa.String))
    op.execute(settings.delete().where(settings.c.key == KEY))
