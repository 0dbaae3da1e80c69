"""Every printed document as one call, shared by the window and the command line.

Each call collects the document's rows through services in one read-only session, lays them
out with `reports/` (or writes the participant list with `exchange/`) and writes the file whole
or not at all. It sits beside `files.py`, above services, reports and exchange, because it uses
all three; reportlab and openpyxl are imported only when a document is made (start-up speed).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from lkoe_desktop.db.engine import Database
from lkoe_desktop.domain.errors import UserInputError
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.domain.periods import Period
from lkoe_desktop.files import write_atomically

if TYPE_CHECKING:
    from lkoe_desktop.services.document_rows import PageSetup, PeriodReport

Progress = Callable[[int, int], None]
Target = str | os.PathLike[str] | BinaryIO
PDF, XLSX, JSON = ".pdf", ".xlsx", ".json"
PERIOD_KINDS = (PDF, XLSX, JSON)


def write_whole(target: Target, produce: Callable[[BinaryIO], object]) -> None:
    """Write to a stream as is; to a path through a temporary file moved into place, so that a
    failure leaves no file (nor half of one) behind."""
    if not isinstance(target, str | os.PathLike):
        produce(target)
        return

    def into(part: Path) -> None:
        with part.open("wb") as stream:
            produce(stream)

    write_atomically(Path(target), into)


def _pdf(target: Target, write: Callable[[BinaryIO], int]) -> int:
    pages: list[int] = []
    write_whole(target, lambda stream: pages.append(write(stream)))
    return pages[0]


def sign_in_sheet(
    database: Database,
    target: Target,
    meeting_id: int,
    *,
    blank_rows: int = 10,
    include_invited: bool = False,
    landscape: bool = False,
) -> int:
    """Närvarolista of a meeting; returns the number of pages."""
    from lkoe_desktop.reports.sign_in_sheet import write_sign_in_sheet
    from lkoe_desktop.services.report_rows import collect_sign_in_sheet, page_setup

    if blank_rows < 0:
        raise UserInputError(_("The number of blank rows cannot be negative."))
    with database.reading() as session:
        sheet = collect_sign_in_sheet(session, meeting_id, include_invited=include_invited)
        setup = page_setup(session, landscape=landscape)
    return _pdf(
        target, lambda stream: write_sign_in_sheet(sheet, stream, setup, blank_rows=blank_rows)
    )


def badges(
    database: Database,
    target: Target,
    meeting_id: int,
    *,
    layout: str = "a6",
    include_invited: bool = False,
) -> int:
    """Namnskyltar for a meeting's people; returns the number of pages."""
    from lkoe_desktop.reports.badges import layout_for, write_badges
    from lkoe_desktop.services.report_rows import collect_badges, page_setup

    layout_for(layout)  # an unknown layout is refused before anything is read
    with database.reading() as session:
        chosen = collect_badges(session, meeting_id, include_invited=include_invited)
        setup = page_setup(session)
    return _pdf(target, lambda stream: write_badges(chosen, stream, setup, layout=layout))


def calibration(database: Database, target: Target, *, layout: str = "a6") -> int:
    """One page to measure the badge printer's offset with; returns 1."""
    from lkoe_desktop.reports.badges import layout_for, write_calibration
    from lkoe_desktop.services.report_rows import page_setup

    layout_for(layout)
    with database.reading() as session:
        setup = page_setup(session)
    return _pdf(target, lambda stream: write_calibration(stream, setup, layout=layout))


def participant_list(
    database: Database,
    target: Target,
    *,
    meeting_id: int | None = None,
    period: Period | None = None,
    kind: str = PDF,
) -> int:
    """Deltagarlista of a meeting or a period, as PDF (returns pages) or XLSX (returns rows)."""
    from lkoe_desktop.services import office_settings, report_rows

    if (meeting_id is None) == (period is None):
        raise UserInputError(_("Give either a meeting or a period."))
    with database.reading() as session:
        if meeting_id is not None:
            chosen = report_rows.meeting_participants(session, meeting_id)
        else:
            assert period is not None
            own = office_settings.load(session).own_partner_id
            chosen = report_rows.period_participants(session, period, own)
        setup = report_rows.page_setup(session, landscape=True)
    if kind == XLSX:
        from lkoe_desktop.exchange.participant_xlsx import write_participant_xlsx

        if not isinstance(target, str | os.PathLike):
            raise TypeError("an Excel file is written to a path")
        write_participant_xlsx(
            chosen, target, office=setup.office.office_name, created=setup.printed_on
        )
        return len(chosen.rows)
    from lkoe_desktop.reports.participant_list import write_participant_list

    return _pdf(target, lambda stream: write_participant_list(chosen, stream, setup))


