"""The funder's figures for a window of meeting start times, each counted in the database.

Who counts is PRODUCT.md's rule: attended participations in any role but organiser, at meetings
starting inside the window, whatever the meeting's status, not on behalf of the office's own
partner record. Organisations count once per organisation number (a record without one on its
own); where records sharing a number differ, the one with the most counted participations in
the window gives the number its sector, size class and municipality. Every count is one SQL
aggregate; Python only turns meeting times into hours and months and fills in zeros.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import (
    CTE,
    ColumnElement,
    String,
    and_,
    case,
    cast,
    distinct,
    exists,
    func,
    literal,
    literal_column,
    or_,
    select,
)
from sqlalchemy.orm import Session

from lkoe_desktop.db.models import (
    Contact,
    Group,
    GroupMembership,
    Meeting,
    Organisation,
    Participation,
    Theme,
    meeting_themes,
)
from lkoe_desktop.domain.clock import to_stockholm
from lkoe_desktop.domain.codes import (
    Gender,
    MeetingKind,
    MeetingStatus,
    ParticipationStatus,
    Role,
    Sector,
    SizeClass,
    codes,
)
from lkoe_desktop.domain.municipalities import MUNICIPALITIES, in_county
from lkoe_desktop.domain.periods import hidden_small_counts, meeting_hours

# An organisation without a sector or a municipality, a person without a gender.
UNSPECIFIED = "unspecified"
# The municipalities every report lists, reached or not: Östergötland's thirteen.
HOME_MUNICIPALITIES = tuple(code for code, _name in MUNICIPALITIES if in_county(code))


@dataclass(frozen=True)
class Window:
    """Meetings starting from `begins` (inclusive) to `ends` (exclusive); `now` tells past
    meetings from those to come; `own_partner` is the office's own record (0: none)."""

    begins: datetime
    ends: datetime
    now: datetime
    own_partner: int


def counted(window: Window) -> CTE:
    """The participations that count in the window: found from the window's meetings (an IN
    list, so that each database walks the participations' meeting index)."""
    return (
        select(
            Participation.id.label("participation_id"),
            Participation.meeting_id,
            Participation.contact_id,
            Participation.organisation_id,
        )
        .where(*counts_in(window))
        .cte("counted")
    )


def counts_in(window: Window) -> list[ColumnElement[bool]]:
    """The conditions of a participation that counts in the window, on Participation alone."""
    return [
        Participation.meeting_id.in_(select(Meeting.id).where(*in_window(window))),
        Participation.status == ParticipationStatus.ATTENDED.value,
        Participation.role != Role.ORGANISER.value,
        _not_own(window.own_partner),
    ]


def _not_own(own_partner: int) -> ColumnElement[bool]:
    return or_(
        Participation.organisation_id.is_(None), Participation.organisation_id != own_partner
    )


def org_key() -> ColumnElement[str]:
    """What makes an organisation one: its number, or for a record without one its id."""
    return func.coalesce(
        Organisation.org_number, literal_column("'#'", String) + cast(Organisation.id, String)
    )


def undecided_numbers(session: Session) -> list[str]:
    """The organisation numbers whose records (reached or not) differ in sector or size class:
    the only numbers whose values depend on which of their records decides (a few)."""
    statement = (
        select(Organisation.org_number)
        .where(Organisation.org_number.is_not(None))
        .group_by(Organisation.org_number)
        .having(
            (func.count(distinct(func.coalesce(Organisation.sector, UNSPECIFIED))) > 1)
            | (func.count(distinct(Organisation.size_class)) > 1)
        )
    )
    return [number for number in session.scalars(statement) if number is not None]


