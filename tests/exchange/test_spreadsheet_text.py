"""Cells Excel never runs as formulas, and rows as tab-separated text for the clipboard."""

from __future__ import annotations

import pytest

from lkoe_desktop.exchange.spreadsheet_text import protect, tab_separated


@pytest.mark.parametrize(
    ("value", "kept"),
    [
        ("=SUM(A1:A9)", "'=SUM(A1:A9)"),
        ("+46 13 12 34 56", "'+46 13 12 34 56"),
        ("-1", "'-1"),
        ("@Kajen", "'@Kajen"),
        ("\tindrag", "'\tindrag"),
        ("\rretur", "'\rretur"),
    ],
)
def test_a_value_beginning_like_a_formula_gets_a_leading_apostrophe(value: str, kept: str) -> None:
    assert protect(value) == kept


@pytest.mark.parametrize(
    "value",
    ["", "Östgöta Frakt AB", "013-12 34 56", "0044 20 7946 0958", "2026-03-02", "a=b", " =x", "'"],
)
def test_other_values_are_left_as_they_are(value: str) -> None:
    assert protect(value) == value


def test_rows_are_tab_separated_with_crlf_line_ends() -> None:
    text = tab_separated([["Efternamn", "Förnamn"], ["Öberg", "Åsa"], ["Wójcik", "Łukasz"]])
    assert text == "Efternamn\tFörnamn\r\nÖberg\tÅsa\r\nWójcik\tŁukasz\r\n"


def test_tabs_and_line_breaks_inside_a_cell_become_spaces() -> None:
    text = tab_separated([["rad ett\r\nrad två", "a\tb", "x\ny", "p\rq"]])
    assert text == "rad ett rad två\ta b\tx y\tp q\r\n"


def test_cells_are_protected_before_their_breaks_are_cleaned() -> None:
    assert tab_separated([["=1+1", "\tindrag", "-"], [""]]) == "'=1+1\t' indrag\t'-\r\n\r\n"


def test_no_rows_is_no_text() -> None:
    assert tab_separated([]) == ""
