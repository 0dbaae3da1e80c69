"""Validation of what people type: real valid and invalid examples, and the messages shown."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import Any

import pytest
from stdnum.se import orgnr

from lkoe_desktop.domain import i18n, validation
from lkoe_desktop.domain.codes import MAX_NOTES_LENGTH, MeetingStatus, ParticipationStatus, Sector
from lkoe_desktop.domain.errors import ValidationError
from lkoe_desktop.domain.validation import InvalidValue


@pytest.fixture
def english() -> Iterator[None]:
    i18n.set_language("en")
    yield
    i18n.set_language("sv")


@pytest.fixture
def swedish() -> Iterator[None]:
    i18n.set_language("sv")
    yield
    i18n.set_language("sv")


# Real organisation numbers of the region's partners and well-known companies.
REAL_ORG_NUMBERS = {
    "Volvo": "556012-5790",
    "IKEA": "556074-7569",
    "Ericsson": "556016-0680",
    "Linköpings universitet": "202100-3484",
    "Norrköpings kommun": "212000-0514",
    "Linköpings kommun": "212000-0449",
}


@pytest.mark.parametrize("number", REAL_ORG_NUMBERS.values(), ids=REAL_ORG_NUMBERS.keys())
def test_real_organisation_numbers_have_valid_check_digits(number: str) -> None:
    assert orgnr.is_valid(number)
    assert validation.org_number(number) == number


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("5560125790", "556012-5790"),
        ("556012-5790", "556012-5790"),
        (" 556012 5790 ", "556012-5790"),
        ("16556012-5790", "556012-5790"),
        ("165560125790", "556012-5790"),
        ("202100-3484", "202100-3484"),
        ("556036-0793", "556036-0793"),
        # A sole trader's personal identity number, which stdnum's orgnr also accepts.
        ("811218-9876", "811218-9876"),
    ],
)
def test_org_number_accepts_usual_forms(typed: str, expected: str) -> None:
    assert validation.org_number(typed) == expected


@pytest.mark.parametrize("typed", ["556012-5791", "202100-3485", "212000-0515", "5560747560"])
def test_org_number_with_wrong_check_digit(english: None, typed: str) -> None:
    with pytest.raises(InvalidValue) as caught:
        validation.org_number(typed)
    assert caught.value.message == "Invalid organisation number: the check digit is wrong."


@pytest.mark.parametrize(
    "typed",
    ["", "556012-579", "556012-57900", "19811218-9876", "26556012-5790", "556O12-5790", "abc"],
)
def test_org_number_with_wrong_length_or_format(english: None, typed: str) -> None:
    with pytest.raises(InvalidValue) as caught:
        validation.org_number(typed)
    assert caught.value.message == (
        "Invalid organisation number: write ten digits, for example 556036-0793."
    )


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("anna.svensson@liu.se", "anna.svensson@liu.se"),
        ("Anna.Svensson@LiU.SE", "anna.svensson@liu.se"),
        ("  Per.Ek@Norrkoping.se ", "per.ek@norrkoping.se"),
        ("Åsa.Öberg@Linkoping.se", "åsa.öberg@linkoping.se"),
        ("info@räksmörgås.se", "info@räksmörgås.se"),
        ("first.last+seminar@example.com", "first.last+seminar@example.com"),
    ],
)
def test_email_is_normalised_and_lower_case(typed: str, expected: str) -> None:
    assert validation.email(typed) == expected


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("anna.svensson", "exactly one @ sign"),
        ("anna@@liu.se", "exactly one @ sign"),
        ("anna@liu@se", "exactly one @ sign"),
        ("anna@liu", "check the spelling"),
        ("anna svensson@liu.se", "check the spelling"),
        ("anna.@liu.se", "check the spelling"),
        ("@liu.se", "check the spelling"),
        ("anna@", "check the spelling"),
        ("anna@liu..se", "check the spelling"),
    ],
)
def test_invalid_email(english: None, typed: str, problem: str) -> None:
    with pytest.raises(InvalidValue) as caught:
        validation.email(typed)
    assert caught.value.message.startswith("Invalid e-mail address:")
    assert problem in caught.value.message


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("013-12 34 56", "+4613123456"),
        ("013-123456", "+4613123456"),
        ("(013) 12 34 56", "+4613123456"),
        ("+46 13 123456", "+4613123456"),
        ("+46 (0)13-12 34 56", "+4613123456"),
        ("0046 13 123456", "+4613123456"),
        ("070-123 45 67", "+46701234567"),
        ("0701234567", "+46701234567"),
        ("08-123 45 67", "+4681234567"),
        ("011-15 00 00", "+4611150000"),
        ("0771-567 567", "+46771567567"),
        ("+49 40 123456", "+4940123456"),
        ("+44 20 7946 0958", "+442079460958"),
        ("0047 22 12 34 56", "+4722123456"),
    ],
)
def test_phone_is_stored_as_e164(typed: str, expected: str) -> None:
    assert validation.phone(typed) == expected


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("013-12 34 56 vx", "use only digits"),
        ("013-123456 ext. 12", "use only digits"),
        ("ring Anna", "use only digits"),
        ("", "write it like 013-12 34 56"),
        ("+999 123 456", "unknown country code"),
        ("070-1234567890123", "too many digits"),
        ("013-1234", "check the area code"),
        ("+46 7012345", "check the area code"),
    ],
)
def test_invalid_phone(english: None, typed: str, problem: str) -> None:
    with pytest.raises(InvalidValue) as caught:
        validation.phone(typed)
    assert caught.value.message.startswith("Invalid phone number:")
    assert problem in caught.value.message


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("+4613123456", "013-12 34 56"),
        ("+46701234567", "070-123 45 67"),
        ("+4681234567", "08-123 45 67"),
        ("+468123456", "08-12 34 56"),
        ("+4611150000", "011-15 00 00"),
        ("+4648012345", "0480-123 45"),
        ("+46101234567", "010-123 45 67"),
        ("+46771567567", "0771-567 567"),
        ("+4940123456", "+49 40 123456"),
        ("+442079460958", "+44 20 7946 0958"),
        ("+46131234", "+46 131234"),
        ("not a number", "not a number"),
        ("", ""),
        (None, ""),
    ],
)
def test_format_phone_the_swedish_way(stored: str | None, shown: str) -> None:
    assert validation.format_phone(stored) == shown


@pytest.mark.parametrize("typed", ["013-12 34 56", "070-123 45 67", "08-123 45 67", "0771-567 567"])
def test_phone_round_trip(typed: str) -> None:
    assert validation.format_phone(validation.phone(typed)) == typed


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("58183", "581 83"),
        ("581 83", "581 83"),
        ("SE-581 83", "581 83"),
        ("se 58183", "581 83"),
        ("S-602 21", "602 21"),
        (" 602 21 ", "602 21"),
    ],
)
def test_postcode(typed: str, expected: str) -> None:
    assert validation.postcode(typed) == expected


@pytest.mark.parametrize("typed", ["", "5818", "581 834", "058 83", "ABC 12", "DK-2100", "58 1 83"])
def test_invalid_postcode(english: None, typed: str) -> None:
    with pytest.raises(InvalidValue, match="five digits"):
        validation.postcode(typed)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        (None, None),
        ("", None),
        ("   ", None),
        ("  Anna  ", "Anna"),
        ("A\u030angström", "Ångström"),
        ("x" * 200, "x" * 200),
    ],
)
def test_text_is_trimmed_and_normalised(typed: str | None, expected: str | None) -> None:
    assert validation.text(typed) == expected


def test_text_longer_than_the_limit_is_an_error_never_cut(english: None) -> None:
    with pytest.raises(InvalidValue) as caught:
        validation.text("x" * 201, what="Name")
    assert caught.value.message == "Name can have at most 200 characters (now 201)."
    with pytest.raises(InvalidValue) as caught:
        validation.text("x" * 201)
    assert "200" in caught.value.message
    assert "201" in caught.value.message


def test_notes_limit_is_written_with_thousands_grouped(swedish: None) -> None:
    notes = "a" * MAX_NOTES_LENGTH
    assert validation.text(notes, max_length=MAX_NOTES_LENGTH) == notes
    with pytest.raises(InvalidValue) as caught:
        validation.text(notes + "a", max_length=MAX_NOTES_LENGTH, what="Anteckningar")
    assert caught.value.message == (
        "Anteckningar får innehålla högst 10\N{NO-BREAK SPACE}000 tecken "
        "(nu 10\N{NO-BREAK SPACE}001)."
    )


def test_required_text(english: None) -> None:
    with pytest.raises(InvalidValue) as caught:
        validation.text("  ", required=True, what="Last name")
    assert str(caught.value) == "Last name is required."
    with pytest.raises(InvalidValue, match="This field is required"):
        validation.text(None, required=True)
    assert validation.text(" Ek ", required=True) == "Ek"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("www.example.se", "https://www.example.se"),
        ("https://example.se/x", "https://example.se/x"),
        ("liu.se/en", "https://liu.se/en"),
        (
            "HTTP://WWW.Norrkoping.SE/Kommun?q=Hamn#top",
            "http://www.norrkoping.se/Kommun?q=Hamn#top",
        ),
        ("example.se:8080/x", "https://example.se:8080/x"),
        ("www.räksmörgås.se", "https://www.räksmörgås.se"),
        (" logistikkluster-ostergotland.se ", "https://logistikkluster-ostergotland.se"),
    ],
)
def test_website(typed: str, expected: str) -> None:
    assert validation.website(typed) == expected


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "www example se",
        "https://example.se/a b",
        "localhost",
        "https://",
        "example..se",
        "https://user@example.se",
        "javascript:alert(1)",
        "example.se:port",
    ],
)
def test_invalid_website(english: None, typed: str) -> None:
    with pytest.raises(InvalidValue, match="Invalid website: write an address"):
        validation.website(typed)


def test_website_must_be_http_or_https(english: None) -> None:
    with pytest.raises(InvalidValue, match="only http and https"):
        validation.website("ftp://files.example.se")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("#1f6fb2", "#1F6FB2"),
        ("1F6FB2", "#1F6FB2"),
        ("#abc", "#AABBCC"),
        (" abc ", "#AABBCC"),
        ("#000000", "#000000"),
    ],
)
def test_colour(typed: str, expected: str) -> None:
    assert validation.colour(typed) == expected


@pytest.mark.parametrize("typed", ["", "#12345", "#1234567", "#GGGGGG", "blue", "##abc"])
def test_invalid_colour(english: None, typed: str) -> None:
    with pytest.raises(InvalidValue, match="#RRGGBB"):
        validation.colour(typed)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("business", "business"),
        (" BUSINESS ", "business"),
        ("civil_society", "civil_society"),
        ("Näringsliv", "business"),
        ("offentlig sektor", "public"),
        ("IDEELL SEKTOR", "civil_society"),
    ],
)
def test_code_accepts_codes_and_swedish_labels(swedish: None, typed: str, expected: str) -> None:
    assert validation.code(typed, Sector) == expected


def test_code_accepts_swedish_labels_of_every_enum(swedish: None) -> None:
    assert validation.code("Genomfört", MeetingStatus) == "held"
    assert validation.code("uteblev", ParticipationStatus) == "no_show"


def test_code_accepts_english_labels_in_english(english: None) -> None:
    assert validation.code("Public sector", Sector) == "public"
    assert validation.code("cancelled registration", ParticipationStatus) == "cancelled"
    assert validation.code("open for registration", MeetingStatus) == "open"


def test_unknown_code_lists_the_allowed_ones(english: None) -> None:
    with pytest.raises(InvalidValue) as caught:
        validation.code("industry", Sector)
    assert caught.value.message == (
        "Unknown value “industry”: use one of business, public, academia, civil_society, other."
    )


PARTNER_RULES: dict[str, Callable[[Any], object]] = {
    "name": partial(validation.text, required=True, what="Name"),
    "org_number": validation.org_number,
    "email": validation.email,
    "phone": validation.phone,
    "postcode": validation.postcode,
    "website": validation.website,
    "sector": partial(validation.code, enum=Sector),
    "notes": partial(validation.text, max_length=MAX_NOTES_LENGTH),
}


def test_collect_cleans_every_field() -> None:
    cleaned = validation.collect(
        {
            "name": "  Linköpings universitet ",
            "org_number": "2021003484",
            "email": "Info@LiU.se",
            "phone": "013-28 10 00",
            "postcode": "",
            "website": None,
            "sector": "academia",
            "notes": "   ",
            "municipality": "Linköping",
        },
        PARTNER_RULES,
    )
    assert cleaned == {
        "name": "Linköpings universitet",
        "org_number": "202100-3484",
        "email": "info@liu.se",
        "phone": "+4613281000",
        "postcode": None,
        "website": None,
        "sector": "academia",
        "notes": None,
        "municipality": "Linköping",
    }


def test_collect_leaves_out_fields_not_given() -> None:
    assert validation.collect({"name": "Volvo"}, PARTNER_RULES) == {"name": "Volvo"}


def test_collect_reports_every_invalid_field_at_once(english: None) -> None:
    with pytest.raises(ValidationError) as caught:
        validation.collect(
            {
                "name": " ",
                "org_number": "556012-5791",
                "email": "anna.svensson",
                "phone": "070-123 45 67",
                "postcode": "5818",
                "sector": "industry",
            },
            PARTNER_RULES,
        )
    errors = caught.value.errors
    assert set(errors) == {"name", "org_number", "email", "postcode", "sector"}
    assert errors["name"] == "Name is required."
    assert errors["org_number"] == "Invalid organisation number: the check digit is wrong."
    assert "five digits" in errors["postcode"]
    assert all(message in str(caught.value) for message in errors.values())


def test_invalid_value_is_a_value_error_with_its_message() -> None:
    error = InvalidValue("Ogiltig färg.")
    assert isinstance(error, ValueError)
    assert str(error) == error.message == "Ogiltig färg."


def test_messages_are_swedish_by_default_and_english_when_chosen(
    monkeypatch: pytest.MonkeyPatch, swedish: None
) -> None:
    monkeypatch.setattr(i18n, "_state", {})
    with pytest.raises(InvalidValue) as caught:
        validation.org_number("556012-5791")
    assert caught.value.message == "Ogiltigt organisationsnummer: kontrollsiffran stämmer inte."

    i18n.set_language("en")
    with pytest.raises(InvalidValue) as caught:
        validation.org_number("556012-5791")
    assert caught.value.message == "Invalid organisation number: the check digit is wrong."


@pytest.mark.parametrize(
    "typed",
    ["anna..berg@liu.se", ".anna@liu.se", "anna.@liu.se", "a(b)@liu.se"],
)
def test_an_address_at_a_domain_already_checked_is_still_checked_in_full(
    english: None, typed: str
) -> None:
    assert validation.email("Kand.Person@LIU.se") == "kand.person@liu.se"
    with pytest.raises(InvalidValue, match="Invalid e-mail address"):
        validation.email(typed)
