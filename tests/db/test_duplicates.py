"""Likely duplicates while typing: same e-mail, same number with a similar name, similar names."""

from __future__ import annotations

from datetime import date

import pytest

from lkoe_desktop.db.engine import Database
from lkoe_desktop.services.affiliations import change_job
from lkoe_desktop.services.contacts import create_contact, set_contact_archived
from lkoe_desktop.services.duplicates import (
    CONTACT,
    PARTNER,
    loose,
    partner_choices,
    partner_name,
    similar_contacts,
    similar_partners,
    within,
)
from lkoe_desktop.services.partners import create_partner, set_partner_archived

NUMBER = "556036-0793"
OTHER_NUMBER = "212000-0142"


def _person(db: Database, first: str, last: str, email: str | None, org: int | None) -> int:
    with db.unit_of_work() as session:
        values: dict[str, object] = {"first_name": first, "last_name": last, "email": email}
        if org is not None:
            values["organisation_id"] = org
        return create_contact(session, values).id


def _partner(db: Database, name: str, number: str | None = None) -> int:
    with db.unit_of_work() as session:
        return create_partner(session, {"name": name, "org_number": number}).id


def _contacts(db: Database, **typed: object) -> list[tuple[int, str]]:
    wanted: dict[str, object] = {
        "first_name": "",
        "last_name": "",
        "email": "",
        "organisation_id": None,
    }
    with db.reading() as session:
        found = similar_contacts(session, **(wanted | typed))  # type: ignore[arg-type]
    assert all(record.kind == CONTACT for record in found)
    return [(record.id, record.reason) for record in found]


def _partners(db: Database, name: str, number: str | None = None) -> list[int]:
    with db.reading() as session:
        found = similar_partners(session, name=name, org_number=number)
    assert all(record.kind == PARTNER for record in found)
    return [record.id for record in found]


def test_same_email_whatever_the_case(db: Database) -> None:
    org = _partner(db, "Norrköpings Hamn AB")
    anna = _person(db, "Anna", "Öberg", "anna.oberg@hamn.se", org)
    with db.reading() as session:
        found = similar_contacts(
            session,
            first_name="Helt",
            last_name="Annan",
            email="  Anna.Oberg@HAMN.se ",
            organisation_id=None,
        )
    assert [record.id for record in found] == [anna]
    assert found[0].text == "Anna Öberg, anna.oberg@hamn.se — Norrköpings Hamn AB"
    assert found[0].reason
    assert _contacts(db, email="anna.oberg@hamn.se", exclude_id=anna) == []
    assert _contacts(db, email="anna.oberg@") == []  # not an address yet: nothing to look up


@pytest.mark.parametrize(
    ("first", "last"),
    [
        ("Anna", "Eriksson"),  # the same name
        ("anna", "ERIKSSON"),  # case
        ("Anna", "Ericsson"),  # one letter
        ("Anna", "Erikson"),  # one letter fewer
        ("Ana", "Eriksson"),
    ],
)
def test_very_similar_name_at_the_same_organisation(db: Database, first: str, last: str) -> None:
    org = _partner(db, "Linköpings universitet")
    person = _person(db, "Anna", "Eriksson", None, org)
    found = _contacts(db, first_name=first, last_name=last, organisation_id=org)
    assert [record_id for record_id, _reason in found] == [person]


@pytest.mark.parametrize(
    ("stored", "typed"),
    [
        (("Åsa", "Lind"), ("Asa", "Lind")),
        (("Per", "Öberg"), ("Per", "Oberg")),
        (("Karin", "Karlsson"), ("Karin", "Carlsson")),
        (("Ülkü", "Åström"), ("Ulku", "Astrom")),
    ],
)
def test_letters_people_mix_up(
    db: Database, stored: tuple[str, str], typed: tuple[str, str]
) -> None:
    org = _partner(db, "Region Östergötland")
    person = _person(db, *stored, None, org)
    found = _contacts(db, first_name=typed[0], last_name=typed[1], organisation_id=org)
    assert [record_id for record_id, _reason in found] == [person]


def test_names_elsewhere_or_different_are_not_duplicates(db: Database) -> None:
    here, there = _partner(db, "Här AB"), _partner(db, "Där AB")
    _person(db, "Anna", "Eriksson", None, there)
    _person(db, "Bertil", "Eriksson", None, here)
    _person(db, "Anna", "Andersson", None, here)
    assert _contacts(db, first_name="Anna", last_name="Eriksson", organisation_id=here) == []
    # Without an organisation a common name alone says too little.
    assert _contacts(db, first_name="Anna", last_name="Eriksson") == []


def test_former_colleagues_do_not_count_but_archived_people_do(db: Database) -> None:
    old, new = _partner(db, "Gamla AB"), _partner(db, "Nya AB")
    moved = _person(db, "Eva", "Ek", None, old)
    with db.unit_of_work() as session:
        change_job(session, moved, new, start_date=date(2026, 3, 1))
    assert _contacts(db, first_name="Eva", last_name="Ek", organisation_id=old) == []
    assert [
        i for i, _r in _contacts(db, first_name="Eva", last_name="Ek", organisation_id=new)
    ] == [moved]
    with db.unit_of_work() as session:
        set_contact_archived(session, moved, True)
    with db.reading() as session:
        found = similar_contacts(
            session, first_name="Eva", last_name="Ek", email=None, organisation_id=new
        )
    assert [record.id for record in found] == [moved]
    assert found[0].text.startswith("Eva Ek — Nya AB ")  # marked as archived


