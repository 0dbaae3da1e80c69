"""What the municipality picker offers for what is typed: the order, the letters, the counties."""

from __future__ import annotations

import pytest

from lkoe_desktop.domain import municipalities


def names(typed: str) -> list[str]:
    return [name for _code, name in municipalities.suggestions(typed)]


def test_lin_offers_linkoping_first_then_lindesberg_then_names_containing_it() -> None:
    offered = names("lin")
    assert offered[:2] == ["Linköping", "Lindesberg"]  # Östergötland's first
    assert "Alingsås" in offered[2:] and "Kävlinge" in offered[2:]


@pytest.mark.parametrize("typed", ["LIN", "Lin", "lIn", " lin "])
def test_case_and_spaces_do_not_matter(typed: str) -> None:
    assert names(typed) == names("lin")


def test_a_word_inside_a_name_comes_before_a_name_merely_containing_the_text() -> None:
    assert names("väsby") == ["Upplands Väsby"]
    offered = names("göinge")
    assert offered == ["Östra Göinge"]
    assert names("ed")[:3] == ["Eda", "Dals-Ed", "Lilla Edet"]


def test_a_a_and_o_are_letters_of_their_own() -> None:
    assert names("ö")[:3] == ["Ödeshög", "Öckerö", "Örebro"]
    begin_with_o = ["Ockelbo", "Olofström", "Orsa", "Orust", "Osby", "Oskarshamn", "Ovanåker"]
    assert names("o")[:8] == [*begin_with_o, "Oxelösund"]  # no Ö among them
    assert "Åtvidaberg" not in names("at")
    assert names("åt") == ["Åtvidaberg"]
    assert "Ängelholm" not in names("ang") and names("äng")[0] == "Ängelholm"


def test_nothing_typed_offers_all_ostergotland_first() -> None:
    offered = municipalities.suggestions("")
    assert len(offered) == 290
    assert all(municipalities.in_county(code) for code, _name in offered[:13])
    assert names("xyz") == []


def test_every_municipality_is_in_a_named_county() -> None:
    assert municipalities.county_of("0580") == "Östergötlands län"
    assert municipalities.county_of("1885") == "Örebro län"
    assert all(municipalities.county_of(code) for code, _name in municipalities.MUNICIPALITIES)
