"""`lkoe-desktop demo`: realistic, invented demo data in an empty database."""

from __future__ import annotations

import argparse

from lkoe_desktop.cli.common import EXIT_OK, Commands, Parser, database, progress_printer
from lkoe_desktop.domain.i18n import gettext as _

DEMO_SIZES = ("small", "large")


def add_demo_parser(commands: Commands, db: Parser) -> None:
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


def _demo(args: argparse.Namespace, url: str) -> int:
    from lkoe_desktop.cli.output import count_line
    from lkoe_desktop.demo.load import load_demo

    with database(url) as opened:
        summary = load_demo(opened, args.size, progress_printer(_("Adding demo data…")))
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
