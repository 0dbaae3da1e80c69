"""Rows become flat JSON objects: Stockholm times with their offset, dates, codes, nulls."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from lkoe_desktop.domain.codes import MeetingKind, ParticipationStatus
from lkoe_desktop.exchange.json_rows import dumps, json_row, json_rows, json_value


@dataclass(frozen=True)
class Row:
    id: int
    name: str
    kind: str
    starts_at: datetime
    ends_at: datetime | None
    active_from: date | None
    archived: bool


@dataclass(frozen=True)
class Outer:
    id: int
    inner: tuple[Row, ...]


def _row(**changes: object) -> Row:
    values: dict[str, object] = {
        "id": 7,
        "name": "Östgöta Logistik",
        "kind": MeetingKind.SEMINAR,
        "starts_at": datetime(2026, 3, 31, 21, 30, tzinfo=UTC),
        "ends_at": None,
        "active_from": date(2026, 1, 5),
        "archived": False,
    }
    return Row(**(values | changes))  # type: ignore[arg-type]


def test_summer_time_has_offset_plus_two() -> None:
    assert json_value(datetime(2026, 3, 31, 21, 30, tzinfo=UTC)) == "2026-03-31T23:30:00+02:00"


def test_winter_time_has_offset_plus_one() -> None:
    assert json_value(datetime(2026, 1, 15, 8, 0, tzinfo=UTC)) == "2026-01-15T09:00:00+01:00"


def test_the_day_summer_time_starts() -> None:
    # Clocks go forward at 02:00 local time on the last Sunday of March (2026-03-29).
    before = datetime(2026, 3, 29, 0, 59, tzinfo=UTC)
    after = before + timedelta(minutes=2)
    assert json_value(before) == "2026-03-29T01:59:00+01:00"
    assert json_value(after) == "2026-03-29T03:01:00+02:00"


def test_other_time_zones_are_shown_in_stockholm_time() -> None:
    new_york = timezone(timedelta(hours=-4))
    assert json_value(datetime(2026, 6, 1, 12, 0, tzinfo=new_york)) == "2026-06-01T18:00:00+02:00"


def test_fractions_of_a_second_are_left_out() -> None:
    moment = datetime(2026, 3, 2, 9, 0, 5, 123456, tzinfo=UTC)
    assert json_value(moment) == "2026-03-02T10:00:05+01:00"


def test_naive_datetime_is_refused() -> None:
    with pytest.raises(ValueError, match="naive"):
        json_value(datetime(2026, 3, 2, 9, 0))


def test_date_none_text_numbers_and_booleans() -> None:
    assert json_value(date(2026, 3, 2)) == "2026-03-02"
    assert json_value(None) is None
    assert json_value("Åsa") == "Åsa"
    assert json_value(12) == 12
    assert json_value(1.5) == 1.5
    assert json_value(True) is True


def test_enum_becomes_its_plain_code() -> None:
    value = json_value(ParticipationStatus.NO_SHOW)
    assert value == "no_show"
    assert type(value) is str


def test_unknown_type_is_refused() -> None:
    with pytest.raises(TypeError):
        json_value(object())


def test_row_becomes_flat_dict_keyed_by_field_name() -> None:
    assert json_row(_row()) == {
        "id": 7,
        "name": "Östgöta Logistik",
        "kind": "seminar",
        "starts_at": "2026-03-31T23:30:00+02:00",
        "ends_at": None,
        "active_from": "2026-01-05",
        "archived": False,
    }


def test_nested_rows_and_sequences_are_converted_too() -> None:
    converted = json_row(Outer(id=1, inner=(_row(id=2), _row(id=3))))
    assert [inner["id"] for inner in converted["inner"]] == [2, 3]  # type: ignore[union-attr,index]


def test_only_dataclass_instances_are_rows() -> None:
    with pytest.raises(TypeError):
        json_row({"id": 1})
    with pytest.raises(TypeError):
        json_row(Row)


def test_dumps_writes_array_with_letters_kept() -> None:
    text = dumps([_row(id=1), _row(id=2, name="Łukasz")])
    assert "Östgöta" in text and "Łukasz" in text
    assert [item["id"] for item in json.loads(text)] == [1, 2]
    assert json_rows([]) == []
    assert json.loads(dumps([])) == []


# The JSON keys `list --json` has always written: PRODUCT.md's contract, never renamed.
LISTED_KEYS = {
    "partners": {"id", "name", "org_number", "sector", "size_class", "municipality"}
    | {"relationship", "phone", "email", "archived"},
    "contacts": {"id", "first_name", "last_name", "email", "phone", "mobile", "organisation"}
    | {"organisation_id", "title", "archived"},
    "themes": {"id", "name", "description", "colour", "responsible_id", "responsible"}
    | {"active_from", "active_until", "archived"},
    "meetings": {"id", "title", "kind", "status", "starts_at", "ends_at", "place", "organiser"}
    | {"capacity", "archived", "registered_count", "attended_count"},
    "participants": {"id", "meeting_id", "contact_id", "first_name", "last_name", "email"}
    | {"organisation_id", "organisation", "status", "role", "dietary_needs", "note"}
    | {"checked_in_at"},
}


@pytest.mark.parametrize("what", sorted(LISTED_KEYS))
def test_a_listed_row_has_the_json_keys_of_the_contract(what: str) -> None:
    from dataclasses import fields

    from lkoe_desktop.cli.output import LISTINGS
    from lkoe_desktop.exchange.json_rows import listed_row
    from lkoe_desktop.services import contacts, meetings, participations, partners, themes

    row_type = {
        "partners": partners.PartnerRow,
        "contacts": contacts.ContactRow,
        "themes": themes.ThemeRow,
        "meetings": meetings.MeetingRow,
        "participants": participations.ParticipantRow,
    }[what]
    row = row_type(**{field.name: None for field in fields(row_type)})
    assert set(listed_row(LISTINGS[what], row)) == LISTED_KEYS[what]


def test_a_municipality_is_written_by_its_name() -> None:
    from lkoe_desktop.domain.entities import PARTNER
    from lkoe_desktop.exchange.json_rows import listed_row
    from lkoe_desktop.services.partners import PartnerRow

    row = PartnerRow(1, "Hamnen", None, None, "unknown", "0581", None, None, None, False)
    assert listed_row(PARTNER, row)["municipality"] == "Norrköping"