def reached_records(
    window: Window, participations: CTE, numbers: Sequence[str] | None = None
) -> CTE:
    """Every partner record reached in the window (or only those whose number is one of
    `numbers`), with its number's key and its rank among the records sharing that key: the
    record ranked 1 (the most counted participations, then the lowest id) gives the number its
    sector, size class and municipality."""
    per_record = select(
        participations.c.organisation_id, func.count().label("participations")
    ).where(participations.c.organisation_id.is_not(None))
    if numbers is not None:
        per_record = per_record.where(
            participations.c.organisation_id.in_(
                select(Organisation.id).where(Organisation.org_number.in_(numbers))
            )
        )
    ranked = per_record.group_by(participations.c.organisation_id).cte("per_record")
    key = org_key()
    order = (ranked.c.participations.desc(), Organisation.id)
    return (
        select(
            Organisation.id,
            Organisation.name,
            Organisation.org_number,
            key.label("org_key"),
            func.coalesce(Organisation.sector, UNSPECIFIED).label("sector"),
            Organisation.size_class,
            func.coalesce(Organisation.municipality, UNSPECIFIED).label("place"),
            func.row_number().over(partition_by=key, order_by=order).label("ordinal"),
        )
        .join(ranked, ranked.c.organisation_id == Organisation.id)
        .cte("reached")
    )


def _every(codes_listed: list[str], found: dict[str, int]) -> dict[str, int]:
    """Every code listed, zeros included, then any other code found."""
    return {code: found.get(code, 0) for code in codes_listed} | {
        code: number for code, number in sorted(found.items()) if code not in codes_listed
    }


def _organisations(session: Session, window: Window, records: CTE) -> dict[str, Any]:
    """Organisations reached by sector, size class and municipality, enterprises and those
    reached for the first time: one aggregate over the numbers reached, grouped by all three,
    whose few cells are summed here."""
    # Reached before the window: a counted participation of the same number, earlier.
    earlier = (
        select(literal(1))
        .select_from(Participation)
        .join(Meeting, Meeting.id == Participation.meeting_id)
        .join(Organisation, Organisation.id == Participation.organisation_id)
        .where(
            Participation.status == ParticipationStatus.ATTENDED.value,
            Participation.role != Role.ORGANISER.value,
            Meeting.starts_at < window.begins,
            _not_own(window.own_partner),
            or_(
                Organisation.org_number == records.c.org_number,
                and_(records.c.org_number.is_(None), Organisation.id == records.c.id),
            ),
        )
        .correlate(records)
    )
    business = records.c.sector == Sector.BUSINESS.value
    # Without any meeting before the window (the project so far), nobody was reached before.
    before = session.scalar(select(exists().where(Meeting.starts_at < window.begins)))
    first_time = func.sum(
        case((and_(business, ~exists(earlier)) if before else business, 1), else_=0)
    )
    grid = session.execute(
        select(records.c.sector, records.c.size_class, records.c.place, func.count(), first_time)
        .where(records.c.ordinal == 1)
        .group_by(records.c.sector, records.c.size_class, records.c.place)
    ).all()
    return organisation_figures(grid)


def organisation_figures(grid: Sequence[Sequence[Any]]) -> dict[str, Any]:
    """The organisation figures from the cells (sector, size class, municipality, organisations,
    of which reached for the first time) of the numbers reached."""
    sectors = _every([*codes(Sector), UNSPECIFIED], {})
    sizes = _every(codes(SizeClass), {})
    places = _every(list(HOME_MUNICIPALITIES), {})
    enterprises = _every(codes(SizeClass), {})
    new = 0
    for sector, size, place, number, first in grid:
        sectors[sector] = sectors.get(sector, 0) + int(number)
        sizes[size] = sizes.get(size, 0) + int(number)
        places[place] = places.get(place, 0) + int(number)
        if sector == Sector.BUSINESS.value:
            enterprises[size] = enterprises.get(size, 0) + int(number)
            new += int(first or 0)
    return {
        "organisations_reached": sum(sectors.values()),
        "organisations_by_sector": sectors,
        "organisations_by_size_class": sizes,
        "organisations_by_municipality": _every(list(HOME_MUNICIPALITIES), places),
        "enterprises_supported": {"total": sum(enterprises.values()), **enterprises}
        | {"first_time": new},
        "academia_reached": sectors[Sector.ACADEMIA.value],
        "public_bodies_reached": sectors[Sector.PUBLIC.value],
    }


