"""What the project has reached from its start, kept for the funder's figures, and the triggers
that note every write changing it.

Revision ID: 0009_reach_tables
Revises: 0008_phone_shown
Create Date: 2026-12-06

New tables, empty until the first refresh builds them (`services.period_reach`); nothing stored
before changes. The triggers note, in the writing transaction, the people, organisation keys and
meetings whose rows a write changes the ground under: an attended participation added, changed
or removed, a meeting moved or its themes changed, an organisation's number, sector, size class
or municipality changed, a person's gender changed. They are
the database's own, so that no code path that writes can leave the figures behind. (A SQLite
batch migration that copies `participations`, `meetings`, `meeting_themes` or `organisations`
into a new table drops their triggers: create them again after it; a test checks they exist.)
"""

import sqlalchemy as sa
from alembic import op

from lkoe_desktop.db.base import UTCDateTime

revision = "0009_reach_tables"
down_revision = "0008_phone_shown"
branch_labels = None
depends_on = None

ATTENDED = "'attended'"


def _key(alias: str) -> str:
    """The organisation key (its number, else `#id`) of the organisations row `alias`."""
    return f"coalesce({alias}.org_number, '#' || CAST({alias}.id AS TEXT))"


def _participation_noted(row: str) -> str:
    """The statements noting the person, meeting and organisation of participation `row`."""
    return f"""
        INSERT INTO reach_pending (kind, subject) VALUES
            ('contact', CAST({row}.contact_id AS TEXT)),
            ('meeting', CAST({row}.meeting_id AS TEXT));
        INSERT INTO reach_pending (kind, subject)
            SELECT 'organisation', {_key("o")} FROM organisations o
            WHERE o.id = {row}.organisation_id;"""


def _meeting_noted(meeting_id: str) -> str:
    """The statements noting the people and organisations who attended meeting `meeting_id`."""
    return f"""
        INSERT INTO reach_pending (kind, subject)
            SELECT 'contact', CAST(p.contact_id AS TEXT) FROM participations p
            WHERE p.meeting_id = {meeting_id} AND p.status = {ATTENDED};
        INSERT INTO reach_pending (kind, subject)
            SELECT 'organisation', {_key("o")} FROM participations p
            JOIN organisations o ON o.id = p.organisation_id
            WHERE p.meeting_id = {meeting_id} AND p.status = {ATTENDED};"""


def _renumbered() -> str:
    return f"""
        INSERT INTO reach_pending (kind, subject) VALUES
            ('organisation', {_key("OLD")}), ('organisation', {_key("NEW")});"""


def _described(differs: str) -> str:
    """Whether an organisation's number, sector, size class or municipality changed."""
    return " OR ".join(
        f"OLD.{column} {differs} NEW.{column}"
        for column in ("org_number", "sector", "size_class", "municipality")
    )


GENDER_NOTED = """
    INSERT INTO reach_pending (kind, subject) VALUES ('contact', CAST(NEW.id AS TEXT));"""


PARTICIPATION_COLUMNS = "meeting_id, contact_id, organisation_id, status, role"
DESCRIBING = "org_number, sector, size_class, municipality"

SQLITE = [
    f"""CREATE TRIGGER reach_participation_added AFTER INSERT ON participations
        WHEN NEW.status = {ATTENDED} BEGIN {_participation_noted("NEW")} END""",
    f"""CREATE TRIGGER reach_participation_removed AFTER DELETE ON participations
        WHEN OLD.status = {ATTENDED} BEGIN {_participation_noted("OLD")} END""",
    f"""CREATE TRIGGER reach_participation_changed
        AFTER UPDATE OF {PARTICIPATION_COLUMNS} ON participations
        WHEN OLD.status = {ATTENDED} OR NEW.status = {ATTENDED}
        BEGIN {_participation_noted("OLD")} {_participation_noted("NEW")} END""",
    f"""CREATE TRIGGER reach_meeting_moved AFTER UPDATE OF starts_at ON meetings
        WHEN OLD.starts_at IS NOT NEW.starts_at BEGIN {_meeting_noted("NEW.id")} END""",
    f"""CREATE TRIGGER reach_meeting_theme_added AFTER INSERT ON meeting_themes
        BEGIN {_meeting_noted("NEW.meeting_id")} END""",
    f"""CREATE TRIGGER reach_meeting_theme_removed AFTER DELETE ON meeting_themes
        BEGIN {_meeting_noted("OLD.meeting_id")} END""",
    f"""CREATE TRIGGER reach_organisation_described
        AFTER UPDATE OF {DESCRIBING} ON organisations
        WHEN {_described("IS NOT")} BEGIN {_renumbered()} END""",
    f"""CREATE TRIGGER reach_contact_gender AFTER UPDATE OF gender ON contacts
        WHEN OLD.gender IS NOT NEW.gender BEGIN {GENDER_NOTED} END""",
]
SQLITE_TRIGGERS = [
    "reach_participation_added",
    "reach_participation_removed",
    "reach_participation_changed",
    "reach_meeting_moved",
    "reach_meeting_theme_added",
    "reach_meeting_theme_removed",
    "reach_organisation_described",
    "reach_contact_gender",
]


def _function(name: str, body: str) -> str:
    return f"""CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN {body}
        RETURN NULL; END $$"""


