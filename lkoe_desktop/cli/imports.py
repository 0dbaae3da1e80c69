"""`lkoe-desktop import partners|contacts|registrations FILE …`: bring a CSV or XLSX file in.

`import` is a group of subcommands: `add_import_parser` returns it, so that another kind of
import (such as `import archive`) is added to the same group in a module of its own.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from lkoe_desktop.cli.common import (
    EXIT_OK,
    EXIT_USER_ERROR,
    Commands,
    Parser,
    database,
    progress_printer,
)
from lkoe_desktop.domain.codes import LegalBasis
from lkoe_desktop.domain.errors import UserInputError
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.domain.i18n import ngettext

KINDS = ("partners", "contacts", "registrations")
MODES = ("fill", "create", "update")


def add_import_parser(commands: Commands, db: Parser) -> Commands:
    """The `import` group with its subcommands; returns the group for more kinds of import."""
    group = commands.add_parser(
        "import",
        parents=[db],
        help=_("bring partners, contacts or registrations in from a CSV or XLSX file"),
        description=_(
            "Bring data in from a CSV or XLSX file as Excel or a web form writes it. Nothing is "
            "written when a row has an error, unless --skip-invalid is given."
        ),
    )
    kinds: Commands = group.add_subparsers(
        dest="what", title=_("what to import"), metavar="WHAT", required=True
    )
    for kind, text in (
        ("partners", _("partners (organisations)")),
        ("contacts", _("contacts, with their organisation and job title")),
        ("registrations", _("registrations for a meeting, with dietary needs")),
    ):
        parser = kinds.add_parser(kind, parents=[db], help=text, description=text)
        parser.add_argument("file", metavar="FILE", type=Path, help=_("the CSV or XLSX file"))
        if kind == "registrations":
            parser.add_argument(
                "--meeting", metavar="ID", type=int, required=True, help=_("the meeting's id")
            )
        else:
            parser.add_argument(
                "--mode",
                choices=MODES,
                default="fill",
                help=_(
                    "fill (the default): create what is new, fill only empty fields of what "
                    "matches; create: skip what matches; update: overwrite matching fields "
                    "with the file's non-empty values"
                ),
            )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=_("show what the import would do, row by row, and write nothing"),
        )
        parser.add_argument(
            "--skip-invalid",
            action="store_true",
            help=_("import the valid rows and leave out the rows with errors"),
        )
        parser.add_argument(
            "--error-file",
            metavar="PATH",
            type=Path,
            help=_("write the rejected rows with the reason to this file, in the file's format"),
        )
        parser.add_argument(
            "--legal-basis",
            choices=[basis.value for basis in LegalBasis],
            default=LegalBasis.LEGITIMATE_INTEREST.value,
            help=_("the legal basis recorded for each new contact (default legitimate_interest)"),
        )
        parser.set_defaults(handler=_import)
    return kinds


def _import(args: argparse.Namespace, url: str) -> int:
    from lkoe_desktop.cli.import_text import summary
    from lkoe_desktop.exchange.import_mapping import ImportKind
    from lkoe_desktop.services.imports import (
        ImportMode,
        ImportRequest,
        preview_import,
        run_import,
        write_error_file,
    )

    request = ImportRequest(
        path=args.file,
        kind=ImportKind(args.what),
        mode=ImportMode(getattr(args, "mode", "fill")),
        meeting_id=getattr(args, "meeting", None),
        skip_invalid=args.skip_invalid,
        legal_basis=args.legal_basis,
    )
    if not args.file.is_file():
        raise UserInputError(
            _("Cannot read “{name}”: there is no such file.").format(name=args.file)
        )
    with database(url) as opened:
        show = progress_printer(_("Importing…"))
        if args.dry_run:
            outcome = preview_import(opened, request, progress=show)
        else:
            outcome = run_import(opened, request, progress=show)
    print(summary(outcome, dry_run=args.dry_run))
    if args.error_file is not None:
        try:
            written = write_error_file(outcome, args.error_file)
        except OSError as error:
            raise UserInputError(
                _("Cannot write “{name}”: {reason}").format(
                    name=args.error_file, reason=error.strerror
                )
            ) from error
        if written:
            print(
                _("The rejected rows are in “{name}”.").format(name=args.error_file),
            )
        else:
            print(_("No row was rejected: no error file was written."))
    if args.dry_run:
        return EXIT_OK if outcome.ok else EXIT_USER_ERROR
    if not outcome.written:
        refusal = ngettext(
            "Error: {count} row has an error, so nothing was imported. Correct it, or import "
            "with --skip-invalid to leave it out.",
            "Error: {count} rows have errors, so nothing was imported. Correct them, or import "
            "with --skip-invalid to leave them out.",
            outcome.counts.errors,
        )
        print(refusal.format(count=outcome.counts.errors), file=sys.stderr)
        return EXIT_USER_ERROR
    return EXIT_OK
