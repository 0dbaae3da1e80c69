"""Demo organisations and the people working there, drawn from the demo's seeded generator."""

from __future__ import annotations

import random
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from itertools import accumulate
from typing import Any

from stdnum import luhn

from lkoe_desktop.demo import names as n
from lkoe_desktop.domain import municipalities
from lkoe_desktop.services.keys import contact_keys, organisation_keys

SEED = 20_251_129
CUTOFF = date(2026, 11, 29)  # meetings before this day have been held, later ones are to come
SIZES = ("micro", "small", "medium", "large", "unknown")
CONTACTS_PER_SIZE = {"micro": 1, "small": 2, "medium": 4, "large": 8, "unknown": 1}
RELATIONSHIPS = ("member", "network", "prospect", None)
RELATIONSHIP_WEIGHTS = (15, 55, 22, 8)
NUMBER_PREFIXES = {"civil_society": ("802",), "other": ("802", "769", "717")}
COMPANY_PREFIXES = ("556", "559")
TRANSLITERATION = str.maketrans({"å": "a", "ä": "a", "ö": "o", "æ": "ae", "ø": "o", "ł": "l"})
JOB_CHANGE_SHARE = 0.05
FOREIGN_SHARE = 0.01


@dataclass(frozen=True)
class Plan:
    """The size of a demo; activities fill the meetings left after the steering group's."""

    organisations: int
    contacts: int
    meetings: int
    participations: int
    first_day: date
    last_day: date
    archived_organisations: int
    archived_contacts: int


@cache
def _ascii(value: str) -> str:
    """Lower-case ASCII for e-mail addresses and domains: "Åsa Öberg" -> "asa.oberg"."""
    folded = unicodedata.normalize("NFC", value.casefold()).translate(TRANSLITERATION)
    plain = unicodedata.normalize("NFKD", folded).encode("ascii", "ignore").decode()
    return "".join(c for c in plain.replace(" ", ".") if c.isalnum() or c in ".-")


def _org_number(nine_digits: str) -> str:
    return f"{nine_digits[:6]}-{nine_digits[6:]}{luhn.calc_check_digit(nine_digits)}"


@dataclass(slots=True, eq=False)
class Org:
    id: int
    name: str
    trade: n.Trade
    place: n.Municipality
    domain: str
    size: str
    themes: tuple[int, ...]
    row: dict[str, Any]


@dataclass(slots=True, eq=False)
class Person:
    id: int
    first_name: str
    last_name: str
    gender: str | None
    language: str
    org: Org
    title: str
    start: date | None
    themes: tuple[int, ...]
    email: str | None = None
    phone: str | None = None
    mobile: str | None = None
    notes: str | None = None
    archived: bool = False
    old: tuple[Org, str, date] | None = None  # the job before: organisation, title, start

    def organisation_on(self, day: date) -> Org:
        if self.old is not None and self.start is not None and day < self.start:
            return self.old[0]
        return self.org


@dataclass(slots=True, eq=False)
class Member:
    person: Person
    role: str | None
    since: date
    until: date | None = None

    def on(self, day: date) -> bool:
        return self.since <= day and (self.until is None or day <= self.until)


