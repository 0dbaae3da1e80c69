"""The door search: names first, then the organisation's name, nothing else; best match on top."""

from __future__ import annotations

from itertools import count

import pytest

from lkoe_desktop.services.door_search import Match, door_search, rank
from lkoe_desktop.services.participations import ParticipantRow

IDS = count(1)


def person(
    first: str,
    last: str,
    organisation: str | None = None,
    *,
    email: str | None = None,
    note: str | None = None,
    status: str = "registered",
) -> ParticipantRow:
    number = next(IDS)
    return ParticipantRow(
        id=number,
        meeting_id=1,
        contact_id=number,
        first_name=first,
        last_name=last,
        email=email,
        organisation_id=None,
        organisation=organisation,
        status=status,
        role="participant",
        dietary_needs=None,
        note=note,
        checked_in_at=None,
    )


def found(rows: list[ParticipantRow], query: str) -> list[str]:
    return [f"{row.first_name} {row.last_name}" for row in door_search(rows, query)]


def test_a_name_beginning_with_the_letters_ranks_first_then_inside_then_organisation() -> None:
    rows = [
        person("Eva", "Lund", "Åtvidabergs kommun"),
        person("Henrik", "Nyström", "Bergs Åkeri AB"),
        person("Tove", "Sandberg", "Hamnbolaget AB"),
        person("Åsa", "Bergström", "Region Östergötland"),
        person("Gustav", "Andrén", "Arvidssons Livs AB"),
    ]
    assert found(rows, "berg") == ["Åsa Bergström", "Tove Sandberg", "Henrik Nyström", "Eva Lund"]
    assert [rank(row, "berg") for row in door_search(rows, "berg")] == [
        (Match.NAME_START, 0),
        (Match.NAME_INSIDE, 1),
        (Match.ORGANISATION_START, 2),
        (Match.ORGANISATION_INSIDE, 3),
    ]


def test_nothing_but_names_and_the_organisation_is_searched() -> None:
    gustav = person("Gustav", "Andrén", "Arvidssons Livs AB", email="g@atvidaberg.se", note="berg")
    assert rank(gustav, "berg") is None
    assert found([gustav], "arvid") == ["Gustav Andrén"]
    assert found([gustav], "livs") == ["Gustav Andrén"]


def test_ties_are_in_swedish_name_order() -> None:
    rows = [
        person("Ärla", "Berg"),
        person("Åke", "Berg"),
        person("Zara", "Berg"),
        person("Anna", "Öberg"),
        person("Anna", "Åberg"),
        person("Anna", "Zetterberg"),
    ]
    assert found(rows, "berg") == [
        "Zara Berg",
        "Åke Berg",
        "Ärla Berg",
        "Anna Zetterberg",
        "Anna Åberg",
        "Anna Öberg",
    ]
    assert found(rows, "") == found(rows, "  ") == found(rows, "berg")


def test_among_equal_matches_people_still_arriving_come_first() -> None:
    rows = [
        person("Maria", "Berg", status="attended"),
        person("Åsa", "Bergström"),
        person("Tove", "Sandberg"),
    ]
    assert found(rows, "berg") == ["Åsa Bergström", "Maria Berg", "Tove Sandberg"]


def test_case_is_folded_but_a_ring_or_dots_make_another_letter() -> None:
    asa = person("Åsa", "Öberg")
    for query in ("åsa", "ÅSA", "Ås", "öb", "ÖBERG", "A\u030asa"):  # the last: å typed as a + ̊
        assert rank(asa, query) is not None, query
    for query in ("asa", "ASA", "oberg", "äsa"):
        assert rank(asa, query) is None, query


def test_other_marks_are_left_out() -> None:
    rows = [person("Łukasz", "Wójcik"), person("José", "Müller"), person("Ægir", "Østby")]
    assert found(rows, "lukasz wojcik") == ["Łukasz Wójcik"]
    assert found(rows, "WÓJC") == ["Łukasz Wójcik"]
    assert found(rows, "jose muller") == ["José Müller"]
    assert found(rows, "ægir østby") == ["Ægir Østby"]
    assert found(rows, "agir") == found(rows, "ostby") == []


def test_every_word_must_be_found_and_the_weakest_word_decides() -> None:
    rows = [
        person("Åsa", "Öberg", "Norrköpings kommun"),
        person("Åsa", "Bergström", "Region Östergötland"),
        person("Maria", "Berg", "Region Östergötland"),
        person("Anna", "Åsberg", "Bergs Åkeri AB"),
    ]
    assert found(rows, "åsa berg") == ["Åsa Bergström", "Åsa Öberg"]
    assert found(rows, "berg region") == ["Maria Berg", "Åsa Bergström"]
    assert found(rows, "åsa hamn") == []


@pytest.mark.parametrize(
    ("first", "last", "query"),
    [
        ("Anna-Karin", "Lind", "karin"),
        ("Carl", "af Klint", "klint"),
        ("Eva", "Lind Berg", "berg"),
        ("Anna-Karin", "Lind", "anna-k"),
    ],
)
def test_a_part_of_a_name_counts_as_its_beginning(first: str, last: str, query: str) -> None:
    assert rank(person(first, last), query) == (Match.NAME_START, 0)


def test_a_word_of_the_organisation_counts_as_its_beginning() -> None:
    assert rank(person("Eva", "Lund", "Region Östergötland"), "öster") == (
        Match.ORGANISATION_START,
        2,
    )
    assert rank(person("Eva", "Lund", "Region Östergötland"), "götland") == (
        Match.ORGANISATION_INSIDE,
        3,
    )
    assert rank(person("Eva", "Lund"), "region") is None
