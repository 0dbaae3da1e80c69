"""Which PostgreSQL database the tests may wipe: only one whose name says it is for tests."""

from __future__ import annotations

import re

from sqlalchemy.engine import make_url

PG_URL_ENV = "LKOE_TEST_PG_URL"


def names_a_test_database(name: str) -> bool:
    """One of the name's words (its letters between other characters) is `ci` or begins with
    `test`: lkoe_test, test2, lkoe-ci, LKOE_CI; not lkoe, official or latest."""
    return any(
        word == "ci" or word.startswith("test") for word in re.split(r"[^a-z]+", name.lower())
    )


def refuse_to_wipe(url: str) -> str | None:
    """Why the tests must not wipe the database at `url`, or None when they may."""
    name = make_url(url).database or ""
    if names_a_test_database(name):
        return None
    return (
        f"{PG_URL_ENV} names the database {name!r}. The tests wipe the database they use, so they "
        "refuse one whose name does not say it is for tests: give them an empty database with "
        "'test' or 'ci' in its name (for example lkoe_test)."
    )
