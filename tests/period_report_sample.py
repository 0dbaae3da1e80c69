"""A hand-built period report that looks like a real quarter of the office (2026Q1), for the
tests of the documents that lay it out; the figures are made up, not computed."""

from __future__ import annotations

from datetime import UTC, date, datetime

from lkoe_desktop.demo.names import FOREIGN, MEN, SURNAMES, WOMEN
from lkoe_desktop.domain.clock import STOCKHOLM
from lkoe_desktop.services.document_rows import (
    AttendeeRow,
    Chart,
    DataWarning,
    FigureTable,
    FrozenMark,
    PeriodReport,
    SummaryLine,
    WarningRecord,
)

SECTORS = ("Näringsliv", "Offentlig sektor", "Akademi", "Ideell sektor", "Övrigt")
SIZES = ("Mikro", "Små", "Medelstora", "Stora", "Okänd")
THEMES = (
    "Samordnad varudistribution i städer",
    "Bygglogistik",
    "Vårdens logistik",
    "Landsbygdens logistik",
    "E-handel",
    "Hållbara transporter",
)
# Theme × sector: distinct organisations reached; the zeros are the empty cells.
COVERAGE = (
    (THEMES[0], 14, 6, 2, 1, 0),
    (THEMES[1], 9, 3, 0, 0, 1),
    (THEMES[2], 3, 7, 1, 0, 0),
    (THEMES[3], 5, 4, 0, 2, 0),
    (THEMES[4], 11, 1, 1, 0, 0),
    (THEMES[5], 8, 5, 2, 1, 1),
)
# The meetings of the quarter the deltagarlista is made of: (id, title, start).
MEETINGS = (
    (101, "Frukostseminarium: Samordnad varudistribution i städer", datetime(2026, 1, 20, 8, 0)),
    (104, "Workshop Bygglogistik – etableringsytor i Linköping", datetime(2026, 2, 5, 13, 0)),
    (107, "Nätverksträff Vårdens logistik", datetime(2026, 2, 24, 9, 30)),
    (110, "Studiebesök Norrköpings Hamn", datetime(2026, 3, 10, 10, 0)),
    (112, "Webbinarium: E-handelns returflöden", datetime(2026, 3, 31, 15, 0)),
)
# (name, number, sector, size class, municipality) in codes, as a deltagarlista's rows hold them.
ORGANISATIONS = (
    ("Norrköpings Hamn AB", "556012-5790", "business", "large", "0581"),
    ("Linköpings universitet", "202100-1058", "academia", "large", "0580"),
    ("Norrköpings kommun", "212000-0514", "public", "large", "0581"),
    ("Östgöta Åkeri & Logistik AB", "556677-8899", "business", "small", "0583"),
    ("Region Östergötland", "232100-0040", "public", "large", "0580"),
    ("Kinda Budbil HB", "969612-3456", "business", "micro", "0513"),
    ("Söderköpings Bygglogistik AB", "556234-5678", "business", "medium", "0582"),
    ("Föreningen Hållbar Handel Öst", "802456-7890", "civil_society", "unknown", "0580"),
)
PARTICIPANT_COUNT = 150


def summary() -> tuple[SummaryLine, ...]:
    return (
        SummaryLine("activities_held", "Genomförda aktiviteter", 14, 41),
        SummaryLine("participations_attended", "Deltaganden", 312, 968),
        SummaryLine("unique_participants", "Unika deltagare", 187, 502),
        SummaryLine("participant_hours", "Deltagartimmar", 934.5, 2876.0),
        SummaryLine("organisations_reached", "Nådda organisationer", 96, 231),
        SummaryLine("enterprises_supported", "Företag som fått stöd", 58, 139, "RCO01"),
        SummaryLine(
            "enterprises_non_financial", "Företag med icke-finansiellt stöd", 58, 139, "RCO04"
        ),
        SummaryLine("enterprises_first_time", "varav nådda för första gången", 21, 139),
        SummaryLine("research_reached", "Forskningsorganisationer", 4, 6),
        SummaryLine("public_reached", "Offentliga organisationer", 17, 29),
    )  # fmt: skip


