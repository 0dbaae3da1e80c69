"""`lkoe-desktop report …`: the printed documents written to a file from the command line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from lkoe_desktop.cli.common import Commands, Parser, json_option, writing_a_file
from lkoe_desktop.domain.errors import UserInputError
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.domain.i18n import ngettext

if TYPE_CHECKING:
    from lkoe_desktop.db.engine import Database
    from lkoe_desktop.domain.periods import Period

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


def _period_options(
    parser: argparse.ArgumentParser, which: argparse._MutuallyExclusiveGroup
) -> None:
    """PERIOD: `--quarter`, `--from` with `--to`, or `--project`."""
    which.add_argument("--quarter", metavar="YYYYQN", help=_("a quarter, e.g. 2026Q3"))
    which.add_argument(
        "--from", dest="starts_from", metavar="YYYY-MM-DD", help=_("the first day of a period")
    )
    which.add_argument("--project", action="store_true", help=_("the whole project so far"))
    parser.add_argument(
        "--to",
        dest="starts_until",
        metavar="YYYY-MM-DD",
        help=_("the last day of the period (with --from)"),
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
    _period_options(participants, which)
    _output_option(participants, "PDF, XLSX")
    participants.set_defaults(handler=writing_a_file(_participants))

    figures = documents.add_parser(
        "period",
        parents=[db],
        help=_("the funder's report for a period: figures, indicators and warnings"),
        description=_(
            "Activities, participants, organisations reached, enterprises supported and the "
            "data-quality warnings of a period, beside the project's figures so far."
        ),
    )
    _period_options(figures, figures.add_mutually_exclusive_group(required=True))
    figures.add_argument(
        "--freeze",
        action="store_true",
        help=_("store the report as it is now, unchangeable, for the funder's audit"),
    )
    _output_option(figures, "PDF, XLSX, JSON")
    figures.set_defaults(handler=writing_a_file(_period_report))

    frozen = documents.add_parser(
        "frozen",
        parents=[db],
        help=_("list the frozen reports, or write one again"),
        description=_(
            "Without --id, the frozen reports; with --id and -o, one of them written again "
            "exactly as it was frozen."
        ),
    )
    json_option(frozen)
    frozen.add_argument("--id", type=int, metavar="N", help=_("the frozen report's id"))
    frozen.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE",
        help=_("the file to write ({kinds})").format(kinds="PDF, XLSX, JSON"),
    )
    frozen.set_defaults(handler=writing_a_file(_frozen))

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


def period(args: argparse.Namespace, database: Database) -> Period:
    """The period `--quarter`, `--from`/`--to` or `--project` names."""
    from lkoe_desktop.domain.periods import date_range, parse_quarter

    if args.starts_until and not args.starts_from:
        raise UserInputError(_("--to needs --from: the first day of the period."))
    if args.quarter:
        return parse_quarter(args.quarter)
    if args.starts_from:
        if not args.starts_until:
            raise UserInputError(_("--from needs --to: the last day of the period."))
        return date_range(args.starts_from, args.starts_until)
    from lkoe_desktop.services.period_report import project_period

    with database.reading() as session:
        return project_period(session)


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


def _period_report(args: argparse.Namespace, database: Database) -> None:
    from lkoe_desktop import documents

    kind = _suffix(args.output, documents.PERIOD_KINDS)
    chosen = period(args, database)
    documents.period_report(database, args.output, chosen, freeze=args.freeze, kind=kind)
    _wrote(args.output)


def _wrote(path: Path) -> None:
    print(_("Wrote {path}.").format(path=path), file=sys.stderr)


def _frozen(args: argparse.Namespace, database: Database) -> None:
    from lkoe_desktop import documents

    if args.id is None:
        if args.output is not None:
            raise UserInputError(_("-o needs --id: the frozen report to write."))
        _list_frozen(database, as_json=args.json)
        return
    if args.output is None:
        raise UserInputError(_("--id needs -o: the file to write."))
    kind = _suffix(args.output, documents.PERIOD_KINDS)
    documents.frozen_report(database, args.output, args.id, kind=kind)
    _wrote(args.output)


def _list_frozen(database: Database, *, as_json: bool) -> None:
    from lkoe_desktop.exchange.json_rows import dumps
    from lkoe_desktop.services.frozen_reports import list_frozen

    with database.reading() as session:
        rows = list_frozen(session)
    if as_json:
        print(dumps(rows))
        return
    for row in rows:
        print(
            f"{row.id:>4}  {row.period_from.isoformat()} – {row.period_to.isoformat()}  "
            f"{row.frozen_at.strftime('%Y-%m-%d %H:%M')}  {row.frozen_by}  {row.checksum[:12]}"
        )
    text = ngettext("{count} frozen report", "{count} frozen reports", len(rows))
    print(text.format(count=len(rows)))
