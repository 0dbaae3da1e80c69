"""The funder's period figures on the hand-built network of `period_network`, each expected
number worked out by hand there (never copied from output); on SQLite and PostgreSQL alike."""

from __future__ import annotations

from datetime import date

import pytest
from period_network import KOMMUN, Q1, Network, build

from lkoe_desktop.db.engine import Database
from lkoe_desktop.domain.periods import Period
from lkoe_desktop.services.period_report import period_attendees, period_document


@pytest.fixture
def network(db: Database) -> Network:
    return build(db)


def test_the_quarters_figures(db: Database, network: Network) -> None:
    with db.reading() as session:
        found = period_document(session, Q1)
    assert found["period"] == {"from": "2026-01-01", "to": "2026-03-31"}
    # M8 1, M1 3, M2 4, M6 2, M3 2, M4 1: not the office's Eva, no no-show, cancelled,
    # invited or organiser, nothing from M9 (31 December 23:30) or M7 (1 April 00:30).
    assert found["participations_attended"] == 13
    assert found["unique_participants"] == 7
    # 1.0 + 3 × 3.0 + 4 × 3.5 + 2 × 2.0 + 2 × (8 + 8, the two days of M3) + 0 (M4, no end).
    assert found["participant_hours"] == 60.0
    assert found["activities_held"] == 6  # M8, M1, M2, M6, M3 (past, still planned), M4
    assert found["activities_by_kind"] == {
        "seminar": 1, "workshop": 1, "network_meeting": 2, "steering_group": 1,
        "study_visit": 0, "conference": 1, "webinar": 0, "other": 0,
    }  # fmt: skip
    assert [(row["theme"], row["count"]) for row in found["activities_by_theme"]] == [
        ("Bygglogistik", 2),
        ("E-handel", 1),
    ]
    assert found["activities_by_month"] == {"2026-01": 2, "2026-02": 2, "2026-03": 2}
    assert [row["title"] for row in found["activities_cancelled"]] == ["M5"]
    assert found["activities_planned"] == []
    # Alfa, the Kommun (two departments, one number; the office's own record left out),
    # Universitetet, Beta (no number, archived) and Gamma.
    assert found["organisations_reached"] == 5
    assert found["organisations_by_sector"] == {
        "business": 3, "public": 1, "academia": 1, "civil_society": 0, "other": 0,
        "unspecified": 0,
    }  # fmt: skip
    # The Kommun is large: its main record had four counted participations, the
    # Näringslivskontoret (medium) two.
    assert found["organisations_by_size_class"] == {
        "micro": 0, "small": 1, "medium": 1, "large": 2, "unknown": 1,
    }  # fmt: skip
    places = found["organisations_by_municipality"]
    assert (places["0581"], places["0580"], places["0509"]) == (3, 2, 0)
    assert sum(places.values()) == 5
    # Alfa is new; Beta came on 31 December and Gamma in November: reached before.
    assert found["enterprises_supported"] == {
        "total": 3, "micro": 0, "small": 1, "medium": 1, "large": 0, "unknown": 1,
        "first_time": 1,
    }  # fmt: skip
    assert (found["academia_reached"], found["public_bodies_reached"]) == (1, 1)
    coverage = {row["theme"]: row["sectors"] for row in found["theme_coverage"]}
    assert coverage["Bygglogistik"] == {
        "business": 2, "public": 1, "academia": 1, "civil_society": 0, "other": 0,
        "unspecified": 0,
    }  # fmt: skip
    assert coverage["E-handel"] == {
        "business": 1, "public": 1, "academia": 0, "civil_society": 0, "other": 0,
        "unspecified": 0,
    }  # fmt: skip
    # Bo and Dora were members on 17 February, Cecilia only from 1 March; Dora did not come.
    assert found["steering_group"] == [
        {
            "meeting_id": network.ids["M6"],
            "title": "M6",
            "date": "2026-02-17",
            "members": 2,
            "attended": 1,
        }
    ]
    # Anna, Cecilia women; Bo, Dora, Filip men; Gösta other; Lars not specified.
    assert found["gender"] == {"woman": "< 3", "man": 3, "other": "< 3", "unspecified": "< 3"}


def test_the_project_so_far_beside_the_quarter(db: Database, network: Network) -> None:
    with db.reading() as session:
        found = period_document(session, Q1)["cumulative"]
    assert found["period"] == {"from": "2025-01-01", "to": "2026-03-31"}
    assert found["participations_attended"] == 16  # and M0's two, M9's one
    assert found["unique_participants"] == 7
    assert found["participant_hours"] == 65.0  # and 2 × 2.0 (M0), 0.5 + 0.5 (M9)
    assert found["activities_held"] == 8
    assert found["organisations_reached"] == 5
    assert found["enterprises_supported"]["first_time"] == 3  # nothing before the project


def test_each_warning_names_its_records(db: Database, network: Network) -> None:
    ids = network.ids
    with db.reading() as session:
        found = {w["kind"]: w for w in period_document(session, Q1)["warnings"]}
    assert found["past_meeting_not_held"]["ids"] == [ids["M3"]]
    assert found["business_size_unknown"]["records"] == [
        {"entity": "partner", "id": ids["beta"], "name": "Beta Bygg AB"}
    ]
    assert found["participant_without_organisation"]["ids"] == [
        network.participations["M2", "Lars"]
    ]
    assert found["participant_without_organisation"]["records"][0]["entity"] == "participation"
    assert found["meeting_without_end"]["ids"] == [ids["M4"]]  # M5 is cancelled: no warning
    disagreeing = found["org_number_disagrees"]
    assert disagreeing["org_number"] == KOMMUN
    assert disagreeing["ids"] == [ids["kommun"], ids["naringsliv"]]
    assert disagreeing["decided_by"] == ids["kommun"]
    assert len(found) == 5


def test_the_deltagarlista_behind_the_figures(db: Database, network: Network) -> None:
    with db.reading() as session:
        rows = period_attendees(session, Q1)
    assert len(rows) == 13
    anna = [(row.meeting_title, row.organisation) for row in rows if row.first_name == "Anna"]
    assert anna == [("M1", "Alfa Åkeri AB"), ("M3", "Gamma Logistik AB")]
    assert "Eva" not in {row.first_name for row in rows}


def test_a_period_with_nothing_in_it(db: Database, network: Network) -> None:
    with db.reading() as session:
        found = period_document(session, Period(date(2024, 1, 1), date(2024, 12, 31)))
    assert (found["participations_attended"], found["organisations_reached"]) == (0, 0)
    assert found["gender"] == {"woman": 0, "man": 0, "other": 0, "unspecified": 0}
    assert found["warnings"] == []
    assert found["cumulative"]["period"] == {"from": "2024-01-01", "to": "2024-12-31"}
