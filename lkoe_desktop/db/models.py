"""The tables: organisations, contacts and their affiliations, themes, groups, meetings,
participations, consents, the change log, settings, frozen reports and import batches."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
    orm,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from lkoe_desktop.db.base import (
    Base,
    IdMixin,
    TimestampMixin,
    UTCDateTime,
    VersionedMixin,
    binary_string,
    code_check,
)
from lkoe_desktop.domain.codes import (
    Gender,
    Language,
    LegalBasis,
    MeetingKind,
    MeetingStatus,
    ParticipationStatus,
    Relationship,
    Role,
    Sector,
    SizeClass,
)
from lkoe_desktop.domain.text import COLUMN_KEY_LENGTH

NAME = 200
NOTES = 10_000
PHONE_SHOWN = 40  # a phone number as shown: 15 digits at most, with spaces and a dash


def column_key() -> Mapped[str | None]:
    """A table column's stored Swedish sort key (`domain.text.column_sort_key`), NULL if empty."""
    return mapped_column(binary_string(COLUMN_KEY_LENGTH))


def sorted_by(table: str, column: str, *then: str) -> Index:
    """The index a large list walks to show its first page sorted by `column` (ascending or
    descending, empty values last), leaving archived records out; for a coded column, sorted
    by label, it holds what the sort needs (`then`), so that no row is read for it."""
    name = f"ix_{table}_sort_{column.removesuffix('_key')}"
    return Index(name, "archived", column, *then, "id")


