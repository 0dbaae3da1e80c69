"""Lists exported to CSV and XLSX, read back the way Excel and the import read them."""

from __future__ import annotations

import codecs
import csv
import gc
import io
import zipfile
from datetime import datetime
from pathlib import Path

import pytest
from export_data import FORMULA_TITLES, Network, build
from openpyxl import load_workbook

from lkoe_desktop.db.engine import Database
from lkoe_desktop.domain.errors import UserInputError
from lkoe_desktop.domain.validation import phone
from lkoe_desktop.exchange.import_mapping import ImportKind
from lkoe_desktop.exchange.import_rows import read_import
from lkoe_desktop.services import contacts, meetings, partners
from lkoe_desktop.services.exports import (
    ExportRequest,
    Format,
    Listed,
    ParticipantFilter,
    check_request,
    export,
)

CONTACT_HEADINGS = [
    "Efternamn",
    "Förnamn",
    "Organisation",
    "Befattning",
    "E-post",
    "Telefon",
    "Mobil",
]


@pytest.fixture
def network(db: Database) -> Network:
    return build(db)


def _csv_rows(path: Path) -> list[list[str]]:
    data = path.read_bytes()
    assert data.startswith(codecs.BOM_UTF8)
    assert data.count(b"\n") == data.count(b"\r\n"), "every line ends in CRLF"
    text = data.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline=""), dialect="excel", delimiter=";"))


def test_contacts_csv_is_what_swedish_excel_opens(
    db: Database, network: Network, tmp_path: Path
) -> None:
    path = tmp_path / "kontakter.csv"
    result = export(db, ExportRequest(Listed.CONTACTS, Format.CSV), path)
    header, *rows = _csv_rows(path)
    assert header == CONTACT_HEADINGS
    assert result.count == len(rows) == 4  # the archived person is left out, as in the list
    by_name = {row[0]: row for row in rows}
    assert [row[0] for row in rows].index("Wójcik") < [row[0] for row in rows].index("Öberg")
    assert by_name["Öberg"] == [
        "Öberg",
        "Åsa",
        "Östgöta Logistik AB",
        "'=1+1",
        "0.person@example.se",
        "013-12 34 56",
        "070-123 45 67",
    ]
    assert by_name["Wójcik"][3:] == ["'+46 chef", "1.person@example.se", "0044 20 7946 0958", ""]
    assert by_name["Παπαδοπούλου"][1:4] == ["Σοφία", "'=Formelbolaget", "'-Logistikchef"]
    assert by_name["Παπαδοπούλου"][6] == "0049 30 1234567"
    assert by_name["李"][1] == "小龍" and by_name["李"][3] == "'@kajen"


def test_an_exported_csv_imports_back_unchanged(
    db: Database, network: Network, tmp_path: Path
) -> None:
    path = tmp_path / "kontakter.csv"
    export(db, ExportRequest(Listed.CONTACTS, Format.CSV), path)
    read = read_import(path, ImportKind.CONTACTS)
    assert not read.problems()
    with db.reading() as session:
        listed = {row.last_name: row for row in contacts.list_contacts(session)}
    assert len(read.rows) == len(listed)
    for row in read.rows:
        stored = listed[str(row.values["last_name"])]
        assert row.values["first_name"] == stored.first_name
        assert row.values["title"] == stored.title
        assert row.values.get("organisation") == stored.organisation
        for key in ("phone", "mobile"):
            value = row.values.get(key)
            assert (phone(str(value)) if value else None) == getattr(stored, key)
    assert {row.values["title"] for row in read.rows} == set(FORMULA_TITLES[:4])