def tables(*, long_rows: int = 0) -> tuple[FigureTable, ...]:
    """The quarter's tables; with `long_rows` an activity list that long is added at the end."""
    both = ("Perioden", "Sedan projektstart")
    found = [
        FigureTable(
            "activities_by_kind",
            "Aktiviteter per typ",
            ("Typ", *both),
            (
                ("Seminarium", 4, 12),
                ("Workshop", 3, 9),
                ("Nätverksträff", 3, 8),
                ("Styrgruppsmöte", 1, 4),
                ("Studiebesök", 1, 3),
                ("Webbinarium", 2, 5),
                ("Totalt", 14, 41),
            ),
        ),
        FigureTable(
            "activities_by_theme",
            "Aktiviteter per tema",
            ("Tema", *both),
            tuple(
                (theme, count, count * 3)
                for theme, count in zip(THEMES, (4, 3, 2, 1, 3, 5), strict=True)
            ),
            note="Ett möte med flera teman räknas under vart och ett av dem och en gång i totalen.",
        ),
        FigureTable(
            "organisations_by_sector",
            "Nådda organisationer per sektor",
            ("Sektor", *both),
            tuple(zip(SECTORS, (58, 17, 4, 9, 8), (139, 29, 6, 31, 26), strict=True)),
        ),
        FigureTable(
            "enterprises_by_size_class",
            "Företag som fått stöd per storleksklass (RCO01)",
            ("Storleksklass", *both),
            (
                *zip(SIZES, (19, 22, 9, 5, 3), (47, 51, 22, 12, 7), strict=True),
                ("varav första gången", 21, 139),
            ),
        ),
        FigureTable(
            "organisations_by_municipality",
            "Nådda organisationer per kommun",
            ("Kommun", *both),
            (
                ("Linköping", 31, 78),
                ("Norrköping", 29, 64),
                ("Motala", 6, 15),
                ("Finspång", 4, 9),
                ("Mjölby", 5, 11),
                ("Söderköping", 3, 8),
                ("Vadstena", 1, 3),
                ("Valdemarsvik", 0, 2),
                ("Åtvidaberg", 2, 5),
                ("Ödeshög", 1, 2),
                ("Boxholm", 0, 1),
                ("Kinda", 2, 4),
                ("Ydre", 0, 0),
                ("Utanför Östergötland", 12, 29),
            ),
        ),
        FigureTable(
            "coverage",
            "Teman och sektorer: nådda organisationer",
            ("Tema", *SECTORS),
            COVERAGE,
            note="Ingen akademisk organisation deltog i Bygglogistik eller Landsbygdens logistik.",
            mark_empty=True,
        ),
        FigureTable(
            "gender",
            "Unika deltagare efter kön",
            ("Kön", *both),
            (("Kvinna", 84, 230), ("Man", 97, 262), ("Annat", "< 3", "< 3"), ("Ej angivet", 4, 7)),
            note="Ett antal på 1 eller 2 visas som < 3.",
        ),
        FigureTable(
            "steering_group",
            "Styrgruppens möten",
            ("Möte", "Ledamöter", "Närvarande"),
            (("2026-02-12 Styrgruppsmöte Q1", 9, 7),),
        ),
        FigureTable(
            "participant_hours_by_month",
            "Deltaganden och deltagartimmar per månad",
            ("Månad", "Deltaganden", "Deltagartimmar"),
            (("2026-01", 88, 264.0), ("2026-02", 131, 401.5), ("2026-03", 93, 269.0)),
        ),
    ]
    if long_rows:
        found.append(
            FigureTable(
                "activities",
                "Genomförda aktiviteter sedan projektstart",
                ("Aktivitet", "Deltagare", "Deltagartimmar"),
                tuple(
                    (f"Aktivitet {n + 1}: {THEMES[n % 6]}", n % 40, n * 1.5)
                    for n in range(long_rows)
                ),
            )
        )
    return tuple(found)


def charts() -> tuple[Chart, ...]:
    return (
        Chart(
            "organisations_by_sector_and_size",
            "Nådda organisationer per sektor och storleksklass",
            SECTORS,
            (
                ("Mikro", (19.0, 0.0, 0.0, 3.0, 2.0)),
                ("Små", (22.0, 0.0, 0.0, 2.0, 3.0)),
                ("Medelstora", (9.0, 2.0, 0.0, 0.0, 1.0)),
                ("Stora", (5.0, 14.0, 4.0, 0.0, 0.0)),
                ("Okänd", (3.0, 1.0, 0.0, 4.0, 2.0)),
            ),
        ),
        Chart(
            "activities_per_month",
            "Genomförda aktiviteter per månad",
            ("2026-01", "2026-02", "2026-03"),
            (("Aktiviteter", (4.0, 6.0, 4.0)),),
        ),
    )


