"""The office's shared settings: defaults, validation, saving and the change log."""

from __future__ import annotations

from datetime import time, timedelta

import pytest

from lkoe_desktop.domain.errors import ValidationError
from lkoe_desktop.services import audit, office_settings
from lkoe_desktop.services.office_settings import DEFAULT_FUNDING_LINE, OfficeSettings


def test_defaults_before_anything_is_saved(db):
    with db.reading() as session:
        assert office_settings.load(session) == OfficeSettings()
    assert OfficeSettings().funding_line == DEFAULT_FUNDING_LINE
    assert OfficeSettings().dietary_days == 30


def test_saved_values_come_back_and_are_logged(db):
    with db.unit_of_work() as session:
        office_settings.save(
            session,
            {"office_name": " Kansliet ", "printer_offset_x_mm": "1,5", "dietary_days": "14"},
        )
    with db.reading() as session:
        loaded = office_settings.load(session)
        logged = audit.history(session, office_settings.ENTITY, None)
    assert loaded.office_name == "Kansliet"
    assert loaded.printer_offset_x_mm == 1.5
    assert loaded.dietary_days == 14
    assert loaded.funding_line == DEFAULT_FUNDING_LINE
    assert logged[-1].changes["dietary_days"] == [30, 14]


def test_empty_name_falls_back_to_the_default(db):
    with db.unit_of_work() as session:
        office_settings.save(session, {"office_name": "Kansliet"})
        assert office_settings.save(session, {"office_name": ""}).office_name == (
            OfficeSettings().office_name
        )


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("printer_offset_y_mm", "mycket"),
        ("printer_offset_y_mm", "25"),
        ("dietary_days", "-1"),
        ("dietary_days", "tre"),
        ("funding_line", "x" * 301),
        ("usual_start", "25.00"),
        ("usual_start", "morgon"),
        ("usual_length_minutes", "10"),
        ("usual_length_minutes", "två timmar"),
        ("project_start", "31/12/2025"),
        ("own_partner_id", "-1"),
        ("own_partner_id", "kansliet"),
    ],
)
def test_bad_values_are_refused_and_nothing_is_saved(db, name, value):
    with pytest.raises(ValidationError) as raised, db.unit_of_work() as session:
        office_settings.save(session, {"dietary_days": "7", name: value})
    assert name in raised.value.errors
    with db.reading() as session:
        assert office_settings.load(session).dietary_days == 30


def test_the_usual_start_and_length_of_a_meeting(db):
    assert (OfficeSettings().start_time, OfficeSettings().length) == (
        time(9, 0),
        timedelta(hours=2),
    )
    with db.unit_of_work() as session:
        office_settings.save(session, {"usual_start": "8.30", "usual_length_minutes": "90"})
    with db.reading() as session:
        loaded = office_settings.load(session)
    assert loaded.usual_start == "08:30"
    assert (loaded.start_time, loaded.length) == (time(8, 30), timedelta(minutes=90))


def test_the_funder_reports_settings(db):
    assert (OfficeSettings().project_start, OfficeSettings().own_partner_id) == ("", 0)
    assert OfficeSettings().steering_group == "Styrgrupp"
    with db.unit_of_work() as session:
        saved = office_settings.save(
            session,
            {"project_start": " 2025-02-01 ", "own_partner_id": "7", "steering_group": "SG"},
        )
        assert (saved.project_start, saved.own_partner_id, saved.steering_group) == (
            "2025-02-01", 7, "SG",
        )  # fmt: skip
        again = office_settings.save(session, {"project_start": "", "steering_group": ""})
    assert (again.project_start, again.steering_group) == ("", "Styrgrupp")
