"""Scan indexes for searches with many hits on SQLite: the list order with the search text.

Revision ID: 0002_search_scan_indexes
Revises: 0001_initial
Create Date: 2026-11-29

A search such as "ber" matches a quarter of the contacts, so a page of hits is found by reading
the list in its order and testing each row's text. With the text in an index beside the order,
that reads the index alone instead of looking up every row tested; on 100 000 contacts a page
took half the time. PostgreSQL searches through its pg_trgm index and gets nothing here.
"""

from alembic import op

from lkoe_desktop.db.search_index import create_scan_indexes, drop_scan_indexes

revision = "0002_search_scan_indexes"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_scan_indexes(op.get_bind())


def downgrade() -> None:
    drop_scan_indexes(op.get_bind())