def test_email_and_name_matches_come_once_each_within_the_limit(db: Database) -> None:
    org = _partner(db, "Stora Bolaget AB")
    same = _person(db, "Lars", "Berg", "lars@stora.se", org)
    for index in range(6):
        _person(db, "Lars", "Berg", f"lars{index}@stora.se", org)
    found = _contacts(
        db, first_name="Lars", last_name="Berg", email="lars@stora.se", organisation_id=org
    )
    assert len(found) == 5
    assert found[0][0] == same
    assert len({record_id for record_id, _reason in found}) == 5
    assert (
        len(_contacts(db, first_name="Lars", last_name="Berg", organisation_id=org, limit=2)) == 2
    )


def test_same_organisation_number_with_a_similar_name(db: Database) -> None:
    kommun = _partner(db, "Norrköpings kommun", OTHER_NUMBER)
    office = _partner(db, "Norrköpings kommun, Näringslivskontoret", OTHER_NUMBER)
    _partner(db, "Norrköpings kommun, Tekniska kontoret", NUMBER)
    assert _partners(db, "Norrköpings kommun", OTHER_NUMBER) == [kommun, office]
    assert _partners(db, "Norrkopings kommun ", "2120000142") == [kommun, office]
    # Departments share the number; a different name with the same number is no duplicate.
    assert _partners(db, "Arbetsmarknadsförvaltningen", OTHER_NUMBER) == []
    assert _partners(db, "Norrköpings kommun", "212000-0143") == [kommun]  # wrong check digit
    with db.reading() as session:
        found = similar_partners(session, name="Norrköpings kommun", org_number=OTHER_NUMBER)
        by_name = similar_partners(session, name="Norrköpings kommun", org_number=None)
    assert found[0].text == f"Norrköpings kommun, {OTHER_NUMBER}"
    assert by_name[0].id == kommun
    assert found[0].reason != by_name[0].reason  # the number is named as the reason


@pytest.mark.parametrize(
    "typed",
    [
        "Östgöta Logistik",
        "ÖSTGÖTA LOGISTIK AB",
        "Östgöta Logistik Aktiebolag",
        "Östgöta Logistik AB (publ)",
        "Östgöta-Logistik",
        "Ostgota Logistik",
        "Östgöta Logistic AB",
    ],
)
def test_near_identical_partner_names(db: Database, typed: str) -> None:
    partner = _partner(db, "Östgöta Logistik AB", NUMBER)
    _partner(db, "Östgöta Bygg AB")
    assert _partners(db, typed) == [partner]


def test_different_partner_names_and_short_input_find_nothing(db: Database) -> None:
    _partner(db, "Östgöta Logistik AB", NUMBER)
    _partner(db, "Ab")
    assert _partners(db, "Östgöta Transport AB") == []
    assert _partners(db, "Ös") == []
    assert _partners(db, "AB") == []
    assert _partners(db, "") == []


def test_archived_partner_is_shown_and_marked(db: Database) -> None:
    partner = _partner(db, "Nedlagda Åkeriet AB")
    with db.unit_of_work() as session:
        set_partner_archived(session, partner, True)
    with db.reading() as session:
        found = similar_partners(session, name="Nedlagda åkeriet", org_number=None)
        assert (
            similar_partners(session, name="Nedlagda åkeriet", org_number=None, exclude_id=partner)
            == []
        )
    assert [record.id for record in found] == [partner]
    assert found[0].text.startswith("Nedlagda Åkeriet AB ")


def test_partner_choices_name_every_partner_once(db: Database) -> None:
    first = _partner(db, "Anderssons Åkeri AB", NUMBER)
    second = _partner(db, "Anderssons Åkeri AB", OTHER_NUMBER)
    twin_a, twin_b = _partner(db, "Tvilling AB"), _partner(db, "Tvilling AB")
    gone = _partner(db, "Arkiverad AB")
    single = _partner(db, "Ödeshögs Bygg AB")
    with db.unit_of_work() as session:
        set_partner_archived(session, gone, True)
    with db.reading() as session:
        choices = partner_choices(session)
    labels = {choice.id: choice.label for choice in choices}
    assert [choice.id for choice in choices] == [first, second, twin_a, twin_b, single]
    assert labels[first] == f"Anderssons Åkeri AB ({NUMBER})"
    assert labels[second] == f"Anderssons Åkeri AB ({OTHER_NUMBER})"
    assert (labels[twin_a], labels[twin_b]) == (
        f"Tvilling AB ({twin_a})",
        f"Tvilling AB ({twin_b})",
    )
    assert labels[single] == "Ödeshögs Bygg AB"
    assert len(set(labels.values())) == len(labels)


def test_comparison_helpers() -> None:
    assert loose("  Åsa-Lena  Öberg ") == "asa lena oberg"
    assert loose("Łukasz Møller") == "lukasz moller"
    assert partner_name("Östgöta Logistik AB (publ)") == "ostgota logistik"
    assert partner_name("AB Volvo") == "volvo"
    assert within("eriksson", "ericsson", 1)
    assert within("eriksson", "erikson", 1)
    assert not within("eriksson", "andersson", 2)
    assert within("", "ab", 2) and not within("", "abc", 2)