def _theme_coverage(
    session: Session, window: Window, participations: CTE, themes: dict[int, str]
) -> list[dict[str, Any]]:
    """Distinct organisations reached per theme of the meeting and sector of the number.

    A number's sector is its records' own, except for the few numbers whose records differ
    (`undecided_numbers`): only for those is the deciding record looked up among the records
    reached, so that the ranking of every record reached is not computed (on SQLite, a join
    to that computed table scans it once per row; a lookup of a few rows does not)."""
    touched = (
        select(meeting_themes.c.theme_id, participations.c.organisation_id)
        .join(meeting_themes, meeting_themes.c.meeting_id == participations.c.meeting_id)
        .distinct()
        .subquery()
    )
    undecided = undecided_numbers(session)
    deciders = reached_records(window, participations, undecided)
    key = org_key()
    decided = (
        select(deciders.c.sector)
        .where(deciders.c.org_key == key, deciders.c.ordinal == 1)
        .scalar_subquery()
    )
    number_sector = case(
        (Organisation.org_number.in_(undecided), decided),
        else_=func.coalesce(Organisation.sector, UNSPECIFIED),
    )
    pairs = (
        select(touched.c.theme_id, key.label("org_key"), number_sector.label("sector"))
        .join(Organisation, Organisation.id == touched.c.organisation_id)
        .subquery()
    )
    cells = session.execute(
        select(pairs.c.theme_id, pairs.c.sector, func.count(distinct(pairs.c.org_key))).group_by(
            pairs.c.theme_id, pairs.c.sector
        )
    ).all()
    return coverage_matrix(cells, themes)


def coverage_matrix(cells: Sequence[Sequence[Any]], themes: dict[int, str]) -> list[dict[str, Any]]:
    """Each theme listed with its organisations reached by sector, from the cells (theme,
    sector, organisations) found, every sector listed."""
    found: dict[int, dict[str, int]] = {}
    for theme_id, sector, number in cells:
        found.setdefault(theme_id, {})[sector] = found.get(theme_id, {}).get(sector, 0) + int(
            number
        )
    return [
        {
            "theme_id": theme_id,
            "theme": name,
            "sectors": _every([*codes(Sector), UNSPECIFIED], found.get(theme_id, {})),
        }
        for theme_id, name in themes.items()
    ]


def held(window: Window) -> ColumnElement[bool]:
    """A meeting held: its status says so, or it has begun and is not cancelled."""
    return or_(
        Meeting.status == MeetingStatus.HELD.value,
        and_(Meeting.starts_at < window.now, Meeting.status != MeetingStatus.CANCELLED.value),
    )


def in_window(window: Window) -> list[ColumnElement[bool]]:
    return [Meeting.starts_at >= window.begins, Meeting.starts_at < window.ends]


def activities(session: Session, window: Window) -> dict[str, Any]:
    chosen = [*in_window(window), held(window)]
    kinds = dict(
        session.execute(
            select(Meeting.kind, func.count()).where(*chosen).group_by(Meeting.kind)
        ).all()
    )
    by_theme = session.execute(
        select(Theme.id, Theme.name, func.count())
        .select_from(Meeting)
        .join(meeting_themes, meeting_themes.c.meeting_id == Meeting.id)
        .join(Theme, Theme.id == meeting_themes.c.theme_id)
        .where(*chosen)
        .group_by(Theme.id, Theme.name)
        .order_by(Theme.sort_key, Theme.id)
    )
    months: dict[str, int] = {}
    for (starts_at,) in session.execute(select(Meeting.starts_at).where(*chosen)):
        month = to_stockholm(starts_at).strftime("%Y-%m")
        months[month] = months.get(month, 0) + 1
    return {
        "activities_held": sum(kinds.values()),
        "activities_by_kind": _every(codes(MeetingKind), {k: int(v) for k, v in kinds.items()}),
        "activities_by_theme": [
            {"theme_id": theme_id, "theme": name, "count": int(number)}
            for theme_id, name, number in by_theme
        ],
        "activities_by_month": dict(sorted(months.items())),
    }