def test_contacts_xlsx_has_typed_text_cells_a_frozen_bold_header_and_what_it_is(
    db: Database, network: Network, tmp_path: Path
) -> None:
    path = tmp_path / "kontakter.xlsx"
    where = contacts.ContactFilter(search="example", include_archived=True)
    result = export(db, ExportRequest(Listed.CONTACTS, Format.XLSX, where), path)
    assert result.count == 5 and result.warnings == ()
    book = load_workbook(path)
    table, about = book.worksheets
    assert (table.title, about.title) == ("Kontakter", "Om listan")
    assert [cell.value for cell in table[1]] == [*CONTACT_HEADINGS, "Arkiverad"]
    assert all(cell.font.bold for cell in table[1])
    assert table.freeze_panes == "A2"
    assert table.auto_filter.ref == "A1:H6"
    assert table.column_dimensions["A"].width >= len("Παπαδοπούλου")
    rows = {row[0].value: row for row in table.iter_rows(min_row=2)}
    oberg = rows["Öberg"]
    assert [cell.value for cell in oberg[3:7]] == [
        "=1+1",
        "0.person@example.se",
        "013-12 34 56",
        "070-123 45 67",
    ]
    assert all(cell.data_type == "s" for cell in oberg if cell.value is not None)
    assert rows["Person"][4].value and rows["Person"][7].value == "ja"
    assert rows["李"][1].value == "小龍"
    with zipfile.ZipFile(path) as archive:
        sheets = [name for name in archive.namelist() if name.startswith("xl/worksheets/")]
        assert all(b"<f>" not in archive.read(name) for name in sheets), "no cell is a formula"
    facts = {row[0].value: row[1].value for row in about.iter_rows()}
    assert facts["Lista"] == "Kontakter"
    assert facts["Sökt efter"] == "example"
    assert facts["Arkiverade poster"] == "med"
    assert facts["Rader"] == "listans alla 5 rader"
    assert facts["Exporterad av"] == "testare"
    assert isinstance(facts["Exporterad"], datetime)


def test_partners_and_meetings_xlsx_keep_numbers_as_text_and_dates_as_dates(
    db: Database, network: Network, tmp_path: Path
) -> None:
    path = tmp_path / "partner.xlsx"
    export(db, ExportRequest(Listed.PARTNERS, Format.XLSX), path)
    table = load_workbook(path).worksheets[0]
    rows = {row[0].value: row for row in table.iter_rows(min_row=2)}
    ostgota = [cell.value for cell in rows["Östgöta Logistik AB"]]
    assert ostgota[1:5] == ["556036-0793", "Näringsliv", "Små (< 50)", "Linköping"]
    assert ostgota[6] == "013-12 34 56" and rows["=Formelbolaget"][6].value == "0044 20 7946 0958"
    assert rows["=Formelbolaget"][0].data_type == "s"
    path = tmp_path / "möten.xlsx"
    export(db, ExportRequest(Listed.MEETINGS, Format.XLSX), path)
    table = load_workbook(path).worksheets[0]
    [row] = table.iter_rows(min_row=2)
    assert row[0].value == datetime(2026, 3, 31, 23, 30)  # Stockholm time, summer already
    assert row[0].number_format == "yyyy-mm-dd hh:mm"
    assert row[1].value == "Nätverksträff: Bygglogistik; Östgöta, =kväll"
    assert row[1].data_type == "s"
    assert (row[5].value, row[6].value) == (3, 0)  # counts are numbers


def test_participants_of_a_meeting_or_of_every_meeting(
    db: Database, network: Network, tmp_path: Path
) -> None:
    path = tmp_path / "deltagare.csv"
    one = ParticipantFilter(meeting_id=network.meeting_id)
    export(db, ExportRequest(Listed.PARTICIPANTS, Format.CSV, one), path)
    header, *rows = _csv_rows(path)
    assert header[:3] == ["Efternamn", "Förnamn", "Organisation"]
    assert {row[0] for row in rows} == {"Öberg", "Wójcik", "李"}
    assert {row[header.index("Anteckning")] for row in rows} == {"'=2+2"}
    export(db, ExportRequest(Listed.PARTICIPANTS, Format.CSV), path)
    header, *rows = _csv_rows(path)
    assert header[0] == "Möte"
    assert rows[0][0] == "Nätverksträff: Bygglogistik; Östgöta, =kväll (2026-03-31)"


