"""The entity descriptions: what every layer reads about a field, and what it derives from it."""

from __future__ import annotations

import pytest

from lkoe_desktop.domain import municipalities
from lkoe_desktop.domain.entities import BY_NAME, CONTACT, ENTITIES, MEETING, PARTNER
from lkoe_desktop.domain.errors import ValidationError
from lkoe_desktop.domain.fields import Kind, header_name
from lkoe_desktop.domain.i18n import set_language
from lkoe_desktop.services.common import StoredRecord, stored_fields
from lkoe_desktop.services.contacts import ContactRecord


@pytest.mark.parametrize("entity", ENTITIES, ids=lambda entity: entity.name)
def test_every_field_can_be_checked_shown_and_named(entity) -> None:  # type: ignore[no-untyped-def]
    assert BY_NAME[entity.name] is entity
    for described in entity.fields:
        assert described.title and described.heading
        if described.kind == Kind.CODE:
            assert described.enum is not None
        if described.editable:
            assert callable(described.check())
        assert header_name(described.key) in described.import_names()


def test_an_import_knows_a_column_by_its_swedish_or_english_name_or_another_usual_one() -> None:
    assert {"förnamn", "firstname"} <= CONTACT.field("first_name").import_names()
    assert {"epost", "email", "mejl"} <= CONTACT.field("email").import_names()
    assert {"orgnr", "organisationsnummer"} <= PARTNER.field("org_number").import_names()
    assert header_name("Org. nr") == header_name("ORGNR") == "orgnr"


def test_checking_follows_the_description_and_names_every_wrong_field() -> None:
    cleaned = CONTACT.clean({"first_name": " Åsa ", "last_name": "Öberg", "phone": "013-123456"})
    assert cleaned == {"first_name": "Åsa", "last_name": "Öberg", "phone": "+4613123456"}
    with pytest.raises(ValidationError) as wrong:
        MEETING.clean({"title": "", "kind": "fika", "capacity": "0"}, new=True)
    assert set(wrong.value.errors) == {"title", "kind", "capacity", "starts_at", "status"}


def test_a_value_is_shown_the_same_way_everywhere() -> None:
    set_language("sv")
    assert PARTNER.field("sector").display("academia") == "Akademi"
    assert PARTNER.field("municipality").display("0580") == "Linköping"
    assert PARTNER.field("municipality").display("Oslo") == "Oslo"
    assert CONTACT.field("phone").display("+4613123456") == "013-12 34 56"
    assert MEETING.field("registered_count").display(100_000) == "100\u00a0000"


def test_a_field_described_since_is_read_from_a_record_by_name() -> None:
    values = {
        key: None
        for key in ("first_name", "last_name", "email", "phone", "mobile", "gender", "notes")
    }
    values |= {"language": "sv", "linkedin": "https://www.linkedin.com/in/asa"}
    record = ContactRecord(
        id=1,
        archived=False,
        theme_ids=(),
        affiliations=(),
        version=1,
        created_at=None,  # type: ignore[arg-type]
        updated_at=None,  # type: ignore[arg-type]
        **stored_fields(ContactRecord, values),
    )
    assert isinstance(record, StoredRecord)
    assert record.language == "sv"
    assert record.linkedin == "https://www.linkedin.com/in/asa"
    with pytest.raises(AttributeError):
        _ = record.twitter


def test_sweden_has_290_municipalities_found_by_name_as_people_write_them() -> None:
    codes = [code for code, _name in municipalities.MUNICIPALITIES]
    assert len(set(codes)) == 290
    assert sum(municipalities.in_county(code) for code in codes) == 13
    for written in ("Linköping", "linköpings kommun", "LINKÖPING", "0580", " Linköpings  kommun "):
        assert municipalities.code_for(written) == "0580"
    assert municipalities.code_for("Region Gotland") == "0980"
    assert municipalities.code_for("Stockholms stad") == "0180"
    assert municipalities.code_for("Oslo") is None
    assert municipalities.code_for("9999") is None
