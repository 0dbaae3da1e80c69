"""A number in an XLSX cell as the text Excel shows for it in the cell's number format."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from lkoe_desktop.exchange.xlsx_cells import number_text, shown


@pytest.mark.parametrize(
    ("value", "number_format", "text"),
    [
        (5560360793, "General", "5560360793"),
        (46701234567.0, "General", "46701234567"),
        (0.1 + 0.2, "General", "0,3"),
        (556036079, "0000000000", "0556036079"),
        (5560360793, "000000-0000", "556036-0793"),
        (58183, "000 00", "581 83"),
        (131234567, "000-000 00 00", "013-123 45 67"),
        (3.14159, "0.00", "3,14"),
        (0.25, "0%", "25%"),
        (1234567, "#,##0", "1 234 567"),
        (1234.5, "#,##0.00", "1 234,50"),
        (12, '"kr "0', "kr 12"),
        (7, "[Red]0;-0", "7"),
        (-5, "0", "-5"),
        (0, "#", ""),
        (5, "@", "5"),
    ],
)
def test_a_number_shows_as_its_format_says(value: float, number_format: str, text: str) -> None:
    assert number_text(value, number_format) == text


def test_dates_stay_dates_and_other_values_become_text() -> None:
    assert shown(datetime(2026, 3, 1), "yyyy-mm-dd") == date(2026, 3, 1)
    assert shown(datetime(2026, 3, 1, 9, 30), "yyyy-mm-dd hh:mm") == datetime(2026, 3, 1, 9, 30)
    assert shown(time(9, 5), "hh:mm") == "09:05"
    assert shown(timedelta(hours=26, minutes=30), "[h]:mm") == "26:30"
    assert (shown(True, None), shown(None, None), shown("Kajen", "General")) == (
        "TRUE",
        "",
        "Kajen",
    )
