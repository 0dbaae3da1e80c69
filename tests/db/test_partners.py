"""Partners (organisations) through their service: create, edit, archive, list, conflicts, log."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from lkoe_desktop.db.engine import Database
from lkoe_desktop.db.models import ChangeLogEntry, Organisation, Theme
from lkoe_desktop.domain import i18n
from lkoe_desktop.domain.clock import FixedClock
from lkoe_desktop.domain.errors import ConflictError, NotFoundError, ValidationError
from lkoe_desktop.services import affiliations, audit, contacts, partners
from lkoe_desktop.services.partners import PartnerFilter

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _english() -> None:
    i18n.set_language("en")


def _clock(db: Database) -> FixedClock:
    assert isinstance(db.clock, FixedClock)
    return db.clock


def _create(db: Database, **values: object) -> partners.Partner:
    with db.unit_of_work() as session:
        return partners.create_partner(session, {"name": "Östgöta Logistik AB", **values})


def _theme(db: Database, name: str) -> int:
    with db.unit_of_work() as session:
        theme = Theme(name=name, archived=False, sort_key=name.lower(), search_text=name.lower())
        theme.created_at = theme.updated_at = START
        theme.version = 1
        session.add(theme)
        session.flush()
        return theme.id


def _rows(db: Database, model: type[Organisation] | type[ChangeLogEntry]) -> int:
    with db.reading() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_create_cleans_every_field_and_get_returns_it(db: Database) -> None:
    theme = _theme(db, "Bygglogistik")
    created = _create(
        db,
        name="  Östgöta Logistik AB ",
        org_number="5560360793",
        sector="Business",
        size_class="small",
        industry="Tredjepartslogistik",
        municipality="Norrköping",
        postal_street="Box 123",
        postal_code="60183",
        postal_city="Norrköping",
        visiting_code="SE-602 22",
        phone="013-12 34 56",
        email="Info@Ostgota-Logistik.SE",
        website="www.ostgota-logistik.se",
        relationship="member",
        relationship_since="2025-01-01",
        notes="Ny medlem 2025.",
        theme_ids=[theme],
    )
    with db.reading() as session:
        got = partners.get_partner(session, created.id)
    assert got == created
    assert (got.name, got.org_number, got.sector, got.size_class) == (
        "Östgöta Logistik AB",
        "556036-0793",
        "business",
        "small",
    )
    assert (got.postal_code, got.visiting_code) == ("601 83", "602 22")
    assert (got.phone, got.email) == ("+4613123456", "info@ostgota-logistik.se")
    assert got.website == "https://www.ostgota-logistik.se"
    assert (got.relationship, got.relationship_since) == ("member", date(2025, 1, 1))
    assert got.theme_ids == (theme,)
    assert (got.version, got.created_at, got.updated_at, got.archived) == (1, START, START, False)


def test_a_new_partner_without_size_class_is_of_unknown_size(db: Database) -> None:
    assert _create(db).size_class == "unknown"
    assert _create(db, size_class="").size_class == "unknown"


def test_update_saves_changed_fields_bumps_the_version_and_stamps_the_time(db: Database) -> None:
    created = _create(db, municipality="Linköping")
    _clock(db).advance(hours=2)
    with db.unit_of_work() as session:
        updated = partners.update_partner(
            session,
            created.id,
            {"municipality": "Norrköping", "size_class": ""},
            expected_version=1,
        )
    assert (updated.municipality, updated.size_class) == ("0581", "unknown")
    assert updated.version == 2
    assert updated.created_at == START
    assert updated.updated_at == START + timedelta(hours=2)


def test_an_update_that_changes_nothing_keeps_the_version_and_logs_nothing(db: Database) -> None:
    created = _create(db, municipality="Linköping")
    with db.unit_of_work() as session:
        same = partners.update_partner(
            session, created.id, {"municipality": " Linköping "}, expected_version=1
        )
    assert same.version == 1
    with db.reading() as session:
        assert [c.action for c in audit.history(session, "partner", created.id)] == ["create"]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("org_number", "556036-0794", "check digit"),
        ("org_number", "12345", "ten digits"),
        ("email", "info.ostgota-logistik.se", "@"),
        ("email", "info@", "e-mail"),
        ("phone", "12", "phone number"),
        ("phone", "013-abc", "phone number"),
        ("name", "N" * 201, "at most 200 characters"),
        ("name", "   ", "required"),
        ("notes", "x" * 10_001, "at most 10,000 characters"),
        ("postal_code", "1234", "postcode"),
        ("website", "ftp://example.se", "http"),
        ("sector", "okänd", "Unknown value"),
        ("relationship_since", "2026-13-01", ""),
    ],
)
def test_an_invalid_field_is_named_and_nothing_is_written(
    db: Database, field: str, value: str, message: str
) -> None:
    with pytest.raises(ValidationError) as invalid, db.unit_of_work() as session:
        partners.create_partner(session, {"name": "Östgöta Logistik AB", field: value})
    assert list(invalid.value.errors) == [field]
    assert message in invalid.value.errors[field]
    assert _rows(db, Organisation) == 0
    assert _rows(db, ChangeLogEntry) == 0


def test_every_invalid_field_is_named_at_once(db: Database) -> None:
    with pytest.raises(ValidationError) as invalid, db.unit_of_work() as session:
        partners.create_partner(
            session, {"name": "", "org_number": "1", "email": "x", "notes": "n" * 10_001}
        )
    assert set(invalid.value.errors) == {"name", "org_number", "email", "notes"}


def test_a_name_is_required(db: Database) -> None:
    with pytest.raises(ValidationError) as invalid, db.unit_of_work() as session:
        partners.create_partner(session, {"municipality": "Motala"})
    assert list(invalid.value.errors) == ["name"]


def test_the_longest_allowed_name_and_notes_are_kept_whole(db: Database) -> None:
    created = _create(db, name="N" * 200, notes="å" * 10_000)
    assert (len(created.name), len(created.notes or "")) == (200, 10_000)


def test_an_invalid_update_changes_nothing(db: Database) -> None:
    created = _create(db, relationship_since="2025-06-01")
    for values in (
        {"email": "fel", "municipality": "Motala"},
        {"relationship_until": "2025-05-31"},
        {"relationship_since": "2025-06-01", "relationship_until": "2025-01-01"},
    ):
        with pytest.raises(ValidationError), db.unit_of_work() as session:
            partners.update_partner(session, created.id, values)
    with db.reading() as session:
        assert partners.get_partner(session, created.id) == created
        assert len(audit.history(session, "partner", created.id)) == 1


def test_an_unknown_theme_writes_nothing_even_if_the_caller_goes_on(db: Database) -> None:
    with db.unit_of_work() as session:
        with pytest.raises(NotFoundError):
            partners.create_partner(session, {"name": "Spökbolaget", "theme_ids": [404]})
        kept = partners.create_partner(session, {"name": "Riktiga bolaget"})
        with pytest.raises(NotFoundError):
            partners.update_partner(session, kept.id, {"name": "Bytt", "theme_ids": [404]})
    with db.reading() as session:
        assert [row.name for row in partners.list_partners(session)] == ["Riktiga bolaget"]


def test_unknown_ids_and_fields(db: Database) -> None:
    with db.reading() as session, pytest.raises(NotFoundError, match="404"):
        partners.get_partner(session, 404)
    with pytest.raises(NotFoundError), db.unit_of_work() as session:
        partners.update_partner(session, 404, {"name": "X"})
    with pytest.raises(ValueError, match="colour"), db.unit_of_work() as session:
        partners.create_partner(session, {"name": "X", "colour": "#123456"})


def test_a_stale_save_is_refused_and_changes_nothing(db: Database) -> None:
    created = _create(db)
    with db.unit_of_work() as session:
        partners.update_partner(session, created.id, {"industry": "Hamn"}, expected_version=1)
    with pytest.raises(ConflictError), db.unit_of_work() as session:
        partners.update_partner(session, created.id, {"industry": "Åkeri"}, expected_version=1)
    with db.reading() as session:
        now = partners.get_partner(session, created.id)
        assert (now.industry, now.version) == ("Hamn", 2)
        assert len(audit.history(session, "partner", created.id)) == 2


def test_a_save_that_lands_between_reading_and_writing_is_a_conflict(db: Database) -> None:
    created = _create(db)
    with db.unit_of_work() as mine:
        read = mine.get(Organisation, created.id)  # as the service reads it, before it writes
        assert read is not None and read.version == 1
        with db.unit_of_work() as theirs:
            partners.update_partner(theirs, created.id, {"industry": "Hamn"}, expected_version=1)
        with pytest.raises(ConflictError):
            partners.update_partner(mine, created.id, {"industry": "Åkeri"}, expected_version=1)
        mine.rollback()
    with db.reading() as session:
        assert partners.get_partner(session, created.id).industry == "Hamn"


def test_every_change_is_logged_with_user_time_and_old_and_new_values(db: Database) -> None:
    created = _create(db, org_number="556036-0793", municipality="Linköping")
    _clock(db).advance(days=1)
    with db.unit_of_work() as session:
        partners.update_partner(session, created.id, {"municipality": "Motala", "name": "Nytt"})
    _clock(db).advance(days=1)
    with db.unit_of_work() as session:
        partners.set_partner_archived(session, created.id, True)
        partners.set_partner_archived(session, created.id, True)
    with db.unit_of_work() as session:
        partners.set_partner_archived(session, created.id, False)
    with db.reading() as session:
        log = audit.history(session, "partner", created.id)
    assert [(e.action, e.user_name, e.at) for e in log] == [
        ("create", "testare", START),
        ("update", "testare", START + timedelta(days=1)),
        ("archive", "testare", START + timedelta(days=2)),
        ("unarchive", "testare", START + timedelta(days=2)),
    ]
    assert log[0].changes == {
        "name": [None, "Östgöta Logistik AB"],
        "org_number": [None, "556036-0793"],
        "municipality": [None, "0580"],
    }
    assert log[1].changes == {
        "municipality": ["0580", "0583"],
        "name": ["Östgöta Logistik AB", "Nytt"],
    }
    assert log[2].changes == {"archived": [False, True]}


def test_archived_partners_are_left_out_unless_asked_for(db: Database) -> None:
    kept = _create(db, name="Aktiv AB")
    gone = _create(db, name="Arkiverad AB")
    with db.unit_of_work() as session:
        archived = partners.set_partner_archived(session, gone.id, True)
    assert archived.archived and archived.version == 2
    with db.reading() as session:
        assert [r.id for r in partners.list_partners(session)] == [kept.id]
        assert partners.count_partners(session) == 1
        everything = PartnerFilter(include_archived=True)
        assert [r.id for r in partners.list_partners(session, everything)] == [kept.id, gone.id]
        assert partners.count_partners(session, everything) == 2
        assert partners.list_partners(session, PartnerFilter(search="arkiverad")) == []
    with db.unit_of_work() as session:
        partners.set_partner_archived(session, gone.id, False)
    with db.reading() as session:
        assert partners.count_partners(session) == 2


def test_list_filters_pages_and_counts(db: Database) -> None:
    theme = _theme(db, "Hamnlogistik")
    _create(db, name="Hamnen", sector="public", municipality="Norrköping", theme_ids=[theme])
    _create(db, name="Åkeriet", sector="business", municipality="Norrköping", relationship="member")
    _create(db, name="Universitetet", sector="academia", municipality="Linköping")
    _create(db, name="Bolaget", sector="business", size_class="micro", municipality="Motala")
    cases = {
        PartnerFilter(): ["Bolaget", "Hamnen", "Universitetet", "Åkeriet"],
        PartnerFilter(sector="business"): ["Bolaget", "Åkeriet"],
        PartnerFilter(municipality="Norrköping"): ["Hamnen", "Åkeriet"],
        PartnerFilter(size_class="micro"): ["Bolaget"],
        PartnerFilter(relationship="member"): ["Åkeriet"],
        PartnerFilter(theme_id=theme): ["Hamnen"],
        PartnerFilter(search="norrköping", sector="business"): ["Åkeriet"],
    }
    with db.reading() as session:
        for where, names in cases.items():
            assert [r.name for r in partners.list_partners(session, where)] == names, where
            assert partners.count_partners(session, where) == len(names), where
        page = partners.list_partners(session, limit=2, offset=1)
        assert [r.name for r in page] == ["Hamnen", "Universitetet"]


def test_a_failed_unit_of_work_leaves_nothing_behind(db: Database) -> None:
    with pytest.raises(RuntimeError), db.unit_of_work() as session:
        partners.create_partner(session, {"name": "Halvfärdigt AB"})
        raise RuntimeError("the user's action failed half-way")
    assert _rows(db, Organisation) == 0
    assert _rows(db, ChangeLogEntry) == 0


def test_renaming_an_organisation_updates_the_search_text_of_its_people(db: Database) -> None:
    org = _create(db, name="Gamla Namnet AB")
    other = _create(db, name="Annat AB")
    with db.unit_of_work() as session:
        here = contacts.create_contact(
            session, {"first_name": "Åsa", "last_name": "Öberg", "organisation_id": org.id}
        )
        left = contacts.create_contact(
            session, {"first_name": "Bo", "last_name": "Berg", "organisation_id": org.id}
        )
    with db.unit_of_work() as session:
        affiliations.change_job(session, left.id, other.id, start_date=date(2026, 3, 1))
    with db.unit_of_work() as session:
        partners.update_partner(session, org.id, {"name": "Östgöta Hamn AB"})

    def found(query: str) -> list[int]:
        with db.reading() as session:
            where = contacts.ContactFilter(search=query)
            return [row.id for row in contacts.list_contacts(session, where)]

    assert found("östgöta hamn") == [here.id]
    assert found("ÖSTGÖTA") == [here.id]
    assert found("gamla namnet") == []
    assert found("annat ab") == [left.id]


def test_a_rename_does_not_make_the_people_there_conflict(db: Database) -> None:
    org = _create(db, name="Gamla Namnet AB")
    with db.unit_of_work() as session:
        person = contacts.create_contact(
            session, {"first_name": "Åsa", "last_name": "Öberg", "organisation_id": org.id}
        )
    with db.unit_of_work() as session:
        partners.update_partner(session, org.id, {"name": "Nya Namnet AB"})
    with db.unit_of_work() as session:
        saved = contacts.update_contact(
            session, person.id, {"notes": "Öppnad före bytet"}, expected_version=person.version
        )
    assert saved.version == person.version + 1
    assert saved.current is not None and saved.current.organisation == "Nya Namnet AB"
