"""A small hand-built network for the funder's period report, the expected figures of which
the tests work out by hand.

The period is 2026Q1; the project starts 2025-01-01. Meetings (Stockholm time), who counts
there (with the organisation represented) and who does not:

- M0 2025-11-15 09–11: Gösta (Gamma), Bo (Kommun).
- M9 2025-12-31 23:30–00:30 (winter time, Q4): Filip (Beta).
- M8 2026-01-01 00:15–01:15: Dora (Universitetet).
- M1 2026-01-20 09–12, Bygglogistik: Anna (Alfa), Bo, Dora; not Eva (the office's own
  record), Hanna (no-show), Ivar (cancelled), Jon (invited), Kim (organiser).
- M2 2026-02-10 13–16:30, Bygglogistik and E-handel: Bo, Cecilia (Kommun's
  Näringslivskontoret, same number), Filip (Beta), Lars (no organisation).
- M5 2026-02-20, cancelled.
- M6 2026-02-17 10–12, steering group: Bo, Cecilia; not Dora (no-show).
- M3 2026-03-30 09:00 to 03-31 17:00, still "planned": Anna (Gamma, after her job change), Bo.
- M4 2026-03-31 23:30 (summer time, Q1), no end time: Gösta (Gamma).
- M7 2026-04-01 00:30 (Q2): Anna.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from lkoe_desktop.db.engine import Database
from lkoe_desktop.domain.periods import parse_quarter
from lkoe_desktop.services import (
    affiliations,
    contacts,
    groups,
    meetings,
    office_settings,
    participations,
    partners,
    themes,
)

Q1 = parse_quarter("2026Q1")
LATER = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
KOMMUN = "212000-0746"


@dataclass(frozen=True)
class Network:
    ids: dict[str, int]  # partners, people and meetings by their short name
    participations: dict[tuple[str, str], int]  # (meeting, person) -> participation id


def _partner(session, name: str, **values: object) -> int:
    return partners.create_partner(session, {"name": name, **values}).id


def _person(session, first: str, organisation: int | None, gender: str | None) -> int:
    values: dict[str, object] = {"first_name": first, "last_name": "Testsson", "gender": gender}
    if organisation is not None:
        values["organisation_id"] = organisation
    return contacts.create_contact(session, values).id


def _meeting(session, title: str, kind: str, starts: str, ends: str | None, **more) -> int:
    values = {"title": title, "kind": kind, "starts_at": starts, "ends_at": ends, **more}
    return meetings.create_meeting(session, values).id


def build(db: Database) -> Network:
    db.clock.set(LATER)  # type: ignore[attr-defined]
    ids: dict[str, int] = {}
    taken: dict[tuple[str, str], int] = {}
    with db.unit_of_work() as session:
        ids["alfa"] = _partner(
            session, "Alfa Åkeri AB", org_number="556036-0793", sector="business",
            size_class="small", municipality="0581",
        )  # fmt: skip
        ids["kommun"] = _partner(
            session, "Norrköpings kommun", org_number=KOMMUN, sector="public",
            size_class="large", municipality="0581",
        )  # fmt: skip
        ids["naringsliv"] = _partner(
            session, "Norrköpings kommun, Näringslivskontoret", org_number=KOMMUN,
            sector="public", size_class="medium", municipality="0581",
        )  # fmt: skip
        ids["office"] = _partner(
            session, "Logistikkluster Östergötland", org_number=KOMMUN, sector="public",
            size_class="small", municipality="0581",
        )  # fmt: skip
        ids["univ"] = _partner(
            session, "Universitetet", org_number="202100-3096", sector="academia",
            size_class="large", municipality="0580",
        )  # fmt: skip
        ids["beta"] = _partner(
            session, "Beta Bygg AB", sector="business", size_class="unknown", municipality="0580"
        )
        ids["gamma"] = _partner(
            session, "Gamma Logistik AB", org_number="556677-8899", sector="business",
            size_class="medium", municipality="0581",
        )  # fmt: skip
        office_settings.save(
            session, {"own_partner_id": ids["office"], "project_start": "2025-01-01"}
        )
        for name, where, gender in (
            ("Anna", "alfa", "woman"), ("Bo", "kommun", "man"), ("Cecilia", "naringsliv", "woman"),
            ("Dora", "univ", "man"), ("Eva", "office", "woman"), ("Filip", "beta", "man"),
            ("Gösta", "gamma", "other"), ("Hanna", "alfa", "woman"), ("Ivar", "alfa", "man"),
            ("Jon", "alfa", "man"), ("Kim", "office", "woman"), ("Lars", None, None),
        ):  # fmt: skip
            ids[name] = _person(session, name, ids[where] if where else None, gender)
        bygg = themes.create_theme(session, {"name": "Bygglogistik"}).id
        handel = themes.create_theme(session, {"name": "E-handel"}).id
        ids |= {
            "M0": _meeting(session, "M0", "seminar", "2025-11-15 09:00", "2025-11-15 11:00"),
            "M9": _meeting(session, "M9", "network_meeting", "2025-12-31 23:30",
                           "2026-01-01 00:30"),
            "M8": _meeting(session, "M8", "network_meeting", "2026-01-01 00:15",
                           "2026-01-01 01:15", status="held"),
            "M1": _meeting(
                session, "M1", "seminar", "2026-01-20 09:00", "2026-01-20 12:00",
                theme_ids=[bygg], status="held",
            ),
            "M2": _meeting(
                session, "M2", "workshop", "2026-02-10 13:00", "2026-02-10 16:30",
                theme_ids=[bygg, handel], status="held",
            ),
            "M5": _meeting(session, "M5", "seminar", "2026-02-20 09:00", None, status="cancelled"),
            "M6": _meeting(
                session, "M6", "steering_group", "2026-02-17 10:00", "2026-02-17 12:00",
                status="held",
            ),
            "M3": _meeting(
                session, "M3", "conference", "2026-03-30 09:00", "2026-03-31 17:00",
                status="planned",
            ),
            "M4": _meeting(session, "M4", "network_meeting", "2026-03-31 23:30", None,
                           status="held"),
            "M7": _meeting(session, "M7", "seminar", "2026-04-01 00:30", "2026-04-01 01:30"),
        }  # fmt: skip
        styrgrupp = groups.create_group(session, {"name": "Styrgrupp"}).id
        groups.add_member(session, styrgrupp, ids["Bo"], since=date(2025, 1, 1))
        groups.add_member(session, styrgrupp, ids["Dora"], since=date(2025, 1, 1))
        groups.add_member(session, styrgrupp, ids["Cecilia"], since=date(2026, 3, 1))

        def take(meeting: str, person: str, status: str = "attended", role: str = "participant"):
            row = participations.register(session, ids[meeting], ids[person], role=role)
            if status != "registered":
                participations.set_status(session, row.id, status)
            taken[meeting, person] = row.id

        for meeting, people in (
            ("M0", ("Gösta", "Bo")), ("M9", ("Filip",)), ("M8", ("Dora",)),
            ("M1", ("Anna", "Bo", "Dora", "Eva")), ("M2", ("Bo", "Cecilia", "Filip", "Lars")),
            ("M6", ("Bo", "Cecilia")), ("M4", ("Gösta",)),
        ):  # fmt: skip
            for person in people:
                take(meeting, person)
        take("M1", "Hanna", "no_show")
        take("M1", "Ivar", "cancelled")
        take("M1", "Jon", "invited")
        take("M1", "Kim", role="organiser")
        take("M6", "Dora", "no_show")
        affiliations.change_job(session, ids["Anna"], ids["gamma"], start_date=date(2026, 2, 15))
        take("M3", "Anna")
        take("M3", "Bo")
        take("M7", "Anna")
    with db.unit_of_work() as session:
        contacts.set_contact_archived(session, ids["Filip"], True)
        partners.set_partner_archived(session, ids["beta"], True)
    return Network(ids, taken)
