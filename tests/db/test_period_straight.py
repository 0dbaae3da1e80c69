"""The figures that look up a number's deciding record only where its records differ (theme
coverage, the partner warnings) against the same rule worked out straightforwardly in Python
from every participation of the demo, for a quarter and the whole project; on SQLite and
PostgreSQL alike."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from lkoe_desktop.db.engine import Database
from lkoe_desktop.db.models import Meeting, Organisation, Participation, meeting_themes
from lkoe_desktop.demo.load import load_demo
from lkoe_desktop.domain.periods import Period, parse_quarter
from lkoe_desktop.services import office_settings, partners
from lkoe_desktop.services.common import now
from lkoe_desktop.services.period_figures import UNSPECIFIED, Window, window_figures
from lkoe_desktop.services.period_report import project_period
from lkoe_desktop.services.period_warnings import NUMBER_DISAGREES, SIZE_UNKNOWN, period_warnings


def _counted(session: Session, window: Window) -> list[tuple[int, int, int | None]]:
    """(participation, meeting, organisation) of every participation that counts."""
    rows = session.execute(
        select(
            Participation.id,
            Participation.meeting_id,
            Participation.organisation_id,
            Participation.status,
            Participation.role,
            Meeting.starts_at,
        ).join(Meeting, Meeting.id == Participation.meeting_id)
    )
    return [
        (participation, meeting, organisation)
        for participation, meeting, organisation, status, role, starts_at in rows
        if status == "attended"
        and role != "organiser"
        and organisation != window.own_partner
        and window.begins <= starts_at < window.ends
    ]


def _straight(session: Session, window: Window) -> dict[str, Any]:
    counted = _counted(session, window)
    records = {
        record_id: (name, number, sector or UNSPECIFIED, size)
        for record_id, name, number, sector, size in session.execute(
            select(
                Organisation.id,
                Organisation.name,
                Organisation.org_number,
                Organisation.sector,
                Organisation.size_class,
            )
        )
    }
    per_record = Counter(organisation for _p, _m, organisation in counted if organisation)

    def key(record_id: int) -> str:
        return records[record_id][1] or f"#{record_id}"

    decider: dict[str, int] = {}
    for record_id, participations in per_record.items():
        held = decider.get(key(record_id))
        if held is None or (participations, -record_id) > (per_record[held], -held):
            decider[key(record_id)] = record_id
    themes: dict[int, list[int]] = {}
    for meeting_id, theme_id in session.execute(select(meeting_themes)):
        themes.setdefault(meeting_id, []).append(theme_id)
    pairs = {
        (theme_id, key(organisation))
        for _p, meeting, organisation in counted
        if organisation
        for theme_id in themes.get(meeting, [])
    }
    coverage = Counter((theme_id, records[decider[number]][2]) for theme_id, number in pairs)
    unknown = {i for i in per_record if records[i][2:] == ("business", "unknown")}
    disagreeing: dict[str, tuple[int, set[int]]] = {}
    for number, chosen in decider.items():
        reached = {i for i in per_record if key(i) == number}
        if not number.startswith("#") and len({records[i][2:] for i in reached}) > 1:
            disagreeing[number] = (chosen, reached)
    return {"coverage": coverage, "unknown": unknown, "disagreeing": disagreeing}


def _program(session: Session, window: Window, steering_group: str) -> dict[str, Any]:
    figures = window_figures(session, window, steering_group=steering_group)
    warnings = period_warnings(session, window)
    coverage = Counter(
        {
            (row["theme_id"], sector): number
            for row in figures["theme_coverage"]
            for sector, number in row["sectors"].items()
            if number
        }
    )
    unknown = {i for w in warnings if w["kind"] == SIZE_UNKNOWN for i in w["ids"]}
    disagreeing = {
        w["org_number"]: (w["decided_by"], set(w["ids"]))
        for w in warnings
        if w["kind"] == NUMBER_DISAGREES
    }
    return {"coverage": coverage, "unknown": unknown, "disagreeing": disagreeing}


@pytest.fixture
def demo(db: Database) -> tuple[Database, int]:
    """The small demo, with one more number whose records differ in sector: a public-sector
    record of a reached business partner's number that took over most of its participations,
    so that it decides (its id is given beside the database)."""
    load_demo(db)
    with db.unit_of_work() as session:
        own = office_settings.load(session).own_partner_id
        busiest, number = session.execute(
            select(Organisation.id, Organisation.org_number)
            .join(Participation, Participation.organisation_id == Organisation.id)
            .where(
                Organisation.sector == "business",
                Organisation.org_number.is_not(None),
                Organisation.id != own,
                Participation.status == "attended",
            )
            .group_by(Organisation.id, Organisation.org_number)
            .order_by(Organisation.id)
            .limit(1)
        ).one()
        twin = partners.create_partner(
            session, {"name": "Tvilling AB", "org_number": number, "sector": "public"}
        ).id
        moved = session.scalars(
            select(Participation.id).where(Participation.organisation_id == busiest)
        ).all()
        session.execute(
            update(Participation)
            .where(Participation.id.in_(moved[: len(moved) // 2 + 1]))
            .values(organisation_id=twin)
        )
    return db, twin


@pytest.mark.parametrize("quarter", ["2026Q1", None])
def test_the_figures_agree_with_the_rule_worked_out_straight(
    demo: tuple[Database, int], quarter: str | None
) -> None:
    database, twin = demo
    with database.reading() as session:
        settings = office_settings.load(session)
        period: Period = parse_quarter(quarter) if quarter else project_period(session)
        window = Window(period.begins, period.ends, now(session), settings.own_partner_id)
        program = _program(session, window, settings.steering_group)
        straight = _straight(session, window)
    assert straight["coverage"]
    if quarter is None:
        assert twin in {decider for decider, _ in straight["disagreeing"].values()}
    assert program == straight
