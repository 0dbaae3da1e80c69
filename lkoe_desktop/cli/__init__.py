"""The command line: `lkoe-desktop [--db PATH_OR_URL] [COMMAND …]`, thin over the services.

Without a command it opens the window. This module is the window's entry point too, so it
imports only light modules at the top: SQLAlchemy and the services when a command needs them,
Qt only when the window opens.
"""

from __future__ import annotations

import argparse
import gc
import logging
import sys
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from lkoe_desktop import APP_ID, APP_NAME, __version__, paths, preferences
from lkoe_desktop.domain import i18n
from lkoe_desktop.domain.errors import LkoeError, UserInputError
from lkoe_desktop.domain.i18n import N_
from lkoe_desktop.domain.i18n import gettext as _

if TYPE_CHECKING:
    from lkoe_desktop.db.engine import Database

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_USER_ERROR = 1
EXIT_INTERNAL_ERROR = 2
EXIT_INTERRUPTED = 130
LOG_FILE_NAME = f"{APP_ID}.log"
LOG_FILE_BYTES = 1_000_000
LOG_FILE_COUNT = 3

LISTED = ("partners", "contacts", "themes", "meetings")
DEMO_SIZES = ("small", "large")

# argparse's own messages, marked so that they are extracted into the catalogue; argparse
# looks them up through our translation (see _translate_argparse).
ARGPARSE_MESSAGES = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("show program's version number and exit"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("expected one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
)


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors exit with status 1, like every other user error."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        hint = _("Run “{command} --help” for help.").format(command=self.prog)
        self.exit(EXIT_USER_ERROR, f"{self.prog}: {message}\n{hint}\n")


def _translate_argparse() -> None:
    """Let argparse's headings and error messages follow the language setting too."""
    argparse._ = i18n.gettext  # type: ignore[attr-defined]
    argparse.ngettext = i18n.ngettext  # type: ignore[attr-defined]


def _database_option() -> _Parser:
    """`--db`, accepted before and after the command (SUPPRESS: a later default cannot undo it)."""
    parent = _Parser(add_help=False)
    parent.add_argument(
        "--db",
        metavar="PATH_OR_URL",
        default=argparse.SUPPRESS,
        help=_("the database: a SQLite file (created if missing) or a postgresql:// URL"),
    )
    return parent


def build_parser() -> argparse.ArgumentParser:
    """The whole command line, its help in the current language."""
    db = _database_option()
    epilog = _(
        "Without a command the window opens.\n"
        "The database is the one given by --db, else by the environment variable {env},\n"
        "else {default}.\n\n"
        "Exit status: 0 success; 1 a user error (bad input, unknown id, a database that\n"
        "cannot be opened), explained on stderr; 2 an internal error, details in the log\n"
        "file in {logs}."
    ).format(env=paths.DB_ENV, default=paths.default_database_path(), logs=paths.log_dir())
    parser = _Parser(
        prog=APP_ID,
        description=_("{app}: partners, contacts, themes and meetings of the cluster.").format(
            app=APP_NAME
        ),
        epilog=epilog,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        parents=[db],
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"{APP_NAME} {__version__}",
        help=_("show program's version number and exit"),
    )
    commands = parser.add_subparsers(dest="command", title=_("commands"), metavar="COMMAND")

    demo = commands.add_parser(
        "demo",
        parents=[db],
        help=_("fill an empty database with realistic demo data"),
        description=_("Fill an empty database with realistic, invented demo data."),
    )
    demo.add_argument(
        "--size",
        choices=DEMO_SIZES,
        default="small",
        help=_("small (the default) or large (100 000 contacts)"),
    )
    demo.set_defaults(handler=_demo)

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
        _json_option(kind)
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
    _json_option(participants)
    participants.set_defaults(handler=_list)
    from lkoe_desktop.cli.reports import add_report_parser

    add_report_parser(commands, db, _writing_a_file)
    return parser


def _json_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--json",
        action="store_true",
        help=_("print a JSON array of flat objects instead of a table"),
    )


@contextmanager
def _database(url: str) -> Iterator[Database]:
    from lkoe_desktop.db.migrate import open_database

    database = open_database(url)
    try:
        yield database
    finally:
        database.dispose()


def _writing_a_file(
    work: Callable[[argparse.Namespace, Database], None],
) -> Callable[[argparse.Namespace, str], int]:
    """A command that writes a file: the database opened around it, a file that cannot be
    written told as a user error."""

    def run(args: argparse.Namespace, url: str) -> int:
        with _database(url) as database:
            try:
                work(args, database)
            except OSError as error:
                name = error.filename or getattr(args, "output", "")
                raise UserInputError(
                    _("Cannot write “{name}”: {reason}").format(name=name, reason=error.strerror)
                ) from error
        return EXIT_OK

    return run


