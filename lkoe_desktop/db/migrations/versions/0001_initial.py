"""The initial schema: every table, its constraints, and the search indexes.

Revision ID: 0001_initial
Revises:
Create Date: 2026-11-29

On SQLite the contact and organisation search text is indexed with FTS5 trigram tables kept
current by triggers; a later revision that rebuilds those tables in batch mode must recreate
the triggers (see `lkoe_desktop.db.search_index`). On PostgreSQL a pg_trgm index does the same
where the extension may be created.
"""

import sqlalchemy as sa
from alembic import op

from lkoe_desktop.db.search_index import create_search_indexes, drop_search_indexes

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "change_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("user_name", sa.String(length=200), nullable=False),
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("changes", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_change_log")),
    )
    with op.batch_alter_table("change_log", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_change_log_at"), ["at"], unique=False)
        batch_op.create_index("ix_change_log_entity", ["entity", "entity_id"], unique=False)

    op.create_table(
        "contacts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("first_name", sa.String(length=200), nullable=False),
        sa.Column("last_name", sa.String(length=200), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=True),
        sa.Column("phone", sa.String(length=20), nullable=True),
        sa.Column("mobile", sa.String(length=20), nullable=True),
        sa.Column("gender", sa.String(length=20), nullable=True),
        sa.Column("language", sa.String(length=5), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("archived", sa.Boolean(), nullable=False),
        sa.Column(
            "sort_key",
            sa.String(length=800).with_variant(sa.String(length=800, collation="C"), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "search_text",
            sa.String().with_variant(sa.String(collation="C"), "postgresql"),
            nullable=False,
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "gender IN ('woman', 'man', 'other', 'unspecified')", name=op.f("ck_contacts_gender")
        ),
        sa.CheckConstraint("language IN ('sv', 'en')", name=op.f("ck_contacts_language")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contacts")),
    )
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.create_index("ix_contacts_sort", ["archived", "sort_key", "id"], unique=False)
    op.create_index("uq_contacts_email_lower", "contacts", [sa.text("lower(email)")], unique=True)

    op.create_table(
        "groups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("archived", sa.Boolean(), nullable=False),
        sa.Column(
            "sort_key",
            sa.String(length=400).with_variant(sa.String(length=400, collation="C"), "postgresql"),
            nullable=False,
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_groups")),
        sa.UniqueConstraint("name", name=op.f("uq_groups_name")),
    )
    with op.batch_alter_table("groups", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_groups_sort_key"), ["sort_key"], unique=False)

    op.create_table(
        "meetings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("place", sa.String(length=200), nullable=True),
        sa.Column("address", sa.String(length=200), nullable=True),
        sa.Column("online_url", sa.String(length=500), nullable=True),
        sa.Column("organiser", sa.String(length=200), nullable=True),
        sa.Column("capacity", sa.Integer(), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("archived", sa.Boolean(), nullable=False),
        sa.Column(
            "sort_key",
            sa.String(length=400).with_variant(sa.String(length=400, collation="C"), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "search_text",
            sa.String().with_variant(sa.String(collation="C"), "postgresql"),
            nullable=False,
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('seminar', 'workshop', 'network_meeting', 'steering_group', 'study_visit', 'conference', 'webinar', 'other')",
            name=op.f("ck_meetings_kind"),
        ),
        sa.CheckConstraint(
            "status IN ('planned', 'open', 'held', 'cancelled')", name=op.f("ck_meetings_status")
        ),
        sa.CheckConstraint(
            "capacity IS NULL OR capacity > 0", name=op.f("ck_meetings_capacity_positive")
        ),
        sa.CheckConstraint(
            "ends_at IS NULL OR ends_at >= starts_at", name=op.f("ck_meetings_period")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meetings")),
    )
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.create_index("ix_meetings_order", ["archived", "starts_at", "id"], unique=False)

    op.create_table(
        "organisations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("org_number", sa.String(length=11), nullable=True),
        sa.Column("sector", sa.String(length=20), nullable=True),
        sa.Column("size_class", sa.String(length=20), nullable=False),
        sa.Column("industry", sa.String(length=200), nullable=True),
        sa.Column("municipality", sa.String(length=200), nullable=True),
        sa.Column("postal_street", sa.String(length=200), nullable=True),
        sa.Column("postal_code", sa.String(length=6), nullable=True),
        sa.Column("postal_city", sa.String(length=200), nullable=True),
        sa.Column("visiting_street", sa.String(length=200), nullable=True),
        sa.Column("visiting_code", sa.String(length=6), nullable=True),
        sa.Column("visiting_city", sa.String(length=200), nullable=True),
        sa.Column("phone", sa.String(length=20), nullable=True),
        sa.Column("email", sa.String(length=320), nullable=True),
        sa.Column("website", sa.String(length=500), nullable=True),
        sa.Column("relationship", sa.String(length=20), nullable=True),
        sa.Column("relationship_since", sa.Date(), nullable=True),
        sa.Column("relationship_until", sa.Date(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("archived", sa.Boolean(), nullable=False),
        sa.Column(
            "sort_key",
            sa.String(length=400).with_variant(sa.String(length=400, collation="C"), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "search_text",
            sa.String().with_variant(sa.String(collation="C"), "postgresql"),
            nullable=False,
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "relationship IN ('project_partner', 'member', 'network', 'funder', 'prospect')",
            name=op.f("ck_organisations_relationship"),
        ),
        sa.CheckConstraint(
            "sector IN ('business', 'public', 'academia', 'civil_society', 'other')",
            name=op.f("ck_organisations_sector"),
        ),
        sa.CheckConstraint(
            "size_class IN ('micro', 'small', 'medium', 'large', 'unknown')",
            name=op.f("ck_organisations_size_class"),
        ),
        sa.CheckConstraint(
            "org_number IS NULL OR length(org_number) = 11",
            name=op.f("ck_organisations_org_number_form"),
        ),
        sa.CheckConstraint(
            "relationship_until IS NULL OR relationship_since IS NULL OR relationship_until >= relationship_since",
            name=op.f("ck_organisations_relationship_period"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organisations")),
    )
    with op.batch_alter_table("organisations", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_organisations_municipality"), ["municipality"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_organisations_org_number"), ["org_number"], unique=False
        )
        batch_op.create_index("ix_organisations_sort", ["archived", "sort_key", "id"], unique=False)

    op.create_table(
        "settings",
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_settings")),
    )
    op.create_table(
        "affiliations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=True),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("is_current", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "NOT (is_current AND end_date IS NOT NULL)",
            name=op.f("ck_affiliations_current_is_open"),
        ),
        sa.CheckConstraint(
            "end_date IS NULL OR start_date IS NULL OR end_date >= start_date",
            name=op.f("ck_affiliations_period"),
        ),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_affiliations_contact_id_contacts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_affiliations_organisation_id_organisations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_affiliations")),
    )
    with op.batch_alter_table("affiliations", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_affiliations_contact_id"), ["contact_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_affiliations_organisation_id"), ["organisation_id"], unique=False
        )
        batch_op.create_index(
            "uq_affiliations_one_current",
            ["contact_id"],
            unique=True,
            sqlite_where=sa.text("is_current"),
            postgresql_where=sa.text("is_current"),
        )

    op.create_table(
        "consents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("purpose", sa.String(length=200), nullable=False),
        sa.Column("basis", sa.String(length=30), nullable=False),
        sa.Column("granted", sa.Boolean(), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=False),
        sa.Column("source", sa.String(length=200), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_by", sa.String(length=200), nullable=False),
        sa.CheckConstraint(
            "basis IN ('consent', 'legitimate_interest', 'contract', 'legal_obligation')",
            name=op.f("ck_consents_basis"),
        ),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_consents_contact_id_contacts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consents")),
    )
    with op.batch_alter_table("consents", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_consents_contact_id"), ["contact_id"], unique=False)

    op.create_table(
        "group_memberships",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=200), nullable=True),
        sa.Column("since", sa.Date(), nullable=True),
        sa.Column("until", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "until IS NULL OR since IS NULL OR until >= since",
            name=op.f("ck_group_memberships_period"),
        ),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_group_memberships_contact_id_contacts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["groups.id"],
            name=op.f("fk_group_memberships_group_id_groups"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_group_memberships")),
    )
    with op.batch_alter_table("group_memberships", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_group_memberships_contact_id"), ["contact_id"], unique=False
        )
        batch_op.create_index(
            "ix_group_memberships_group", ["group_id", "contact_id"], unique=False
        )

    op.create_table(
        "participations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("dietary_needs", sa.Text(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("checked_in_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "role IN ('participant', 'speaker', 'organiser', 'moderator')",
            name=op.f("ck_participations_role"),
        ),
        sa.CheckConstraint(
            "status IN ('invited', 'registered', 'attended', 'no_show', 'cancelled')",
            name=op.f("ck_participations_status"),
        ),
        sa.ForeignKeyConstraint(
            ["contact_id"], ["contacts.id"], name=op.f("fk_participations_contact_id_contacts")
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings.id"],
            name=op.f("fk_participations_meeting_id_meetings"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_participations_organisation_id_organisations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_participations")),
        sa.UniqueConstraint("meeting_id", "contact_id", name="uq_participations_meeting_contact"),
    )
    with op.batch_alter_table("participations", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_participations_contact_id"), ["contact_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_participations_organisation_id"), ["organisation_id"], unique=False
        )

    op.create_table(
        "themes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("colour", sa.String(length=7), nullable=True),
        sa.Column("responsible_id", sa.Integer(), nullable=True),
        sa.Column("active_from", sa.Date(), nullable=True),
        sa.Column("active_until", sa.Date(), nullable=True),
        sa.Column("archived", sa.Boolean(), nullable=False),
        sa.Column(
            "sort_key",
            sa.String(length=400).with_variant(sa.String(length=400, collation="C"), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "search_text",
            sa.String().with_variant(sa.String(collation="C"), "postgresql"),
            nullable=False,
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "active_until IS NULL OR active_from IS NULL OR active_until >= active_from",
            name=op.f("ck_themes_active_period"),
        ),
        sa.CheckConstraint(
            "colour IS NULL OR length(colour) = 7", name=op.f("ck_themes_colour_form")
        ),
        sa.ForeignKeyConstraint(
            ["responsible_id"],
            ["contacts.id"],
            name=op.f("fk_themes_responsible_id_contacts"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_themes")),
        sa.UniqueConstraint("name", name=op.f("uq_themes_name")),
    )
    with op.batch_alter_table("themes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_themes_responsible_id"), ["responsible_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_themes_sort_key"), ["sort_key"], unique=False)

    op.create_table(
        "contact_themes",
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("theme_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_contact_themes_contact_id_contacts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["theme_id"],
            ["themes.id"],
            name=op.f("fk_contact_themes_theme_id_themes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("contact_id", "theme_id", name=op.f("pk_contact_themes")),
    )
    with op.batch_alter_table("contact_themes", schema=None) as batch_op:
        batch_op.create_index("ix_contact_themes_theme_id", ["theme_id"], unique=False)

    op.create_table(
        "meeting_themes",
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("theme_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings.id"],
            name=op.f("fk_meeting_themes_meeting_id_meetings"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["theme_id"],
            ["themes.id"],
            name=op.f("fk_meeting_themes_theme_id_themes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("meeting_id", "theme_id", name=op.f("pk_meeting_themes")),
    )
    with op.batch_alter_table("meeting_themes", schema=None) as batch_op:
        batch_op.create_index("ix_meeting_themes_theme_id", ["theme_id"], unique=False)

    op.create_table(
        "organisation_themes",
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("theme_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_organisation_themes_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["theme_id"],
            ["themes.id"],
            name=op.f("fk_organisation_themes_theme_id_themes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("organisation_id", "theme_id", name=op.f("pk_organisation_themes")),
    )
    with op.batch_alter_table("organisation_themes", schema=None) as batch_op:
        batch_op.create_index("ix_organisation_themes_theme_id", ["theme_id"], unique=False)
    create_search_indexes(op.get_bind())


def downgrade() -> None:
    drop_search_indexes(op.get_bind())
    op.drop_index("uq_contacts_email_lower", table_name="contacts")
    with op.batch_alter_table("organisation_themes", schema=None) as batch_op:
        batch_op.drop_index("ix_organisation_themes_theme_id")

    op.drop_table("organisation_themes")
    with op.batch_alter_table("meeting_themes", schema=None) as batch_op:
        batch_op.drop_index("ix_meeting_themes_theme_id")

    op.drop_table("meeting_themes")
    with op.batch_alter_table("contact_themes", schema=None) as batch_op:
        batch_op.drop_index("ix_contact_themes_theme_id")

    op.drop_table("contact_themes")
    with op.batch_alter_table("themes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_themes_sort_key"))
        batch_op.drop_index(batch_op.f("ix_themes_responsible_id"))

    op.drop_table("themes")
    with op.batch_alter_table("participations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_participations_organisation_id"))
        batch_op.drop_index(batch_op.f("ix_participations_contact_id"))

    op.drop_table("participations")
    with op.batch_alter_table("group_memberships", schema=None) as batch_op:
        batch_op.drop_index("ix_group_memberships_group")
        batch_op.drop_index(batch_op.f("ix_group_memberships_contact_id"))

    op.drop_table("group_memberships")
    with op.batch_alter_table("consents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_consents_contact_id"))

    op.drop_table("consents")
    with op.batch_alter_table("affiliations", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_affiliations_one_current",
            sqlite_where=sa.text("is_current"),
            postgresql_where=sa.text("is_current"),
        )
        batch_op.drop_index(batch_op.f("ix_affiliations_organisation_id"))
        batch_op.drop_index(batch_op.f("ix_affiliations_contact_id"))

    op.drop_table("affiliations")
    op.drop_table("settings")
    with op.batch_alter_table("organisations", schema=None) as batch_op:
        batch_op.drop_index("ix_organisations_sort")
        batch_op.drop_index(batch_op.f("ix_organisations_org_number"))
        batch_op.drop_index(batch_op.f("ix_organisations_municipality"))

    op.drop_table("organisations")
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.drop_index("ix_meetings_order")

    op.drop_table("meetings")
    with op.batch_alter_table("groups", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_groups_sort_key"))

    op.drop_table("groups")
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.drop_index("ix_contacts_sort")

    op.drop_table("contacts")
    with op.batch_alter_table("change_log", schema=None) as batch_op:
        batch_op.drop_index("ix_change_log_entity")
        batch_op.drop_index(batch_op.f("ix_change_log_at"))

    op.drop_table("change_log")
