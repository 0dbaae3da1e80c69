"""Contacts as vCard, meetings as iCalendar and every list as JSON, read back with the library
made for each (vobject, icalendar, json)."""

from __future__ import annotations

import json
from pathlib import Path

import icalendar
import pytest
import vobject
from export_data import Network, build

from lkoe_desktop.db.engine import Database
from lkoe_desktop.domain.entities import CONTACT
from lkoe_desktop.exchange.json_rows import dumps_listed
from lkoe_desktop.exchange.vcard import Card, card_lines, write_vcards
from lkoe_desktop.services import contacts, meetings
from lkoe_desktop.services.exports import ExportRequest, Format, Listed, ParticipantFilter, export
from lkoe_desktop.services.installation import installation_id


@pytest.fixture
def network(db: Database) -> Network:
    return build(db)


def _cards(path: Path) -> dict[str, vobject.base.Component]:
    data = path.read_bytes()
    assert data.count(b"\n") == data.count(b"\r\n"), "every line ends in CRLF"
    cards = list(vobject.readComponents(data.decode("utf-8")))
    assert all(card.version.value == "3.0" for card in cards)
    return {card.n.value.family: card for card in cards}


def _tels(card: vobject.base.Component) -> dict[str, str]:
    return {tel.params["TYPE"][-2]: tel.value for tel in card.contents.get("tel", [])}


def test_contacts_as_vcards_that_vobject_reads_with_every_letter_intact(
    db: Database, network: Network, tmp_path: Path
) -> None:
    with db.unit_of_work() as session:
        installation = installation_id(session)
    path = tmp_path / "kontakter.vcf"
    result = export(db, ExportRequest(Listed.CONTACTS, Format.VCF), path)
    cards = _cards(path)
    assert result.count == len(cards) == 4
    oberg = cards["Öberg"]
    assert (oberg.n.value.given, oberg.fn.value) == ("Åsa", "Åsa Öberg")
    assert oberg.org.value == ["Östgöta Logistik AB"]
    assert oberg.title.value == "=1+1"
    assert oberg.email.value == "0.person@example.se"
    assert _tels(oberg) == {"WORK": "+4613123456", "CELL": "+46701234567"}
    address = oberg.adr.value
    assert (address.street, address.code, address.city) == (
        "Box 12; Storgatan 2",
        "581 83",
        "Linköping",
    )
    assert _tels(cards["Wójcik"]) == {"WORK": "+442079460958"}
    assert cards["Wójcik"].n.value.given == "Łukasz"
    assert cards["Παπαδοπούλου"].fn.value == "Σοφία Παπαδοπούλου"
    assert cards["Παπαδοπούλου"].org.value == ["=Formelbolaget"]
    assert cards["李"].n.value.given == "小龍"
    assert all(installation in card.uid.value for card in cards.values())


def test_a_partners_people_and_a_groups_members_as_vcards(
    db: Database, network: Network, tmp_path: Path
) -> None:
    path = tmp_path / "styrgrupp.vcf"
    in_group = contacts.ContactFilter(group_id=network.group_id)
    export(db, ExportRequest(Listed.CONTACTS, Format.VCF, in_group), path)
    assert set(_cards(path)) == {"Öberg", "Παπαδοπούλου"}
    at_partner = contacts.ContactFilter(organisation_id=network.partner_id)
    export(db, ExportRequest(Listed.CONTACTS, Format.VCF, at_partner), path)
    assert list(_cards(path)) == ["Wójcik", "Öberg"]


def test_a_long_line_is_folded_inside_no_character_and_special_characters_escaped() -> None:
    card = Card(uid="contact-1@x", first_name="Åsa;Li", last_name="Öberg,Wójcik", title="Å" * 60)
    data = b"".join(line.encode() + b"\r\n" for line in card_lines(card))
    assert b"N:\xc3\x96berg\\,W\xc3\xb3jcik;\xc3\x85sa\\;Li;;;" in data
    parsed = vobject.readOne(data.decode())
    assert parsed.n.value.family == "Öberg,Wójcik" and parsed.n.value.given == "Åsa;Li"
    assert parsed.title.value == "Å" * 60


def test_many_cards_are_one_file_folded_at_75_octets(tmp_path: Path) -> None:
    path = tmp_path / "många.vcf"
    cards = [
        Card(uid=f"c{n}", first_name="Σοφία", last_name="Å" * 50, title="李" * 40) for n in range(3)
    ]
    write_vcards(cards, path)
    data = path.read_bytes()
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))
    read = list(vobject.readComponents(data.decode()))
    assert [card.title.value for card in read] == ["李" * 40] * 3


def test_meetings_as_one_calendar_whose_uids_carry_the_installation_id(
    db: Database, network: Network, tmp_path: Path
) -> None:
    with db.unit_of_work() as session:
        meetings.create_meeting(
            session,
            {"title": "Workshop Ελλάδα", "kind": "workshop", "starts_at": "2026-05-05 09:00"},
        )
        installation = installation_id(session)
    path = tmp_path / "möten.ics"
    result = export(db, ExportRequest(Listed.MEETINGS, Format.ICS), path)
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    events = calendar.walk("VEVENT")
    assert result.count == len(events) == 2
    assert [str(event["SUMMARY"]) for event in events] == [
        "Workshop Ελλάδα",
        "Nätverksträff: Bygglogistik; Östgöta, =kväll",
    ]
    uids = [str(event["UID"]) for event in events]
    assert all(installation in uid for uid in uids) and len(set(uids)) == 2


def test_json_is_the_lists_json_flat_rows_with_codes_and_e164(
    db: Database, network: Network, tmp_path: Path
) -> None:
    path = tmp_path / "kontakter.json"
    export(db, ExportRequest(Listed.CONTACTS, Format.JSON), path)
    rows = json.loads(path.read_text(encoding="utf-8"))
    with db.reading() as session:
        listed = contacts.list_contacts(session)
    assert rows == json.loads(dumps_listed(CONTACT, listed))
    oberg = next(row for row in rows if row["last_name"] == "Öberg")
    assert oberg["phone"] == "+4613123456" and oberg["title"] == "=1+1"
    path = tmp_path / "deltagare.json"
    one = ParticipantFilter(meeting_id=network.meeting_id)
    export(db, ExportRequest(Listed.PARTICIPANTS, Format.JSON, one), path)
    people = json.loads(path.read_text(encoding="utf-8"))
    assert {row["status"] for row in people} == {"registered"}
    assert {row["meeting_id"] for row in people} == {network.meeting_id}
    assert "李" in {row["last_name"] for row in people}