POSTGRESQL = [
    _function(
        "reach_participation_noted",
        f"""IF TG_OP <> 'INSERT' THEN IF OLD.status = {ATTENDED} THEN
                {_participation_noted("OLD")}
            END IF; END IF;
            IF TG_OP <> 'DELETE' THEN IF NEW.status = {ATTENDED} THEN
                {_participation_noted("NEW")}
            END IF; END IF;""",
    ),
    f"""CREATE TRIGGER reach_participations
        AFTER INSERT OR DELETE OR UPDATE OF {PARTICIPATION_COLUMNS} ON participations
        FOR EACH ROW EXECUTE FUNCTION reach_participation_noted()""",
    _function(
        "reach_meeting_moved",
        f"""IF OLD.starts_at IS DISTINCT FROM NEW.starts_at THEN
                {_meeting_noted("NEW.id")}
            END IF;""",
    ),
    """CREATE TRIGGER reach_meetings AFTER UPDATE OF starts_at ON meetings
        FOR EACH ROW EXECUTE FUNCTION reach_meeting_moved()""",
    _function(
        "reach_meeting_themes_changed",
        f"""IF TG_OP = 'INSERT' THEN {_meeting_noted("NEW.meeting_id")}
            ELSE {_meeting_noted("OLD.meeting_id")} END IF;""",
    ),
    """CREATE TRIGGER reach_meeting_themes AFTER INSERT OR DELETE ON meeting_themes
        FOR EACH ROW EXECUTE FUNCTION reach_meeting_themes_changed()""",
    _function(
        "reach_organisation_described",
        f"""IF {_described("IS DISTINCT FROM")} THEN {_renumbered()} END IF;""",
    ),
    f"""CREATE TRIGGER reach_organisations AFTER UPDATE OF {DESCRIBING} ON organisations
        FOR EACH ROW EXECUTE FUNCTION reach_organisation_described()""",
    _function(
        "reach_contact_gender",
        f"""IF OLD.gender IS DISTINCT FROM NEW.gender THEN {GENDER_NOTED} END IF;""",
    ),
    """CREATE TRIGGER reach_contacts AFTER UPDATE OF gender ON contacts
        FOR EACH ROW EXECUTE FUNCTION reach_contact_gender()""",
]
POSTGRESQL_TRIGGERS = {
    "reach_participations": "participations",
    "reach_meetings": "meetings",
    "reach_meeting_themes": "meeting_themes",
    "reach_organisations": "organisations",
    "reach_contacts": "contacts",
}
POSTGRESQL_FUNCTIONS = [
    "reach_participation_noted",
    "reach_meeting_moved",
    "reach_meeting_themes_changed",
    "reach_organisation_described",
    "reach_contact_gender",
]


def upgrade() -> None:
    op.create_table(
        "reach_people",
        sa.Column("contact_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("first_at", UTCDateTime(), nullable=False),
        sa.Column("gender", sa.String(length=20), nullable=False),
        sa.PrimaryKeyConstraint("contact_id", name=op.f("pk_reach_people")),
    )
    op.create_index(op.f("ix_reach_people_first_at"), "reach_people", ["first_at"])
    op.create_table(
        "reach_organisations",
        sa.Column("org_key", sa.String(length=20), nullable=False),
        sa.Column("first_at", UTCDateTime(), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("sector", sa.String(length=20), nullable=False),
        sa.Column("size_class", sa.String(length=20), nullable=False),
        sa.Column("municipality", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("org_key", name=op.f("pk_reach_organisations")),
    )
    op.create_table(
        "reach_theme_organisations",
        sa.Column("theme_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("org_key", sa.String(length=20), nullable=False),
        sa.Column("first_at", UTCDateTime(), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("sector", sa.String(length=20), nullable=False),
        sa.PrimaryKeyConstraint("theme_id", "org_key", name=op.f("pk_reach_theme_organisations")),
    )
    op.create_table(
        "reach_meetings",
        sa.Column("meeting_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("participations", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("meeting_id", name=op.f("pk_reach_meetings")),
    )
    op.create_table(
        "reach_pending",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("subject", sa.String(length=20), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reach_pending")),
    )
    op.create_table(
        "reach_state",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("own_partner_id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reach_state")),
    )
    op.create_index("ix_reach_people_gender", "reach_people", ["gender", "first_at"])
    op.create_index(
        "ix_reach_organisations_described",
        "reach_organisations",
        ["sector", "size_class", "municipality", "first_at", "org_key"],
    )
    op.create_index(
        "ix_reach_theme_organisations_sector",
        "reach_theme_organisations",
        ["theme_id", "sector", "first_at", "org_key"],
    )
    op.create_index(
        "ix_organisations_described",
        "organisations",
        ["org_number", "sector", "size_class", "municipality"],
    )
    postgresql = op.get_bind().dialect.name == "postgresql"
    for statement in POSTGRESQL if postgresql else SQLITE:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for trigger, table in POSTGRESQL_TRIGGERS.items():
            op.execute(f"DROP TRIGGER {trigger} ON {table}")
        for function in POSTGRESQL_FUNCTIONS:
            op.execute(f"DROP FUNCTION {function}()")
    else:
        for trigger in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER {trigger}")
    op.drop_index("ix_organisations_described", table_name="organisations")
    for table in (
        "reach_state",
        "reach_pending",
        "reach_meetings",
        "reach_theme_organisations",
        "reach_organisations",
        "reach_people",
    ):
        op.drop_table(table)