@dataclass
class Network:
    """Draws the organisations and the people of one demo from one random generator."""

    plan: Plan
    rng: random.Random = field(default_factory=lambda: random.Random(SEED))
    orgs: list[Org] = field(default_factory=list)
    fixed: dict[str, Org] = field(default_factory=dict)
    people: list[Person] = field(default_factory=list)
    office: list[Person] = field(default_factory=list)
    steering: list[Member] = field(default_factory=list)
    pools: list[list[Person]] = field(default_factory=list)  # per theme, then everyone
    emails: Counter[str] = field(default_factory=Counter)

    def _day(self, first: date, last: date) -> date:
        return first + timedelta(days=self.rng.randint(0, max(0, (last - first).days)))

    def _landline(self, place: n.Municipality) -> str:
        """A number in the municipality's area code: six digits, seven in Stockholm (08)."""
        digits = 6 if len(place.area_code) > 1 else 7
        rest = self.rng.randrange(10 ** (digits - 1))
        return f"+46{place.area_code}{self.rng.randint(1, 9)}{rest:0{digits - 1}d}"

    # Organisations ----------------------------------------------------------------------------

    def _organisations(self) -> None:
        rng, plan = self.rng, self.plan
        places = {m.name: m for m in n.MUNICIPALITIES}
        for fixed in n.FIXED_ORGANISATIONS:
            trade = n.TRADES[fixed.trade]
            self.fixed[fixed.key] = self._add_org(
                (fixed.name, trade.industry, _org_number(fixed.number), fixed.domain),
                trade,
                places[fixed.municipality],
                fixed.size,
                fixed.relationship,
            )
        kinds = [trade for trade in n.TRADES.values() if trade.weight]
        kind_weights = list(accumulate(trade.weight for trade in kinds))
        place_weights = list(accumulate(m.weight for m in n.MUNICIPALITIES))
        names = {org.name for org in self.orgs}
        numbers = {org.row["org_number"] for org in self.orgs}
        generated = len(self.orgs)
        while len(self.orgs) < plan.organisations:
            index = len(self.orgs) - generated
            # Every kind once first, so that even the small demo has every sector.
            if index < len(kinds):
                trade = kinds[index]
            else:
                trade = rng.choices(kinds, cum_weights=kind_weights)[0]
            # Public bodies of other regions are not in the network; companies may be.
            homes = len(n.OSTERGOTLAND) if trade.sector == "public" else len(n.MUNICIPALITIES)
            place = rng.choices(n.MUNICIPALITIES[:homes], cum_weights=place_weights[:homes])[0]
            name, industry = self._company_name(trade, place, names)
            prefixes = NUMBER_PREFIXES.get(trade.sector, COMPANY_PREFIXES)
            number = ""
            while not number or number in numbers:
                number = _org_number(f"{rng.choice(prefixes)}{rng.randrange(10**6):06d}")
            numbers.add(number)
            words = [word for word in name.split() if word not in ("AB", "&", "och", "i")]
            domain = _ascii("".join(words[:2])) + ".se"
            size = rng.choices(SIZES, trade.sizes)[0]
            relationship = rng.choices(RELATIONSHIPS, RELATIONSHIP_WEIGHTS)[0]
            self._add_org((name, industry, number, domain), trade, place, size, relationship)
        for org in rng.sample(self.orgs[generated:], plan.archived_organisations):
            org.row["archived"] = True
            if org.row["relationship_since"] is not None:
                org.row["relationship_until"] = self._day(org.row["relationship_since"], CUTOFF)

    def _company_name(
        self, trade: n.Trade, place: n.Municipality, taken: set[str]
    ) -> tuple[str, str]:
        """A name not yet taken (if it can be found) and its industry; when the plain names run
        out, with what companies add to tell themselves apart ("Nord", "i Motala")."""
        rng = self.rng
        for attempt in range(12):
            pattern, industry = rng.choice(trade.names)
            name = pattern.format(
                place=rng.choice(n.PLACES),
                brand=rng.choice(n.BRANDS),
                surname=rng.choice(n.SURNAMES),
                municipality=place.name,
            )
            if attempt >= 3 and name.endswith(" AB") and "{municipality}" not in pattern:
                variant = rng.choice(n.NAME_VARIANTS).format(city=place.city)
                name = f"{name.removesuffix(' AB')} {variant} AB"
            if name not in taken:
                break
        taken.add(name)
        return name, industry

    def _add_org(
        self,
        naming: tuple[str, str, str, str],
        trade: n.Trade,
        place: n.Municipality,
        size: str,
        relationship: str | None,
    ) -> Org:
        rng, plan = self.rng, self.plan
        name, industry, number, domain = naming
        street = f"{rng.choice(n.STREETS)} {rng.randint(1, 60)}"
        code = f"{rng.choice(place.postcodes)} {rng.randint(10, 99)}"
        postal = (street, code)
        if size in ("medium", "large"):
            box = f"Box {rng.randint(100, 9999)}"
            postal = (box, f"{rng.choice(place.postcodes)} {rng.randint(10, 99)}")
        since = None
        if relationship in ("project_partner", "funder"):
            since = plan.first_day
        elif relationship is not None:
            since = self._day(plan.first_day - timedelta(days=730), CUTOFF)
        phone, email = self._landline(place), f"info@{domain}"
        row: dict[str, Any] = {
            "id": len(self.orgs) + 1,
            "name": name,
            "org_number": number,
            "sector": trade.sector,
            "size_class": size,
            "industry": industry,
            "municipality": municipalities.code_for(place.name) or place.name,
            "postal_street": postal[0],
            "postal_code": postal[1],
            "postal_city": place.city,
            "visiting_street": street,
            "visiting_code": code,
            "visiting_city": place.city,
            "phone": phone,
            "email": email,
            "website": f"https://www.{domain}",
            "relationship": relationship,
            "relationship_since": since,
            "relationship_until": None,
            "notes": rng.choice(n.ORGANISATION_NOTES) if rng.random() < 0.05 else None,
            "archived": False,
        }
        row |= organisation_keys(
            name=name,
            org_number=number,
            municipality=row["municipality"],
            industry=industry,
            email=email,
            phone=phone,
            postal_city=place.city,
        )
        themes = tuple(range(len(n.THEMES)))
        if trade is not n.TRADES["office"]:
            wanted = min(len(trade.themes), rng.randint(1, 2))
            themes = tuple(sorted(rng.sample(trade.themes, wanted)))
        org = Org(row["id"], name, trade, place, domain, size, themes, row)
        self.orgs.append(org)
        return org

    # People -----------------------------------------------------------------------------------

    def _people(self) -> None:
        rng, plan = self.rng, self.plan
        self.office = [self._person(self.fixed["office"], title) for title in n.OFFICE_TITLES]
        for person in self.office:
            person.start = plan.first_day - timedelta(days=31)
        since = plan.first_day - timedelta(days=14)
        middle = plan.first_day + (CUTOFF - plan.first_day) / 2
        for seat in (*n.STEERING_GROUP, n.STEERING_PREDECESSOR):
            key, title, role = seat
            person = self.office[0] if key == "office" else self._person(self.fixed[key], title)
            member = Member(person, role, since)
            if seat == n.STEERING_PREDECESSOR:
                member.until = middle
            elif key == n.STEERING_SUCCESSOR:
                member.since = middle + timedelta(days=1)
            self.steering.append(member)
        key_people = len(self.people)
        ordinary = plan.contacts - key_people
        foreign = dict(zip(rng.sample(range(ordinary), len(n.FOREIGN)), n.FOREIGN, strict=True))
        staffed = {person.org.id for person in self.people}
        homes = [org for org in self.orgs if org.id not in staffed]
        employers = [org for org in self.orgs if org.trade is not n.TRADES["office"]]
        weights = list(accumulate(CONTACTS_PER_SIZE[org.size] for org in employers))
        homes += rng.choices(employers, cum_weights=weights, k=ordinary - len(homes))
        for index, org in enumerate(homes):
            self._person(org, foreign=foreign.get(index))
        others = self.people[key_people:]
        for person in rng.sample(others, round(JOB_CHANGE_SHARE * len(others))):
            old = rng.choice(employers)
            while old is person.org:
                old = rng.choice(employers)
            change = self._day(plan.first_day + timedelta(days=120), CUTOFF - timedelta(days=14))
            begun = change - timedelta(days=rng.randint(400, 4000))
            person.old = (old, rng.choice(old.trade.titles), begun)
            person.start = change
        stayers = [person for person in others if person.old is None]
        for person in rng.sample(stayers, plan.archived_contacts):
            person.archived = True
        network = self.people[len(self.office) :]
        self.pools = [[p for p in network if theme in p.themes] for theme in range(len(n.THEMES))]
        self.pools.append(network)

    def _person(
        self, org: Org, title: str | None = None, foreign: n.ForeignName | None = None
    ) -> Person:
        """Someone at `org`; key people (given a title) have every field filled in."""
        rng, first_day = self.rng, self.plan.first_day
        key = title is not None
        if foreign is None and not key and rng.random() < FOREIGN_SHARE:
            foreign = rng.choice(n.FOREIGN)
        if foreign is not None:
            first, last, gender, local, language = foreign
        else:
            gender = "woman" if rng.random() < 0.5 else "man"
            first = rng.choice(n.WOMEN if gender == "woman" else n.MEN)
            last = rng.choice(n.SURNAMES)
            if rng.random() < 0.04:
                last = f"{last} {rng.choice(n.SURNAMES)}"
            local, language = f"{_ascii(first)}.{_ascii(last)}", "sv"
        roll = rng.random()
        start = None
        if key or rng.random() < 0.9:
            start = self._day(first_day - timedelta(days=5500), first_day - timedelta(days=30))
        themes = set(rng.sample(org.trade.themes, min(len(org.trade.themes), rng.randint(0, 3))))
        if rng.random() < 0.1:
            themes.add(rng.randrange(len(n.THEMES)))
        person = Person(
            id=len(self.people) + 1,
            first_name=first,
            last_name=last,
            gender=gender if roll < 0.92 else "unspecified" if roll < 0.96 else None,
            language=language,
            org=org,
            title=title or rng.choice(org.trade.titles),
            start=start,
            themes=tuple(sorted(themes)),
        )
        if key or rng.random() < 0.97:
            address = f"{local}@{org.domain}"
            self.emails[address] += 1
            clash = self.emails[address]
            person.email = address if clash == 1 else f"{local}{clash}@{org.domain}"
        if key or rng.random() < 0.85:
            person.mobile = f"+467{rng.choice('0236')}{rng.randrange(10**7):07d}"
        if key or rng.random() < 0.35:
            person.phone = self._landline(org.place)
        if rng.random() < 0.02:
            person.notes = rng.choice(n.CONTACT_NOTES)
        self.people.append(person)
        return person


def contact_row(person: Person) -> dict[str, Any]:
    keys = contact_keys(
        first_name=person.first_name,
        last_name=person.last_name,
        email=person.email,
        phone=person.phone,
        mobile=person.mobile,
        organisation=person.org.name,
        title=person.title,
    )
    return keys | {
        "id": person.id,
        "first_name": person.first_name,
        "last_name": person.last_name,
        "email": person.email,
        "phone": person.phone,
        "mobile": person.mobile,
        "gender": person.gender,
        "language": person.language,
        "notes": person.notes,
        "archived": person.archived,
    }
