"""The figures counted from what the project has reached (kept by the database's triggers) are
the figures counted from every participation, for the whole project and from its start to the
end of each quarter, after every kind of edit under them, whichever code makes it; and never
used while an edit is still to be taken in. On SQLite and PostgreSQL alike."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import delete, func, insert, select, text, update
from sqlalchemy.orm import Session

from lkoe_desktop.db.engine import Database
from lkoe_desktop.db.models import (
    Contact,
    Meeting,
    Organisation,
    Participation,
    ReachedPerson,
    ReachPending,
    meeting_themes,
)
from lkoe_desktop.demo.load import load_demo
from lkoe_desktop.domain.periods import Period, quarter
from lkoe_desktop.services import office_settings, participations, partners
from lkoe_desktop.services.common import now
from lkoe_desktop.services.period_figures import Window, window_figures
from lkoe_desktop.services.period_reach import PENDING_LIMIT, reach_figures
from lkoe_desktop.services.period_report import prepare, project_start


def _windows(session: Session) -> list[Window]:
    """From the project's start to the end of each of the demo's quarters, and to today."""
    settings = office_settings.load(session)
    first = project_start(session)
    ends = [quarter(year, number).starts_until for year in (2025, 2026) for number in (1, 2, 3, 4)]
    moment = now(session)
    return [
        Window(Period(first, end).begins, Period(first, end).ends, moment, settings.own_partner_id)
        for end in [*ends, moment.date()]
        if end >= first
    ]


def _agree(database: Database) -> None:
    """After a refresh, every window's figures from the tables are those counted straight."""
    with database.unit_of_work() as session:
        prepare(session)
    with database.reading() as session:
        assert not session.scalar(select(func.count()).select_from(ReachPending))
        steering = office_settings.load(session).steering_group
        for window in _windows(session):
            quick = reach_figures(session, window, steering_group=steering)
            assert quick is not None
            assert quick == window_figures(session, window, steering_group=steering), window


def _pending(database: Database) -> None:
    """An edit is noted, and until it is taken in the tables are not used."""
    with database.reading() as session:
        assert session.scalar(select(func.count()).select_from(ReachPending))
        window = _windows(session)[-1]
        assert reach_figures(session, window, steering_group="Styrgrupp") is None


def _attended(session: Session, offset: int = 0) -> Participation:
    return session.scalars(
        select(Participation)
        .where(Participation.status == "attended", Participation.organisation_id.is_not(None))
        .order_by(Participation.id)
        .offset(offset)
        .limit(1)
    ).one()


def _status_changed(session: Session) -> None:
    participations.set_status(session, _attended(session).id, "no_show")


def _job_changed(session: Session) -> None:
    """The organisation represented at a meeting corrected to a record reached nowhere yet."""
    fresh = partners.create_partner(session, {"name": "Nybolaget AB", "sector": "business"})
    participations.set_represented_organisation(session, _attended(session, 3).id, fresh.id)


def _renumbered(session: Session) -> None:
    """Two reached records made one organisation by giving them one number (straight SQL)."""
    reached = select(Participation.organisation_id).where(Participation.status == "attended")
    numbers = session.scalars(
        select(Organisation.org_number)
        .where(Organisation.id.in_(reached), Organisation.org_number.is_not(None))
        .group_by(Organisation.org_number)
        .order_by(Organisation.org_number)
        .limit(2)
    ).all()
    session.execute(
        update(Organisation)
        .where(Organisation.org_number == numbers[1])
        .values(org_number=numbers[0])
    )


def _described(session: Session) -> None:
    """A reached business partner made a large public body (straight SQL)."""
    session.execute(
        update(Organisation)
        .where(Organisation.id == _attended(session, 7).organisation_id)
        .values(sector="public", size_class="large", municipality="0581")
    )


def _gender(session: Session) -> None:
    """A counted person's gender changed (straight SQL)."""
    session.execute(
        update(Contact)
        .where(Contact.id == _attended(session, 13).contact_id)
        .values(gender="other")
    )


def _moved(session: Session) -> None:
    """The first meeting with counted people moved a year later (straight SQL)."""
    meeting = session.get(Meeting, _attended(session).meeting_id)
    assert meeting is not None
    year = timedelta(days=365)
    ends_at = None if meeting.ends_at is None else meeting.ends_at + year
    session.execute(
        update(Meeting)
        .where(Meeting.id == meeting.id)
        .values(starts_at=meeting.starts_at + year, ends_at=ends_at)
    )


def _theme_dropped(session: Session) -> None:
    meeting_id, theme_id = session.execute(select(meeting_themes).limit(1)).one()
    session.execute(
        delete(meeting_themes).where(
            meeting_themes.c.meeting_id == meeting_id, meeting_themes.c.theme_id == theme_id
        )
    )


