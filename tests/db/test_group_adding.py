"""Adding many people to a group at once, undoing it, and finding them for a group."""

from __future__ import annotations

from datetime import date

import pytest

from lkoe_desktop.db.engine import Database
from lkoe_desktop.domain.errors import NotFoundError, UserInputError, ValidationError
from lkoe_desktop.exchange.email_addresses import parse_addresses
from lkoe_desktop.services import audit, contacts, group_adding, groups, themes
from lkoe_desktop.services.candidates import (
    AddingTo,
    match_addresses,
    search_candidates,
    theme_candidates,
)
from lkoe_desktop.services.deletion import delete_record

TODAY = date(2026, 3, 2)


def _person(db: Database, first: str, last: str, email: str | None = None) -> int:
    with db.unit_of_work() as session:
        values = {"first_name": first, "last_name": last, "email": email}
        return contacts.create_contact(session, values).id


def _group(db: Database, name: str) -> int:
    with db.unit_of_work() as session:
        return groups.create_group(session, {"name": name}).id


def _members(db: Database, group_id: int, **options: bool) -> list[tuple[str, date | None]]:
    with db.reading() as session:
        rows = groups.list_members(session, group_id, **options)
    return [(row.last_name, row.until) for row in rows]


def test_many_are_added_in_one_go_and_current_members_are_skipped(db: Database) -> None:
    group = _group(db, "Nyhetsbrev")
    anna, bo, cecilia = (
        _person(db, *name) for name in (("Anna", "Ek"), ("Bo", "Berg"), ("C", "Ö"))
    )
    with db.unit_of_work() as session:
        groups.add_member(session, group, bo)
    with db.unit_of_work() as session:
        result = group_adding.add_members(session, group, [anna, bo, cecilia, anna], role="Läsare")
    assert (len(result.added), result.skipped_current) == (2, 1)
    with db.reading() as session:
        rows = {row.contact_id: row for row in groups.list_members(session, group)}
    assert (rows[anna].role, rows[anna].since) == ("Läsare", TODAY)
    assert rows[bo].role is None
    gone = _person(db, "Gammal", "Kontakt")
    with db.unit_of_work() as session:
        contacts.set_contact_archived(session, gone, True)
    with pytest.raises(ValidationError), db.unit_of_work() as session:
        group_adding.add_members(session, group, [_person(db, "Ny", "Person"), gone])
    assert len(_members(db, group)) == 3  # nothing of the refused add was kept


def test_a_member_who_left_and_comes_back_keeps_the_old_membership(db: Database) -> None:
    group = _group(db, "Styrgrupp")
    anna = _person(db, "Anna", "Ek")
    with db.unit_of_work() as session:
        first = groups.add_member(session, group, anna, since=date(2025, 1, 1))
        groups.end_membership(session, first.membership_id, date(2026, 1, 31))
    with db.unit_of_work() as session:
        again = group_adding.add_members(session, group, [anna])
    assert again.added and again.added[0] != first.membership_id
    assert _members(db, group) == [("Ek", None)]
    assert sorted(_members(db, group, include_former=True), key=str) == [
        ("Ek", None),
        ("Ek", date(2026, 1, 31)),
    ]


def test_undoing_an_add_keeps_memberships_changed_since(db: Database) -> None:
    group, other = _group(db, "Nyhetsbrev"), _group(db, "Styrgrupp")
    anna, bo, cecilia = (_person(db, *n) for n in (("Anna", "Ek"), ("Bo", "Berg"), ("Cilla", "Al")))
    with db.unit_of_work() as session:
        added = group_adding.add_members(session, group, [anna, bo, cecilia]).added
        elsewhere = group_adding.add_members(session, other, [anna]).added
    with db.reading() as session:
        by_person = {
            row.contact_id: row.membership_id for row in groups.list_members(session, group)
        }
    with db.unit_of_work() as session:
        groups.update_membership(session, by_person[bo], role="Redaktör", since=TODAY, until=None)
    with db.unit_of_work() as session:
        done = group_adding.take_back_members(session, group, [*added, *elsewhere, 9999])
    assert (done.removed, done.kept_changed, done.gone) == (2, ["Bo Berg"], 2)
    assert _members(db, group) == [("Berg", None)]
    assert _members(db, other) == [("Ek", None)]
    with db.reading() as session:
        history = audit.history(session, groups.MEMBERSHIP, by_person[anna])
    assert [entry.action for entry in history] == [audit.CREATE, audit.DELETE]
    with pytest.raises(NotFoundError), db.unit_of_work() as session:
        group_adding.take_back_members(session, 9999, added)


