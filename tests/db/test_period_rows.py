"""The period report's rows in the reader's words, built from the figures' JSON document."""

from __future__ import annotations

from period_network import Q1, build

from lkoe_desktop.db.engine import Database
from lkoe_desktop.domain import i18n
from lkoe_desktop.services.period_report import period_attendees, period_document
from lkoe_desktop.services.period_rows import period_report


def test_the_report_the_layouts_take(db: Database) -> None:
    build(db)
    with db.reading() as session:
        report = period_report(period_document(session, Q1), period_attendees(session, Q1))
    assert (report.period_label, report.starts_from.isoformat()) == ("2026Q1", "2026-01-01")
    assert report.project_from.isoformat() == "2025-01-01"
    summary = {line.key: line for line in report.summary}
    assert summary["participations_attended"].label == "Deltaganden"
    assert (
        summary["participations_attended"].period,
        summary["participations_attended"].cumulative,
    ) == (13, 16)
    assert summary["enterprises_supported"].indicator == "RCO01"
    assert summary["enterprises_non_financial"].indicator == "RCO04"
    assert summary["participant_hours"].period == 60.0
    tables = {table.key: table for table in report.tables}
    assert tables["organisations_by_sector"].headings == ("Sektor", "Period", "Projektet hittills")
    assert tables["organisations_by_sector"].rows[0] == ("Näringsliv", 3, 3)
    coverage = tables["theme_coverage"]
    assert coverage.mark_empty
    assert ("E-handel", 1, 1, 0, 0, 0) in coverage.rows
    assert tables["steering_group"].rows == (("M6", "2026-02-17", 2, 1),)
    assert tables["gender"].rows[0] == ("Kvinna", "< 3", "< 3")
    assert tables["activities_cancelled"].rows == (("M5", "2026-02-20", "Inställt"),)
    months = next(chart for chart in report.charts if chart.key == "activities_by_month")
    assert months.categories == ("2026-01", "2026-02", "2026-03")
    assert months.series[0][1] == (2.0, 2.0, 2.0)
    sectors = next(chart for chart in report.charts if chart.key == "organisations_by_sector")
    assert "Ej angivet" not in sectors.categories  # no organisation without a sector
    warned = {warning.kind: warning for warning in report.warnings}
    disagreeing = warned["org_number_disagrees"]
    assert "212000-0746" in disagreeing.text and "Norrköpings kommun (" in disagreeing.text
    assert [record.entity for record in disagreeing.records] == ["partner", "partner"]
    assert len(report.participants) == 13 and report.frozen is None


def test_the_words_follow_the_language(db: Database) -> None:
    build(db)
    i18n.set_language("en")
    with db.reading() as session:
        report = period_report(period_document(session, Q1), period_attendees(session, Q1))
    assert report.summary[0].label == "Activities held"
    assert report.tables[0].headings == ("Kind", "Period", "Project so far")