organisation_themes = Table(
    "organisation_themes",
    Base.metadata,
    Column("organisation_id", ForeignKey("organisations.id", ondelete="CASCADE"), primary_key=True),
    Column("theme_id", ForeignKey("themes.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_organisation_themes_theme_id", "theme_id"),
)

contact_themes = Table(
    "contact_themes",
    Base.metadata,
    Column("contact_id", ForeignKey("contacts.id", ondelete="CASCADE"), primary_key=True),
    Column("theme_id", ForeignKey("themes.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_contact_themes_theme_id", "theme_id"),
)

meeting_themes = Table(
    "meeting_themes",
    Base.metadata,
    Column("meeting_id", ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True),
    Column("theme_id", ForeignKey("themes.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_meeting_themes_theme_id", "theme_id"),
)


class Organisation(IdMixin, TimestampMixin, VersionedMixin, Base):
    """A partner organisation (or a department of one)."""

    __tablename__ = "organisations"
    __table_args__ = (
        code_check("sector", Sector),
        code_check("size_class", SizeClass),
        code_check("relationship", Relationship),
        CheckConstraint("org_number IS NULL OR length(org_number) = 11", name="org_number_form"),
        CheckConstraint(
            "relationship_until IS NULL OR relationship_since IS NULL "
            "OR relationship_until >= relationship_since",
            name="relationship_period",
        ),
        Index("ix_organisations_sort", "archived", "sort_key", "id"),
        *(
            sorted_by("organisations", column)
            for column in ("org_number", "municipality_key", "email_key", "phone_key")
        ),
        *(
            sorted_by("organisations", column, "sort_key")
            for column in ("sector", "size_class", "relationship")
        ),
    )

    name: Mapped[str] = mapped_column(String(NAME))
    org_number: Mapped[str | None] = mapped_column(String(11), index=True)
    sector: Mapped[str | None] = mapped_column(String(20))
    size_class: Mapped[str] = mapped_column(String(20), default=SizeClass.UNKNOWN.value)
    industry: Mapped[str | None] = mapped_column(String(NAME))
    municipality: Mapped[str | None] = mapped_column(String(NAME), index=True)
    postal_street: Mapped[str | None] = mapped_column(String(NAME))
    postal_code: Mapped[str | None] = mapped_column(String(6))
    postal_city: Mapped[str | None] = mapped_column(String(NAME))
    visiting_street: Mapped[str | None] = mapped_column(String(NAME))
    visiting_code: Mapped[str | None] = mapped_column(String(6))
    visiting_city: Mapped[str | None] = mapped_column(String(NAME))
    phone: Mapped[str | None] = mapped_column(String(20))
    phone_shown: Mapped[str | None] = mapped_column(String(PHONE_SHOWN))
    email: Mapped[str | None] = mapped_column(String(320))
    website: Mapped[str | None] = mapped_column(String(500))
    relationship: Mapped[str | None] = mapped_column(String(20))
    relationship_since: Mapped[date | None] = mapped_column(Date)
    relationship_until: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str | None] = mapped_column(Text)
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    sort_key: Mapped[str] = mapped_column(binary_string(NAME * 2))
    municipality_key: Mapped[str | None] = column_key()
    email_key: Mapped[str | None] = column_key()
    phone_key: Mapped[str | None] = column_key()
    search_text: Mapped[str] = mapped_column(binary_string())

    themes = orm.relationship("Theme", secondary=organisation_themes, lazy="selectin")


# The keys of the contact list's columns other than the last name (`sort_key`).
CONTACT_COLUMN_KEYS = (
    "first_name_key",
    "organisation_key",
    "title_key",
    "email_key",
    "phone_key",
    "mobile_key",
)


class Contact(IdMixin, TimestampMixin, VersionedMixin, Base):
    """A person."""

    __tablename__ = "contacts"
    __table_args__ = (
        code_check("gender", Gender),
        code_check("language", Language),
        Index("uq_contacts_email_lower", func.lower(text("email")), unique=True),
        Index("ix_contacts_sort", "archived", "sort_key", "id"),
        *(sorted_by("contacts", column) for column in CONTACT_COLUMN_KEYS),
    )

    first_name: Mapped[str] = mapped_column(String(NAME))
    last_name: Mapped[str] = mapped_column(String(NAME))
    email: Mapped[str | None] = mapped_column(String(320))
    phone: Mapped[str | None] = mapped_column(String(20))
    mobile: Mapped[str | None] = mapped_column(String(20))
    # The numbers as shown (013-12 34 56), kept on write so that exports need not format them.
    phone_shown: Mapped[str | None] = mapped_column(String(PHONE_SHOWN))
    mobile_shown: Mapped[str | None] = mapped_column(String(PHONE_SHOWN))
    gender: Mapped[str | None] = mapped_column(String(20))
    language: Mapped[str] = mapped_column(String(5), default=Language.SWEDISH.value)
    notes: Mapped[str | None] = mapped_column(Text)
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    sort_key: Mapped[str] = mapped_column(binary_string(NAME * 4))
    first_name_key: Mapped[str | None] = column_key()
    # The current job's organisation and title, kept here so that 100 000 people sort by them
    # without a join.
    organisation_key: Mapped[str | None] = column_key()
    title_key: Mapped[str | None] = column_key()
    email_key: Mapped[str | None] = column_key()
    phone_key: Mapped[str | None] = column_key()
    mobile_key: Mapped[str | None] = column_key()
    search_text: Mapped[str] = mapped_column(binary_string())

    affiliations: Mapped[list[Affiliation]] = orm.relationship(
        back_populates="contact", order_by="Affiliation.start_date", cascade="all, delete-orphan"
    )
    themes = orm.relationship("Theme", secondary=contact_themes, lazy="selectin")


class Affiliation(IdMixin, TimestampMixin, Base):
    """A person's job at an organisation; history is kept and at most one is current."""

    __tablename__ = "affiliations"
    __table_args__ = (
        CheckConstraint(
            "end_date IS NULL OR start_date IS NULL OR end_date >= start_date", name="period"
        ),
        CheckConstraint("NOT (is_current AND end_date IS NOT NULL)", name="current_is_open"),
        # Partial on both databases (the migrations make it so). Only SQLite's option is
        # named here: naming PostgreSQL's loads its dialect, 40 ms of every start-up.
        Index(
            "uq_affiliations_one_current",
            "contact_id",
            unique=True,
            sqlite_where=text("is_current"),
        ),
    )

    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    title: Mapped[str | None] = mapped_column(String(NAME))
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    is_current: Mapped[bool] = mapped_column(Boolean, default=True)

    contact: Mapped[Contact] = orm.relationship(back_populates="affiliations")
    organisation: Mapped[Organisation] = orm.relationship()


class Theme(IdMixin, TimestampMixin, VersionedMixin, Base):
    """A subject the cluster works on, such as Bygglogistik."""

    __tablename__ = "themes"
    __table_args__ = (
        CheckConstraint("colour IS NULL OR length(colour) = 7", name="colour_form"),
        CheckConstraint(
            "active_until IS NULL OR active_from IS NULL OR active_until >= active_from",
            name="active_period",
        ),
    )

    name: Mapped[str] = mapped_column(String(NAME), unique=True)
    description: Mapped[str | None] = mapped_column(Text)
    colour: Mapped[str | None] = mapped_column(String(7))
    responsible_id: Mapped[int | None] = mapped_column(
        ForeignKey("contacts.id", ondelete="SET NULL"), index=True
    )
    active_from: Mapped[date | None] = mapped_column(Date)
    active_until: Mapped[date | None] = mapped_column(Date)
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    sort_key: Mapped[str] = mapped_column(binary_string(NAME * 2), index=True)
    description_key: Mapped[str | None] = column_key()
    search_text: Mapped[str] = mapped_column(binary_string())

    responsible: Mapped[Contact | None] = orm.relationship()


class Group(IdMixin, TimestampMixin, VersionedMixin, Base):
    """A named list of contacts: Styrgrupp, Nyhetsbrev, a reference group."""

    __tablename__ = "groups"

    name: Mapped[str] = mapped_column(String(NAME), unique=True)
    description: Mapped[str | None] = mapped_column(Text)
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    sort_key: Mapped[str] = mapped_column(binary_string(NAME * 2), index=True)


class GroupMembership(IdMixin, TimestampMixin, Base):
    """A contact's place in a group, with role and since/until dates."""

    __tablename__ = "group_memberships"
    __table_args__ = (
        CheckConstraint("until IS NULL OR since IS NULL OR until >= since", name="period"),
        Index("ix_group_memberships_group", "group_id", "contact_id"),
    )

    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id", ondelete="CASCADE"))
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[str | None] = mapped_column(String(NAME))
    since: Mapped[date | None] = mapped_column(Date)
    until: Mapped[date | None] = mapped_column(Date)

    group: Mapped[Group] = orm.relationship()
    contact: Mapped[Contact] = orm.relationship()


class Meeting(IdMixin, TimestampMixin, VersionedMixin, Base):
    """An activity: seminar, workshop, steering-group meeting…"""

    __tablename__ = "meetings"
    __table_args__ = (
        code_check("kind", MeetingKind),
        code_check("status", MeetingStatus),
        CheckConstraint("ends_at IS NULL OR ends_at >= starts_at", name="period"),
        CheckConstraint("capacity IS NULL OR capacity > 0", name="capacity_positive"),
        Index("ix_meetings_order", "archived", "starts_at", "id"),
    )

    title: Mapped[str] = mapped_column(String(NAME))
    kind: Mapped[str] = mapped_column(String(20))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    place: Mapped[str | None] = mapped_column(String(NAME))
    address: Mapped[str | None] = mapped_column(String(NAME))
    online_url: Mapped[str | None] = mapped_column(String(500))
    organiser: Mapped[str | None] = mapped_column(String(NAME))
    capacity: Mapped[int | None] = mapped_column(Integer)
    description: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default=MeetingStatus.PLANNED.value)
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    sort_key: Mapped[str] = mapped_column(binary_string(NAME * 2))
    place_key: Mapped[str | None] = column_key()
    search_text: Mapped[str] = mapped_column(binary_string())

    themes = orm.relationship("Theme", secondary=meeting_themes, lazy="selectin")


class Participation(IdMixin, TimestampMixin, VersionedMixin, Base):
    """A contact at a meeting, with the organisation they represented there."""

    __tablename__ = "participations"
    __table_args__ = (
        UniqueConstraint("meeting_id", "contact_id", name="uq_participations_meeting_contact"),
        # The meeting list's counts of registered and attended people, from the index alone.
        Index("ix_participations_meeting_status", "meeting_id", "status"),
        code_check("status", ParticipationStatus),
        code_check("role", Role),
    )

    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"))
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id"), index=True)
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"), index=True)
    status: Mapped[str] = mapped_column(String(20), default=ParticipationStatus.INVITED.value)
    role: Mapped[str] = mapped_column(String(20), default=Role.PARTICIPANT.value)
    dietary_needs: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    checked_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    dietary_needs_key: Mapped[str | None] = column_key()
    note_key: Mapped[str | None] = column_key()

    meeting: Mapped[Meeting] = orm.relationship()
    contact: Mapped[Contact] = orm.relationship()
    organisation: Mapped[Organisation | None] = orm.relationship()


class Consent(IdMixin, Base):
    """One consent or legal-basis decision for a contact and purpose; never overwritten."""

    __tablename__ = "consents"
    __table_args__ = (code_check("basis", LegalBasis),)

    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    purpose: Mapped[str] = mapped_column(String(NAME))
    basis: Mapped[str] = mapped_column(String(30))
    granted: Mapped[bool] = mapped_column(Boolean)
    decided_on: Mapped[date] = mapped_column(Date)
    source: Mapped[str | None] = mapped_column(String(NAME))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)
    recorded_by: Mapped[str] = mapped_column(String(NAME))