def test_candidates_for_a_group_flag_its_current_members(db: Database) -> None:
    group = _group(db, "Nyhetsbrev")
    anna = _person(db, "Anna", "Ek", "anna.ek@x.se")
    bo = _person(db, "Bo", "Berg", "bo@y.se")
    left = _person(db, "Lena", "Lind", "lena@z.se")
    with db.unit_of_work() as session:
        theme = themes.create_theme(session, {"name": "E-handel"}).id
        contacts.update_contact(session, bo, {"theme_ids": [theme]})
        groups.add_member(session, group, anna)
        ended = groups.add_member(session, group, left, since=date(2025, 1, 1))
        groups.end_membership(session, ended.membership_id, date(2026, 1, 1))
    target = AddingTo.group(group)
    pasted = parse_addresses('"Anna Ek" <anna.ek@x.se>; Bo Berg <bo@y.se>; lena@z.se')
    with db.reading() as session:
        found = search_candidates(session, target, "")
        by_theme = theme_candidates(session, target, [theme])
        match = match_addresses(session, target, pasted.addresses)
        assert theme_candidates(session, target) == []
        with pytest.raises(NotFoundError):
            search_candidates(session, AddingTo.group(9999), "a")
    assert [(c.last_name, c.already_on_list) for c in found] == [
        ("Berg", False),
        ("Ek", True),
        ("Lind", False),
    ]
    assert [c.contact_id for c in by_theme] == [bo]
    assert [(c.contact_id, c.already_on_list) for c in match.found] == [
        (bo, False),
        (anna, True),
        (left, False),
    ]


def test_the_group_list_searches_sorts_and_hides_archived_groups(db: Database) -> None:
    with db.unit_of_work() as session:
        for name, description in (
            ("Styrgrupp", "Projektets styrgrupp"),
            ("Nyhetsbrev", "Månadsbrevet"),
            ("Ägargrupp", None),
        ):
            groups.create_group(session, {"name": name, "description": description})
    anna = _person(db, "Anna", "Ek")
    with db.reading() as session:
        ids = {row.name: row.id for row in groups.list_groups(session)}
    with db.unit_of_work() as session:
        groups.add_member(session, ids["Nyhetsbrev"], anna)
        groups.set_group_archived(session, ids["Ägargrupp"], True)

    def names(where: groups.GroupFilter, **order: object) -> list[str]:
        with db.reading() as session:
            return [row.name for row in groups.group_rows(session, where, **order)]  # type: ignore[arg-type]

    assert names(groups.GroupFilter()) == ["Nyhetsbrev", "Styrgrupp"]
    assert names(groups.GroupFilter(include_archived=True)) == [
        "Nyhetsbrev",
        "Styrgrupp",
        "Ägargrupp",
    ]
    assert names(groups.GroupFilter(search="MÅNAD")) == ["Nyhetsbrev"]
    assert names(groups.GroupFilter(), sort="member_count", descending=True) == [
        "Nyhetsbrev",
        "Styrgrupp",
    ]
    with db.reading() as session:
        assert groups.group_ids(session, groups.GroupFilter(), sort="name", descending=True) == [
            ids["Styrgrupp"],
            ids["Nyhetsbrev"],
        ]
        picked = groups.group_rows(session, None, ids=[ids["Styrgrupp"], ids["Nyhetsbrev"]])
        page = groups.group_rows(session, None, limit=1, offset=1)
    assert [row.name for row in picked] == ["Styrgrupp", "Nyhetsbrev"]
    assert [row.name for row in page] == ["Styrgrupp"]


def test_only_a_group_that_never_had_members_can_be_deleted(db: Database) -> None:
    empty, kept = _group(db, "Felstavad grupp"), _group(db, "Styrgrupp")
    anna = _person(db, "Anna", "Ek")
    with db.unit_of_work() as session:
        first = groups.add_member(session, kept, anna, since=date(2025, 1, 1))
        groups.end_membership(session, first.membership_id, date(2026, 1, 31))
    with pytest.raises(UserInputError), db.unit_of_work() as session:
        delete_record(session, groups.ENTITY, kept)  # a former member is its history
    with db.unit_of_work() as session:
        delete_record(session, groups.ENTITY, empty)
    with db.reading() as session:
        assert [row.name for row in groups.list_groups(session, include_archived=True)] == [
            "Styrgrupp"
        ]
