"""The rows the printed documents are made of, collected in services and handed to `reports/`.

Plain frozen values with no database behind them, so that a document module imports them
without SQLAlchemy: who is on a list, what a page's header and footer say, how a badge
printer is off. The services that fill them are in `report_rows`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class PrintedOffice:
    """The office as its documents print it: its name and logo in every header, the funding
    line in every footer, and how far its badge printer puts the page off (mm; + is right/down).
    """

    office_name: str
    funding_line: str
    # A PNG or JPEG file; empty (or unreadable) for the drawn default mark.
    logo_path: str
    printer_offset_x_mm: float
    printer_offset_y_mm: float


@dataclass(frozen=True)
class PageSetup:
    """What every page needs to know: the office (header, footer), the print date, orientation."""

    office: PrintedOffice
    printed_on: date
    landscape: bool = False


@dataclass(frozen=True)
class MeetingInfo:
    """The meeting a deltagarlista is about; times in Europe/Stockholm."""

    id: int
    title: str
    kind: str
    starts_at: datetime
    ends_at: datetime | None
    place: str | None


@dataclass(frozen=True)
class AttendeeRow:
    """One person who attended a meeting, with the organisation they represented there."""

    participation_id: int
    meeting_id: int
    meeting_title: str
    starts_at: datetime
    contact_id: int
    first_name: str
    last_name: str
    email: str | None
    role: str
    organisation_id: int | None
    organisation: str | None
    org_number: str | None
    sector: str | None
    size_class: str | None
    municipality: str | None


@dataclass(frozen=True)
class ParticipantList:
    """A deltagarlista: one meeting (`meeting` set) or every meeting starting in a period.

    `starts_from` and `starts_until` are inclusive Europe/Stockholm dates; for one meeting
    both are its date.
    """

    meeting: MeetingInfo | None
    starts_from: date
    starts_until: date
    rows: tuple[AttendeeRow, ...]


@dataclass(frozen=True)
class SheetPerson:
    """A person currently working at the partner (current affiliation, not archived)."""

    contact_id: int
    first_name: str
    last_name: str
    title: str | None
    phone: str | None
    mobile: str | None
    email: str | None


@dataclass(frozen=True)
class ContactSheet:
    """A kontaktblad: one partner's details, theme names and current people."""

    id: int
    name: str
    org_number: str | None
    sector: str | None
    size_class: str
    industry: str | None
    municipality: str | None
    postal_street: str | None
    postal_code: str | None
    postal_city: str | None
    visiting_street: str | None
    visiting_code: str | None
    visiting_city: str | None
    phone: str | None
    email: str | None
    website: str | None
    relationship: str | None
    relationship_since: date | None
    relationship_until: date | None
    archived: bool
    themes: tuple[str, ...]
    people: tuple[SheetPerson, ...]


@dataclass(frozen=True)
class RegisterRow:
    """One line of the partner register."""

    id: int
    name: str
    org_number: str | None
    sector: str | None
    size_class: str
    municipality: str | None
    relationship: str | None
    relationship_since: date | None
    relationship_until: date | None


@dataclass(frozen=True)
class SignInRow:
    """One person on the sheet; the organisation is the one they represent at the meeting."""

    number: int
    participation_id: int
    first_name: str
    last_name: str
    organisation: str | None
    status: str
    role: str

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"


@dataclass(frozen=True)
class SignInSheet:
    """What a sign-in sheet (and the badges) print about a meeting; times in Europe/Stockholm."""

    meeting_id: int
    title: str
    starts_at: datetime
    ends_at: datetime | None
    place: str | None
    address: str | None
    online_url: str | None
    themes: tuple[str, ...]
    people: tuple[SignInRow, ...]
    include_invited: bool


@dataclass(frozen=True)
class Badge:
    first_name: str
    last_name: str
    organisation: str | None
    role: str

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"


@dataclass(frozen=True)
class BadgeSet:
    """A meeting's badges, in Swedish order by last name; times in Europe/Stockholm."""

    meeting_id: int
    title: str
    starts_at: datetime
    ends_at: datetime | None
    badges: tuple[Badge, ...]


# A number as a period report shows it: a count, hours with one decimal, or the text "< 3" for
# a small gender count that is hidden; None where a figure does not apply.
Figure = int | float | str | None


@dataclass(frozen=True)
class SummaryLine:
    """One line of a period report's summary page: a figure for the period and, beside it, the
    same figure from the project's start to the period's end. `indicator` names the funder's
    indicator it reports (RCO01, RCO04), or is empty."""

    key: str
    label: str
    period: Figure
    cumulative: Figure
    indicator: str = ""


@dataclass(frozen=True)
class FigureTable:
    """One table of a period report, already in the words the reader sees.

    The first column names the row (a sector, a theme, a month, a meeting); the others are
    figures. `key` is stable (the JSON key or sheet it belongs to). With `mark_empty` a zero
    figure stands out, as in the theme × sector coverage matrix."""

    key: str
    title: str
    headings: tuple[str, ...]
    rows: tuple[tuple[Figure, ...], ...]
    note: str = ""
    mark_empty: bool = False


@dataclass(frozen=True)
class Chart:
    """A simple bar chart: one bar (or one stack, with several series) per category."""

    key: str
    title: str
    categories: tuple[str, ...]
    # (series name, one value per category); several series are stacked.
    series: tuple[tuple[str, tuple[float, ...]], ...]


@dataclass(frozen=True)
class WarningRecord:
    """A record a data-quality warning names, so that the window can open it: its entity name
    (domain.entities), id and the name it is shown by."""

    entity: str
    id: int
    name: str


@dataclass(frozen=True)
class DataWarning:
    """Something a careful office checks before it submits: `kind` is stable (JSON), `text`
    says it in words, `records` are the records to fix."""

    kind: str
    text: str
    records: tuple[WarningRecord, ...]


@dataclass(frozen=True)
class FrozenMark:
    """A frozen report's stamp, printed on every page of its reprint."""

    id: int
    frozen_at: datetime
    frozen_by: str
    checksum: str


@dataclass(frozen=True)
class PeriodReport:
    """The funder's report for a period, as every output lays it out: the summary page, one
    table per figure, the charts, the warnings and the deltagarlista. `starts_from` and
    `starts_until` are inclusive Europe/Stockholm dates; `project_from` is where the
    cumulative figures start. A reprint of a frozen report carries its `frozen` stamp."""

    period_label: str
    starts_from: date
    starts_until: date
    project_from: date
    summary: tuple[SummaryLine, ...]
    tables: tuple[FigureTable, ...]
    charts: tuple[Chart, ...]
    warnings: tuple[DataWarning, ...]
    participants: tuple[AttendeeRow, ...]
    frozen: FrozenMark | None = None
