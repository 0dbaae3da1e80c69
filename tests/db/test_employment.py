"""Correcting a person's jobs and groups: edit, delete (refused after a participation), held
changes made over what a form read, and the e-mail address at an employer's domain."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from lkoe_desktop.db.engine import Database
from lkoe_desktop.db.models import Participation
from lkoe_desktop.domain import i18n
from lkoe_desktop.domain.errors import ConflictError, ValidationError
from lkoe_desktop.services import affiliations, audit, contacts, groups, partners, work_email
from lkoe_desktop.services.affiliations import ChangeJob, DeleteJob, EditJob, JobChange
from lkoe_desktop.services.group_places import (
    Amend,
    Join,
    Place,
    PlaceChange,
    apply_places,
    places_of_contact,
)
from lkoe_desktop.services.meetings import create_meeting
from lkoe_desktop.services.participations import register


@pytest.fixture(autouse=True)
def _english() -> None:
    i18n.set_language("en")


def _partner(db: Database, name: str, **values: object) -> int:
    with db.unit_of_work() as session:
        return partners.create_partner(session, {"name": name, **values}).id


def _person(db: Database, organisation_id: int, title: str | None = None) -> int:
    with db.unit_of_work() as session:
        values: dict[str, object] = {"first_name": "Åsa", "last_name": "Öberg"}
        values["email"] = "asa@hamn.se"
        values |= {"organisation_id": organisation_id, "title": title}
        return contacts.create_contact(session, values).id


def _jobs(db: Database, contact_id: int) -> contacts.ContactRecord:
    with db.reading() as session:
        return contacts.get_contact(session, contact_id)


def _edit(job: contacts.AffiliationRow, **values: object) -> EditJob:
    fields = {
        "organisation_id": job.organisation_id,
        "title": job.title,
        "start_date": job.start_date,
        "end_date": job.end_date,
    }
    return EditJob(job.id, None, **(fields | values))  # type: ignore[arg-type]


def test_a_wrong_organisation_and_title_are_corrected_and_logged(db: Database) -> None:
    wrong, right = _partner(db, "Hamnen AB"), _partner(db, "Norrköpings Hamn AB")
    person = _person(db, wrong, "Kranförar")
    job = _jobs(db, person).affiliations[0]
    with db.unit_of_work() as session:
        meeting = create_meeting(
            session, {"title": "Hamndagen", "kind": "seminar", "starts_at": "2026-02-10 09:00"}
        )
        register(session, meeting.id, person)
    with db.unit_of_work() as session:
        record = affiliations.edit_affiliation(
            session, person, job.id, _edit(job, organisation_id=right, title="Kranförare")
        )
        log = audit.history(session, "affiliation", job.id)
        represented = session.scalars(select(Participation.organisation_id)).all()
    assert represented == [wrong]  # what the person represented then stays as it was
    assert record.current is not None
    assert (record.current.organisation, record.current.title) == (
        "Norrköpings Hamn AB",
        "Kranförare",
    )
    assert record.version == 2
    assert log[0].changes == {
        "organisation_id": [wrong, right],
        "title": ["Kranförar", "Kranförare"],
    }
    with db.reading() as session:
        listed = contacts.list_contacts(session)
    assert listed[0].organisation == "Norrköpings Hamn AB"  # the sort keys follow


def test_an_until_date_ends_the_current_job_and_bad_dates_are_refused(db: Database) -> None:
    person = _person(db, _partner(db, "Hamnen AB"))
    job = _jobs(db, person).affiliations[0]
    with db.unit_of_work() as session, pytest.raises(ValidationError) as refused:
        affiliations.edit_affiliation(
            session,
            person,
            job.id,
            _edit(job, start_date=date(2026, 2, 1), end_date=date(2026, 1, 1)),
        )
    assert "end_date" in refused.value.errors
    with db.unit_of_work() as session, pytest.raises(ValidationError) as refused:
        affiliations.edit_affiliation(
            session, person, job.id, _edit(job, end_date=date(2026, 3, 3))
        )
    assert "end_date" in refused.value.errors  # the test clock's today is 2026-03-02
    with db.unit_of_work() as session:
        ended = affiliations.edit_affiliation(
            session, person, job.id, _edit(job, end_date=date(2026, 2, 28))
        )
    assert ended.current is None
    assert ended.affiliations[0].end_date == date(2026, 2, 28)


def test_delete_is_refused_after_a_participation_and_allowed_without_one(db: Database) -> None:
    hamn, liu = _partner(db, "Norrköpings Hamn AB"), _partner(db, "Linköpings universitet")
    person = _person(db, hamn)
    with db.unit_of_work() as session:
        meeting = create_meeting(
            session, {"title": "Hamndagen", "kind": "seminar", "starts_at": "2026-02-10 09:00"}
        )
        register(session, meeting.id, person)
        affiliations.change_job(session, person, liu, start_date=date(2026, 3, 1))
    old, new = _jobs(db, person).affiliations
    with db.unit_of_work() as session, pytest.raises(ValidationError) as refused:
        affiliations.delete_affiliation(session, person, old.id)
    message = refused.value.errors["delete"]
    assert "Norrköpings Hamn AB" in message and "2026-02-10 Hamndagen" in message
    with db.unit_of_work() as session:
        left = affiliations.delete_affiliation(session, person, new.id)
        represented = session.scalars(select(Participation.organisation_id)).all()
    assert [a.id for a in left.affiliations] == [old.id]
    assert left.current is None
    assert represented == [hamn]


def test_a_participation_outside_the_dates_or_for_another_organisation_does_not_count(
    db: Database,
) -> None:
    hamn, liu = _partner(db, "Norrköpings Hamn AB"), _partner(db, "Linköpings universitet")
    person = _person(db, liu)
    with db.unit_of_work() as session:
        meeting = create_meeting(
            session, {"title": "Hamndagen", "kind": "seminar", "starts_at": "2026-01-10 09:00"}
        )
        register(session, meeting.id, person, organisation_id=hamn)
        affiliations.change_job(session, person, hamn, start_date=date(2026, 2, 1))
    current = _jobs(db, person).current
    assert current is not None
    with db.unit_of_work() as session:
        record = affiliations.delete_affiliation(session, person, current.id)
    assert [a.organisation for a in record.affiliations] == ["Linköpings universitet"]


def test_held_changes_are_made_in_order_over_what_was_read(db: Database) -> None:
    hamn, liu = _partner(db, "Norrköpings Hamn AB"), _partner(db, "Linköpings universitet")
    person = _person(db, hamn, "Kranförare")
    base = _jobs(db, person).affiliations
    held: list[JobChange] = [
        ChangeJob(liu, "Forskare", date(2026, 3, 1)),
        EditJob(None, 0, liu, "Doktorand", date(2026, 3, 1), date(2026, 3, 2)),
    ]
    with db.unit_of_work() as session:
        record, opened = affiliations.apply_jobs(session, person, base, held)
    assert [(a.organisation, a.title, a.end_date) for a in record.affiliations] == [
        ("Norrköpings Hamn AB", "Kranförare", date(2026, 2, 28)),
        ("Linköpings universitet", "Doktorand", date(2026, 3, 2)),
    ]
    assert list(opened.values()) == [0]
    with db.unit_of_work() as session, pytest.raises(ConflictError):
        affiliations.apply_jobs(session, person, base, [DeleteJob(base[0].id, None)])


def test_memberships_are_joined_corrected_and_ended_with_history_kept(db: Database) -> None:
    person = _person(db, _partner(db, "Norrköpings Hamn AB"))
    with db.unit_of_work() as session:
        styrgrupp = groups.create_group(session, {"name": "Styrgrupp"}).id
        nyhetsbrev = groups.create_group(session, {"name": "Nyhetsbrev"}).id
        groups.add_member(session, nyhetsbrev, person, since=date(2025, 1, 1))
    base = _places(db, person)
    held: list[PlaceChange] = [
        Join(styrgrupp, "Ledamot", date(2026, 1, 1), None),
        Amend(None, 0, "Ordförande", date(2026, 1, 1), None),
        Amend(base[0].membership_id, None, None, date(2025, 1, 1), date(2026, 2, 28)),
    ]
    with db.unit_of_work() as session:
        places, joined = apply_places(session, person, base, held)
    assert [(p.group, p.role, p.since, p.until) for p in places] == [
        ("Nyhetsbrev", None, date(2025, 1, 1), date(2026, 2, 28)),
        ("Styrgrupp", "Ordförande", date(2026, 1, 1), None),
    ]
    assert list(joined.values()) == [0]
    with db.unit_of_work() as session, pytest.raises(ConflictError):
        apply_places(session, person, base, [])


def _places(db: Database, person: int) -> list[Place]:
    with db.reading() as session:
        return places_of_contact(session, person)


def test_an_address_at_the_employer_and_the_same_at_the_next(db: Database) -> None:
    hamn = _partner(db, "Norrköpings Hamn AB", website="https://www.norrkopingshamn.se/")
    liu = _partner(db, "Linköpings universitet", email="info@liu.se")
    bare = _partner(db, "Ingen domän AB")
    with db.reading() as session:
        assert work_email.is_at(session, "asa@norrkopingshamn.se", hamn)
        assert work_email.is_at(session, "Asa@Mail.NorrkopingsHamn.se", hamn)
        assert not work_email.is_at(session, "asa@gmail.com", hamn)
        assert not work_email.is_at(session, None, hamn)
        assert not work_email.is_at(session, "asa@liu.se", bare)
        assert work_email.address_at(session, "asa.oberg@norrkopingshamn.se", liu) == (
            "asa.oberg@liu.se"
        )
        assert work_email.address_at(session, "asa@norrkopingshamn.se", bare) == ""
