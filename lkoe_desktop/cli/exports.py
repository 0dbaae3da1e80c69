"""`lkoe-desktop export …`: a list written to a CSV, XLSX, vCard, iCalendar or JSON file.

`export` is a group of subcommands, one per list; `add_export_parser` returns the group so
that another module adds its own (`export archive`).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lkoe_desktop.cli.common import Commands, Parser, progress_printer, writing_a_file
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.domain.i18n import ngettext

if TYPE_CHECKING:
    from lkoe_desktop.db.engine import Database

FORMATS = ("csv", "xlsx", "vcf", "ics", "json")
LISTS = ("partners", "contacts", "meetings", "participants")


def add_export_parser(commands: Commands, db: Parser) -> Commands:
    """`export` and its lists; returns the group of subcommands, for more to be added."""
    export = commands.add_parser(
        "export",
        parents=[db],
        help=_("write a list to a CSV, Excel, vCard, iCalendar or JSON file"),
        description=_(
            "Write partners, contacts, meetings or participants as their list shows them to a "
            "file: CSV as Swedish Excel opens it, an Excel workbook, vCard (contacts), "
            "iCalendar (meetings) or JSON."
        ),
    )
    kinds: Commands = export.add_subparsers(dest="what", required=True, metavar="LIST")
    helps = {
        "partners": _("partners (organisations) in Swedish order by name"),
        "contacts": _("contacts in Swedish order by last name, then first name"),
        "meetings": _("meetings, newest first"),
        "participants": _("the participants of one meeting, or of every meeting"),
    }
    for what in LISTS:
        kind = kinds.add_parser(what, parents=[db], help=helps[what], description=helps[what])
        _options(kind, what)
        kind.set_defaults(handler=writing_a_file(_export))
    return kinds


def _options(parser: argparse.ArgumentParser, what: str) -> None:
    if what == "participants":
        parser.add_argument(
            "--meeting", type=int, metavar="ID", help=_("only the participants of this meeting")
        )
    if what == "partners":
        parser.add_argument("--partner", type=int, metavar="ID", help=_("only this partner"))
    if what == "contacts":
        parser.add_argument(
            "--partner", type=int, metavar="ID", help=_("only the people working at this partner")
        )
        parser.add_argument(
            "--group", type=int, metavar="ID", help=_("only the current members of this group")
        )
    parser.add_argument("--search", metavar=_("TEXT"), help=_("only rows whose text contains TEXT"))
    if what != "participants":
        parser.add_argument(
            "--archived", action="store_true", help=_("include archived records too")
        )
    parser.add_argument(
        "--format", required=True, choices=FORMATS, help=_("the kind of file to write")
    )
    parser.add_argument(
        "-o", "--output", required=True, type=Path, metavar="FILE", help=_("the file to write")
    )


def _request(args: argparse.Namespace, database: Database) -> Any:
    """The export the arguments ask for; an unknown partner or group id is a user error."""
    from lkoe_desktop.services import contacts, exports, groups, meetings, partners

    listed = exports.Listed(args.what)
    where: exports.Where
    ids = None
    partner = getattr(args, "partner", None)
    group = getattr(args, "group", None)
    meeting = getattr(args, "meeting", None)
    with database.reading() as session:
        if partner is not None:
            partners.get_partner(session, partner)
        if group is not None:
            groups.get_group(session, group)
        if meeting is not None:
            meetings.get_meeting(session, meeting)
    archived = getattr(args, "archived", False)
    if listed == exports.Listed.PARTNERS:
        where = partners.PartnerFilter(search=args.search, include_archived=archived)
        ids = None if partner is None else (partner,)
    elif listed == exports.Listed.CONTACTS:
        where = contacts.ContactFilter(
            search=args.search, include_archived=archived, organisation_id=partner, group_id=group
        )
    elif listed == exports.Listed.MEETINGS:
        where = meetings.MeetingFilter(search=args.search, include_archived=archived)
    else:
        where = exports.ParticipantFilter(meeting_id=meeting, search=args.search)
    return exports.ExportRequest(listed, exports.Format(args.format), where, ids=ids)


def _export(args: argparse.Namespace, database: Database) -> None:
    from lkoe_desktop.services import exports

    request = _request(args, database)
    exports.check_request(request)
    shown = progress_printer(_("Exporting…"))
    result = exports.export(database, request, args.output, progress=shown)
    for warning in result.warnings:
        print(_("Warning: {message}").format(message=warning), file=sys.stderr)
    text = ngettext("Wrote {path} ({count} row).", "Wrote {path} ({count} rows).", result.count)
    print(text.format(path=result.path, count=result.count), file=sys.stderr)
