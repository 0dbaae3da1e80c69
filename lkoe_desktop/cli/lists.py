"""`lkoe-desktop list …`: partners, contacts, themes, meetings and participants, as text or JSON."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from lkoe_desktop.cli.common import EXIT_OK, Commands, Parser, database, json_option
from lkoe_desktop.domain.i18n import gettext as _

if TYPE_CHECKING:
    from lkoe_desktop.db.engine import Database

LISTED = ("partners", "contacts", "themes", "meetings")


def add_list_parser(commands: Commands, db: Parser) -> None:
    listing = commands.add_parser(
        "list",
        parents=[db],
        help=_("print partners, contacts, themes, meetings or participants"),
        description=_("Print a list as a text table, or as JSON with --json."),
    )
    kinds = listing.add_subparsers(
        dest="what", required=True, metavar="{" + ",".join((*LISTED, "participants")) + "}"
    )
    helps = {
        "partners": _("partners (organisations) in Swedish order by name"),
        "contacts": _("contacts in Swedish order by last name, then first name"),
        "themes": _("themes in Swedish order by name"),
        "meetings": _("meetings, newest first"),
    }
    for what in LISTED:
        description = helps[what][:1].upper() + helps[what][1:] + "."
        kind = kinds.add_parser(what, parents=[db], help=helps[what], description=description)
        kind.add_argument(
            "--search", metavar=_("TEXT"), help=_("only rows whose text contains TEXT")
        )
        kind.add_argument("--archived", action="store_true", help=_("include archived records too"))
        json_option(kind)
        kind.set_defaults(handler=_list)
    participants = kinds.add_parser(
        "participants",
        parents=[db],
        help=_("the participants of one meeting, or of every meeting"),
        description=_("The participants of one meeting, or of every meeting."),
    )
    participants.add_argument(
        "--meeting", type=int, metavar="ID", help=_("only the participants of this meeting")
    )
    json_option(participants)
    participants.set_defaults(handler=_list)


def _rows(opened: Database, args: argparse.Namespace) -> Sequence[object]:
    from lkoe_desktop.services import contacts, meetings, participations, partners, themes

    with opened.reading() as session:
        if args.what == "participants":
            if args.meeting is not None:
                meetings.get_meeting(session, args.meeting)
            return participations.list_participants(session, args.meeting)
        where = {"search": args.search, "include_archived": args.archived}
        if args.what == "partners":
            return partners.list_partners(session, partners.PartnerFilter(**where))
        if args.what == "contacts":
            return contacts.list_contacts(session, contacts.ContactFilter(**where))
        if args.what == "themes":
            return themes.list_themes(session, themes.ThemeFilter(**where))
        return meetings.list_meetings(session, meetings.MeetingFilter(**where))


def _list(args: argparse.Namespace, url: str) -> int:
    with database(url) as opened:
        rows = _rows(opened, args)
    if args.json:
        from lkoe_desktop.cli.output import LISTINGS
        from lkoe_desktop.exchange.json_rows import dumps_listed

        sys.stdout.write(dumps_listed(LISTINGS[args.what], rows) + "\n")
    else:
        from lkoe_desktop.cli.output import table

        archived = args.what != "participants" and args.archived
        by_meeting = args.what == "participants" and args.meeting is None
        sys.stdout.write(table(args.what, rows, show_archived=archived, by_meeting=by_meeting))
    return EXIT_OK
