"""Swedish order and search in every alphabet, the same on SQLite and PostgreSQL."""

from __future__ import annotations

import unicodedata

import pytest
from sqlalchemy import event

from lkoe_desktop.db.engine import Database
from lkoe_desktop.services import contacts, partners, search
from lkoe_desktop.services.contacts import ContactFilter
from lkoe_desktop.services.partners import PartnerFilter


def _partner(db: Database, name: str, **values: object) -> int:
    with db.unit_of_work() as session:
        return partners.create_partner(session, {"name": name, **values}).id


def _person(db: Database, first: str, last: str, **values: object) -> int:
    with db.unit_of_work() as session:
        return contacts.create_contact(
            session, {"first_name": first, "last_name": last, **values}
        ).id


def _people(db: Database, where: ContactFilter | None = None) -> list[tuple[str, str]]:
    with db.reading() as session:
        return [(r.last_name, r.first_name) for r in contacts.list_contacts(session, where)]


def test_contacts_sort_by_last_name_in_swedish_order(db: Database) -> None:
    swedish_order = [
        "Andersson",
        "Éclair",
        "Eriksson",
        "Lindqvist",
        "Łukasz",
        "Über",
        "Yngvesson",
        "Zetterlund",
        "Åberg",
        "ängström",
        "Ärlig",
        "Ærø",
        "Öberg",
        "Østergaard",
        "östlund",
    ]
    for last in reversed(swedish_order):
        _person(db, "Kim", last)
    assert [last for last, _ in _people(db)] == swedish_order


def test_contacts_with_the_same_last_name_sort_by_first_name_then_id(db: Database) -> None:
    first_anna = _person(db, "Anna", "Eriksson")
    _person(db, "Åsa", "Eriksson")
    _person(db, "bertil", "Eriksson")
    second_anna = _person(db, "ANNA", "Eriksson")
    _person(db, "Örjan", "Berg")
    _person(db, "Anna", "Bergman")
    with db.reading() as session:
        rows = contacts.list_contacts(session)
    assert [(r.last_name, r.first_name) for r in rows] == [
        ("Berg", "Örjan"),
        ("Bergman", "Anna"),
        ("Eriksson", "Anna"),
        ("Eriksson", "ANNA"),
        ("Eriksson", "bertil"),
        ("Eriksson", "Åsa"),
    ]
    assert [rows[2].id, rows[3].id] == [first_anna, second_anna]


def test_partners_sort_by_name_then_id_in_swedish_order(db: Database) -> None:
    names = [
        "Ödeshögs kommun",
        "Hamnen",
        "Åkeriet",
        "Östgöta Hamn",
        "Über Logistik",
        "Linköpings universitet",
        "Ängsbacken",
        "linköpings kommun",
        "Aktiebolaget",
        "Ystads Frakt",
        "Hamnen",
        "Ølfabrikken",
    ]
    for name in names:
        _partner(db, name)
    with db.reading() as session:
        rows = partners.list_partners(session)
    assert [r.name for r in rows] == [
        "Aktiebolaget",
        "Hamnen",
        "Hamnen",
        "linköpings kommun",
        "Linköpings universitet",
        "Über Logistik",
        "Ystads Frakt",
        "Åkeriet",
        "Ängsbacken",
        "Ödeshögs kommun",
        "Ølfabrikken",
        "Östgöta Hamn",
    ]
    assert rows[1].id < rows[2].id


@pytest.fixture
def people(db: Database) -> dict[str, int]:
    """People in several alphabets, with organisations, e-mail and phone numbers to search."""
    ostgota = _partner(db, "Östgöta Logistik AB")
    hellas = _partner(db, "Hellenic Ports")
    steel = _partner(db, "Stålbolaget")
    sale = _partner(db, "50% Rabatt AB")
    return {
        "Łukasz": _person(
            db,
            "Łukasz",
            "Wójcik",
            email="lukasz.wojcik@example.pl",
            phone="013-12 34 56",
            organisation_id=ostgota,
        ),
        "Σοφία": _person(db, "Σοφία", "Παπαδοπούλου", organisation_id=hellas),
        "Иван": _person(db, "Иван", "Петров", email="ivan@example.ru"),
        "Åsa": _person(db, "Åsa", "Öberg", email="asa@example.se", mobile="070-123 45 67"),
        "Lena": _person(db, "Lena", "Östlund", organisation_id=steel),
        "Kim": _person(db, "Kim", "Berg", email="kim_berg@example.se", organisation_id=sale),
    }


