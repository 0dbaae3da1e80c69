"""Themes: create, edit, archive, unique names, Swedish order, search and the change log."""

from __future__ import annotations

from datetime import date

import pytest

from lkoe_desktop.db.engine import Database
from lkoe_desktop.db.models import Theme
from lkoe_desktop.domain.errors import ConflictError, NotFoundError, ValidationError
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.services import audit, contacts
from lkoe_desktop.services.themes import (
    ENTITY,
    ThemeFilter,
    count_themes,
    create_theme,
    get_theme,
    list_themes,
    set_theme_archived,
    update_theme,
)


def _person(db: Database, first: str, last: str) -> int:
    with db.unit_of_work() as session:
        return contacts.create_contact(session, {"first_name": first, "last_name": last}).id


def _theme(db: Database, name: str, **values: object) -> int:
    with db.unit_of_work() as session:
        return create_theme(session, {"name": name, **values}).id


def _names(db: Database, where: ThemeFilter | None = None) -> list[str]:
    with db.reading() as session:
        return [row.name for row in list_themes(session, where)]


def test_create_cleans_values_and_names_the_responsible_person(db: Database) -> None:
    anna = _person(db, "Anna", "Ödman")
    with db.unit_of_work() as session:
        theme = create_theme(
            session,
            {
                "name": "  Bygglogistik ",
                "description": "Transporter till byggarbetsplatser",
                "colour": "1f6fb2",
                "responsible_id": str(anna),
                "active_from": "2026-01-01",
                "active_until": date(2027, 12, 31),
            },
        )
    assert theme.name == "Bygglogistik"
    assert theme.colour == "#1F6FB2"
    assert theme.responsible_id == anna
    assert theme.responsible == "Anna Ödman"
    assert (theme.active_from, theme.active_until) == (date(2026, 1, 1), date(2027, 12, 31))
    assert theme.version == 1
    assert theme.created_at == theme.updated_at == db.clock.now()
    assert not theme.archived
    with db.reading() as session:
        assert get_theme(session, theme.id) == theme
        [row] = list_themes(session)
        assert (row.responsible_id, row.responsible) == (anna, "Anna Ödman")
        [entry] = audit.history(session, ENTITY, theme.id)
    assert entry.action == audit.CREATE
    assert entry.user_name == "testare"
    assert entry.changes["colour"] == [None, "#1F6FB2"]


def test_invalid_values_are_named_field_by_field(db: Database) -> None:
    with pytest.raises(ValidationError) as caught, db.unit_of_work() as session:
        create_theme(
            session,
            {
                "name": "x" * 201,
                "colour": "blå",
                "responsible_id": "anna",
                "active_from": "2026-13-01",
            },
        )
    assert set(caught.value.errors) == {"name", "colour", "responsible_id", "active_from"}
    with pytest.raises(ValidationError) as caught, db.unit_of_work() as session:
        create_theme(session, {"description": "utan namn"})
    assert set(caught.value.errors) == {"name"}
    with db.reading() as session:
        assert count_themes(session, ThemeFilter(include_archived=True)) == 0


def test_the_responsible_person_must_exist(db: Database) -> None:
    with pytest.raises(ValidationError) as caught, db.unit_of_work() as session:
        create_theme(session, {"name": "E-handel", "responsible_id": 404})
    assert caught.value.errors["responsible_id"] == _(
        "The contact no longer exists (someone else may have deleted it)."
    )


def test_a_save_that_lands_between_reading_and_writing_is_a_conflict(db: Database) -> None:
    theme_id = _theme(db, "E-handel")
    with db.unit_of_work() as mine:
        read = mine.get(Theme, theme_id)  # as the service reads it, before it writes
        assert read is not None and read.version == 1
        with db.unit_of_work() as theirs:
            update_theme(theirs, theme_id, {"colour": "#112233"}, expected_version=1)
        with pytest.raises(ConflictError):
            update_theme(mine, theme_id, {"colour": "#445566"}, expected_version=1)
        mine.rollback()
    with db.reading() as session:
        assert get_theme(session, theme_id).colour == "#112233"


def test_the_active_period_cannot_end_before_it_starts(db: Database) -> None:
    with pytest.raises(ValidationError) as caught, db.unit_of_work() as session:
        create_theme(
            session,
            {"name": "E-handel", "active_from": "2026-06-01", "active_until": "2026-05-31"},
        )
    assert set(caught.value.errors) == {"active_until"}
    theme_id = _theme(db, "E-handel", active_from="2026-06-01")
    with pytest.raises(ValidationError) as caught, db.unit_of_work() as session:
        update_theme(session, theme_id, {"active_until": "2026-01-01"})
    assert set(caught.value.errors) == {"active_until"}


