"""What the commands share: exit statuses, the parser, the database around a command, progress."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, NoReturn, TypeAlias

from lkoe_desktop.domain.errors import UserInputError
from lkoe_desktop.domain.i18n import gettext as _

if TYPE_CHECKING:
    from lkoe_desktop.db.engine import Database

EXIT_OK = 0
EXIT_USER_ERROR = 1
EXIT_INTERNAL_ERROR = 2
EXIT_INTERRUPTED = 130

# A command: the parsed arguments and the database URL in, the exit status out.
Handler = Callable[[argparse.Namespace, str], int]


class Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors exit with status 1, like every other user error."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        hint = _("Run “{command} --help” for help.").format(command=self.prog)
        self.exit(EXIT_USER_ERROR, f"{self.prog}: {message}\n{hint}\n")


# Where each command group adds its subcommands (argparse's class is generic to type checkers only).
Commands: TypeAlias = "argparse._SubParsersAction[Parser]"


def json_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--json",
        action="store_true",
        help=_("print a JSON array of flat objects instead of a table"),
    )


@contextmanager
def database(url: str) -> Iterator[Database]:
    """The database at `url`, opened (created, upgraded) for one command and closed after."""
    from lkoe_desktop.db.migrate import open_database

    opened = open_database(url)
    try:
        yield opened
    finally:
        opened.dispose()


def writing_a_file(work: Callable[[argparse.Namespace, Database], None]) -> Handler:
    """A command that writes a file: the database opened around it, a file that cannot be
    written told as a user error."""

    def run(args: argparse.Namespace, url: str) -> int:
        with database(url) as opened:
            try:
                work(args, opened)
            except OSError as error:
                name = error.filename or getattr(args, "output", "")
                raise UserInputError(
                    _("Cannot write “{name}”: {reason}").format(name=name, reason=error.strerror)
                ) from error
        return EXIT_OK

    return run


def progress_printer(doing: str) -> Callable[[int, int], None] | None:
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
