"""The small demo: realistic, valid, deterministic data, written in one transaction."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from lkoe_desktop.db.engine import Database
from lkoe_desktop.db.migrate import open_database
from lkoe_desktop.db.models import (
    Affiliation,
    ChangeLogEntry,
    Consent,
    Contact,
    Group,
    GroupMembership,
    Meeting,
    Organisation,
    Participation,
    Theme,
)
from lkoe_desktop.demo.load import DemoSummary, load_demo
from lkoe_desktop.demo.people import CUTOFF
from lkoe_desktop.domain import validation
from lkoe_desktop.domain.clock import STOCKHOLM, FixedClock
from lkoe_desktop.domain.codes import Sector, SizeClass, codes
from lkoe_desktop.domain.errors import UserInputError
from lkoe_desktop.domain.municipalities import MUNICIPALITIES, in_county
from lkoe_desktop.services import contacts, office_settings, partners
from lkoe_desktop.services.contacts import ContactFilter

PARTNERS = ("Norrköpings kommun", "Linköpings kommun", "Norrköpings Hamn AB")
PARTNERS += ("Linköpings universitet", "Region Östergötland")
OFFICE_TITLES = {"Projektledare", "Projektkoordinator", "Kommunikatör"}
SNAPSHOT: dict[type, tuple[str, ...]] = {
    Organisation: ("name", "org_number", "phone", "sort_key", "search_text"),
    Contact: ("first_name", "last_name", "email", "mobile", "sort_key", "search_text"),
    Affiliation: ("contact_id", "organisation_id", "title", "start_date", "end_date"),
    Meeting: ("title", "starts_at", "status", "place", "search_text"),
    Participation: ("meeting_id", "contact_id", "organisation_id", "status", "role"),
    Consent: ("contact_id", "purpose", "basis", "granted", "decided_on"),
    GroupMembership: ("group_id", "contact_id", "role", "since", "until"),
}


@pytest.fixture
def demo(db: Database) -> Iterator[Database]:
    load_demo(db)
    yield db


@pytest.fixture
def other_sqlite(tmp_path: Path, sqlite_template: Path) -> Iterator[Database]:
    path = tmp_path / "other.sqlite3"
    shutil.copy(sqlite_template, path)
    clock = FixedClock(datetime(2027, 1, 1, tzinfo=UTC))
    database = open_database(f"sqlite:///{path}", clock=clock, user="någon annan")
    yield database
    database.dispose()


def _count(session: Session, model: type) -> int:
    return int(session.scalar(select(func.count()).select_from(model)) or 0)


def _snapshot(database: Database) -> dict[str, list[tuple[object, ...]]]:
    """What must not change from one run to the next (everything but created/updated times)."""
    with database.reading() as session:
        return {
            model.__tablename__: list(
                session.execute(
                    select(model.id, *(getattr(model, name) for name in names)).order_by(model.id)
                ).all()
            )
            for model, names in SNAPSHOT.items()
        }


def test_the_small_demo_has_the_promised_size(db: Database) -> None:
    summary = load_demo(db)
    with db.reading() as session:
        found = DemoSummary(
            organisations=_count(session, Organisation),
            contacts=_count(session, Contact),
            themes=_count(session, Theme),
            meetings=_count(session, Meeting),
            participations=_count(session, Participation),
            groups=_count(session, Group),
        )
        archived_orgs = session.scalar(select(func.count()).where(Organisation.archived))
        archived_people = session.scalar(select(func.count()).where(Contact.archived))
        demo_log = session.scalars(select(ChangeLogEntry.entity)).all()
        settings = office_settings.load(session)
        office = session.get(Organisation, settings.own_partner_id)
        office_name = office.name if office else None
    assert found == summary
    assert summary.partners == summary.organisations
    assert 110 <= summary.organisations <= 130
    assert 550 <= summary.contacts <= 650
    assert summary.themes == 6
    assert 35 <= summary.meetings <= 55
    assert 600 <= summary.participations <= 1500
    assert summary.groups >= 3
    assert archived_orgs == 3
    assert archived_people == 10
    assert sorted(demo_log) == ["demo", "setting"]
    assert office_name == "Logistikkluster Östergötland"
    assert settings.project_start == "2025-02-01"


def test_two_fresh_databases_get_the_same_data(db: Database, other_sqlite: Database) -> None:
    load_demo(db)
    load_demo(other_sqlite)
    assert _snapshot(db) == _snapshot(other_sqlite)


def test_a_database_that_holds_data_is_refused_and_left_alone(db: Database) -> None:
    with db.unit_of_work() as session:
        partners.create_partner(session, {"name": "Östgöta Åkeri AB"})
    with pytest.raises(UserInputError):
        load_demo(db)
    with db.reading() as session:
        assert _count(session, Organisation) == 1
        assert _count(session, Contact) == 0
        assert session.scalars(select(ChangeLogEntry.entity)).all() == ["partner"]


def test_an_unknown_size_is_refused(db: Database) -> None:
    with pytest.raises(UserInputError, match="medium"):
        load_demo(db, "medium")


def test_a_failure_halfway_writes_nothing(db: Database) -> None:
    def fail(done: int, total: int) -> None:
        if done > 1000:
            raise RuntimeError("avbruten")

    with pytest.raises(RuntimeError):
        load_demo(db, progress=fail)
    with db.reading() as session:
        assert _count(session, Organisation) == 0
        assert _count(session, Contact) == 0
        assert _count(session, ChangeLogEntry) == 0
    load_demo(db)
    with db.reading() as session:
        assert contacts.list_contacts(session, ContactFilter(search="östergötland"))


def test_progress_is_reported_up_to_the_total(db: Database) -> None:
    calls: list[tuple[int, int]] = []
    load_demo(db, progress=lambda done, total: calls.append((done, total)))
    assert len(calls) > 5
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)
    assert calls[-1][0] == calls[-1][1]


def test_every_number_and_address_is_valid(demo: Database) -> None:
    with demo.reading() as session:
        organisations = session.execute(
            select(
                Organisation.org_number,
                Organisation.phone,
                Organisation.email,
                Organisation.postal_code,
                Organisation.visiting_code,
                Organisation.website,
            )
        ).all()
        people = session.execute(select(Contact.email, Contact.phone, Contact.mobile)).all()
    for number, phone, email, postal, visiting, website in organisations:
        assert validation.org_number(number) == number
        assert validation.phone(phone) == phone
        assert validation.email(email) == email
        assert validation.postcode(postal) == postal
        assert validation.postcode(visiting) == visiting
        assert validation.website(website) == website
    emails = [email for email, _, _ in people if email]
    assert len(emails) > 0.9 * len(people)
    assert len(set(emails)) == len(emails)
    for email in emails:
        assert validation.email(email) == email
    phones = [number for _, phone, mobile in people for number in (phone, mobile) if number]
    for number in phones:
        assert validation.phone(number) == number
    assert any(number.startswith("+4611") for number in phones)
    assert any(number.startswith("+4613") for number in phones)
    assert {number[:5] for number in phones if number.startswith("+467")} == {
        "+4670",
        "+4672",
        "+4673",
        "+4676",
    }


def test_partners_municipalities_sectors_and_sizes_are_all_there(demo: Database) -> None:
    with demo.reading() as session:
        rows = session.execute(
            select(
                Organisation.name,
                Organisation.org_number,
                Organisation.sector,
                Organisation.size_class,
                Organisation.municipality,
                Organisation.relationship,
            )
        ).all()
    by_name = {row.name: row for row in rows}
    for name in PARTNERS:
        assert name in by_name
    assert by_name["Region Östergötland"].relationship == "funder"
    assert by_name["Norrköpings Hamn AB"].relationship == "project_partner"
    places = {row.municipality for row in rows}
    ostergotland = {code for code, _name in MUNICIPALITIES if in_county(code)}
    assert len(ostergotland) == 13 and ostergotland <= places
    assert places - ostergotland
    assert {row.sector for row in rows} == set(codes(Sector))
    assert {row.size_class for row in rows} == set(codes(SizeClass))
    university = by_name["Linköpings universitet"].org_number
    departments = [row for row in rows if row.org_number == university]
    assert len(departments) >= 2
    assert all(row.name.startswith("Linköpings universitet") for row in departments)
    office = by_name["Logistikkluster Östergötland"]
    assert office.org_number == by_name["Norrköpings kommun"].org_number


def test_names_use_swedish_and_other_alphabets(demo: Database) -> None:
    with demo.reading() as session:
        names = {
            f"{first} {last}"
            for first, last in session.execute(select(Contact.first_name, Contact.last_name))
        }
    for name in (
        "Łukasz Wójcik",
        "Thị Hoa Nguyễn",
        "Ægir Øster",
        "Σοφία Παπαδοπούλου",
        "Иван Петров",
        "Zoë Müller",
        "José Núñez",
    ):
        assert name in names
    for letter in "ÅÄÖåäö":
        assert any(letter in name for name in names)


def test_searches_find_swedish_and_foreign_letters(demo: Database) -> None:
    with demo.reading() as session:
        found = contacts.list_contacts(session, ContactFilter(search="öst"))
        assert len(found) > 10
        assert any((row.organisation or "").startswith("Region Östergötland") for row in found)
        by_text = session.scalar(
            select(func.count()).where(Contact.search_text.like("%öst%"), ~Contact.archived)
        )
        assert contacts.count_contacts(session, ContactFilter(search="öst")) == by_text
        assert contacts.list_contacts(session, ContactFilter(search="łuk"))
        assert contacts.list_contacts(session, ContactFilter(search="σοφ"))
        hamn = partners.list_partners(session, partners.PartnerFilter(search="hamn"))
        assert "Norrköpings Hamn AB" in {row.name for row in hamn}


def test_new_records_after_the_demo_get_fresh_ids_and_are_found(db: Database) -> None:
    summary = load_demo(db)
    with db.unit_of_work() as session:
        partner = partners.create_partner(session, {"name": "Zeta Zebra Logistik AB"})
        person = contacts.create_contact(
            session,
            {"first_name": "Zäta", "last_name": "Zebrasson", "organisation_id": partner.id},
        )
    assert partner.id == summary.organisations + 1
    assert person.id == summary.contacts + 1
    with db.reading() as session:
        assert [
            row.id for row in contacts.list_contacts(session, ContactFilter(search="zebrass"))
        ] == [person.id]


def test_job_changes_keep_the_old_organisation_at_past_meetings(demo: Database) -> None:
    with demo.reading() as session:
        ended = session.execute(
            select(Affiliation.contact_id, Affiliation.organisation_id, Affiliation.end_date).where(
                ~Affiliation.is_current
            )
        ).all()
        current = dict(
            session.execute(
                select(Affiliation.contact_id, Affiliation.start_date).where(Affiliation.is_current)
            ).all()
        )
        people = _count(session, Contact)
        assert (
            session.scalar(
                select(func.count()).select_from(Affiliation).where(Affiliation.is_current)
            )
            == people
        )
        moved = session.execute(
            select(Participation.contact_id, Participation.organisation_id, Meeting.starts_at)
            .join(
                Affiliation,
                (Affiliation.contact_id == Participation.contact_id) & Affiliation.is_current,
            )
            .join(Meeting, Meeting.id == Participation.meeting_id)
            .where(Participation.organisation_id != Affiliation.organisation_id)
        ).all()
    assert 0.03 * people <= len(ended) <= 0.08 * people
    for contact_id, _org, end_date in ended:
        assert current[contact_id] == end_date + timedelta(days=1)
    assert moved
    earlier_jobs = {(contact_id, org) for contact_id, org, _ in ended}
    cutoff = datetime.combine(CUTOFF, time(), STOCKHOLM)
    for contact_id, org, starts_at in moved:
        assert (contact_id, org) in earlier_jobs
        assert starts_at < cutoff
        assert starts_at.astimezone(STOCKHOLM).date() < current[contact_id]


def test_meetings_statuses_roles_and_times(demo: Database) -> None:
    cutoff = datetime.combine(CUTOFF, time(), STOCKHOLM)
    with demo.reading() as session:
        meetings = session.execute(
            select(Meeting.id, Meeting.kind, Meeting.starts_at, Meeting.ends_at, Meeting.status)
        ).all()
        rows = session.execute(
            select(
                Participation.meeting_id,
                Participation.status,
                Participation.role,
                Participation.dietary_needs,
                Affiliation.title,
            ).join(
                Affiliation,
                (Affiliation.contact_id == Participation.contact_id) & Affiliation.is_current,
            )
        ).all()
    past = {m.id for m in meetings if m.starts_at < cutoff}
    # One of each mistake per quarter held, for the funder's report to warn about.
    quarters = {(m.starts_at.year, (m.starts_at.month - 1) // 3) for m in meetings if m.id in past}
    endless = [m for m in meetings if m.ends_at is None]
    still_open = [m for m in meetings if m.id in past and m.status in ("planned", "open")]
    assert 0 < len(endless) <= len(quarters)
    assert 0 < len(still_open) <= len(quarters)
    assert all(m.id in past for m in endless)
    for meeting in meetings:
        start = meeting.starts_at.astimezone(STOCKHOLM)
        end = (meeting.ends_at or meeting.starts_at).astimezone(STOCKHOLM)
        assert time(8, 30) <= start.time() and end.time() <= time(16, 0)
        assert start.date() == end.date()
        expected = {"held", "cancelled"} if meeting.id in past else {"planned", "open", "cancelled"}
        assert meeting.status in expected or meeting in still_open
    assert 1 <= sum(m.status == "cancelled" for m in meetings) <= 3
    for year in (2025, 2026):
        steering = [m for m in meetings if m.kind == "steering_group" and m.starts_at.year == year]
        assert 9 <= len(steering) <= 11
    statuses = {"past": set(), "future": set()}
    organised = set()
    for meeting_id, status, role, diet, title in rows:
        statuses["past" if meeting_id in past else "future"].add(status)
        if role == "organiser":
            organised.add(meeting_id)
            assert title in OFFICE_TITLES
        if diet is not None:
            assert meeting_id not in past
    assert statuses["past"] == {"attended", "no_show", "cancelled"}
    assert statuses["future"] == {"invited", "registered", "cancelled"}
    assert len(organised) > 0.75 * len(meetings)
    assert any(diet for _, _, _, diet, _ in rows)


def test_groups_consents_and_legal_bases(demo: Database) -> None:
    with demo.reading() as session:
        groups = dict(session.execute(select(Group.name, Group.id)).all())
        members = session.execute(
            select(
                GroupMembership.group_id,
                GroupMembership.role,
                GroupMembership.until,
                Organisation.name,
            )
            .join(
                Affiliation,
                (Affiliation.contact_id == GroupMembership.contact_id) & Affiliation.is_current,
            )
            .join(Organisation, Organisation.id == Affiliation.organisation_id)
        ).all()
        consents = session.execute(
            select(
                Consent.contact_id,
                Consent.purpose,
                Consent.basis,
                Consent.granted,
                Consent.decided_on,
            ).order_by(Consent.id)
        ).all()
    assert {"Styrgrupp", "Nyhetsbrev"} <= set(groups)
    steering = [m for m in members if m.group_id == groups["Styrgrupp"] and m.until is None]
    assert {m.role for m in steering} >= {"Ordförande", "Ledamot", "Adjungerad"}
    represented = {m.name for m in steering}
    for name in (
        "Norrköpings kommun",
        "Linköpings kommun",
        "Norrköpings Hamn AB",
        "Linköpings universitet",
        "Region Östergötland",
    ):
        assert any(org.startswith(name) for org in represented)
    readers = [m for m in members if m.group_id == groups["Nyhetsbrev"]]
    assert len(readers) > 100
    bases = {basis for _, _, basis, _, _ in consents}
    assert {"legitimate_interest", "consent", "contract"} <= bases
    granted = {(c.contact_id, c.purpose): c.decided_on for c in consents if c.granted}
    withdrawn = [c for c in consents if not c.granted]
    assert withdrawn
    for consent in withdrawn:
        assert consent.basis == "consent"
        assert granted[(consent.contact_id, consent.purpose)] < consent.decided_on


def test_sqlite_search_index_still_follows_changes(sqlite_db: Database) -> None:
    load_demo(sqlite_db)
    with sqlite_db.unit_of_work() as session:
        query = text("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        triggers = set(session.scalars(query))
        for table in ("contacts", "organisations"):
            for event in ("insert", "update", "delete"):
                assert f"fts_{table}_{event}" in triggers
        person = contacts.create_contact(session, {"first_name": "Örjan", "last_name": "Zyxelsson"})
        contacts.update_contact(session, person.id, {"last_name": "Zyxelberg"})
    with sqlite_db.reading() as session:
        assert [
            row.id for row in contacts.list_contacts(session, ContactFilter(search="zyxelb"))
        ] == [person.id]
        assert not contacts.list_contacts(session, ContactFilter(search="zyxels"))