def _found(db: Database, query: str) -> set[str]:
    with db.reading() as session:
        rows = contacts.list_contacts(session, ContactFilter(search=query))
        assert contacts.count_contacts(session, ContactFilter(search=query)) == len(rows)
    return {r.first_name for r in rows}


# (query, first names of the people it finds); 1- and 2-letter queries bypass the trigram index.
CONTACT_SEARCHES: list[tuple[str, set[str]]] = [
    ("öst", {"Łukasz", "Lena"}),
    ("ÖST", {"Łukasz", "Lena"}),
    ("Östgöta", {"Łukasz"}),
    (unicodedata.normalize("NFD", "ÖSTGÖTA"), {"Łukasz"}),
    ("göta log", {"Łukasz"}),
    ("łuk", {"Łukasz"}),
    ("ŁUKASZ", {"Łukasz"}),
    ("σοφ", {"Σοφία"}),
    ("ΣΟΦΊΑ", {"Σοφία"}),
    ("иван", {"Иван"}),
    ("ИВАН", {"Иван"}),
    ("петр", {"Иван"}),
    ("ł", {"Łukasz"}),
    ("и", {"Иван"}),
    ("öb", {"Åsa"}),
    ("Ö", {"Åsa", "Lena", "Łukasz"}),
    ("%", {"Kim"}),
    ("0%", {"Kim"}),
    ("50% r", {"Kim"}),
    ("_", {"Kim"}),
    ("m_b", {"Kim"}),
    ("_b", {"Kim"}),
    ("t_l", set()),
    ("zzz", set()),
    ("ж", set()),
    ('o"b', set()),
    ("lukasz.wojcik@", {"Łukasz"}),
    ("@EXAMPLE.SE", {"Åsa", "Kim"}),
    ("hellenic", {"Σοφία"}),
    ("013-12", {"Łukasz"}),
    ("12 34 56", {"Łukasz"}),
    ("013123456", {"Łukasz"}),
    ("+4613123456", {"Łukasz"}),
    ("070-123", {"Åsa"}),
    ("0701234567", {"Åsa"}),
]


def test_search_finds_contacts_by_any_visible_text(db: Database, people: dict[str, int]) -> None:
    wrong = {
        query: (found, expected)
        for query, expected in CONTACT_SEARCHES
        if (found := _found(db, query)) != expected
    }
    assert not wrong, wrong


def test_an_empty_search_finds_everyone_and_archived_people_are_not_found(
    db: Database, people: dict[str, int]
) -> None:
    assert _found(db, "") == _found(db, "   ") == set(people)
    with db.unit_of_work() as session:
        contacts.set_contact_archived(session, people["Łukasz"], True)
    assert _found(db, "łuk") == set()
    with db.reading() as session:
        archived = ContactFilter(search="łuk", include_archived=True)
        assert [r.first_name for r in contacts.list_contacts(session, archived)] == ["Łukasz"]


def test_a_search_keeps_swedish_order(db: Database) -> None:
    for last in ("Östberg", "Berg", "Åberg", "Bergström", "Aberg"):
        _person(db, "Kim", last)
    assert [last for last, _ in _people(db, ContactFilter(search="berg"))] == [
        "Aberg",
        "Berg",
        "Bergström",
        "Åberg",
        "Östberg",
    ]


