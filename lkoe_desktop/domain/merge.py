"""Three-way merge of one record's fields: what I changed, what they changed, where we clash."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Merge:
    """What to do with the form when someone else saved the record first.

    `take` holds the values to put into the form (their value of a field only they changed; for
    a set both changed, theirs with my additions and removals applied); `clashes` names the
    fields both changed to different values, in the order the fields were given.
    """

    take: dict[str, object] = field(default_factory=dict)
    clashes: tuple[str, ...] = ()


def three_way(
    base: Mapping[str, object], mine: Mapping[str, object], theirs: Mapping[str, object]
) -> Merge:
    """Merge field by field; every mapping holds the same keys, values comparable with `==`.

    A field I changed and they did not stays mine; one they changed and I did not becomes theirs;
    both changed to the same value is no clash. Sets (frozenset values) merge element by element,
    so two people ticking different themes never clash.
    """
    take: dict[str, object] = {}
    clashes: list[str] = []
    for key, before in base.items():
        my_value, their_value = mine[key], theirs[key]
        if their_value in (before, my_value):
            continue
        if my_value == before:
            take[key] = their_value
        elif isinstance(before, frozenset) and isinstance(my_value, frozenset):
            assert isinstance(their_value, frozenset)
            merged = (their_value - (before - my_value)) | (my_value - before)
            if merged != my_value:
                take[key] = merged
        else:
            clashes.append(key)
    return Merge(take, tuple(clashes))
