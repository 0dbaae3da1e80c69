"""A whole name split into first and last name, particles and all."""

from __future__ import annotations

import pytest

from lkoe_desktop.domain.names import split_name


@pytest.mark.parametrize(
    ("whole", "parts"),
    [
        ("Eva de Geer", ("Eva", "de Geer")),
        ("Anna-Karin af Klint", ("Anna-Karin", "af Klint")),
        ("Ludwig  van der Rohe", ("Ludwig", "van der Rohe")),
        ("Jan Van Dijk", ("Jan", "Van Dijk")),
        ("Eva Maria Berg", ("Eva Maria", "Berg")),
        ("Åsa Öberg", ("Åsa", "Öberg")),
        ("De Geer", ("De", "Geer")),  # the first word is never a particle
        ("de Geer, Eva", ("Eva", "de Geer")),  # last name first, with a comma
        ("Madonna", ("Madonna", "")),
        ("  ", ("", "")),
    ],
)
def test_the_last_word_with_its_particles_is_the_last_name(
    whole: str, parts: tuple[str, str]
) -> None:
    assert split_name(whole) == parts