class ChangeLogEntry(IdMixin, Base):
    """Who changed what, when: field-by-field old and new values as JSON."""

    __tablename__ = "change_log"
    __table_args__ = (Index("ix_change_log_entity", "entity", "entity_id"),)

    at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    user_name: Mapped[str] = mapped_column(String(NAME))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int | None] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(20))
    changes: Mapped[str] = mapped_column(Text, default="{}")


class Setting(Base):
    """A setting shared by every workstation on this database (office name, funding line…)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class FrozenReport(IdMixin, Base):
    """A period report as it was handed to the funder: its figures and deltagarlista as JSON,
    never changed afterwards (names included, whatever happens to the people later)."""

    __tablename__ = "frozen_reports"
    __table_args__ = (CheckConstraint("period_to >= period_from", name="period"),)

    period_from: Mapped[date] = mapped_column(Date)
    period_to: Mapped[date] = mapped_column(Date)
    frozen_at: Mapped[datetime] = mapped_column(UTCDateTime)
    frozen_by: Mapped[str] = mapped_column(String(NAME))
    figures: Mapped[str] = mapped_column(Text)
    participants: Mapped[str] = mapped_column(Text)
    checksum: Mapped[str] = mapped_column(String(64))


class ImportBatch(IdMixin, Base):
    """One import of a file: what, when and by whom, its counts (JSON), and, once undone, when
    and by whom; `last_log_id` is the change log's last entry the import wrote, so that a later
    change of what it touched can be seen."""

    __tablename__ = "import_batches"

    kind: Mapped[str] = mapped_column(String(20))
    mode: Mapped[str] = mapped_column(String(20))
    file_name: Mapped[str] = mapped_column(String(NAME))
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    imported_by: Mapped[str] = mapped_column(String(NAME))
    counts: Mapped[str] = mapped_column(Text, default="{}")
    last_log_id: Mapped[int | None] = mapped_column(Integer)
    undone_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    undone_by: Mapped[str | None] = mapped_column(String(NAME))


class ImportBatchItem(IdMixin, Base):
    """A record an import created or changed, with the file's row that did it; for a change,
    the whole stored row as it was before (JSON), so that an undo puts it back exactly."""

    __tablename__ = "import_batch_items"

    batch_id: Mapped[int] = mapped_column(
        ForeignKey("import_batches.id", ondelete="CASCADE"), index=True
    )
    row: Mapped[int | None] = mapped_column(Integer)
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(20))
    before: Mapped[str | None] = mapped_column(Text)


# What the project has reached from its start (`services.period_reach`): each person's,
# organisation's and theme-and-organisation's first counted participation and each meeting's
# counted participations. The database's own triggers (migration 0009) note in `reach_pending`
# whatever a write changes under them, whichever code writes; a refresh brings them up to date.


class ReachedPerson(Base):
    """A person's first counted participation (when its meeting starts), and their gender
    (`unspecified` when not given)."""

    __tablename__ = "reach_people"
    # People by gender reached by a day, read from the index alone.
    __table_args__ = (Index("ix_reach_people_gender", "gender", "first_at"),)

    contact_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    first_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    gender: Mapped[str] = mapped_column(String(20))


class ReachedOrganisation(Base):
    """An organisation's (its number's, or a record's without one: `#id`) first counted
    participation, and one of its records counted (the lowest id) with that record's sector,
    size class and municipality (`unspecified` when not given): where the records sharing the
    number agree, they are what all of them say."""

    __tablename__ = "reach_organisations"
    __table_args__ = (
        Index(
            "ix_reach_organisations_described",
            "sector",
            "size_class",
            "municipality",
            "first_at",
            "org_key",
        ),
    )

    org_key: Mapped[str] = mapped_column(String(20), primary_key=True)
    first_at: Mapped[datetime] = mapped_column(UTCDateTime)
    record_id: Mapped[int] = mapped_column(Integer)
    sector: Mapped[str] = mapped_column(String(20))
    size_class: Mapped[str] = mapped_column(String(20))
    municipality: Mapped[str] = mapped_column(String(NAME))


class ReachedThemeOrganisation(Base):
    """An organisation's first counted participation at a meeting of a theme, and one of its
    records counted there (the lowest id) with its sector."""

    __tablename__ = "reach_theme_organisations"
    __table_args__ = (
        Index("ix_reach_theme_organisations_sector", "theme_id", "sector", "first_at", "org_key"),
    )

    theme_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    org_key: Mapped[str] = mapped_column(String(20), primary_key=True)
    first_at: Mapped[datetime] = mapped_column(UTCDateTime)
    record_id: Mapped[int] = mapped_column(Integer)
    sector: Mapped[str] = mapped_column(String(20))


class ReachedMeeting(Base):
    """A meeting's counted participations."""

    __tablename__ = "reach_meetings"

    meeting_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    participations: Mapped[int] = mapped_column(Integer)


class ReachPending(IdMixin, Base):
    """A person (`contact`), organisation key or meeting whose rows above a write has changed
    the ground under, noted by a trigger in the writing transaction."""

    __tablename__ = "reach_pending"

    kind: Mapped[str] = mapped_column(String(20))
    subject: Mapped[str] = mapped_column(String(20))


class ReachState(Base):
    """The office's own partner record (0: none) the rows above leave out; one row, written by
    each rebuild."""

    __tablename__ = "reach_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    own_partner_id: Mapped[int] = mapped_column(Integer)


# The tables above are derived from the records: the complete archive leaves them out and its
# import rebuilds them.
REACH_TABLES = frozenset(
    model.__tablename__
    for model in (
        ReachedPerson,
        ReachedOrganisation,
        ReachedThemeOrganisation,
        ReachedMeeting,
        ReachPending,
        ReachState,
    )
)


# The numbers whose records differ in sector, size class or municipality, found from the index.
Index(
    "ix_organisations_described",
    Organisation.org_number,
    Organisation.sector,
    Organisation.size_class,
    Organisation.municipality,
)