def _theme_added(session: Session) -> None:
    themed = select(meeting_themes.c.meeting_id)
    meeting_id = session.scalar(
        select(Participation.meeting_id).where(Participation.meeting_id.not_in(themed)).limit(1)
    )
    theme_id = session.scalar(select(meeting_themes.c.theme_id).limit(1))
    session.execute(insert(meeting_themes).values(meeting_id=meeting_id, theme_id=theme_id))


def _meeting_deleted(session: Session) -> None:
    """A meeting with counted people deleted: its participations go with it (the database's
    cascade)."""
    session.execute(delete(Meeting).where(Meeting.id == _attended(session, 9).meeting_id))


def _removed(session: Session) -> None:
    participations.remove(session, _attended(session, 11).id)


def _archived(session: Session) -> None:
    """An archived partner still counts: nothing is noted, nothing changes."""
    partners.set_partner_archived(session, _attended(session, 2).organisation_id or 0, True)


EDITS: dict[str, Callable[[Session], None]] = {
    "status": _status_changed,
    "job": _job_changed,
    "org number": _renumbered,
    "sector, size, municipality": _described,
    "gender": _gender,
    "meeting moved": _moved,
    "theme dropped": _theme_dropped,
    "theme added": _theme_added,
    "meeting deleted": _meeting_deleted,
    "removed": _removed,
}


@pytest.fixture
def demo(db: Database) -> Database:
    load_demo(db)
    return db


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_the_tables_give_the_figures_counted_straight_after_an_edit(
    demo: Database, edit: str
) -> None:
    _agree(demo)
    with demo.unit_of_work() as session:
        EDITS[edit](session)
    _pending(demo)
    _agree(demo)


def test_archiving_notes_nothing_and_changes_nothing(demo: Database) -> None:
    _agree(demo)
    with demo.unit_of_work() as session:
        _archived(session)
    with demo.reading() as session:
        assert not session.scalar(select(func.count()).select_from(ReachPending))
    _agree(demo)


def test_another_own_partner_rebuilds_the_tables(demo: Database) -> None:
    _agree(demo)
    with demo.unit_of_work() as session:
        own = office_settings.load(session).own_partner_id
        reached = session.scalar(
            select(func.min(Participation.organisation_id)).where(
                Participation.status == "attended", Participation.organisation_id != own
            )
        )
        office_settings.save(session, {"own_partner_id": reached})
    with demo.reading() as session:
        window = _windows(session)[-1]
        assert reach_figures(session, window, steering_group="Styrgrupp") is None
    _agree(demo)


def test_many_edits_at_once_rebuild_the_tables(demo: Database) -> None:
    _agree(demo)
    with demo.unit_of_work() as session:
        attended = Participation.status == "attended"
        for role in ("speaker", "moderator"):
            session.execute(update(Participation).where(attended).values(role=role))
        some = select(Participation.id).where(attended).order_by(Participation.id).limit(50)
        session.execute(
            update(Participation).where(Participation.id.in_(some)).values(status="cancelled")
        )
    with demo.reading() as session:
        assert session.scalar(select(func.count()).select_from(ReachPending)) > PENDING_LIMIT
    _agree(demo)


def test_a_window_starting_after_people_were_reached_is_counted_straight(demo: Database) -> None:
    """Reached by the end is reached in the window only when nothing counted before it."""
    with demo.unit_of_work() as session:
        prepare(session)
    with demo.reading() as session:
        earliest = session.scalar(select(func.min(ReachedPerson.first_at)))
        assert earliest is not None
        later = Period(earliest.date() + timedelta(days=1), date(2026, 12, 31))
        own = office_settings.load(session).own_partner_id
        window = Window(later.begins, later.ends, now(session), own)
        assert reach_figures(session, window, steering_group="Styrgrupp") is None


def _triggers(session: Session) -> set[str]:
    if session.get_bind().dialect.name == "postgresql":
        query = "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal"
    else:
        query = "SELECT name FROM sqlite_master WHERE type = 'trigger'"
    return {name for (name,) in session.execute(text(query)) if name.startswith("reach_")}


def test_the_triggers_are_there(db: Database) -> None:
    """A later migration that copies a table (SQLite's batch mode) drops its triggers."""
    with db.reading() as session:
        expected: Any = (
            {"reach_participations", "reach_meetings", "reach_meeting_themes"}
            | {"reach_organisations", "reach_contacts"}
            if session.get_bind().dialect.name == "postgresql"
            else {"reach_participation_added", "reach_participation_removed"}
            | {"reach_participation_changed", "reach_meeting_moved"}
            | {"reach_meeting_theme_added", "reach_meeting_theme_removed"}
            | {"reach_organisation_described", "reach_contact_gender"}
        )
        assert _triggers(session) == expected


def test_the_demo_leaves_the_reach_tables_built(db: Database) -> None:
    """The first report after `demo` counts from the kept tables: nothing is left pending."""
    load_demo(db)
    with db.reading() as session:
        assert session.scalar(select(func.count()).select_from(ReachPending)) == 0
        assert session.scalar(select(func.count()).select_from(ReachedPerson)) > 0
