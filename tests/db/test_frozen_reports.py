"""Frozen period reports: stored once with their stamp, reprinted unchanged whatever changes."""

from __future__ import annotations

import json

import pytest
from period_network import Q1, build
from sqlalchemy import update

from lkoe_desktop.db.engine import Database
from lkoe_desktop.db.models import FrozenReport
from lkoe_desktop.domain.errors import NotFoundError, UserInputError
from lkoe_desktop.services import audit, contacts, frozen_reports, meetings, partners
from lkoe_desktop.services.period_report import period_document


def test_a_frozen_report_is_reprinted_as_it_was(db: Database) -> None:
    network = build(db)
    ids = network.ids
    with db.unit_of_work() as session:
        frozen = frozen_reports.freeze(session, Q1)
    first = json.dumps(frozen.json_document(), ensure_ascii=False)
    names = [(row.first_name, row.organisation) for row in frozen.participants]
    assert ("Anna", "Alfa Åkeri AB") in names
    # Afterwards: an organisation renamed and moved to another sector, a meeting cancelled,
    # a partner archived, a person anonymised.
    with db.unit_of_work() as session:
        partners.update_partner(session, ids["alfa"], {"name": "Nya Alfa AB", "sector": "other"})
        meetings.update_meeting(session, ids["M2"], {"status": "cancelled"})
        partners.set_partner_archived(session, ids["univ"], True)
        contacts.update_contact(session, ids["Anna"], {"first_name": "Anonym", "last_name": "X"})
    with db.reading() as session:
        now = period_document(session, Q1)
        again = frozen_reports.get_frozen(session, frozen.mark.id)
    assert now["organisations_by_sector"]["other"] == 1  # the live figures did change
    assert json.dumps(again.json_document(), ensure_ascii=False) == first
    assert [(row.first_name, row.organisation) for row in again.participants] == names
    report = again.report()
    assert report.frozen == frozen.mark
    assert report.period_label == "2026Q1"
    assert {line.key: line.period for line in report.summary}["organisations_reached"] == 5


def test_the_list_and_the_stamp(db: Database) -> None:
    build(db)
    with db.unit_of_work() as session:
        frozen = frozen_reports.freeze(session, Q1)
    with db.reading() as session:
        [row] = frozen_reports.list_frozen(session)
        logged = audit.history(session, frozen_reports.ENTITY, row.id)
    assert (row.id, row.period_from.isoformat(), row.period_to.isoformat()) == (
        frozen.mark.id, "2026-01-01", "2026-03-31",
    )  # fmt: skip
    assert row.frozen_by == "testare" and len(row.checksum) == 64
    assert row.frozen_at == frozen.mark.frozen_at
    assert frozen.json_document()["frozen"]["checksum"] == row.checksum
    assert [entry.action for entry in logged] == ["create"]


def test_an_unknown_or_tampered_frozen_report_is_refused(db: Database) -> None:
    build(db)
    with db.unit_of_work() as session:
        frozen = frozen_reports.freeze(session, Q1)
    with db.reading() as session, pytest.raises(NotFoundError):
        frozen_reports.get_frozen(session, frozen.mark.id + 1)
    with db.unit_of_work() as session:
        session.execute(update(FrozenReport).values(figures="{}"))
    with db.reading() as session, pytest.raises(UserInputError, match=str(frozen.mark.id)):
        frozen_reports.get_frozen(session, frozen.mark.id)


def test_the_program_offers_no_way_to_change_a_frozen_report() -> None:
    public = {name for name in dir(frozen_reports) if not name.startswith("_")}
    assert not {name for name in public if name.startswith(("update", "delete", "remove"))}
