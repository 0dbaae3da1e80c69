"""Frozen period reports: the funder's figures and deltagarlista as they were handed in.

Revision ID: 0005_frozen_reports
Revises: 0004_municipality_codes
Create Date: 2026-12-06

A new table only; nothing stored before changes.
"""

import sqlalchemy as sa
from alembic import op

from lkoe_desktop.db.base import UTCDateTime

revision = "0005_frozen_reports"
down_revision = "0004_municipality_codes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "frozen_reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("period_from", sa.Date(), nullable=False),
        sa.Column("period_to", sa.Date(), nullable=False),
        sa.Column("frozen_at", UTCDateTime(), nullable=False),
        sa.Column("frozen_by", sa.String(length=200), nullable=False),
        sa.Column("figures", sa.Text(), nullable=False),
        sa.Column("participants", sa.Text(), nullable=False),
        sa.Column("checksum", sa.String(length=64), nullable=False),
        sa.CheckConstraint("period_to >= period_from", name=op.f("ck_frozen_reports_period")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_frozen_reports")),
    )


def downgrade() -> None:
    op.drop_table("frozen_reports")
