"""The three-way merge of a record's fields: mine, theirs, and where we clash."""

from __future__ import annotations

from lkoe_desktop.domain.merge import Merge, three_way

BASE = {"phone": "+4613123456", "notes": "Gammal", "title": "Hamnchef", "themes": frozenset({1})}


def test_a_field_only_i_changed_stays_mine() -> None:
    mine = BASE | {"notes": "Ny"}
    assert three_way(BASE, mine, BASE) == Merge()


def test_a_field_only_they_changed_becomes_theirs() -> None:
    theirs = BASE | {"phone": "+4613998877"}
    assert three_way(BASE, BASE | {"notes": "Ny"}, theirs) == Merge(take={"phone": "+4613998877"})


def test_the_same_change_on_both_sides_is_no_clash() -> None:
    both = BASE | {"phone": "+4613998877"}
    assert three_way(BASE, both, both) == Merge()


def test_different_changes_of_one_field_clash_in_the_order_given() -> None:
    mine = BASE | {"title": "VD", "phone": "+4613554433", "notes": None}
    theirs = BASE | {"title": "Kranförare", "phone": "+4613998877", "notes": None}
    assert three_way(BASE, mine, theirs) == Merge(clashes=("phone", "title"))


def test_sets_merge_element_by_element() -> None:
    mine = BASE | {"themes": frozenset({1, 2})}  # I ticked 2
    theirs = BASE | {"themes": frozenset({3})}  # they unticked 1 and ticked 3
    assert three_way(BASE, mine, theirs) == Merge(take={"themes": frozenset({2, 3})})
    same = BASE | {"themes": frozenset()}  # both unticked 1, they also ticked 3
    assert three_way(BASE, same, BASE | {"themes": frozenset({3})}) == Merge(
        take={"themes": frozenset({3})}
    )
    assert three_way(BASE, mine, BASE | {"themes": frozenset({1, 2})}) == Merge()
