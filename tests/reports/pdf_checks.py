"""Report test helpers: a realistic meeting with ~60 people, and reading PDFs back."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from lkoe_desktop.db.engine import Database
from lkoe_desktop.demo.names import FOREIGN, MEN, SURNAMES, WOMEN
from lkoe_desktop.domain.codes import ParticipationStatus
from lkoe_desktop.services import contacts, meetings, participations, partners, themes

# The clock of the `db` fixture, and the date it prints.
CLOCK_START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
PRINTED_ON = date(2026, 3, 2)
LONG_NAME = ("Maria-Theresia", "von Hohenzollern-Sigmaringen")
LONG_ORGANISATION = "Östergötlands Logistik- och Transportutvecklingsaktiebolag"
# A speaker and an organiser among the people, by their place in the list of everyone.
ROLES = {9: "speaker", 10: "organiser"}
MEETING_TITLE = "Nätverksträff: Samordnad varudistribution i städer"


@dataclass(frozen=True)
class Seminar:
    """A meeting and who is on its list, by the name printed ("first last")."""

    meeting_id: int
    registered: list[str]
    attended: list[str]
    invited: list[str]
    cancelled: list[str]
    no_show: list[str]
    emails: list[str]

    @property
    def on_sheet(self) -> list[str]:
        return self.registered + self.attended


def _names(count: int) -> list[tuple[str, str]]:
    given = [name for pair in zip(WOMEN, MEN, strict=False) for name in pair]
    return [(given[(i * 7) % len(given)], SURNAMES[(i * 5) % len(SURNAMES)]) for i in range(count)]


def build_seminar(db: Database, *, people: int = 52) -> Seminar:
    """A seminar with `people` ordinary names plus the non-Latin ones and a very long one:
    most registered, some attended, and a few each invited, cancelled and no-show."""
    everyone = [*((f.first, f.last) for f in FOREIGN), LONG_NAME, *_names(people)]
    lists: dict[str, list[str]] = {status.value: [] for status in ParticipationStatus}
    emails: list[str] = []
    with db.unit_of_work() as session:
        organisations = [
            partners.create_partner(session, {"name": name}).id
            for name in (
                LONG_ORGANISATION,
                "Linköpings universitet",
                "Norrköpings kommun",
                "Norrköpings Hamn AB",
                "Åkeri Östgöta Transport AB",
            )
        ]
        theme_ids = [
            themes.create_theme(session, {"name": name}).id
            for name in ("Samordnad varudistribution i städer", "Hållbara transporter")
        ]
        meeting = meetings.create_meeting(
            session,
            {
                "title": MEETING_TITLE,
                "kind": "network_meeting",
                "starts_at": "2026-03-12 09:00",
                "ends_at": "2026-03-12 12:00",
                "place": "Norrköpings Hamn, konferensrummet Kajen",
                "address": "Pirgatan 2, 602 22 Norrköping",
                "theme_ids": theme_ids,
            },
        )
        for index, (first, last) in enumerate(everyone):
            email = f"person{index}@example.se"
            emails.append(email)
            contact = contacts.create_contact(
                session,
                {
                    "first_name": first,
                    "last_name": last,
                    "email": email,
                    "organisation_id": organisations[index % len(organisations)],
                },
            )
            status = _status(index, len(everyone))
            if status == ParticipationStatus.INVITED:
                participations.invite(session, meeting.id, [contact.id])
            else:
                role = ROLES.get(index, "participant")
                row = participations.register(session, meeting.id, contact.id, role=role)
                if status != ParticipationStatus.REGISTERED:
                    participations.set_status(session, row.id, status.value)
            lists[status.value].append(f"{first} {last}")
    return Seminar(
        meeting_id=meeting.id,
        registered=lists["registered"],
        attended=lists["attended"],
        invited=lists["invited"],
        cancelled=lists["cancelled"],
        no_show=lists["no_show"],
        emails=emails,
    )


def _status(index: int, count: int) -> ParticipationStatus:
    if index < len(FOREIGN) + 1:
        return ParticipationStatus.REGISTERED
    cycle = index % 12
    if cycle == 1:
        return ParticipationStatus.CANCELLED
    if cycle == 2:
        return ParticipationStatus.NO_SHOW
    if cycle == 3:
        return ParticipationStatus.INVITED
    if cycle in (4, 5, 6):
        return ParticipationStatus.ATTENDED
    return ParticipationStatus.REGISTERED


def page_texts(path: Path) -> list[str]:
    """The text of each page, as pypdf extracts it."""
    return [page.extract_text() for page in PdfReader(path).pages]


def dark_share(path: Path, page: int = 1) -> float:
    """The share of dark pixels on one page rendered by pdftoppm (grey PGM at 40 dpi)."""
    base = path.with_suffix("")
    subprocess.run(
        [
            "pdftoppm",
            "-gray",
            "-r",
            "40",
            "-f",
            str(page),
            "-l",
            str(page),
            "-singlefile",
            path,
            base,
        ],
        check=True,
        timeout=60,
    )
    image = base.with_suffix(".pgm").read_bytes()
    # PGM (P5): magic, width, height, maxval, one whitespace, then one byte per pixel.
    header = re.match(rb"P5\s+(\d+)\s+(\d+)\s+\d+\s", image)
    assert header is not None
    count = int(header[1]) * int(header[2])
    pixels = image[header.end() : header.end() + count]
    return sum(1 for value in pixels if value < 128) / count


needs_pdftoppm = pytest.mark.skipif(
    shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) is not installed"
)


@dataclass(frozen=True)
class Fragment:
    """A piece of text drawn on a page: where it starts (points), its size and its font."""

    text: str
    x: float
    y: float
    size: float
    font: str


def fragments(path: Path, page: int = 0) -> list[Fragment]:
    """Every non-blank text piece on one page with its position on the paper."""
    found: list[Fragment] = []

    def visit(text: str, cm: list[float], tm: list[float], font: Any, size: float) -> None:
        if not text.strip() or font is None:
            return
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        name = str(font["/BaseFont"]).split("+")[-1]
        found.append(Fragment(text.strip(), x, y, size * tm[0] * cm[0], name))

    PdfReader(path).pages[page].extract_text(visitor_text=visit)
    return found


needs_pdftotext = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed"
)


def pdftotext(path: Path) -> str:
    """The text of the whole file as poppler's pdftotext extracts it (what copy and paste gives)."""
    done = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", path, "-"], check=True, capture_output=True, timeout=60
    )
    return done.stdout.decode("utf-8")


def page_fonts(path: Path) -> dict[str, bool]:
    """Every font the pages use (by name, without a subset's prefix) and whether it is embedded."""
    fonts: dict[str, bool] = {}
    for page in PdfReader(path).pages:
        for font in page["/Resources"].get_object().get("/Font", {}).values():
            font = font.get_object()
            if "/DescendantFonts" in font:
                font = font["/DescendantFonts"][0].get_object()
            descriptor = font.get("/FontDescriptor")
            files = descriptor.get_object().keys() if descriptor is not None else set()
            embedded = bool({"/FontFile", "/FontFile2", "/FontFile3"} & set(files))
            fonts[str(font["/BaseFont"]).lstrip("/").split("+")[-1]] = embedded
    return fonts
