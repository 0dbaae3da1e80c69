"""The columns each list shows, as data: tables, text output and file headers use the same specs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from lkoe_desktop.domain.clock import to_stockholm
from lkoe_desktop.domain.codes import (
    MeetingKind,
    MeetingStatus,
    ParticipationStatus,
    Relationship,
    Role,
    Sector,
    SizeClass,
    label,
)
from lkoe_desktop.domain.i18n import N_, gettext
from lkoe_desktop.domain.validation import format_phone

TEXT = "text"
CODE = "code"
PHONE = "phone"
DATE = "date"
DATETIME = "datetime"
NUMBER = "number"


@dataclass(frozen=True)
class ColumnSpec:
    """One column: the row attribute it shows, its heading, how to show it, its width."""

    key: str
    heading: str
    kind: str = TEXT
    enum: type[StrEnum] | None = None
    width: int = 16
    shown: bool = True  # shown at first; the user can show or hide any column

    @property
    def title(self) -> str:
        return gettext(self.heading)


def display_value(column: ColumnSpec, value: object) -> str:
    """A value as the window and printed lists show it: Swedish labels, dates and numbers."""
    if value is None or value == "":
        return ""
    if column.kind == CODE and column.enum is not None:
        return label(column.enum(str(value)))
    if column.kind == PHONE:
        return format_phone(str(value))
    if column.kind == DATETIME and isinstance(value, datetime):
        return to_stockholm(value).strftime("%Y-%m-%d %H:%M")
    if column.kind == DATE and isinstance(value, date):
        return value.isoformat()
    if column.kind == NUMBER and isinstance(value, int):
        return format_number(value)
    return str(value)


def format_number(value: int) -> str:
    """Swedish digit grouping with a no-break space: 100 000."""
    return f"{value:,}".replace(",", "\u00a0")


PARTNER_COLUMNS = (
    ColumnSpec("name", N_("Name"), width=34),
    ColumnSpec("org_number", N_("Org. number"), width=12),
    ColumnSpec("sector", N_("Sector"), CODE, Sector, 16),
    ColumnSpec("size_class", N_("Size"), CODE, SizeClass, 14),
    ColumnSpec("municipality", N_("Municipality"), width=14),
    ColumnSpec("relationship", N_("Relationship"), CODE, Relationship, 18),
    ColumnSpec("phone", N_("Phone"), PHONE, width=14, shown=False),
    ColumnSpec("email", N_("E-mail"), width=26, shown=False),
)

CONTACT_COLUMNS = (
    ColumnSpec("last_name", N_("Last name"), width=18),
    ColumnSpec("first_name", N_("First name"), width=16),
    ColumnSpec("organisation", N_("Organisation"), width=30),
    ColumnSpec("title", N_("Job title"), width=20),
    ColumnSpec("email", N_("E-mail"), width=28),
    ColumnSpec("phone", N_("Phone"), PHONE, width=14),
    ColumnSpec("mobile", N_("Mobile"), PHONE, width=14),
)

THEME_COLUMNS = (
    ColumnSpec("name", N_("Name"), width=34),
    ColumnSpec("responsible", N_("Responsible"), width=22),
    ColumnSpec("active_from", N_("Active from"), DATE, width=11),
    ColumnSpec("active_until", N_("Active until"), DATE, width=11),
    ColumnSpec("description", N_("Description"), width=40),
)

MEETING_COLUMNS = (
    ColumnSpec("starts_at", N_("Starts"), DATETIME, width=16),
    ColumnSpec("title", N_("Title"), width=40),
    ColumnSpec("kind", N_("Kind"), CODE, MeetingKind, 18),
    ColumnSpec("status", N_("Status"), CODE, MeetingStatus, 16),
    ColumnSpec("place", N_("Place"), width=26),
    ColumnSpec("registered_count", N_("Number registered"), NUMBER, width=9),
    ColumnSpec("attended_count", N_("Number attended"), NUMBER, width=9),
)

PARTICIPANT_COLUMNS = (
    ColumnSpec("last_name", N_("Last name"), width=18),
    ColumnSpec("first_name", N_("First name"), width=16),
    ColumnSpec("organisation", N_("Organisation"), width=30),
    ColumnSpec("status", N_("Status"), CODE, ParticipationStatus, 14),
    ColumnSpec("role", N_("Role"), CODE, Role, 12),
    ColumnSpec("dietary_needs", N_("Dietary needs"), width=16),
    ColumnSpec("note", N_("Note"), width=20),
    ColumnSpec("checked_in_at", N_("Checked in"), DATETIME, width=16),
)