def _progress_printer(doing: str) -> Callable[[int, int], None] | None:
    """A progress line on stderr when it is a terminal; nothing when it is a file or a pipe."""
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        percent = 100 * done // total if total else 100
        sys.stderr.write(f"\r{doing} {percent} %")
        if done >= total:
            sys.stderr.write("\n")
        sys.stderr.flush()

    return show


def _demo(args: argparse.Namespace, url: str) -> int:
    from lkoe_desktop.cli.output import count_line
    from lkoe_desktop.demo.load import load_demo

    with _database(url) as database:
        summary = load_demo(database, args.size, _progress_printer(_("Adding demo data…")))
    counts = ", ".join(
        count_line(what, count)
        for what, count in (
            ("partners", summary.partners),
            ("contacts", summary.contacts),
            ("themes", summary.themes),
            ("meetings", summary.meetings),
            ("participants", summary.participations),
        )
    )
    print(_("Demo data added: {counts}.").format(counts=counts))
    return EXIT_OK


def _rows(database: Database, args: argparse.Namespace) -> Sequence[object]:
    from lkoe_desktop.services import contacts, meetings, participations, partners, themes

    with database.reading() as session:
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
    with _database(url) as database:
        rows = _rows(database, args)
    if args.json:
        from lkoe_desktop.exchange.json_rows import dumps

        sys.stdout.write(dumps(rows) + "\n")
    else:
        from lkoe_desktop.cli.output import table

        archived = args.what != "participants" and args.archived
        by_meeting = args.what == "participants" and args.meeting is None
        sys.stdout.write(table(args.what, rows, show_archived=archived, by_meeting=by_meeting))
    return EXIT_OK


def _utf8_output() -> None:
    """Write UTF-8 whatever the locale says, so that Å, Ä, Ö reach files and pipes intact."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if reconfigure is not None and encoding != "utf8":
            reconfigure(encoding="utf-8")


@contextmanager
def _logging_to_file() -> Iterator[Path | None]:
    """Warnings and errors (with tracebacks) go to a rotating file in the user's log folder.

    Yields the file, or None when the folder cannot be made; the handler is removed after.
    """
    path = paths.log_dir() / LOG_FILE_NAME
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(
            path, maxBytes=LOG_FILE_BYTES, backupCount=LOG_FILE_COUNT, encoding="utf-8", delay=True
        )
    except OSError:
        yield None
        return
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    logging.getLogger("lkoe_desktop").setLevel(logging.INFO)
    try:
        yield path
    finally:
        root.removeHandler(handler)
        handler.close()


def _run(args: argparse.Namespace) -> int:
    url = paths.database_url(getattr(args, "db", None))
    if args.command is None:
        # The window's start-up makes some hundred thousand objects that live as long as it
        # does (modules, classes, widgets); the cyclic collector would walk them over and over
        # meanwhile, a sixth of the time to the first rows. It rests until the database is open,
        # and then leaves those objects be (ui.app.collect_from_now_on).
        gc.disable()
        from lkoe_desktop.ui.app import run

        return run(url)
    handler: Callable[[argparse.Namespace, str], int] = args.handler
    return handler(args, url)


def main(argv: list[str] | None = None) -> int:
    """Run the command line (or the window) and return the exit status."""
    _utf8_output()
    i18n.set_language(preferences.language())
    _translate_argparse()
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as stop:
        if stop.code is None or isinstance(stop.code, int):
            return stop.code or EXIT_OK
        return EXIT_USER_ERROR
    with _logging_to_file() as log_file:
        try:
            return _run(args)
        except LkoeError as error:
            print(_("Error: {message}").format(message=error.message), file=sys.stderr)
            return EXIT_USER_ERROR
        except KeyboardInterrupt:
            print(_("Interrupted."), file=sys.stderr)
            return EXIT_INTERRUPTED
        except Exception:
            # The command only: a --db URL may carry a password.
            log.exception("unexpected error in %s %s", args.command, getattr(args, "what", ""))
            if log_file is None:
                traceback.print_exc()
            else:
                message = _("Something went wrong inside {app}. The details are in {path}.")
                print(message.format(app=APP_NAME, path=log_file), file=sys.stderr)
            return EXIT_INTERNAL_ERROR
