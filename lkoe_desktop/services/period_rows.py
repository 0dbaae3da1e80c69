"""The funder's period report in the reader's words: summary, tables, charts and warnings.

Built from the JSON document of `period_report` alone (and the deltagarlista), so that a
frozen report is laid out again from its snapshot exactly as it was, in today's language.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from enum import StrEnum
from typing import Any

from lkoe_desktop.domain.codes import Gender, MeetingKind, MeetingStatus, Sector, SizeClass
from lkoe_desktop.domain.codes import label_for as code_label
from lkoe_desktop.domain.i18n import N_
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.domain.municipalities import name_of
from lkoe_desktop.domain.periods import Period
from lkoe_desktop.services import period_warnings as w
from lkoe_desktop.services.document_rows import (
    AttendeeRow,
    Chart,
    DataWarning,
    Figure,
    FigureTable,
    FrozenMark,
    PeriodReport,
    SummaryLine,
    WarningRecord,
)
from lkoe_desktop.services.period_figures import UNSPECIFIED

Document = dict[str, Any]

_WARNINGS = {
    w.PAST_NOT_HELD: N_("Past meetings still planned or open for registration"),
    w.SIZE_UNKNOWN: N_("Business partners reached whose size class is unknown"),
    w.NO_ORGANISATION: N_("Counted participants without an organisation"),
    w.NO_END: N_("Meetings held without an end time (counted as 0 hours)"),
    w.NUMBER_DISAGREES: N_(
        "Partners sharing organisation number {number} differ in sector or size class; "
        "{name} (the most participations) decides"
    ),
}


def _label(enum: type[StrEnum]) -> Callable[[str], str]:
    def named(code: str) -> str:
        return _("Not specified") if code == UNSPECIFIED else code_label(enum, code)

    return named


def _place(code: str) -> str:
    return _("Not specified") if code == UNSPECIFIED else name_of(code)


def _figures(one: Document) -> dict[str, Figure]:
    enterprises = one["enterprises_supported"]
    return {
        "activities_held": one["activities_held"],
        "participations_attended": one["participations_attended"],
        "unique_participants": one["unique_participants"],
        "participant_hours": one["participant_hours"],
        "organisations_reached": one["organisations_reached"],
        "enterprises_supported": enterprises["total"],
        "enterprises_non_financial": enterprises["total"],
        "enterprises_first_time": enterprises["first_time"],
        "academia_reached": one["academia_reached"],
        "public_bodies_reached": one["public_bodies_reached"],
        "steering_group_meetings": len(one["steering_group"]),
    }


_SUMMARY = (
    ("activities_held", N_("Activities held"), ""),
    ("participations_attended", N_("Participations"), ""),
    ("unique_participants", N_("Unique participants"), ""),
    ("participant_hours", N_("Participant hours"), ""),
    ("organisations_reached", N_("Organisations reached"), ""),
    ("enterprises_supported", N_("Enterprises supported"), "RCO01"),
    ("enterprises_non_financial", N_("Enterprises with non-financial support"), "RCO04"),
    ("enterprises_first_time", N_("Enterprises reached for the first time"), ""),
    ("academia_reached", N_("Research institutions reached"), ""),
    ("public_bodies_reached", N_("Public bodies reached"), ""),
    ("steering_group_meetings", N_("Steering group meetings"), ""),
)


def _summary(period: Document, cumulative: Document) -> tuple[SummaryLine, ...]:
    now, so_far = _figures(period), _figures(cumulative)
    return tuple(
        SummaryLine(key, _(label), now[key], so_far[key], indicator)
        for key, label, indicator in _SUMMARY
    )


def _headings(first: str) -> tuple[str, ...]:
    return (first, _("Period"), _("Project so far"))


def _side_by_side(
    key: str,
    title: str,
    first: str,
    documents: tuple[Document, Document],
    name: Callable[[str], str],
) -> FigureTable:
    """A table of one figure (`key`) by code: the period's count beside the project's."""
    period, cumulative = (document[key] for document in documents)
    codes = list(period) + [code for code in cumulative if code not in period]
    rows = tuple((name(code), period.get(code, 0), cumulative.get(code, 0)) for code in codes)
    return FigureTable(key, title, _headings(first), rows)


def _by_theme(period: Document, cumulative: Document) -> FigureTable:
    named = {row["theme_id"]: row["theme"] for row in cumulative["activities_by_theme"]}
    named |= {row["theme_id"]: row["theme"] for row in period["activities_by_theme"]}
    now = {row["theme_id"]: row["count"] for row in period["activities_by_theme"]}
    so_far = {row["theme_id"]: row["count"] for row in cumulative["activities_by_theme"]}
    rows = tuple((name, now.get(i, 0), so_far.get(i, 0)) for i, name in named.items())
    note = _("A meeting with several themes counts under each of them, and once in the total.")
    return FigureTable(
        "activities_by_theme", _("Activities held by theme"), _headings(_("Theme")), rows, note
    )


def _meetings(key: str, title: str, listed: Sequence[Document]) -> FigureTable:
    rows = tuple(
        (row["title"], row["date"], code_label(MeetingStatus, row["status"])) for row in listed
    )
    return FigureTable(key, title, (_("Meeting"), _("Date"), _("Status")), rows)


def _enterprises(period: Document, cumulative: Document) -> FigureTable:
    now, so_far = period["enterprises_supported"], cumulative["enterprises_supported"]
    name = _label(SizeClass)
    rows: list[tuple[Figure, ...]] = [
        (name(code), now[code], so_far[code]) for code in (s.value for s in SizeClass)
    ]
    rows.append((_("Total (RCO01, RCO04)"), now["total"], so_far["total"]))
    rows.append((_("Reached for the first time"), now["first_time"], so_far["first_time"]))
    note = _(
        "Organisations reached in the business sector, once per organisation number. First "
        "time: their first counted participation lies inside the period."
    )
    return FigureTable(
        "enterprises_supported", _("Enterprises supported"), _headings(_("Size class")),
        tuple(rows), note,
    )  # fmt: skip


def _coverage(period: Document) -> FigureTable:
    sectors = [s.value for s in Sector]
    name = _label(Sector)
    rows = tuple(
        (row["theme"], *(row["sectors"].get(code, 0) for code in sectors))
        for row in period["theme_coverage"]
    )
    note = _("Distinct organisations reached per theme and sector; an empty cell is marked.")
    return FigureTable(
        "theme_coverage", _("Theme coverage by sector"),
        (_("Theme"), *(name(code) for code in sectors)), rows, note, mark_empty=True,
    )  # fmt: skip


def _steering(period: Document) -> FigureTable:
    rows = tuple(
        (row["title"], row["date"], row["members"], row["attended"])
        for row in period["steering_group"]
    )
    return FigureTable(
        "steering_group",
        _("Steering group meetings"),
        (_("Meeting"), _("Date"), _("Members"), _("Attended")),
        rows,
    )


def _gender(period: Document, cumulative: Document) -> FigureTable:
    table = _side_by_side(
        "gender", _("Unique participants by gender"), _("Gender"),
        (period, cumulative), _label(Gender),
    )  # fmt: skip
    note = _(
        "“< 3”: one or two people. “..”: hidden as well, so that a hidden count cannot be "
        "worked out from the total."
    )
    return FigureTable(table.key, table.title, table.headings, table.rows, note)


def _tables(period: Document, cumulative: Document) -> tuple[FigureTable, ...]:
    pair = (period, cumulative)
    return (
        _side_by_side(
            "activities_by_kind", _("Activities held by kind"), _("Kind"),
            pair, _label(MeetingKind),
        ),
        _by_theme(period, cumulative),
        _meetings("activities_planned", _("Meetings still to come"), period["activities_planned"]),
        _meetings("activities_cancelled", _("Cancelled meetings"), period["activities_cancelled"]),
        _side_by_side(
            "organisations_by_sector", _("Organisations reached by sector"), _("Sector"),
            pair, _label(Sector),
        ),
        _side_by_side(
            "organisations_by_size_class", _("Organisations reached by size class"),
            _("Size class"), pair,
            _label(SizeClass),
        ),
        _side_by_side(
            "organisations_by_municipality", _("Organisations reached by municipality"),
            _("Municipality"), pair, _place,
        ),
        _enterprises(period, cumulative),
        _coverage(period),
        _steering(period),
        _gender(period, cumulative),
    )  # fmt: skip


def _charts(period: Document) -> tuple[Chart, ...]:
    def chart(key: str, title: str, values: dict[str, int], name: Callable[[str], str]) -> Chart:
        shown = {code: number for code, number in values.items() if number or code != UNSPECIFIED}
        categories = tuple(name(code) for code in shown)
        return Chart(key, title, categories, ((_("Period"), tuple(map(float, shown.values()))),))

    return (
        chart(
            "organisations_by_sector", _("Organisations reached by sector"),
            period["organisations_by_sector"], _label(Sector),
        ),
        chart(
            "organisations_by_size_class", _("Organisations reached by size class"),
            period["organisations_by_size_class"], _label(SizeClass),
        ),
        chart(
            "activities_by_month", _("Activities held per month"),
            period["activities_by_month"], str,
        ),
    )  # fmt: skip


def data_warnings(listed: Sequence[Document]) -> tuple[DataWarning, ...]:
    """The document's warnings in words, each with the records to open."""
    found = []
    for warning in listed:
        records = tuple(
            WarningRecord(record["entity"], record["id"], record["name"])
            for record in warning["records"]
        )
        text = _(_WARNINGS[warning["kind"]])
        if warning["kind"] == w.NUMBER_DISAGREES:
            decider = next(
                (record.name for record in records if record.id == warning["decided_by"]), ""
            )
            text = text.format(number=warning["org_number"], name=decider)
        found.append(DataWarning(warning["kind"], text, records))
    return tuple(found)


def period_report(
    document: Document,
    participants: Sequence[AttendeeRow],
    frozen: FrozenMark | None = None,
) -> PeriodReport:
    """The report every output lays out, from the period's document and deltagarlista."""
    span, so_far = document["period"], document["cumulative"]["period"]
    period = Period(date.fromisoformat(span["from"]), date.fromisoformat(span["to"]))
    return PeriodReport(
        period_label=period.label(),
        starts_from=period.starts_from,
        starts_until=period.starts_until,
        project_from=date.fromisoformat(so_far["from"]),
        summary=_summary(document, document["cumulative"]),
        tables=_tables(document, document["cumulative"]),
        charts=_charts(document),
        warnings=data_warnings(document["warnings"]),
        participants=tuple(participants),
        frozen=frozen,
    )
