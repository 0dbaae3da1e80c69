"""Pasted e-mail addresses: what Outlook, Excel and web pages put on the clipboard."""

from __future__ import annotations

import pytest

from lkoe_desktop.exchange.email_addresses import (
    PastedAddress,
    PastedList,
    outlook_list,
    parse_addresses,
)


def _pairs(found: PastedList) -> list[tuple[str, str | None]]:
    return [(address.email, address.name) for address in found.addresses]


def test_an_outlook_recipient_line_with_names_and_mixed_separators() -> None:
    pasted = (
        'Anna Berg <Anna.Berg@Example.se>; "Öberg, Åsa" <asa.oberg@lkö.se>, '
        "'bo@hamn.se'; <Carl@Kommun.se>;mailto:dora@liu.se ;\r\n"
        "Eva Lund (Norrköpings Hamn) <eva@hamn.se>;  ;"
    )
    found = parse_addresses(pasted)
    assert _pairs(found) == [
        ("anna.berg@example.se", "Anna Berg"),
        ("asa.oberg@lkö.se", "Öberg, Åsa"),
        ("bo@hamn.se", None),
        ("carl@kommun.se", None),
        ("dora@liu.se", None),
        ("eva@hamn.se", "Eva Lund (Norrköpings Hamn)"),
    ]
    assert found.invalid == []


def test_a_comma_inside_quotes_or_a_comment_does_not_separate() -> None:
    found = parse_addresses(
        '"Berg, Anna" <anna@x.se>, bo@x.se (Carlsson, Bo), "Dahl; Cecilia" <cecilia@x.se>'
    )
    assert _pairs(found) == [
        ("anna@x.se", "Berg, Anna"),
        ("bo@x.se", "Carlsson, Bo"),
        ("cecilia@x.se", "Dahl; Cecilia"),
    ]


def test_an_excel_column_and_an_excel_table() -> None:
    column = "anna@x.se\r\nbo@x.se\r\n\r\ncecilia@x.se\r\n"
    assert [a.email for a in parse_addresses(column).addresses] == [
        "anna@x.se",
        "bo@x.se",
        "cecilia@x.se",
    ]
    table = "Namn\tE-post\nAnna Berg\tanna@x.se\nÅsa\tÖberg\tasa@x.se\n\t\n"
    found = parse_addresses(table)
    assert _pairs(found) == [("anna@x.se", "Anna Berg"), ("asa@x.se", "Åsa Öberg")]
    assert found.invalid == ["Namn E-post"]


def test_cells_with_more_than_one_address_are_read_one_by_one() -> None:
    found = parse_addresses("Anna <anna@x.se>\tBo <bo@x.se>\tinte en adress@\n")
    assert _pairs(found) == [("anna@x.se", "Anna"), ("bo@x.se", "Bo")]
    assert found.invalid == ["inte en adress@"]


def test_duplicates_are_kept_once_and_the_first_name_wins() -> None:
    found = parse_addresses(
        "anna@x.se; Anna Berg <ANNA@x.se>; Anna B <anna@X.SE>\nbo@x.se, bo@x.se, Bo <BO@x.se>"
    )
    assert _pairs(found) == [("anna@x.se", "Anna Berg"), ("bo@x.se", "Bo")]


def test_what_is_not_an_address_is_listed_as_written_once() -> None:
    found = parse_addresses(
        "anna@x.se, anna.x.se; bo@@x.se, Bo Berg, anna.x.se\ncecilia@x.se. ; a@b <c@d"
    )
    assert [a.email for a in found.addresses] == ["anna@x.se"]
    assert found.invalid == ["anna.x.se", "bo@@x.se", "Bo Berg", "cecilia@x.se.", "a@b <c@d"]


def test_stray_spaces_quotes_and_mailto_are_removed() -> None:
    found = parse_addresses(
        "\ufeff  \u00a0'anna@x.se'\u00a0 ;  \"bo@x.se\" ; MAILTO:cecilia@x.se?subject=Hej ;"
        " <mailto:dora@x.se> ; 'anna@x.se' <anna@x.se>; Eva Lund eva@x.se"
    )
    assert _pairs(found) == [
        ("anna@x.se", None),
        ("bo@x.se", None),
        ("cecilia@x.se", None),
        ("dora@x.se", None),
        ("eva@x.se", "Eva Lund"),
    ]
    assert found.invalid == []


def test_addresses_separated_only_by_spaces() -> None:
    assert [a.email for a in parse_addresses("anna@x.se  bo@x.se\tcecilia@x.se").addresses] == [
        "anna@x.se",
        "bo@x.se",
        "cecilia@x.se",
    ]


def test_an_apostrophe_in_a_name_is_not_a_quote() -> None:
    found = parse_addresses("Sinéad O'Neil <sinead@x.se>, D'Angelo <dan@x.se>; Bo 'Bosse' <b@x.se>")
    assert _pairs(found) == [
        ("sinead@x.se", "Sinéad O'Neil"),
        ("dan@x.se", "D'Angelo"),
        ("b@x.se", "Bo 'Bosse'"),
    ]


def test_nothing_pasted() -> None:
    assert parse_addresses("") == PastedList([], [])
    assert parse_addresses(" ;, \n\t\n") == PastedList([], [])


@pytest.mark.parametrize(
    ("address", "parts"),
    [
        (PastedAddress("a@x.se", "Berg, Anna"), ("Anna", "Berg")),
        (PastedAddress("a@x.se", "Anna Maria Berg"), ("Anna Maria", "Berg")),
        (PastedAddress("a@x.se", "Anna"), ("Anna", "")),
        (PastedAddress("anna-karin.öberg@x.se"), ("Anna-Karin", "Öberg")),
        (PastedAddress("anna.maria.berg@x.se"), ("Anna Maria", "Berg")),
        (PastedAddress("info@x.se"), ("", "")),
        (PastedAddress("anna.b2@x.se"), ("", "")),
    ],
)
def test_name_parts_guess_first_and_last_name(
    address: PastedAddress, parts: tuple[str, str]
) -> None:
    assert address.name_parts() == parts


def test_outlook_list_quotes_names_with_special_characters_and_reads_back() -> None:
    people = [
        ("Åsa Öberg", "asa@example.se"),
        ("Berg, Anna", "anna@example.se"),
        ("Sean O'Neil", "sean@example.ie"),
        ('Eva "Evi" Ek', "eva@example.se"),
        (None, "info@example.se"),
        ("Åsa igen", "ASA@example.se"),
        ("Utan adress", None),
    ]
    text = outlook_list(people)
    assert text == (
        'Åsa Öberg <asa@example.se>; "Berg, Anna" <anna@example.se>; '
        '"Sean O\'Neil" <sean@example.ie>; "Eva \\"Evi\\" Ek" <eva@example.se>; info@example.se'
    )
    read = parse_addresses(text)
    assert read.invalid == []
    assert [(a.name, a.email) for a in read.addresses] == [
        ("Åsa Öberg", "asa@example.se"),
        ("Berg, Anna", "anna@example.se"),
        ("Sean O'Neil", "sean@example.ie"),
        ('Eva "Evi" Ek', "eva@example.se"),
        (None, "info@example.se"),
    ]