def test_the_list_as_shown_search_filters_order_or_only_chosen_rows(
    db: Database, network: Network, tmp_path: Path
) -> None:
    path = tmp_path / "urval.csv"

    def exported(request: ExportRequest) -> list[str]:
        export(db, request, path)
        return [row[0] for row in _csv_rows(path)[1:]]

    at_partner = contacts.ContactFilter(organisation_id=network.partner_id)
    assert exported(ExportRequest(Listed.CONTACTS, Format.CSV, at_partner)) == ["Wójcik", "Öberg"]
    in_group = contacts.ContactFilter(group_id=network.group_id)
    assert set(exported(ExportRequest(Listed.CONTACTS, Format.CSV, in_group))) == {
        "Öberg",
        "Παπαδοπούλου",
    }
    searched = contacts.ContactFilter(search="ÖSTGÖTA")
    by_first = ExportRequest(Listed.CONTACTS, Format.CSV, searched, sort="first_name")
    assert exported(by_first) == ["Wójcik", "Öberg"]  # Łukasz (as L) before Åsa
    chosen = (network.contact_ids["李"], network.contact_ids["Öberg"])
    assert exported(ExportRequest(Listed.CONTACTS, Format.CSV, ids=chosen)) == ["李", "Öberg"]
    named = ExportRequest(
        Listed.PARTNERS, Format.CSV, partners.PartnerFilter(search="formel"), columns=("name",)
    )
    assert exported(named) == ["'=Formelbolaget"]
    held = meetings.MeetingFilter(status="held")
    assert len(exported(ExportRequest(Listed.MEETINGS, Format.CSV, held))) == 1


def test_a_format_or_column_that_does_not_fit_the_list_is_refused() -> None:
    for listed, fmt in ((Listed.MEETINGS, Format.VCF), (Listed.CONTACTS, Format.ICS)):
        with pytest.raises(UserInputError, match="kan inte exporteras som"):
            check_request(ExportRequest(listed, fmt))
    with pytest.raises(UserInputError, match="Okända kolumner: shoe_size"):
        check_request(ExportRequest(Listed.CONTACTS, Format.CSV, columns=("shoe_size",)))


@pytest.mark.parametrize("fmt", [Format.CSV, Format.XLSX, Format.VCF, Format.JSON])
def test_a_cancelled_export_leaves_the_old_file_as_it_was(
    db: Database, network: Network, tmp_path: Path, fmt: Format
) -> None:
    folder = tmp_path / "export"
    folder.mkdir()
    path = folder / f"kontakter.{fmt.value}"
    path.write_bytes(b"the old file")
    calls: list[tuple[int, int]] = []

    class Cancelled(Exception):
        pass

    def cancel(done: int, total: int) -> None:
        calls.append((done, total))
        raise Cancelled

    with pytest.raises(Cancelled):
        export(db, ExportRequest(Listed.CONTACTS, fmt), path, progress=cancel)
    assert calls == [(0, 4)]
    assert path.read_bytes() == b"the old file"
    assert [item.name for item in folder.iterdir()] == [path.name]


def test_progress_is_told_from_nothing_to_every_row(
    db: Database, network: Network, tmp_path: Path
) -> None:
    calls: list[tuple[int, int]] = []
    request = ExportRequest(Listed.CONTACTS, Format.XLSX)
    export(
        db, request, tmp_path / "k.xlsx", progress=lambda done, total: calls.append((done, total))
    )
    assert calls[0] == (0, 4) and calls[-1] == (4, 4)


def test_the_collector_rests_while_an_export_writes(
    db: Database, network: Network, tmp_path: Path
) -> None:
    """Full collections over a hundred thousand rows would hold the window still meanwhile."""
    gc.enable()
    seen: list[bool] = []
    request = ExportRequest(Listed.CONTACTS, Format.CSV)
    export(
        db, request, tmp_path / "k.csv", progress=lambda done, total: seen.append(gc.isenabled())
    )
    assert seen and not any(seen)
    assert gc.isenabled()


def test_a_partners_people_in_xlsx_is_its_contact_sheet(
    db: Database, network: Network, tmp_path: Path
) -> None:
    path = tmp_path / "kontaktblad.xlsx"
    at_partner = contacts.ContactFilter(organisation_id=network.partner_id)
    export(db, ExportRequest(Listed.CONTACTS, Format.XLSX, at_partner), path)
    table, about = load_workbook(path).worksheets
    assert [row[0].value for row in table.iter_rows(min_row=2)] == ["Wójcik", "Öberg"]
    facts = {row[0].value: row[1].value for row in about.iter_rows()}
    assert facts["Organisation"] == "Östgöta Logistik AB"
    assert facts["Organisationsnummer"] == "556036-0793"
    assert facts["Postadress"] == "Box 12; Storgatan 2, 581 83, Linköping"
    assert facts["Telefon"] == "013-12 34 56"
    assert facts["E-post"] == "info@ostgota.se"