def _people(session: Session, participations: CTE) -> dict[str, Any]:
    """Participations, unique people (by gender: each person has one), and hours."""
    per_person = (
        select(participations.c.contact_id, func.count().label("participations"))
        .group_by(participations.c.contact_id)
        .subquery()
    )
    gender = func.coalesce(Contact.gender, UNSPECIFIED)
    genders = session.execute(
        select(gender, func.sum(per_person.c.participations), func.count())
        .join(Contact, Contact.id == per_person.c.contact_id)
        .group_by(gender)
    ).all()
    per_meeting = (
        select(participations.c.meeting_id, func.count().label("participations"))
        .group_by(participations.c.meeting_id)
        .subquery()
    )
    times = session.execute(
        select(Meeting.starts_at, Meeting.ends_at, per_meeting.c.participations).join(
            per_meeting, per_meeting.c.meeting_id == Meeting.id
        )
    )
    unique = {str(code): int(people) for code, _total, people in genders}
    return people_figures(unique, times.all())


def people_figures(unique: dict[str, int], meetings: Sequence[Sequence[Any]]) -> dict[str, Any]:
    """The people figures from the unique people by gender and each meeting's start, end and
    counted participations."""
    tenths = sum(round(meeting_hours(s, e) * 10) * int(n) for s, e, n in meetings)
    return {
        "participations_attended": sum(int(n) for _s, _e, n in meetings),
        "unique_participants": sum(unique.values()),
        "participant_hours": tenths / 10,
        "gender": hidden_small_counts(_every(codes(Gender), unique)),
    }


def steering_group_meetings(
    session: Session, window: Window, group_name: str
) -> list[dict[str, Any]]:
    """Each steering-group meeting held in the window: the group's members whose membership
    covers its (Stockholm) date, and how many of them attended."""
    attended = (
        select(literal(1))
        .select_from(Participation)
        .where(
            Participation.meeting_id == Meeting.id,
            Participation.contact_id == GroupMembership.contact_id,
            Participation.status == ParticipationStatus.ATTENDED.value,
        )
    )
    rows = session.execute(
        select(
            Meeting.id,
            Meeting.title,
            Meeting.starts_at,
            GroupMembership.id,
            GroupMembership.since,
            GroupMembership.until,
            exists(attended),
        )
        .select_from(Meeting)
        .outerjoin(Group, Group.name == group_name)
        .outerjoin(GroupMembership, GroupMembership.group_id == Group.id)
        .where(*in_window(window), held(window), Meeting.kind == MeetingKind.STEERING_GROUP.value)
        .order_by(Meeting.starts_at, Meeting.id)
    )
    meetings: dict[int, dict[str, Any]] = {}
    for meeting_id, title, starts_at, membership, since, until, came in rows:
        day = to_stockholm(starts_at).date()
        entry = meetings.setdefault(
            meeting_id,
            {"meeting_id": meeting_id, "title": title, "date": day.isoformat()}
            | {"members": 0, "attended": 0},
        )
        covers = (since is None or since <= day) and (until is None or day <= until)
        if membership is not None and covers:
            entry["members"] += 1
            entry["attended"] += bool(came)
    return list(meetings.values())


def listed_themes(session: Session, window: Window) -> dict[int, str]:
    """The themes a report lists: those in use, and archived ones with meetings in the window."""
    of_meetings = (
        select(meeting_themes.c.theme_id)
        .join(Meeting, Meeting.id == meeting_themes.c.meeting_id)
        .where(*in_window(window))
    )
    return dict(
        session.execute(
            select(Theme.id, Theme.name)
            .where(or_(Theme.archived.is_(False), Theme.id.in_(of_meetings)))
            .order_by(Theme.sort_key, Theme.id)
        ).all()
    )


def window_figures(session: Session, window: Window, *, steering_group: str) -> dict[str, Any]:
    """Every figure of the window, as the report's JSON gives it."""
    participations = counted(window)
    records = reached_records(window, participations)
    themes = listed_themes(session, window)
    return {
        **_people(session, participations),
        **activities(session, window),
        **_organisations(session, window, records),
        "theme_coverage": _theme_coverage(session, window, participations, themes),
        "steering_group": steering_group_meetings(session, window, steering_group),
    }
