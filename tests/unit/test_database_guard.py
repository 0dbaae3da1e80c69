"""The PostgreSQL tests wipe their database, so they refuse one not named for tests."""

from __future__ import annotations

import pytest
from database_guard import names_a_test_database, refuse_to_wipe


@pytest.mark.parametrize(
    "name", ["lkoe_test", "lkoe_test_a", "test", "tests2", "lkoe-ci", "LKOE_CI", "ci", "Test_LKOE"]
)
def test_a_name_for_tests_is_accepted(name: str) -> None:
    assert names_a_test_database(name)


@pytest.mark.parametrize("name", ["lkoe", "postgres", "official", "latest", "lkoe_prod", ""])
def test_any_other_name_is_refused(name: str) -> None:
    assert not names_a_test_database(name)


def test_the_refusal_names_the_database_and_what_to_do() -> None:
    assert refuse_to_wipe("postgresql+psycopg://lkoe_ci:lkoe_ci@localhost/lkoe_test_a") is None
    refusal = refuse_to_wipe("postgresql+psycopg://kansliet:hemligt@server/lkoe")
    assert refusal is not None
    assert "'lkoe'" in refusal and "test" in refusal
    assert "hemligt" not in refusal
