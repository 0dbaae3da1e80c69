"""Import batches: each import of a file, and the records it created or changed, for its undo.

Revision ID: 0007_import_batches
Revises: 0006_installation_id
Create Date: 2026-12-06

New tables only; nothing stored before changes.
"""

import sqlalchemy as sa
from alembic import op

from lkoe_desktop.db.base import UTCDateTime

revision = "0007_import_batches"
down_revision = "0006_installation_id"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "import_batches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("mode", sa.String(length=20), nullable=False),
        sa.Column("file_name", sa.String(length=200), nullable=False),
        sa.Column("imported_at", UTCDateTime(), nullable=False),
        sa.Column("imported_by", sa.String(length=200), nullable=False),
        sa.Column("counts", sa.Text(), nullable=False),
        sa.Column("last_log_id", sa.Integer(), nullable=True),
        sa.Column("undone_at", UTCDateTime(), nullable=True),
        sa.Column("undone_by", sa.String(length=200), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_batches")),
    )
    op.create_index(
        op.f("ix_import_batches_imported_at"), "import_batches", ["imported_at"], unique=False
    )
    op.create_table(
        "import_batch_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.Column("row", sa.Integer(), nullable=True),
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("before", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["batch_id"],
            ["import_batches.id"],
            name=op.f("fk_import_batch_items_batch_id_import_batches"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_batch_items")),
    )
    op.create_index(
        op.f("ix_import_batch_items_batch_id"), "import_batch_items", ["batch_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_import_batch_items_batch_id"), table_name="import_batch_items")
    op.drop_table("import_batch_items")
    op.drop_index(op.f("ix_import_batches_imported_at"), table_name="import_batches")
    op.drop_table("import_batches")