def test_names_are_unique_whatever_the_case(db: Database) -> None:
    first = _theme(db, "Vårdens logistik")
    other = _theme(db, "Bygglogistik")
    with pytest.raises(ValidationError) as caught, db.unit_of_work() as session:
        create_theme(session, {"name": "VÅRDENS LOGISTIK"})
    assert "Vårdens logistik" in caught.value.errors["name"]
    with pytest.raises(ValidationError) as caught, db.unit_of_work() as session:
        update_theme(session, other, {"name": "vårdens logistik"})
    assert set(caught.value.errors) == {"name"}
    with db.unit_of_work() as session:
        renamed = update_theme(session, first, {"name": "Vårdens Logistik"})
    assert renamed.name == "Vårdens Logistik"
    assert _names(db) == ["Bygglogistik", "Vårdens Logistik"]


def test_update_saves_changes_logs_them_and_bumps_the_version(db: Database) -> None:
    theme_id = _theme(db, "E-handel", colour="#aabbcc")
    db.clock.advance(hours=1)
    with db.unit_of_work() as session:
        theme = update_theme(
            session, theme_id, {"colour": "#112233", "description": "Näthandel"}, expected_version=1
        )
    assert (theme.colour, theme.description, theme.version) == ("#112233", "Näthandel", 2)
    assert theme.updated_at > theme.created_at
    with db.unit_of_work() as session:
        unchanged = update_theme(session, theme_id, {"colour": "#112233"})
    assert unchanged.version == 2
    with db.reading() as session:
        entries = audit.history(session, ENTITY, theme_id)
    assert [entry.action for entry in entries] == [audit.CREATE, audit.UPDATE]
    assert entries[1].changes == {
        "colour": ["#AABBCC", "#112233"],
        "description": [None, "Näthandel"],
    }


def test_a_stale_save_is_refused(db: Database) -> None:
    theme_id = _theme(db, "E-handel")
    with db.unit_of_work() as session:
        update_theme(session, theme_id, {"description": "först"}, expected_version=1)
    with pytest.raises(ConflictError), db.unit_of_work() as session:
        update_theme(session, theme_id, {"description": "sedan"}, expected_version=1)
    with db.reading() as session:
        assert get_theme(session, theme_id).description == "först"


def test_archived_themes_are_left_out_unless_asked_for(db: Database) -> None:
    kept = _theme(db, "Bygglogistik")
    gone = _theme(db, "Landsbygdens logistik")
    with db.unit_of_work() as session:
        archived = set_theme_archived(session, gone, True)
        set_theme_archived(session, gone, True)
    assert archived.archived and archived.version == 2
    assert _names(db) == ["Bygglogistik"]
    assert _names(db, ThemeFilter(include_archived=True)) == [
        "Bygglogistik",
        "Landsbygdens logistik",
    ]
    with db.reading() as session:
        assert count_themes(session) == 1
        assert count_themes(session, ThemeFilter(include_archived=True)) == 2
        actions = [entry.action for entry in audit.history(session, ENTITY, gone)]
    assert actions == [audit.CREATE, audit.ARCHIVE]
    with db.unit_of_work() as session:
        assert not set_theme_archived(session, gone, False).archived
    assert len(_names(db)) == 2
    assert kept


def test_unknown_ids_are_named(db: Database) -> None:
    with pytest.raises(NotFoundError, match="42"), db.reading() as session:
        get_theme(session, 42)
    with pytest.raises(NotFoundError), db.unit_of_work() as session:
        update_theme(session, 42, {"name": "x"})
    with pytest.raises(NotFoundError), db.unit_of_work() as session:
        set_theme_archived(session, 42, True)


def test_themes_are_listed_in_swedish_order(db: Database) -> None:
    for name in ("Östersjön", "Ängsö", "Zeta", "Åland", "alfa", "Étude", "Ekonomi", "Ödeshög"):
        _theme(db, name)
    assert _names(db) == [
        "alfa",
        "Ekonomi",
        "Étude",
        "Zeta",
        "Åland",
        "Ängsö",
        "Ödeshög",
        "Östersjön",
    ]
    with db.reading() as session:
        page = list_themes(session, limit=3, offset=2)
    assert [row.name for row in page] == ["Étude", "Zeta", "Åland"]


def test_search_finds_name_and_description_in_any_case(db: Database) -> None:
    _theme(db, "Hållbara transporter", description="Fossilfria godsflöden")
    _theme(db, "Östgöta e-handel")
    _theme(db, "Bygglogistik")
    assert _names(db, ThemeFilter(search="ÖST")) == ["Östgöta e-handel"]
    assert _names(db, ThemeFilter(search="fossil")) == ["Hållbara transporter"]
    with db.reading() as session:
        assert count_themes(session, ThemeFilter(search="t")) == 3
        assert count_themes(session, ThemeFilter(search="100%")) == 0
