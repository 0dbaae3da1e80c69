"""`lkoe-desktop export archive` and `import archive`: the complete archive of a database."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from lkoe_desktop.cli.common import (
    EXIT_OK,
    Commands,
    Parser,
    database,
    progress_printer,
    writing_a_file,
)
from lkoe_desktop.domain.errors import UserInputError
from lkoe_desktop.domain.fields import format_number
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.domain.i18n import ngettext

if TYPE_CHECKING:
    from lkoe_desktop.db.engine import Database


def add_archive_export_parser(exports: Commands, db: Parser) -> None:
    """`export archive -o FILE.json`, one of the `export` group's lists."""
    archive = exports.add_parser(
        "archive",
        parents=[db],
        help=_("everything in the database, complete and versioned, as one JSON file"),
        description=_(
            "Write every record with its history, consents, memberships and change log, the "
            "settings and the frozen reports to one JSON file, which import archive reads back "
            "into an empty database."
        ),
    )
    archive.add_argument(
        "-o",
        "--output",
        required=True,
        type=Path,
        metavar="FILE.json",
        help=_("the file to write"),
    )
    archive.set_defaults(handler=writing_a_file(_export_archive))


def add_archive_import_parser(imports: Commands, db: Parser) -> None:
    """`import archive FILE.json`, one of the `import` group's kinds of file."""
    archive = imports.add_parser(
        "archive",
        parents=[db],
        help=_("a complete archive (export archive) into an empty database"),
        description=_(
            "Read a complete archive written by export archive into an empty database: every "
            "record as it was, with its ids, history and change log, and the archive's "
            "installation id. A database that already holds data is refused."
        ),
    )
    archive.add_argument("file", type=Path, metavar="FILE.json", help=_("the archive to read"))
    archive.set_defaults(handler=_import_archive)


def _records(count: int) -> str:
    return ngettext("{count} record", "{count} records", count).format(count=format_number(count))


def _export_archive(args: argparse.Namespace, opened: Database) -> None:
    from lkoe_desktop.exchange.archive_write import write_archive

    summary = write_archive(opened, args.output, progress_printer(_("Writing the archive…")))
    print(
        _("Archive written to {path}: {records}.").format(
            path=args.output, records=_records(summary.rows)
        )
    )


def _import_archive(args: argparse.Namespace, url: str) -> int:
    from lkoe_desktop.exchange.archive_read import read_archive, read_header

    try:
        read_header(args.file)  # a file that is no archive is refused before a database is made
        with database(url) as opened:
            summary = read_archive(opened, args.file, progress_printer(_("Reading the archive…")))
    except OSError as error:
        raise UserInputError(
            _("Cannot read “{name}”: {reason}").format(name=args.file, reason=error.strerror)
        ) from error
    print(_("Archive imported: {records}.").format(records=_records(summary.rows)))
    return EXIT_OK