def contact_sheets(database: Database, target: Target, *, partner_id: int | None = None) -> int:
    """Kontaktblad of one partner or of every partner not archived; returns pages."""
    from lkoe_desktop.reports.contact_sheet import write_contact_sheets
    from lkoe_desktop.services.report_rows import contact_sheets as collect
    from lkoe_desktop.services.report_rows import page_setup

    with database.reading() as session:
        sheets = collect(session, partner_id)
        setup = page_setup(session)
    return _pdf(target, lambda stream: write_contact_sheets(sheets, stream, setup))


def partner_register(
    database: Database, target: Target, *, progress: Progress | None = None
) -> int:
    """Partnerregister of every partner not archived; returns pages."""
    from lkoe_desktop.reports.register import write_register
    from lkoe_desktop.services.report_rows import page_setup
    from lkoe_desktop.services.report_rows import partner_register as collect

    with database.reading() as session:
        rows = collect(session)
        setup = page_setup(session, landscape=True)
    return _pdf(target, lambda stream: write_register(rows, stream, setup, progress=progress))


def _write_json(target: Target, document: dict[str, Any]) -> None:
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    write_whole(target, lambda stream: stream.write(text.encode("utf-8")))


def write_period(
    target: Target,
    report: PeriodReport,
    document: dict[str, Any],
    kind: str,
    setup: PageSetup,
    progress: Progress | None = None,
) -> None:
    """A period report already made, in the file's kind: JSON (its document), PDF or XLSX (the
    report laid out), written whole or not at all."""
    if kind == JSON:
        _write_json(target, document)
    elif kind == XLSX:
        from lkoe_desktop.exchange.period_xlsx import write_period_xlsx

        if not isinstance(target, str | os.PathLike):
            raise TypeError("an Excel file is written to a path")
        write_period_xlsx(report, target, progress=progress)
    else:
        from lkoe_desktop.reports.period_report import write_period_report

        _pdf(target, lambda stream: write_period_report(report, stream, setup))


def period_report(
    database: Database,
    target: Target,
    period: Period,
    *,
    freeze: bool = False,
    kind: str = JSON,
    progress: Progress | None = None,
) -> PeriodReport:
    """The funder's report for a period, written as JSON, PDF or XLSX (`kind`); with `freeze`
    stored first as a frozen report, in the same transaction as the file is written (a file
    that cannot be written freezes nothing). Returns the report as laid out."""
    from lkoe_desktop.services import frozen_reports
    from lkoe_desktop.services.period_report import period_attendees, period_document, prepare
    from lkoe_desktop.services.period_rows import period_report as lay_out
    from lkoe_desktop.services.report_rows import page_setup

    if freeze:
        with database.unit_of_work() as session:
            frozen = frozen_reports.freeze(session, period)
            setup = page_setup(session)
            report = frozen.report()
            write_period(target, report, frozen.json_document(), kind, setup, progress)
        return report
    with database.unit_of_work() as session:
        prepare(session)
    with database.reading() as session:
        document = period_document(session, period)
        participants = period_attendees(session, period)
        setup = page_setup(session)
    report = lay_out(document, participants)
    write_period(target, report, document, kind, setup, progress)
    return report


def frozen_report(
    database: Database,
    target: Target,
    frozen_id: int,
    *,
    kind: str = JSON,
    progress: Progress | None = None,
) -> PeriodReport:
    """A frozen report written again as JSON, PDF or XLSX, exactly as it was frozen (the PDF
    with its frozen stamp); NotFoundError for an unknown id. Returns the report as laid out."""
    from lkoe_desktop.services.frozen_reports import get_frozen
    from lkoe_desktop.services.report_rows import page_setup

    with database.reading() as session:
        frozen = get_frozen(session, frozen_id)
        setup = page_setup(session)
    report = frozen.report()
    write_period(target, report, frozen.json_document(), kind, setup, progress)
    return report