def test_a_page_of_many_hits_is_read_in_list_order_through_the_scan_index(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    for last in ("Östberg", "Berg", "Åberg", "Bergström", "Aberg", "Lind"):
        _person(db, "Kim", last)
    monkeypatch.setattr(search, "DENSE_HITS", 1)  # so few hits already count as many
    statements: list[tuple[str, object]] = []

    def seen(_conn, _cursor, statement, parameters, _context, _many):  # type: ignore[no-untyped-def]
        statements.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", seen)
    try:
        with db.reading() as session:
            page = contacts.list_contacts(session, ContactFilter(search="berg"), limit=3)
    finally:
        event.remove(db.engine, "before_cursor_execute", seen)
    assert [row.last_name for row in page] == ["Aberg", "Berg", "Bergström"]
    if db.dialect == "sqlite":
        statement, parameters = statements[-1]
        assert "LIKE" in statement
        with db.engine.connect() as connection:
            plan = connection.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)
            steps = " ".join(str(step[-1]) for step in plan)
        assert "ix_contacts_search_scan" in steps, steps


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("öst", ["Östgöta Logistik AB"]),
        ("ÖSTGÖTA", ["Östgöta Logistik AB"]),
        ("556036", ["Östgöta Logistik AB"]),
        ("5560360793", ["Östgöta Logistik AB"]),
        ("011-", ["Norrköpings Hamn"]),
        ("011123456", ["Norrköpings Hamn"]),
        ("hamn@", ["Norrköpings Hamn"]),
        ("norrköping", ["Norrköpings Hamn"]),
        ("σ", ["Σοφία Shipping"]),
        ("ø", ["Øresund Transport"]),
        ("_", []),
        ("%", []),
        ("x", []),
    ],
)
def test_search_finds_partners_by_name_number_phone_and_e_mail(
    db: Database, query: str, expected: list[str]
) -> None:
    _partner(db, "Östgöta Logistik AB", org_number="556036-0793", municipality="Linköping")
    _partner(db, "Norrköpings Hamn", phone="011-12 34 56", email="hamn@norrkoping.se")
    _partner(db, "Σοφία Shipping")
    _partner(db, "Øresund Transport")
    with db.reading() as session:
        rows = partners.list_partners(session, PartnerFilter(search=query))
        assert partners.count_partners(session, PartnerFilter(search=query)) == len(rows)
    assert [r.name for r in rows] == expected


@pytest.mark.parametrize("many_hits", [False, True], ids=["few-hits", "many-hits"])
@pytest.mark.parametrize("query", ["berg", "be"], ids=["trigram", "short"])
def test_a_search_sorted_by_a_column_keeps_that_order_whichever_way_it_is_found(
    db: Database, monkeypatch: pytest.MonkeyPatch, many_hits: bool, query: str
) -> None:
    alfa, hamn = _partner(db, "Alfa AB"), _partner(db, "Bergs Hamn")
    angen, ostgota = _partner(db, "Ängens Gods"), _partner(db, "Östgöta Åkeri")
    _person(db, "Örjan", "Berg", organisation_id=ostgota)
    _person(db, "Åke", "Bergström", organisation_id=alfa)
    _person(db, "Anna", "Åberg")
    _person(db, "Émile", "Östberg", organisation_id=angen)
    _person(db, "Kim", "Lind", organisation_id=hamn)  # found by the organisation's name
    _person(db, "Lena", "Holm", organisation_id=alfa)
    if many_hits:
        monkeypatch.setattr(search, "DENSE_HITS", 1)  # a page is read in the list's order
    by_first_name = ["Anna", "Émile", "Kim", "Åke", "Örjan"]
    by_organisation = ["Åke", "Kim", "Émile", "Örjan", "Anna"]  # Anna has none: last
    where = ContactFilter(search=query)
    with db.reading() as session:
        for sort, ascending in (("first_name", by_first_name), ("organisation", by_organisation)):
            for descending in (False, True):
                expected = ascending[::-1] if descending else ascending
                if sort == "organisation" and descending:
                    expected = [*ascending[-2::-1], ascending[-1]]
                order = {"sort": sort, "descending": descending}
                page = contacts.list_contacts(session, where, **order, limit=3)
                rows = contacts.list_contacts(session, where, **order)
                ids = contacts.contact_ids(session, where, **order)
                assert [row.first_name for row in page] == expected[:3], (sort, descending)
                assert [row.first_name for row in rows] == expected, (sort, descending)
                assert ids == [row.id for row in rows]
