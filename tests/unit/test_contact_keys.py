"""A person's stored sort keys are the text module's column keys of their names and fields."""

from __future__ import annotations

import itertools

from lkoe_desktop.domain.text import column_sort_key, compound_sort_key
from lkoe_desktop.services.keys import contact_keys

NAMES = ["Åsa", "Örjan", "de Geer", "ZOË", "Łukasz", "  Eva ", "", " ", "李小龍", "x" * 450]
PLACES = [None, "", "  ", "Hamnen AB", "Öresundskraft", "Logistikchef", "y" * 450]


def test_keys_are_the_column_keys_of_the_names() -> None:
    for first, last, organisation, title in itertools.product(NAMES, NAMES[:6], PLACES, PLACES):
        keys = contact_keys(
            first_name=first, last_name=last, organisation=organisation, title=title
        )
        assert keys["sort_key"] == compound_sort_key(last, first)
        assert keys["first_name_key"] == column_sort_key(first, last)
        assert keys["organisation_key"] == column_sort_key(organisation, last, first)
        assert keys["title_key"] == column_sort_key(title, last, first)