def warnings() -> tuple[DataWarning, ...]:
    return (
        DataWarning(
            "past_meeting_not_held",
            "Passerade möten som fortfarande är planerade eller öppna för anmälan",
            (
                WarningRecord("meeting", 108, "Workshop Landsbygdens logistik"),
                WarningRecord("meeting", 111, "Nätverksträff E-handel"),
            ),
        ),
        DataWarning(
            "unknown_size_class",
            "Företag vars storleksklass är okänd",
            (
                WarningRecord("partner", 17, "Föreningen Hållbar Handel Öst"),
                WarningRecord("partner", 23, "Valdemarsviks Fraktservice"),
                WarningRecord("partner", 31, "Ydre Skog & Transport AB"),
            ),
        ),
        DataWarning(
            "participant_without_organisation",
            "Räknade deltagare utan organisation",
            (WarningRecord("contact", 402, "Łukasz Wójcik"),),
        ),
        DataWarning(
            "meeting_without_end",
            "Möten utan sluttid (räknas som 0 timmar)",
            (WarningRecord("meeting", 112, "Webbinarium: E-handelns returflöden"),),
        ),
        DataWarning(
            "org_number_disagrees",
            "Partner med samma organisationsnummer men olika sektor eller storleksklass",
            (
                WarningRecord("partner", 3, "Norrköpings kommun"),
                WarningRecord("partner", 44, "Norrköpings kommun, Stadsbyggnadskontoret"),
            ),
        ),
    )


def participants(count: int = PARTICIPANT_COUNT) -> tuple[AttendeeRow, ...]:
    """`count` attendances over the quarter's meetings: ordinary Swedish names, the names from
    other alphabets, and people without an organisation now and then."""
    given = [name for pair in zip(WOMEN, MEN, strict=False) for name in pair]
    people = [(f.first, f.last) for f in FOREIGN]
    people += [
        (given[(n * 7) % len(given)], SURNAMES[(n * 5) % len(SURNAMES)])
        for n in range(count - len(people))
    ]
    rows = []
    for number in range(count):
        meeting_id, title, starts = MEETINGS[number * len(MEETINGS) // count]
        first, last = people[number % len(people)]
        organisation = None if number % 37 == 11 else ORGANISATIONS[number % len(ORGANISATIONS)]
        name, org_number, sector, size, municipality = organisation or (None,) * 5
        rows.append(
            AttendeeRow(
                participation_id=5000 + number,
                meeting_id=meeting_id,
                meeting_title=title,
                starts_at=starts.replace(tzinfo=STOCKHOLM),
                contact_id=300 + number,
                first_name=first,
                last_name=last,
                email=f"person{number}@example.se" if number % 9 else None,
                role="speaker" if number % 25 == 3 else "participant",
                organisation_id=None if organisation is None else number % len(ORGANISATIONS) + 1,
                organisation=name,
                org_number=org_number,
                sector=sector,
                size_class=size,
                municipality=municipality,
            )
        )
    return tuple(rows)


FROZEN = FrozenMark(
    7,
    datetime(2026, 4, 8, 14, 12, tzinfo=UTC),
    "anna.berg",
    "3f9a0c17e4b2d5a86c1e0f7b9d2a4c6e8f0b1d3a5c7e9f1b3d5a7c9e1f3b5d7a",
)


def quarter_report(
    *, frozen: bool = False, long_rows: int = 0, participant_count: int = PARTICIPANT_COUNT
) -> PeriodReport:
    """The office's 2026Q1 report; the project started on 2025-09-01."""
    return PeriodReport(
        period_label="2026Q1",
        starts_from=date(2026, 1, 1),
        starts_until=date(2026, 3, 31),
        project_from=date(2025, 9, 1),
        summary=summary(),
        tables=tables(long_rows=long_rows),
        charts=charts(),
        warnings=warnings(),
        participants=participants(participant_count),
        frozen=FROZEN if frozen else None,
    )
