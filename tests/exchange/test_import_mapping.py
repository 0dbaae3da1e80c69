"""Matching a file's columns to the fields an import fills, and changing that mapping."""

from __future__ import annotations

import pytest

from lkoe_desktop.domain.i18n import set_language
from lkoe_desktop.exchange.import_mapping import (
    ColumnMapping,
    ImportKind,
    MissingColumnError,
    column_letter,
    guess_mapping,
    targets,
)


def test_swedish_and_english_headers_in_any_order_and_case_find_their_fields() -> None:
    headers = ("E-POST", "efternamn", "Förnamn", "Org.nr", "Företag", "Titel", "Mejl", "Okänd")
    mapping = guess_mapping(ImportKind.CONTACTS, headers)
    assert mapping.fields == (
        "email",
        "last_name",
        "first_name",
        "org_number",
        "organisation",
        "title",
        None,  # a second e-mail column is not used
        None,
    )
    english = ("first_name", "Last Name", "E-mail", "Job title", "Organisation number", "Mobile")
    assert guess_mapping(ImportKind.CONTACTS, english).fields == (
        "first_name",
        "last_name",
        "email",
        "title",
        "org_number",
        "mobile",
    )
    assert mapping.ignored() == ("Mejl", "Okänd")


def test_namn_is_the_whole_name_of_a_person_and_the_name_of_a_partner() -> None:
    assert guess_mapping(ImportKind.REGISTRATIONS, ("Namn", "Specialkost", "Status")).fields == (
        "full_name",
        "dietary_needs",
        "status",
    )
    partners = ("Namn", "Organisationsnummer", "Sektor", "Storlek", "Kommun", "Postnummer")
    assert guess_mapping(ImportKind.PARTNERS, (*partners, "Postnummer")).fields == (
        "name",
        "org_number",
        "sector",
        "size_class",
        "municipality",
        "postal_code",
        "visiting_code",  # the second column of a name two fields share
    )


@pytest.mark.parametrize("kind", list(ImportKind))
def test_no_header_name_is_shared_within_a_kind_but_the_postal_and_visiting_address(
    kind: ImportKind,
) -> None:
    seen: dict[str, str] = {}
    for field in targets(kind):
        for name in field.import_names():
            if name in seen:
                first = seen[name]
                assert (first.replace("postal_", ""), field.key.replace("visiting_", "")) in {
                    ("street", "street"),
                    ("code", "code"),
                    ("city", "city"),
                }, f"{name}: {first} and {field.key}"
            seen.setdefault(name, field.key)


def test_a_missing_name_column_is_one_error_naming_it() -> None:
    set_language("en")
    with pytest.raises(MissingColumnError) as wrong:
        guess_mapping(ImportKind.CONTACTS, ("E-post", "Organisation")).check()
    assert wrong.value.message == (
        "The file has no column for First name and Last name (or Name with the whole name). "
        "Choose the column that holds it."
    )
    with pytest.raises(MissingColumnError) as wrong:
        guess_mapping(ImportKind.PARTNERS, ("Org.nr",)).check()
    assert "column for Name." in wrong.value.message
    guess_mapping(ImportKind.REGISTRATIONS, ("Namn",)).check()


def test_the_clerk_changes_a_column_and_the_layout_is_known_again_by_its_key() -> None:
    mapping = guess_mapping(ImportKind.CONTACTS, ("Förnamn", "Efternamn", "Kontakt"))
    assert mapping.fields == ("first_name", "last_name", None)
    changed = mapping.assign(2, "email")
    assert changed.fields == ("first_name", "last_name", "email")
    moved = changed.assign(0, "last_name")  # the field moves: its former column is ignored
    assert moved.fields == ("last_name", None, "email")
    assert moved.column_of("email") == 2 and moved.column_of("mobile") is None
    assert mapping.layout_key == "contacts:förnamn|efternamn|kontakt"
    assert guess_mapping(ImportKind.CONTACTS, ("FÖRNAMN", "Efter namn", "kontakt")).layout_key == (
        mapping.layout_key
    )
    again = ColumnMapping(ImportKind.CONTACTS, mapping.headers, changed.fields)
    assert again == changed
    with pytest.raises(ValueError):
        ColumnMapping(ImportKind.CONTACTS, ("A", "B"), ("email", "email"))
    with pytest.raises(ValueError):
        ColumnMapping(ImportKind.PARTNERS, ("A",), ("dietary_needs",))


def test_a_column_without_a_heading_is_named_by_its_letter() -> None:
    set_language("en")
    mapping = guess_mapping(ImportKind.PARTNERS, ("Namn", "", "X"))
    assert mapping.ignored() == ("column B", "X")
    assert [column_letter(index) for index in (0, 25, 26, 701, 702)] == [
        "A",
        "Z",
        "AA",
        "ZZ",
        "AAA",
    ]
