"""Contacts (people) through their service: create, edit, change job, archive, list, log."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from lkoe_desktop.db.engine import Database
from lkoe_desktop.db.models import Affiliation, ChangeLogEntry, Contact, Theme
from lkoe_desktop.domain import i18n
from lkoe_desktop.domain.clock import FixedClock
from lkoe_desktop.domain.errors import ConflictError, NotFoundError, ValidationError
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.services import affiliations, audit, common, contacts, partners
from lkoe_desktop.services.contacts import ContactFilter

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _english() -> None:
    i18n.set_language("en")


def _partner(db: Database, name: str) -> int:
    with db.unit_of_work() as session:
        return partners.create_partner(session, {"name": name}).id


def _create(db: Database, **values: object) -> contacts.ContactRecord:
    with db.unit_of_work() as session:
        return contacts.create_contact(
            session, {"first_name": "Åsa", "last_name": "Öberg", **values}
        )


def _theme(db: Database, name: str) -> int:
    with db.unit_of_work() as session:
        theme = Theme(name=name, archived=False, sort_key=name.lower(), search_text=name.lower())
        theme.created_at = theme.updated_at = START
        theme.version = 1
        session.add(theme)
        session.flush()
        return theme.id


def _count(db: Database, model: type[Contact] | type[Affiliation] | type[ChangeLogEntry]) -> int:
    with db.reading() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def _get(db: Database, contact_id: int) -> contacts.ContactRecord:
    with db.reading() as session:
        return contacts.get_contact(session, contact_id)


def test_create_with_an_organisation_gives_a_current_affiliation(db: Database) -> None:
    org = _partner(db, "Östgöta Logistik AB")
    theme = _theme(db, "Bygglogistik")
    created = _create(
        db,
        first_name=" Åsa ",
        email="Asa.Oberg@Example.SE",
        phone="013-12 34 56",
        mobile="070-123 45 67",
        gender="woman",
        language="en",
        notes="Kontakt via mässan.",
        organisation_id=org,
        title="Logistikchef",
        theme_ids=[theme],
    )
    assert _get(db, created.id) == created
    assert (created.first_name, created.email) == ("Åsa", "asa.oberg@example.se")
    assert (created.phone, created.mobile) == ("+4613123456", "+46701234567")
    assert (created.gender, created.language, created.theme_ids) == ("woman", "en", (theme,))
    assert (created.version, created.created_at, created.updated_at) == (1, START, START)
    assert created.current is not None
    assert (created.current.organisation_id, created.current.organisation) == (
        org,
        "Östgöta Logistik AB",
    )
    assert (created.current.title, created.current.end_date) == ("Logistikchef", None)
    with db.reading() as session:
        [row] = contacts.list_contacts(session)
    assert (row.organisation, row.organisation_id, row.title) == (
        "Östgöta Logistik AB",
        org,
        "Logistikchef",
    )


def test_create_without_an_organisation(db: Database) -> None:
    created = _create(db)
    assert (created.affiliations, created.current, created.language) == ((), None, "sv")
    with db.reading() as session:
        [row] = contacts.list_contacts(session)
    assert (row.organisation, row.organisation_id, row.title) == (None, None, None)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("first_name", "", "required"),
        ("last_name", "  ", "required"),
        ("last_name", "Ö" * 201, "at most 200 characters"),
        ("email", "asa.oberg.example.se", "@"),
        ("email", "asa@@example.se", "@"),
        ("phone", "08", "phone number"),
        ("mobile", "+46 70 abc", "phone number"),
        ("gender", "kvinnlig", "Unknown value"),
        ("language", "de", "Unknown value"),
        ("notes", "x" * 10_001, "at most 10,000 characters"),
        ("title", "T" * 201, "at most 200 characters"),
    ],
)
def test_an_invalid_field_is_named_and_nothing_is_written(
    db: Database, field: str, value: str, message: str
) -> None:
    org = _partner(db, "Östgöta Logistik AB")
    values = {"first_name": "Åsa", "last_name": "Öberg", "organisation_id": org, field: value}
    with pytest.raises(ValidationError) as invalid, db.unit_of_work() as session:
        contacts.create_contact(session, values)
    assert list(invalid.value.errors) == [field]
    assert message in invalid.value.errors[field]
    assert (_count(db, Contact), _count(db, Affiliation)) == (0, 0)
    assert _count(db, ChangeLogEntry) == 1  # the partner's


def test_both_names_are_required(db: Database) -> None:
    with pytest.raises(ValidationError) as invalid, db.unit_of_work() as session:
        contacts.create_contact(session, {"email": "asa@example.se"})
    assert set(invalid.value.errors) == {"first_name", "last_name"}


@pytest.mark.parametrize(
    "values",
    [{"organisation_id": 404}, {"theme_ids": [404]}, {"organisation_id": None, "theme_ids": [7]}],
)
def test_an_unknown_reference_writes_nothing_even_if_the_caller_goes_on(
    db: Database, values: dict[str, object]
) -> None:
    with db.unit_of_work() as session:
        with pytest.raises(NotFoundError):
            contacts.create_contact(session, {"first_name": "Spöke", "last_name": "X", **values})
        contacts.create_contact(session, {"first_name": "Bo", "last_name": "Berg"})
    with db.reading() as session:
        assert [row.first_name for row in contacts.list_contacts(session)] == ["Bo"]


def test_an_e_mail_address_belongs_to_one_contact_whatever_its_case(db: Database) -> None:
    first = _create(db, email="asa@example.se")
    with pytest.raises(ValidationError) as taken, db.unit_of_work() as session:
        contacts.create_contact(
            session, {"first_name": "Åsa", "last_name": "Annan", "email": "ASA@Example.se"}
        )
    assert list(taken.value.errors) == ["email"]
    assert taken.value.errors["email"] == _("The e-mail address is already used by {name}.").format(
        name="Åsa Öberg"
    )  # the name the user knows; the window never shows ids
    other = _create(db, first_name="Bo", email=None)
    _create(db, first_name="Cecilia", email="")
    with pytest.raises(ValidationError) as again, db.unit_of_work() as session:
        contacts.update_contact(session, other.id, {"email": "Asa@example.SE"})
    assert list(again.value.errors) == ["email"]
    with db.unit_of_work() as session:
        same = contacts.update_contact(session, first.id, {"email": "ASA@EXAMPLE.SE"})
    assert (same.email, same.version) == ("asa@example.se", 1)
    assert _count(db, Contact) == 3


def test_update_saves_changed_fields_and_logs_old_and_new_values(db: Database) -> None:
    theme = _theme(db, "E-handel")
    created = _create(db, phone="013-12 34 56")
    assert isinstance(db.clock, FixedClock)
    db.clock.advance(minutes=30)
    with db.unit_of_work() as session:
        updated = contacts.update_contact(
            session,
            created.id,
            {"last_name": "Öberg-Lind", "phone": None, "theme_ids": [theme]},
            expected_version=1,
        )
    assert (updated.last_name, updated.phone, updated.theme_ids) == ("Öberg-Lind", None, (theme,))
    assert (updated.version, updated.updated_at) == (2, START + timedelta(minutes=30))
    with db.reading() as session:
        log = audit.history(session, "contact", created.id)
    assert [(e.action, e.user_name, e.at) for e in log] == [
        ("create", "testare", START),
        ("update", "testare", START + timedelta(minutes=30)),
    ]
    assert log[0].changes == {
        "first_name": [None, "Åsa"],
        "last_name": [None, "Öberg"],
        "phone": [None, "+4613123456"],
    }
    assert log[1].changes == {
        "last_name": ["Öberg", "Öberg-Lind"],
        "phone": ["+4613123456", None],
        "theme_ids": [[], [theme]],
    }


def test_a_stale_save_is_refused_and_changes_nothing(db: Database) -> None:
    created = _create(db)
    with db.unit_of_work() as session:
        contacts.update_contact(session, created.id, {"notes": "Först"}, expected_version=1)
    for stale in (
        lambda session: contacts.update_contact(
            session, created.id, {"notes": "Sen"}, expected_version=1
        ),
        lambda session: affiliations.change_job(
            session, created.id, _partner(db, "Nytt AB"), expected_version=1
        ),
        lambda session: affiliations.end_affiliation(session, created.id, expected_version=1),
    ):
        with pytest.raises(ConflictError), db.unit_of_work() as session:
            stale(session)
    now = _get(db, created.id)
    assert (now.notes, now.version, now.affiliations) == ("Först", 2, ())


def test_change_job_closes_the_current_affiliation_and_opens_a_new_one(db: Database) -> None:
    old_org, new_org = _partner(db, "Hamnbolaget"), _partner(db, "Östgöta Logistik AB")
    created = _create(db, organisation_id=old_org, title="Hamnchef")
    with db.unit_of_work() as session:
        moved = affiliations.change_job(
            session, created.id, new_org, title="Logistikchef", expected_version=1
        )
    today = date(2026, 3, 2)
    assert moved.version == 2
    assert [
        (a.organisation, a.title, a.start_date, a.end_date, a.is_current)
        for a in moved.affiliations
    ] == [
        ("Hamnbolaget", "Hamnchef", None, today - timedelta(days=1), False),
        ("Östgöta Logistik AB", "Logistikchef", today, None, True),
    ]
    assert _get(db, created.id) == moved
    with db.reading() as session:
        [row] = contacts.list_contacts(session)
        assert (row.organisation, row.title) == ("Östgöta Logistik AB", "Logistikchef")
        assert contacts.count_contacts(session, ContactFilter(search="östgöta")) == 1
        assert contacts.count_contacts(session, ContactFilter(search="hamnbolaget")) == 0
        assert contacts.count_contacts(session, ContactFilter(organisation_id=new_org)) == 1
        assert contacts.count_contacts(session, ContactFilter(organisation_id=old_org)) == 0
        [entry] = [e for e in audit.history(session, "contact", created.id) if e.action != "create"]
    assert (entry.action, entry.user_name, entry.at) == ("change_job", "testare", START)
    assert entry.changes == {
        "organisation_id": [old_org, new_org],
        "title": ["Hamnchef", "Logistikchef"],
    }


def test_change_job_keeps_the_whole_history(db: Database) -> None:
    orgs = [_partner(db, name) for name in ("Ett AB", "Två AB", "Tre AB")]
    created = _create(db)
    with db.unit_of_work() as session:
        starts = (date(2020, 1, 1), date(2023, 5, 1), date(2026, 1, 1))
        for org, start in zip(orgs, starts, strict=True):
            record = affiliations.change_job(session, created.id, org, start_date=start)
    periods = [(a.organisation, a.start_date, a.end_date) for a in record.affiliations]
    assert periods == [
        ("Ett AB", date(2020, 1, 1), date(2023, 4, 30)),
        ("Två AB", date(2023, 5, 1), date(2025, 12, 31)),
        ("Tre AB", date(2026, 1, 1), None),
    ]


def test_change_job_refuses_what_it_cannot_do_and_changes_nothing(db: Database) -> None:
    org = _partner(db, "Hamnbolaget")
    created = _create(db)
    with db.unit_of_work() as session:
        placed = affiliations.change_job(session, created.id, org, start_date=date(2026, 1, 1))
    with db.unit_of_work() as session:
        with pytest.raises(ValidationError) as early:
            affiliations.change_job(session, created.id, org, start_date=date(2026, 1, 1))
        assert list(early.value.errors) == ["start_date"]
        with pytest.raises(NotFoundError):
            affiliations.change_job(session, created.id, 404)
        with pytest.raises(ValidationError) as long_title:
            affiliations.change_job(session, created.id, org, title="T" * 201)
        assert list(long_title.value.errors) == ["title"]
        with pytest.raises(NotFoundError):
            affiliations.change_job(session, 404, org)
    assert _get(db, created.id) == placed


def test_end_affiliation_leaves_the_person_without_a_current_organisation(db: Database) -> None:
    org = _partner(db, "Hamnbolaget")
    created = _create(db)
    with db.unit_of_work() as session:
        affiliations.change_job(session, created.id, org, start_date=date(2026, 2, 1))
    with pytest.raises(ValidationError), db.unit_of_work() as session:
        affiliations.end_affiliation(session, created.id, date(2026, 1, 31))
    assert _get(db, created.id).current is not None
    with db.unit_of_work() as session:
        ended = affiliations.end_affiliation(session, created.id)
        again = affiliations.end_affiliation(session, created.id)
    assert ended == again
    assert ended.current is None
    assert [(a.end_date, a.is_current) for a in ended.affiliations] == [(date(2026, 3, 2), False)]
    with db.reading() as session:
        [row] = contacts.list_contacts(session)
    assert row.organisation is None


def test_archived_contacts_are_left_out_unless_asked_for(db: Database) -> None:
    kept, gone = _create(db, first_name="Kvar"), _create(db, first_name="Borta")
    with db.unit_of_work() as session:
        archived = contacts.set_contact_archived(session, gone.id, True)
    assert (archived.archived, archived.version) == (True, 2)
    with db.reading() as session:
        assert [r.id for r in contacts.list_contacts(session)] == [kept.id]
        assert contacts.count_contacts(session) == 1
        everything = ContactFilter(include_archived=True)
        assert [r.id for r in contacts.list_contacts(session, everything)] == [gone.id, kept.id]
        assert contacts.count_contacts(session, everything) == 2
        assert contacts.list_contacts(session, ContactFilter(search="borta")) == []
    with db.unit_of_work() as session:
        contacts.set_contact_archived(session, gone.id, False)
    with db.reading() as session:
        assert contacts.count_contacts(session) == 2
        actions = [e.action for e in audit.history(session, "contact", gone.id)]
    assert actions == ["create", "archive", "unarchive"]


def test_list_filters_by_theme_and_pages(db: Database) -> None:
    theme = _theme(db, "Vårdens logistik")
    for first in ("Anna", "Bo", "Cecilia", "David"):
        _create(db, first_name=first, last_name="Ek", theme_ids=[theme] if first < "C" else [])
    with db.reading() as session:
        by_theme = ContactFilter(theme_id=theme)
        assert [r.first_name for r in contacts.list_contacts(session, by_theme)] == ["Anna", "Bo"]
        assert contacts.count_contacts(session, by_theme) == 2
        page = contacts.list_contacts(session, limit=2, offset=1)
        assert [r.first_name for r in page] == ["Bo", "Cecilia"]


def test_a_failed_unit_of_work_leaves_nothing_behind(db: Database) -> None:
    org = _partner(db, "Östgöta Logistik AB")
    with pytest.raises(RuntimeError), db.unit_of_work() as session:
        contacts.create_contact(
            session, {"first_name": "Åsa", "last_name": "Öberg", "organisation_id": org}
        )
        raise RuntimeError("the user's action failed half-way")
    assert (_count(db, Contact), _count(db, Affiliation), _count(db, ChangeLogEntry)) == (0, 0, 1)


def test_unknown_ids_and_fields(db: Database) -> None:
    with db.reading() as session, pytest.raises(NotFoundError, match="404"):
        contacts.get_contact(session, 404)
    with pytest.raises(NotFoundError), db.unit_of_work() as session:
        contacts.update_contact(session, 404, {"notes": "x"})
    with pytest.raises(ValueError, match="nickname"), db.unit_of_work() as session:
        contacts.create_contact(session, {"first_name": "A", "last_name": "B", "nickname": "C"})


def test_the_ids_of_a_list_come_in_its_order_and_stop_when_no_longer_wanted(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    with db.unit_of_work() as session:
        made = [
            contacts.create_contact(session, {"first_name": "Kim", "last_name": last}).id
            for last in ("Öberg", "Berg", "Åberg", "Ek", "Al")
        ]
    in_order = [made[4], made[1], made[3], made[2], made[0]]  # Al, Berg, Ek, Åberg, Öberg
    monkeypatch.setattr(common, "IDS_PER_CHUNK", 2)
    asked: list[int] = []
    with db.reading() as session:
        session.info[common.SUPERSEDED] = lambda: asked.append(1) and False
        assert contacts.contact_ids(session, ContactFilter()) == in_order
        assert len(asked) == 3  # after each chunk of two rows
    asked.clear()
    with db.reading() as session:
        session.info[common.SUPERSEDED] = lambda: asked.append(1) or len(asked) == 2
        with pytest.raises(common.Superseded):
            contacts.contact_ids(session, ContactFilter())
        assert len(asked) == 2  # the last chunk was never read
