"""What the project has reached from its start, kept in small tables, so that the funder's
figures from the project's start to any day count those tables instead of every participation.

The tables hold each person's, organisation key's and (theme, organisation key)'s first counted
participation and each meeting's counted participations, leaving out the office's own partner
record of when they were built. The database's triggers (migration 0009) note in `reach_pending`
what every write changes under them, whichever code writes; `refresh` brings them up to date in
a writing transaction. The figures use them only when nothing is pending, they were built for
today's own partner and nothing counted before the window starts; otherwise the figures are
counted from the participations as before. Either way they are the same numbers.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    case,
    delete,
    distinct,
    exists,
    func,
    insert,
    or_,
    select,
    text,
)
from sqlalchemy.orm import Session

from lkoe_desktop.db.models import (
    Contact,
    Meeting,
    Organisation,
    Participation,
    ReachedMeeting,
    ReachedOrganisation,
    ReachedPerson,
    ReachedThemeOrganisation,
    ReachPending,
    ReachState,
    meeting_themes,
)
from lkoe_desktop.domain.codes import ParticipationStatus, Role
from lkoe_desktop.services.period_figures import (
    UNSPECIFIED,
    Window,
    activities,
    coverage_matrix,
    in_window,
    listed_themes,
    org_key,
    organisation_figures,
    people_figures,
    reached_records,
    steering_group_meetings,
)

STATE_ID = 1
# More noted than this (the demo, an import, a copy): everything is rebuilt at once.
PENDING_LIMIT = 5000
# Subjects per statement, well under every database's limit of bound values.
CHUNK = 500
CONTACT, ORGANISATION, MEETING = "contact", "organisation", "meeting"
ORGANISATION_COLUMNS = ["org_key", "first_at", "record_id", "sector", "size_class", "municipality"]
THEME_COLUMNS = ["theme_id", "org_key", "first_at", "record_id", "sector"]


def _counted(own_partner: int) -> list[ColumnElement[bool]]:
    """A participation that counts, whenever its meeting is (PRODUCT.md's rule)."""
    return [
        Participation.status == ParticipationStatus.ATTENDED.value,
        Participation.role != Role.ORGANISER.value,
        or_(Participation.organisation_id.is_(None), Participation.organisation_id != own_partner),
    ]


def _people(own_partner: int) -> Select[int, datetime, str]:
    gender = func.coalesce(Contact.gender, UNSPECIFIED)
    return (
        select(Participation.contact_id, func.min(Meeting.starts_at), gender)
        .join(Meeting, Meeting.id == Participation.meeting_id)
        .join(Contact, Contact.id == Participation.contact_id)
        .where(*_counted(own_partner))
        .group_by(Participation.contact_id, gender)
    )


def _organisations(own_partner: int, keys: Sequence[str] | None = None) -> Select[Any]:
    """Per organisation key (of `keys`; None: all): its first counted participation and its
    lowest record counted, with that record's sector, size class and municipality."""
    grouped = (
        select(
            org_key().label("org_key"),
            func.min(Meeting.starts_at).label("first_at"),
            func.min(Organisation.id).label("record_id"),
        )
        .select_from(Participation)
        .join(Meeting, Meeting.id == Participation.meeting_id)
        .join(Organisation, Organisation.id == Participation.organisation_id)
        .where(*_counted(own_partner), *_of_keys(keys))
        .group_by(org_key())
        .subquery()
    )
    return select(
        grouped.c.org_key,
        grouped.c.first_at,
        grouped.c.record_id,
        func.coalesce(Organisation.sector, UNSPECIFIED),
        Organisation.size_class,
        func.coalesce(Organisation.municipality, UNSPECIFIED),
    ).join(Organisation, Organisation.id == grouped.c.record_id)


def _themes(own_partner: int, keys: Sequence[str] | None = None) -> Select[Any]:
    """Per theme and organisation key (of `keys`; None: all): its first counted participation
    there and its lowest record counted there, with that record's sector."""
    grouped = (
        select(
            meeting_themes.c.theme_id,
            org_key().label("org_key"),
            func.min(Meeting.starts_at).label("first_at"),
            func.min(Organisation.id).label("record_id"),
        )
        .select_from(Participation)
        .join(Meeting, Meeting.id == Participation.meeting_id)
        .join(meeting_themes, meeting_themes.c.meeting_id == Participation.meeting_id)
        .join(Organisation, Organisation.id == Participation.organisation_id)
        .where(*_counted(own_partner), *_of_keys(keys))
        .group_by(meeting_themes.c.theme_id, org_key())
        .subquery()
    )
    return select(
        grouped.c.theme_id,
        grouped.c.org_key,
        grouped.c.first_at,
        grouped.c.record_id,
        func.coalesce(Organisation.sector, UNSPECIFIED),
    ).join(Organisation, Organisation.id == grouped.c.record_id)


def _meetings(own_partner: int) -> Select[int, int]:
    return (
        select(Participation.meeting_id, func.count())
        .where(*_counted(own_partner))
        .group_by(Participation.meeting_id)
    )


def _of_keys(keys: Sequence[str] | None) -> list[ColumnElement[bool]]:
    """The partner records with one of these organisation keys (by the indexed columns)."""
    if keys is None:
        return []
    return [
        or_(
            Organisation.org_number.in_([key for key in keys if not key.startswith("#")]),
            Organisation.id.in_([int(key[1:]) for key in keys if key.startswith("#")]),
        )
    ]


def _chunks(subjects: Iterable[Any]) -> Iterator[list[Any]]:
    listed = sorted(subjects)
    for start in range(0, len(listed), CHUNK):
        yield listed[start : start + CHUNK]


def _rebuild(session: Session, own_partner: int) -> None:
    for table in (ReachedPerson, ReachedOrganisation, ReachedThemeOrganisation, ReachedMeeting):
        session.execute(delete(table))
    session.execute(
        insert(ReachedPerson).from_select(
            ["contact_id", "first_at", "gender"], _people(own_partner)
        )
    )
    session.execute(
        insert(ReachedOrganisation).from_select(ORGANISATION_COLUMNS, _organisations(own_partner))
    )
    session.execute(
        insert(ReachedThemeOrganisation).from_select(THEME_COLUMNS, _themes(own_partner))
    )
    session.execute(
        insert(ReachedMeeting).from_select(["meeting_id", "participations"], _meetings(own_partner))
    )
    session.execute(delete(ReachState))
    session.add(ReachState(id=STATE_ID, own_partner_id=own_partner))


def _renew(session: Session, own_partner: int, noted: dict[str, set[str]]) -> None:
    """Count again the rows of the people, organisation keys and meetings noted."""
    for chunk in _chunks(int(subject) for subject in noted[CONTACT]):
        session.execute(delete(ReachedPerson).where(ReachedPerson.contact_id.in_(chunk)))
        chosen = _people(own_partner).where(Participation.contact_id.in_(chunk))
        session.execute(
            insert(ReachedPerson).from_select(["contact_id", "first_at", "gender"], chosen)
        )
    for chunk in _chunks(noted[ORGANISATION]):
        session.execute(delete(ReachedOrganisation).where(ReachedOrganisation.org_key.in_(chunk)))
        session.execute(
            delete(ReachedThemeOrganisation).where(ReachedThemeOrganisation.org_key.in_(chunk))
        )
        session.execute(
            insert(ReachedOrganisation).from_select(
                ORGANISATION_COLUMNS, _organisations(own_partner, chunk)
            )
        )
        session.execute(
            insert(ReachedThemeOrganisation).from_select(THEME_COLUMNS, _themes(own_partner, chunk))
        )
    for chunk in _chunks(int(subject) for subject in noted[MEETING]):
        session.execute(delete(ReachedMeeting).where(ReachedMeeting.meeting_id.in_(chunk)))
        counts = _meetings(own_partner).where(Participation.meeting_id.in_(chunk))
        session.execute(
            insert(ReachedMeeting).from_select(["meeting_id", "participations"], counts)
        )


def refresh(session: Session, own_partner: int) -> None:
    """Bring the tables up to date with what the triggers noted (all of them rebuilt when they
    were built for another own partner, never, or when much was noted); nothing is written
    when they are up to date. Call it in a writing transaction before the figures."""
    if session.get_bind().dialect.name == "postgresql":
        # Writers note rows in this table: wait for those under way, keep new ones out.
        session.execute(text("LOCK TABLE reach_pending IN EXCLUSIVE MODE"))
    state = session.get(ReachState, STATE_ID)
    last, number = session.execute(select(func.max(ReachPending.id), func.count())).one()
    if state is not None and state.own_partner_id == own_partner and not number:
        return
    if state is None or state.own_partner_id != own_partner or number > PENDING_LIMIT:
        _rebuild(session, own_partner)
    else:
        noted: dict[str, set[str]] = {CONTACT: set(), ORGANISATION: set(), MEETING: set()}
        for kind, subject in session.execute(select(ReachPending.kind, ReachPending.subject)):
            noted[kind].add(subject)
        _renew(session, own_partner, noted)
    if last is not None:
        session.execute(delete(ReachPending).where(ReachPending.id <= last))
    session.flush()


def usable(session: Session, window: Window) -> bool:
    """Whether the tables give the window's figures: up to date, built for its own partner,
    and nothing counted before it starts (so that reached by its end is reached in it)."""
    state = session.get(ReachState, STATE_ID)
    if state is None or state.own_partner_id != window.own_partner:
        return False
    if session.scalar(select(exists().where(ReachPending.id.is_not(None)))):
        return False
    earliest = session.scalar(select(func.min(ReachedPerson.first_at)))
    return earliest is None or earliest >= window.begins


def differing_numbers(session: Session) -> list[str]:
    """The organisation numbers whose records differ in sector, size class or municipality:
    for those, the record with the most counted participations in the window decides."""
    statement = (
        select(Organisation.org_number)
        .where(Organisation.org_number.is_not(None))
        .group_by(Organisation.org_number)
        .having(
            (func.count(distinct(func.coalesce(Organisation.sector, UNSPECIFIED))) > 1)
            | (func.count(distinct(Organisation.size_class)) > 1)
            | (func.count(distinct(func.coalesce(Organisation.municipality, UNSPECIFIED))) > 1)
        )
    )
    return [number for number in session.scalars(statement) if number is not None]


def _deciders(window: Window, differing: Sequence[str]) -> Any:
    """The deciding record of each differing number reached in the window (few)."""
    few = (
        select(
            Participation.id.label("participation_id"),
            Participation.meeting_id,
            Participation.contact_id,
            Participation.organisation_id,
        )
        .join(Meeting, Meeting.id == Participation.meeting_id)
        .where(
            # Their records' participations, found by organisation, then their meetings.
            Participation.organisation_id.in_(
                select(Organisation.id).where(Organisation.org_number.in_(differing))
            ),
            *in_window(window),
            *_counted(window.own_partner),
        )
        .cte("few")
    )
    return reached_records(window, few, differing)


def _organisation_cells(
    session: Session, window: Window, differing: Sequence[str]
) -> list[Sequence[Any]]:
    rows = ReachedOrganisation
    reached = rows.first_at < window.ends
    first = func.sum(case((rows.first_at >= window.begins, 1), else_=0))
    cells: list[Sequence[Any]] = list(
        session.execute(
            select(rows.sector, rows.size_class, rows.municipality, func.count(), first)
            .where(reached, rows.org_key.not_in(differing))
            .group_by(rows.sector, rows.size_class, rows.municipality)
        ).all()
    )
    if differing:
        deciders = _deciders(window, differing)
        columns = (deciders.c.sector, deciders.c.size_class, deciders.c.place)
        cells += session.execute(
            select(*columns, func.count(), first)
            .select_from(deciders)
            .join(rows, rows.org_key == deciders.c.org_key)
            .where(deciders.c.ordinal == 1, reached)
            .group_by(*columns)
        ).all()
    return cells


def _coverage_cells(
    session: Session, window: Window, differing: Sequence[str]
) -> list[Sequence[Any]]:
    rows = ReachedThemeOrganisation
    reached = rows.first_at < window.ends
    cells: list[Sequence[Any]] = list(
        session.execute(
            select(rows.theme_id, rows.sector, func.count())
            .where(reached, rows.org_key.not_in(differing))
            .group_by(rows.theme_id, rows.sector)
        ).all()
    )
    if differing:
        deciders = _deciders(window, differing)
        cells += session.execute(
            select(rows.theme_id, deciders.c.sector, func.count())
            .select_from(rows)
            .join(deciders, deciders.c.org_key == rows.org_key)
            .where(deciders.c.ordinal == 1, reached)
            .group_by(rows.theme_id, deciders.c.sector)
        ).all()
    return cells


def reach_figures(
    session: Session, window: Window, *, steering_group: str
) -> dict[str, Any] | None:
    """Every figure of the window, as `period_figures.window_figures` gives it, counted from the
    tables; None when they cannot give it (see `usable`)."""
    if not usable(session, window):
        return None
    unique = dict(
        session.execute(
            select(ReachedPerson.gender, func.count())
            .where(ReachedPerson.first_at < window.ends)
            .group_by(ReachedPerson.gender)
        ).all()
    )
    meetings = session.execute(
        select(Meeting.starts_at, Meeting.ends_at, ReachedMeeting.participations)
        .join(ReachedMeeting, ReachedMeeting.meeting_id == Meeting.id)
        .where(*in_window(window))
    ).all()
    differing = differing_numbers(session)
    return {
        **people_figures({str(k): int(v) for k, v in unique.items()}, meetings),
        **activities(session, window),
        **organisation_figures(_organisation_cells(session, window, differing)),
        "theme_coverage": coverage_matrix(
            _coverage_cells(session, window, differing), listed_themes(session, window)
        ),
        "steering_group": steering_group_meetings(session, window, steering_group),
    }
