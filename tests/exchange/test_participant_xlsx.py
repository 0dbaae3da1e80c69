"""The deltagarlista as XLSX, read back with openpyxl."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from lkoe_desktop.db.engine import Database
from lkoe_desktop.domain.clock import STOCKHOLM
from lkoe_desktop.domain.codes import Sector, SizeClass, label
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.domain.periods import Period
from lkoe_desktop.exchange.participant_xlsx import write_participant_xlsx
from lkoe_desktop.services import contacts, meetings, participations, partners
from lkoe_desktop.services.document_rows import AttendeeRow, ParticipantList
from lkoe_desktop.services.report_rows import meeting_participants, period_participants

OFFICE = "Logistikkluster Östergötland"


def _row(first: str, last: str, **values: object) -> AttendeeRow:
    fields: dict[str, object] = {
        "participation_id": 1,
        "meeting_id": 1,
        "meeting_title": "Seminarium",
        "starts_at": datetime(2026, 4, 1, 9, 0, tzinfo=STOCKHOLM),
        "contact_id": 1,
        "first_name": first,
        "last_name": last,
        "email": None,
        "role": "participant",
        "organisation_id": None,
        "organisation": None,
        "org_number": None,
        "sector": None,
        "size_class": None,
        "municipality": None,
        **values,
    }
    return AttendeeRow(**fields)  # type: ignore[arg-type]


def _period(*rows: AttendeeRow) -> ParticipantList:
    return ParticipantList(None, date(2026, 1, 1), date(2026, 6, 30), tuple(rows))


def test_a_meeting_list_reads_back_with_swedish_headers_and_labels(
    sqlite_db: Database, tmp_path: Path
) -> None:
    db = sqlite_db
    with db.unit_of_work() as session:
        hamn = partners.create_partner(
            session,
            {
                "name": "Norrköpings Hamn",
                "org_number": "556012-5790",
                "sector": "business",
                "size_class": "medium",
                "municipality": "Norrköping",
            },
        ).id
        meeting = meetings.create_meeting(
            session, {"title": "Hamndagen", "kind": "seminar", "starts_at": "2026-04-01 09:00"}
        ).id
        for first, last, status in (
            ("Nguyễn", "Thị Hoa", "attended"),
            ("Иван", "Петров", "attended"),
            ("Åsa", "Avbokad", "cancelled"),
        ):
            person = contacts.create_contact(
                session,
                {
                    "first_name": first,
                    "last_name": last,
                    "email": f"{last.lower().replace(' ', '')}@example.se",
                    "organisation_id": hamn,
                },
            ).id
            row = participations.register(session, meeting, person)
            participations.set_status(session, row.id, status)
    with db.reading() as session:
        found = meeting_participants(session, meeting)
    target = tmp_path / "deltagare.xlsx"
    write_participant_xlsx(found, target, office=OFFICE, created=date(2026, 4, 2))

    book = load_workbook(target)
    table = book.worksheets[0]
    headers = [cell.value for cell in table[1]]
    assert headers[:7] == [
        _("Meeting"),
        _("Date"),
        _("First name"),
        _("Last name"),
        _("E-mail"),
        _("Organisation"),
        _("Organisation number"),
    ]
    assert all(cell.font.bold for cell in table[1])
    assert table.freeze_panes == "A2"
    assert table.auto_filter.ref == f"A1:K{table.max_row}"
    values = [[cell.value for cell in row] for row in table.iter_rows(min_row=2)]
    assert [(row[2], row[3]) for row in values] == [("Nguyễn", "Thị Hoa"), ("Иван", "Петров")]
    first = values[0]
    assert first[4] == "thịhoa@example.se"
    assert first[5:10] == [
        "Norrköpings Hamn",
        "556012-5790",
        label(Sector.BUSINESS),
        label(SizeClass.MEDIUM),
        "Norrköping",
    ]
    date_cell = table.cell(row=2, column=2)
    assert date_cell.is_date and date_cell.value == datetime(2026, 4, 1)
    assert date_cell.number_format == "yyyy-mm-dd"
    assert 8 <= table.column_dimensions["A"].width <= 50
    about = book.worksheets[1]
    facts = {row[0].value: row[1].value for row in about.iter_rows()}
    assert facts[_("Office")] == OFFICE
    assert facts[_("Meeting")] == "Hamndagen, 2026-04-01 09:00"
    assert facts[_("Number of participants")] == 2


def test_formula_like_and_control_characters_stay_plain_text(tmp_path: Path) -> None:
    rows = _period(
        _row('=HYPERLINK("http://x")', "+Plus", organisation="@Org", email="-x@example.se"),
        _row("Bell\x07", "Ek"),
    )
    target = tmp_path / "lista.xlsx"
    write_participant_xlsx(rows, target, office=OFFICE, created=date(2026, 7, 1))
    table = load_workbook(target).worksheets[0]
    first = table.cell(row=2, column=3)
    assert first.value == '=HYPERLINK("http://x")' and first.data_type == "s"
    assert table.cell(row=2, column=4).value == "+Plus"
    assert table.cell(row=3, column=3).value == "Bell"
    about = {row[0].value: row[1].value for row in load_workbook(target).worksheets[1].iter_rows()}
    assert about[_("Period")] == "2026-01-01 – 2026-06-30"


def test_an_empty_period_still_has_its_header(sqlite_db: Database, tmp_path: Path) -> None:
    with sqlite_db.reading() as session:
        empty = period_participants(session, Period(date(2026, 1, 1), date(2026, 3, 31)))
    target = tmp_path / "tom.xlsx"
    write_participant_xlsx(empty, target, office=OFFICE, created=date(2026, 4, 1))
    table = load_workbook(target).worksheets[0]
    assert table.max_row == 1 and table.cell(row=1, column=1).value == _("Meeting")


def test_a_failed_write_leaves_nothing_behind(tmp_path: Path) -> None:
    blocked = tmp_path / "upptagen.xlsx"
    blocked.mkdir()
    (blocked / "kvar.txt").write_text("orört")
    with pytest.raises(OSError):
        write_participant_xlsx(
            _period(_row("Eva", "Ek")), blocked, office=OFFICE, created=date.today()
        )
    assert sorted(path.name for path in tmp_path.iterdir()) == ["upptagen.xlsx"]
    assert (blocked / "kvar.txt").read_text() == "orört"


def test_an_old_file_is_replaced_whole(tmp_path: Path) -> None:
    target = tmp_path / "lista.xlsx"
    target.write_bytes(b"old contents that are not a workbook")
    write_participant_xlsx(
        _period(_row("Eva", "Ek")), target, office=OFFICE, created=date(2026, 7, 1)
    )
    assert load_workbook(target).worksheets[0].cell(row=2, column=4).value == "Ek"
    assert [path.name for path in tmp_path.iterdir()] == ["lista.xlsx"]
