"""The command line: `lkoe-desktop [--db PATH_OR_URL] [COMMAND …]`, thin over the services.

The parser and the dispatch; each group of commands has its own module (`demo`, `lists`,
`reports`, `imports`, `exports`). Without a command the window opens. This package is the
window's entry point too, so its modules import only light modules at the top: SQLAlchemy and
the services when a command needs them, Qt only when the window opens.
"""

from __future__ import annotations

import argparse
import logging
import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from logging.handlers import RotatingFileHandler
from pathlib import Path

from lkoe_desktop import APP_ID, APP_NAME, __version__, paths, preferences
from lkoe_desktop.cli.archive import add_archive_export_parser, add_archive_import_parser
from lkoe_desktop.cli.common import (
    EXIT_INTERNAL_ERROR,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USER_ERROR,
    Handler,
    Parser,
)
from lkoe_desktop.cli.demo import add_demo_parser
from lkoe_desktop.cli.exports import add_export_parser
from lkoe_desktop.cli.imports import add_import_parser
from lkoe_desktop.cli.lists import add_list_parser
from lkoe_desktop.cli.reports import add_report_parser
from lkoe_desktop.domain import i18n
from lkoe_desktop.domain.errors import LkoeError
from lkoe_desktop.domain.i18n import N_
from lkoe_desktop.domain.i18n import gettext as _

log = logging.getLogger(__name__)

LOG_FILE_NAME = f"{APP_ID}.log"
LOG_FILE_BYTES = 1_000_000
LOG_FILE_COUNT = 3

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


def _translate_argparse() -> None:
    """Let argparse's headings and error messages follow the language setting too."""
    argparse._ = i18n.gettext  # type: ignore[attr-defined]
    argparse.ngettext = i18n.ngettext  # type: ignore[attr-defined]


def _database_option() -> Parser:
    """`--db`, accepted before and after the command (SUPPRESS: a later default cannot undo it)."""
    parent = Parser(add_help=False)
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
    parser = Parser(
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
    add_demo_parser(commands, db)
    add_list_parser(commands, db)
    add_report_parser(commands, db)
    add_archive_import_parser(add_import_parser(commands, db), db)
    add_archive_export_parser(add_export_parser(commands, db), db)
    return parser


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
        from lkoe_desktop.ui.app import run  # light: it loads Qt itself (see its docstring)

        return run(url)
    handler: Handler = args.handler
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
            print(_("Error: {message}").format(message=error.cli_message), file=sys.stderr)
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
