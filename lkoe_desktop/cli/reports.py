"""`lkoe-desktop report …`: the printed documents written to a file from the command line."""

from __future__ import annotations

import argparse
import re
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from lkoe_desktop.cli.common import Commands, Parser, writing_a_file
from lkoe_desktop.domain.errors import UserInputError
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.domain.i18n import ngettext

if TYPE_CHECKING:
    from lkoe_desktop.db.engine import Database
    from lkoe_desktop.documents import Period

QUARTER = re.compile(r"(\d{4})[- ]?Q([1-4])", re.IGNORECASE)
LAYOUTS = ("a6", "90x55")


def _output_option(parser: argparse.ArgumentParser, kinds: str) -> None:
    parser.add_argument(
        "-o",
        "--output",
        required=True,
        type=Path,
        metavar="FILE",
        help=_("the file to write ({kinds})").format(kinds=kinds),
    )


def _meeting_option(parser: argparse.ArgumentParser, *, required: bool = True) -> None:
    parser.add_argument(
        "--meeting", type=int, required=required, metavar="ID", help=_("the meeting's id")
    )


def _invited_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--include-invited",
        action="store_true",
        help=_("also the people invited who have not registered"),
    )


def add_report_parser(commands: Commands, db: Parser) -> None:
    """`report` and its documents."""
    report = commands.add_parser(
        "report",
        parents=[db],
        help=_("write a printed document as a file"),
        description=_(
            "Write a sign-in sheet, name badges, a participant list, contact sheets "
            "or the partner register as a file."
        ),
    )
    documents = report.add_subparsers(dest="document", required=True, metavar="DOCUMENT")

    sheet = documents.add_parser(
        "sign-in-sheet",
        parents=[db],
        help=_("a meeting's sign-in sheet (närvarolista)"),
        description=_(
            "A meeting's sign-in sheet: registered and attended people in order by "
            "last name, with blank rows for walk-ins."
        ),
    )
    _meeting_option(sheet)
    sheet.add_argument(
        "--blank-rows",
        type=int,
        default=10,
        metavar="N",
        help=_(
            "blank rows for walk-ins after the names: as many as fit on the page with the last "
            "names, at most N (default 10)"
        ),
    )
    _invited_option(sheet)
    sheet.add_argument("--landscape", action="store_true", help=_("print across the page"))
    _output_option(sheet, "PDF")
    sheet.set_defaults(handler=writing_a_file(_sign_in_sheet))

    badges = documents.add_parser(
        "badges",
        parents=[db],
        help=_("name badges for a meeting, or a calibration page"),
        description=_(
            "Name badges for a meeting's people, or with --calibration one page "
            "to measure the printer's offset."
        ),
    )
    chosen = badges.add_mutually_exclusive_group(required=True)
    chosen.add_argument("--meeting", type=int, metavar="ID", help=_("the meeting's id"))
    chosen.add_argument(
        "--calibration", action="store_true", help=_("a page to measure the printer's offset")
    )
    badges.add_argument(
        "--layout",
        choices=LAYOUTS,
        default="a6",
        help=_("a6: four badges per A4 sheet (the default); 90x55: eight 90 × 55 mm badges"),
    )
    _invited_option(badges)
    _output_option(badges, "PDF")
    badges.set_defaults(handler=writing_a_file(_badges))

    participants = documents.add_parser(
        "participants",
        parents=[db],
        help=_("the participant list (deltagarlista) of a meeting or a period"),
        description=_(
            "The people who attended a meeting, or every meeting that started in a "
            "period, with organisation, organisation number and e-mail."
        ),
    )
    which = participants.add_mutually_exclusive_group(required=True)
    which.add_argument("--meeting", type=int, metavar="ID", help=_("the meeting's id"))
    which.add_argument("--quarter", metavar="YYYYQN", help=_("a quarter, e.g. 2026Q3"))
    which.add_argument(
        "--from", dest="starts_from", metavar="YYYY-MM-DD", help=_("the first day of a period")
    )
    which.add_argument("--project", action="store_true", help=_("the whole project so far"))
    participants.add_argument(
        "--to",
        dest="starts_until",
        metavar="YYYY-MM-DD",
        help=_("the last day of the period (with --from)"),
    )
    _output_option(participants, "PDF, XLSX")
    participants.set_defaults(handler=writing_a_file(_participants))

    contact_sheet = documents.add_parser(
        "contact-sheet",
        parents=[db],
        help=_("contact sheets (kontaktblad) of one partner or of all"),
        description=_(
            "A partner's details and current people; every partner that is not "
            "archived when no partner is given."
        ),
    )
    contact_sheet.add_argument("--partner", type=int, metavar="ID", help=_("the partner's id"))
    _output_option(contact_sheet, "PDF")
    contact_sheet.set_defaults(handler=writing_a_file(_contact_sheet))

    register = documents.add_parser(
        "register",
        parents=[db],
        help=_("the partner register"),
        description=_("Every partner that is not archived, in one table."),
    )
    _output_option(register, "PDF")
    register.set_defaults(handler=writing_a_file(_register))


def _suffix(path: Path, allowed: tuple[str, ...]) -> str:
    """The output's kind from its file name; a name or folder that cannot work is refused."""
    suffix = path.suffix.lower()
    if suffix not in allowed:
        raise UserInputError(
            _("Cannot write “{name}”: the file name must end in {endings}.").format(
                name=path.name, endings=", ".join(allowed)
            )
        )
    if not path.parent.is_dir():
        raise UserInputError(
            _("Cannot write “{name}”: the folder {folder} does not exist.").format(
                name=path.name, folder=path.parent
            )
        )
    return suffix


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UserInputError(
            _("“{text}” is not a date; write it as YYYY-MM-DD.").format(text=text)
        ) from None


def period(args: argparse.Namespace, database: Database) -> Period:
    """The period `--quarter`, `--from`/`--to` or `--project` names."""
    from lkoe_desktop.documents import Period
    from lkoe_desktop.services.common import today
    from lkoe_desktop.services.meetings import first_meeting_day

    if args.quarter:
        match = QUARTER.fullmatch(args.quarter.strip())
        if match is None:
            raise UserInputError(
                _("“{text}” is not a quarter; write it as 2026Q3.").format(text=args.quarter)
            )
        year, quarter = int(match.group(1)), int(match.group(2))
        first = date(year, 3 * quarter - 2, 1)
        following = date(year + (quarter == 4), 1 if quarter == 4 else 3 * quarter + 1, 1)
        return Period(first, following - timedelta(days=1))
    if args.starts_from:
        if not args.starts_until:
            raise UserInputError(_("--from needs --to: the last day of the period."))
        return Period(_day(args.starts_from), _day(args.starts_until))
    with database.reading() as session:
        last = today(session)
        first = first_meeting_day(session) or last
    return Period(first, max(first, last))


def _said(path: Path, pages: int) -> None:
    text = ngettext("Wrote {path} ({count} page).", "Wrote {path} ({count} pages).", pages)
    print(text.format(path=path, count=pages), file=sys.stderr)


def _sign_in_sheet(args: argparse.Namespace, database: Database) -> None:
    from lkoe_desktop import documents

    _suffix(args.output, (".pdf",))
    pages = documents.sign_in_sheet(
        database,
        args.output,
        args.meeting,
        blank_rows=args.blank_rows,
        include_invited=args.include_invited,
        landscape=args.landscape,
    )
    _said(args.output, pages)


def _badges(args: argparse.Namespace, database: Database) -> None:
    from lkoe_desktop import documents

    _suffix(args.output, (".pdf",))
    if args.calibration:
        pages = documents.calibration(database, args.output, layout=args.layout)
    else:
        pages = documents.badges(
            database,
            args.output,
            args.meeting,
            layout=args.layout,
            include_invited=args.include_invited,
        )
    _said(args.output, pages)


def _participants(args: argparse.Namespace, database: Database) -> None:
    from lkoe_desktop import documents

    kind = _suffix(args.output, (documents.PDF, documents.XLSX))
    if args.starts_until and not args.starts_from:
        raise UserInputError(_("--to needs --from: the first day of the period."))
    chosen = None if args.meeting is not None else period(args, database)
    count = documents.participant_list(
        database, args.output, meeting_id=args.meeting, period=chosen, kind=kind
    )
    if kind == documents.XLSX:
        text = ngettext("Wrote {path} ({count} row).", "Wrote {path} ({count} rows).", count)
        print(text.format(path=args.output, count=count), file=sys.stderr)
    else:
        _said(args.output, count)


def _contact_sheet(args: argparse.Namespace, database: Database) -> None:
    from lkoe_desktop import documents

    _suffix(args.output, (".pdf",))
    _said(args.output, documents.contact_sheets(database, args.output, partner_id=args.partner))


def _register(args: argparse.Namespace, database: Database) -> None:
    from lkoe_desktop import documents

    _suffix(args.output, (".pdf",))
    _said(args.output, documents.partner_register(database, args.output))
