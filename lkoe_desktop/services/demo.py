"""Realistic, deterministic Swedish demo data, bulk-inserted into an empty database.

Every value is drawn from one seeded `random.Random` and placed relative to fixed dates, so a
size always gives the same rows; only created/updated times come from the database's clock.
Both sizes go through one code path: Core bulk inserts in chunks with explicit ids (PostgreSQL
sequences are moved past them afterwards), sort keys and search text from `services.keys`,
exactly as the services store them.
"""

from __future__ import annotations

import math
import random
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from itertools import accumulate
from typing import Any, NamedTuple, cast

from sqlalchemy import Column, Dialect, Table, func, insert, literal_column, null, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement
from stdnum import luhn

from lkoe_desktop.db.base import Base
from lkoe_desktop.db.engine import Database
from lkoe_desktop.db.models import (
    Affiliation,
    Consent,
    Contact,
    Group,
    GroupMembership,
    Meeting,
    Organisation,
    Participation,
    Theme,
    contact_themes,
    meeting_themes,
    organisation_themes,
)
from lkoe_desktop.db.search_index import (
    INDEXED_TABLES,
    create_sqlite_triggers,
    fts_table,
    sqlite_has_fts,
)
from lkoe_desktop.domain.clock import STOCKHOLM
from lkoe_desktop.domain.errors import UserInputError
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.domain.text import sort_key
from lkoe_desktop.services import audit
from lkoe_desktop.services import demo_names as n
from lkoe_desktop.services.common import now, user
from lkoe_desktop.services.keys import contact_keys, meeting_keys, organisation_keys, theme_keys

SEED = 20_251_129
CHUNK = 5_000
CUTOFF = date(2026, 11, 29)  # meetings before this day have been held, later ones are to come
OPEN_AHEAD = timedelta(days=100)  # meetings to come this soon are open for registration
CHECK_IN_SINCE = date(2025, 2, 1)  # check-in times are kept since the office used the program
BULK_CACHE_KIB = 262_144  # SQLite page cache while loading: random-order index inserts need it
STEERING_MONTHS = (2, 3, 4, 5, 6, 8, 9, 10, 11, 12)
TIMES = {  # local (start hour, minute, end hour, minute); one slot is drawn per meeting
    "seminar": ((8, 30, 10, 0), (13, 0, 16, 0)),
    "workshop": ((9, 0, 12, 0), (13, 0, 16, 0)),
    "network_meeting": ((14, 0, 16, 0), (8, 30, 10, 30)),
    "study_visit": ((13, 0, 15, 30), (9, 0, 11, 30)),
    "conference": ((8, 30, 16, 0),),
    "webinar": ((10, 0, 11, 0), (11, 0, 12, 0)),
    "steering_group": ((9, 0, 11, 30), (13, 0, 15, 30)),
}
KIND_WEIGHT = {"conference": 3.0, "webinar": 1.8, "seminar": 1.5, "workshop": 1.0}  # have talks
SIZES = ("micro", "small", "medium", "large", "unknown")
CONTACTS_PER_SIZE = {"micro": 1, "small": 2, "medium": 4, "large": 8, "unknown": 1}
RELATIONSHIPS = ("member", "network", "prospect", None)
RELATIONSHIP_WEIGHTS = (15, 55, 22, 8)
NUMBER_PREFIXES = {"civil_society": ("802",), "other": ("802", "769", "717")}
COMPANY_PREFIXES = ("556", "559")
TRANSLITERATION = str.maketrans({"å": "a", "ä": "a", "ö": "o", "æ": "ae", "ø": "o", "ł": "l"})
JOB_CHANGE_SHARE = 0.05
NEWSLETTER_SHARE = 0.35
FOREIGN_SHARE = 0.01


@dataclass(frozen=True)
class DemoSummary:
    """How many records the demo wrote."""

    organisations: int
    contacts: int
    themes: int
    meetings: int
    participations: int
    groups: int

    @property
    def partners(self) -> int:
        """The organisations, by the name the window and the command line give them."""
        return self.organisations


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


PLANS = {
    "small": Plan(120, 600, 44, 1_000, date(2025, 2, 1), date(2027, 6, 30), 3, 10),
    "large": Plan(20_000, 100_000, 5_000, 300_000, date(2020, 1, 1), date(2027, 12, 31), 100, 500),
}


@cache
def _ascii(value: str) -> str:
    """Lower-case ASCII for e-mail addresses and domains: "Åsa Öberg" -> "asa.oberg"."""
    folded = unicodedata.normalize("NFC", value.casefold()).translate(TRANSLITERATION)
    plain = unicodedata.normalize("NFKD", folded).encode("ascii", "ignore").decode()
    return "".join(c for c in plain.replace(" ", ".") if c.isalnum() or c in ".-")


def _org_number(nine_digits: str) -> str:
    return f"{nine_digits[:6]}-{nine_digits[6:]}{luhn.calc_check_digit(nine_digits)}"


def _apportion(total: int, weights: Sequence[float]) -> list[int]:
    """Whole shares of `total` in proportion to `weights`, summing exactly to `total`."""
    exact = [total * weight / sum(weights) for weight in weights]
    shares = [math.floor(x) for x in exact]
    by_remainder = sorted(range(len(exact)), key=lambda i: (shares[i] - exact[i], i))
    for i in by_remainder[: total - sum(shares)]:
        shares[i] += 1
    return shares


@dataclass(slots=True, eq=False)
class _Org:
    id: int
    name: str
    trade: n.Trade
    place: n.Municipality
    domain: str
    size: str
    themes: tuple[int, ...]
    row: dict[str, Any]


@dataclass(slots=True, eq=False)
class _Person:
    id: int
    first_name: str
    last_name: str
    gender: str | None
    language: str
    org: _Org
    title: str
    start: date | None
    themes: tuple[int, ...]
    email: str | None = None
    phone: str | None = None
    mobile: str | None = None
    notes: str | None = None
    archived: bool = False
    old: tuple[_Org, str, date] | None = None  # the job before: organisation, title, start

    def organisation_on(self, day: date) -> _Org:
        if self.old is not None and self.start is not None and day < self.start:
            return self.old[0]
        return self.org


@dataclass(slots=True, eq=False)
class _Meeting:
    id: int
    title: str
    kind: str
    day: date
    starts_at: datetime
    ends_at: datetime
    place: int | None  # index into MEETING_PLACES; None for a webinar
    theme: int | None
    status: str = "held"


@dataclass(slots=True, eq=False)
class _Member:
    person: _Person
    role: str | None
    since: date
    until: date | None = None

    def on(self, day: date) -> bool:
        return self.since <= day and (self.until is None or day <= self.until)


@dataclass
class _Demo:
    """Draws every record of one demo, in a fixed order, from one random generator."""

    plan: Plan
    rng: random.Random = field(default_factory=lambda: random.Random(SEED))
    orgs: list[_Org] = field(default_factory=list)
    fixed: dict[str, _Org] = field(default_factory=dict)
    people: list[_Person] = field(default_factory=list)
    office: list[_Person] = field(default_factory=list)
    steering: list[_Member] = field(default_factory=list)
    pools: list[list[_Person]] = field(default_factory=list)  # per theme, then everyone
    emails: Counter[str] = field(default_factory=Counter)
    groups: list[list[_Member]] = field(default_factory=list)
    meetings: list[_Meeting] = field(default_factory=list)
    participations: list[tuple[Any, ...]] = field(default_factory=list)
    consents: list[tuple[Any, ...]] = field(default_factory=list)

    def build(self) -> None:
        self._organisations()
        self._people()
        self._groups()
        self._meetings()
        self._participations()
        self._consents()

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
    ) -> _Org:
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
            "municipality": place.name,
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
        row["sort_key"], row["search_text"] = organisation_keys(
            name=name,
            org_number=number,
            municipality=place.name,
            industry=industry,
            email=email,
            phone=phone,
            postal_city=place.city,
        )
        themes = tuple(range(len(n.THEMES)))
        if trade is not n.TRADES["office"]:
            wanted = min(len(trade.themes), rng.randint(1, 2))
            themes = tuple(sorted(rng.sample(trade.themes, wanted)))
        org = _Org(row["id"], name, trade, place, domain, size, themes, row)
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
            member = _Member(person, role, since)
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
        self, org: _Org, title: str | None = None, foreign: n.ForeignName | None = None
    ) -> _Person:
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
        person = _Person(
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

    def _groups(self) -> None:
        rng, first_day = self.rng, self.plan.first_day
        readers = [person for person in self.pools[-1] if not person.archived]
        chosen = rng.sample(range(len(readers)), round(NEWSLETTER_SHARE * len(readers)))
        newsletter = []
        for index in sorted(chosen):
            member = _Member(readers[index], None, self._day(first_day - timedelta(60), CUTOFF))
            if rng.random() < 0.06 and (CUTOFF - member.since).days > 60:
                member.until = self._day(member.since + timedelta(days=30), CUTOFF)
            newsletter.append(member)
        care = [person for person in self.pools[n.CARE] if not person.archived]
        since = first_day + timedelta(days=90)
        reference = [
            _Member(care[index], "Sammankallande" if order == 0 else "Ledamot", since)
            for order, index in enumerate(sorted(rng.sample(range(len(care)), 12)))
        ]
        self.groups = [self.steering, newsletter, reference]

    # Meetings ---------------------------------------------------------------------------------

    def _activity_day(self, index: int, count: int) -> date:
        """Spread evenly with some jitter, on a Tuesday–Thursday, not in July or at Christmas."""
        first, last = self.plan.first_day, self.plan.last_day
        offset = 3 + ((last - first).days - 6) * (index + 0.5) / count + self.rng.randint(-5, 5)
        day = min(max(first + timedelta(days=int(offset)), first), last)
        day += timedelta(days=(1, 0, 0, 0, -1, -2, 2)[day.weekday()])
        if day.month == 7:
            day -= timedelta(days=21)
        elif day.month == 12 and day.day >= 20:
            day -= timedelta(days=14)
        elif day.month == 1 and day.day < 8:
            day += timedelta(days=7)
        return day

    def _meetings(self) -> None:
        rng, plan = self.rng, self.plan
        drafts: list[tuple[date, str, str, int | None, int | None, int]] = []
        per_year: Counter[int] = Counter()
        for year in range(plan.first_day.year, plan.last_day.year + 1):
            for month in STEERING_MONTHS:  # on the second Tuesday
                first = date(year, month, 1)
                day = first + timedelta(days=(1 - first.weekday()) % 7 + 7)
                if plan.first_day <= day <= plan.last_day:
                    per_year[year] += 1
                    title = f"Styrgruppsmöte {per_year[year]}/{year}"
                    place: int | None = rng.choice(n.STEERING_PLACES)
                    drafts.append((day, "steering_group", title, place, None, rng.randrange(2)))
        count = plan.meetings - len(drafts)
        themes = [index % len(n.THEMES) for index in range(count)]
        rng.shuffle(themes)
        cycles = [rng.sample(titles, len(titles)) for titles in n.MEETING_TITLES]
        used: Counter[int] = Counter()
        for index, theme in enumerate(themes):
            kind, title, fixed_place = cycles[theme][used[theme] % len(cycles[theme])]
            used[theme] += 1
            place = fixed_place
            if place is None and kind != "webinar":
                place = rng.randrange(n.GENERAL_PLACES)
            day = self._activity_day(index, count)
            drafts.append((day, kind, title, place, theme, rng.randrange(len(TIMES[kind]))))
        drafts.sort(key=lambda d: (d[0], TIMES[d[1]][d[5]], d[2]))
        for number, (day, kind, title, place, topic, slot) in enumerate(drafts, start=1):
            city = "Norrköping" if place is None else n.MEETING_PLACES[place][2]
            rural = rng.choice(n.SMALL_MUNICIPALITIES)
            title = title.format(city=city, city_s=city + "s", rural=rural, year=day.year)
            hours = TIMES[kind][slot]
            starts, ends = (
                datetime.combine(day, time(h, m), STOCKHOLM).astimezone(UTC)
                for h, m in (hours[:2], hours[2:])
            )
            self.meetings.append(_Meeting(number, title, kind, day, starts, ends, place, topic))
        activities = [m for m in self.meetings if m.kind != "steering_group"]
        cancelled = max(1, len(activities) // 200)
        past = [m for m in activities if m.day < CUTOFF]
        future = [m for m in activities if m.day >= CUTOFF]
        for meeting in rng.sample(past, cancelled) + rng.sample(future, cancelled):
            meeting.status = "cancelled"
        for meeting in self.meetings:
            if meeting.status == "held" and meeting.day >= CUTOFF:
                soon = meeting.day - CUTOFF <= OPEN_AHEAD and meeting.kind != "steering_group"
                meeting.status = "open" if soon else "planned"

    def _participations(self) -> None:
        rng = self.rng
        activities = []
        for meeting in self.meetings:
            if meeting.kind != "steering_group":
                activities.append(meeting)
                continue
            for member in self.steering:
                if member.on(meeting.day):
                    role = "organiser" if member.person is self.office[0] else "participant"
                    self._take(meeting, member.person, role)
            if rng.random() < 0.5:
                self._take(meeting, self.office[1], "organiser")
        weights = [KIND_WEIGHT.get(m.kind, 0.8) * rng.uniform(0.6, 1.4) for m in activities]
        counts = _apportion(self.plan.participations - len(self.participations), weights)
        for meeting, wanted in zip(activities, counts, strict=True):
            roles = ["organiser"] * rng.randint(1, 2) if rng.random() < 0.85 else []
            if meeting.kind in ("conference", "seminar") and rng.random() < 0.3:
                roles.append("moderator")
            if meeting.kind in KIND_WEIGHT:
                roles += ["speaker"] * rng.randint(1, 3)
            staff = iter(rng.sample(self.office, 2))
            taken: set[int] = set()
            for index in range(wanted):
                role = roles[index] if index < len(roles) else "participant"
                person = next(staff) if role == "organiser" else self._draw(meeting, taken)
                self._take(meeting, person, role)

    def _draw(self, meeting: _Meeting, taken: set[int]) -> _Person:
        """Someone not yet at the meeting, mostly from those interested in its theme, and not
        archived if the meeting is still to come."""
        rng, everyone = self.rng, self.pools[-1]
        themed = everyone if meeting.theme is None else self.pools[meeting.theme]
        while True:
            pool = themed if themed and rng.random() < 0.7 else everyone
            person = pool[rng.randrange(len(pool))]
            if person.id not in taken and not (person.archived and meeting.day >= CUTOFF):
                taken.add(person.id)
                return person

    def _take(self, meeting: _Meeting, person: _Person, role: str) -> None:
        rng, roll, staff = self.rng, self.rng.random(), role != "participant"
        if meeting.status == "cancelled":
            status = "cancelled"
        elif meeting.status == "held":
            status = (
                "attended" if staff or roll < 0.82 else "no_show" if roll < 0.9 else "cancelled"
            )
        elif staff:
            status = "registered"
        elif meeting.status == "open":
            status = "registered" if roll < 0.55 else "invited" if roll < 0.85 else "cancelled"
        else:
            status = "invited" if roll < 0.85 else "registered"
        diet = rng.choice(n.DIETS) if status == "registered" and rng.random() < 0.15 else None
        checked_in = None
        if status == "attended" and meeting.day >= CHECK_IN_SINCE:
            checked_in = meeting.starts_at - timedelta(minutes=rng.randint(0, 25))
        organisation = person.organisation_on(meeting.day).id
        self.participations.append(
            (meeting.id, person.id, organisation, status, role, diet, checked_in)
        )

    def _consents(self) -> None:
        """Staff and the steering group by contract, the network by legitimate interest,
        newsletter readers by consent (a second row when they withdrew it)."""
        rng, first_day, rows = self.rng, self.plan.first_day, self.consents
        insiders = {member.person.id for member in self.steering}
        insiders.update(person.id for person in self.office)
        for person in self.people:
            if person.id in insiders:
                day, source, purpose, basis = (
                    first_day - timedelta(days=14),
                    n.STAFF_SOURCE,
                    n.STAFF_PURPOSE,
                    "contract",
                )
            elif rng.random() < 0.7:
                day, source = first_day - timedelta(days=30), n.NETWORK_SOURCES[0]
                purpose, basis = n.NETWORK_PURPOSE, "legitimate_interest"
            else:
                day, source = self._day(first_day, CUTOFF), rng.choice(n.NETWORK_SOURCES[1:])
                purpose, basis = n.NETWORK_PURPOSE, "legitimate_interest"
            rows.append((person.id, purpose, basis, True, day, source))
        for member in self.groups[1]:
            source = rng.choice(n.NEWSLETTER_SOURCES)
            rows.append(
                (member.person.id, n.NEWSLETTER_PURPOSE, "consent", True, member.since, source)
            )
            if member.until is not None:
                withdrawal = (n.NEWSLETTER_PURPOSE, "consent", False, member.until)
                rows.append((member.person.id, *withdrawal, n.WITHDRAWAL_SOURCE))


class _Batch(NamedTuple):
    """One table's rows: `make` turns an item into the values that differ from row to row;
    `same` holds the values every row shares, written once into the statement."""

    table: Table
    items: Sequence[Any]
    make: Callable[[Any], dict[str, Any]]
    same: dict[str, Any]


def _table(model: type[Base]) -> Table:
    return cast(Table, model.__table__)


def _fields(*names: str) -> Callable[[tuple[Any, ...]], dict[str, Any]]:
    def make(values: tuple[Any, ...]) -> dict[str, Any]:
        return dict(zip(names, values, strict=True))

    return make


def _numbered(rows: Sequence[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    return [(number, *row) for number, row in enumerate(rows, start=1)]


def _batches(demo: _Demo, moment: datetime, user_name: str) -> list[_Batch]:
    """Every table's rows in the order the foreign keys need."""
    stamp: dict[str, Any] = {"created_at": moment, "updated_at": moment}
    versioned = stamp | {"version": 1}
    affiliations: list[tuple[Any, ...]] = []
    for person in demo.people:
        if person.old is not None and person.start is not None:
            old, title, begun = person.old
            ended = person.start - timedelta(days=1)
            affiliations.append((person.id, old.id, title, begun, ended, False))
        affiliations.append((person.id, person.org.id, person.title, person.start, None, True))
    memberships = [
        (group, member.person.id, member.role, member.since, member.until)
        for group, members in enumerate(demo.groups, start=1)
        for member in members
    ]
    attendance = Counter(row[0] for row in demo.participations)
    first_day = demo.plan.first_day
    key_people = [member.person for member in demo.steering] + demo.office
    responsible = {person.title: person.id for person in key_people}
    return [
        _Batch(_table(Organisation), demo.orgs, lambda org: org.row, versioned),
        _Batch(_table(Contact), demo.people, _contact_row, versioned),
        _Batch(
            _table(Affiliation),
            _numbered(affiliations),
            _fields(
                "id",
                "contact_id",
                "organisation_id",
                "title",
                "start_date",
                "end_date",
                "is_current",
            ),
            stamp,
        ),
        _Batch(_table(Theme), _theme_rows(first_day, responsible), dict, versioned),
        _Batch(
            organisation_themes,
            [(org.id, theme + 1) for org in demo.orgs for theme in org.themes],
            _fields("organisation_id", "theme_id"),
            {},
        ),
        _Batch(
            contact_themes,
            [(person.id, theme + 1) for person in demo.people for theme in person.themes],
            _fields("contact_id", "theme_id"),
            {},
        ),
        _Batch(_table(Group), _group_rows(), dict, versioned),
        _Batch(
            _table(GroupMembership),
            _numbered(memberships),
            _fields("id", "group_id", "contact_id", "role", "since", "until"),
            stamp,
        ),
        _Batch(
            _table(Meeting),
            demo.meetings,
            lambda meeting: _meeting_row(meeting, attendance[meeting.id]),
            versioned,
        ),
        _Batch(
            meeting_themes,
            [(m.id, m.theme + 1) for m in demo.meetings if m.theme is not None],
            _fields("meeting_id", "theme_id"),
            {},
        ),
        _Batch(
            _table(Participation),
            _numbered(demo.participations),
            _fields(
                "id",
                "meeting_id",
                "contact_id",
                "organisation_id",
                "status",
                "role",
                "dietary_needs",
                "checked_in_at",
            ),
            versioned | {"note": None},
        ),
        _Batch(
            _table(Consent),
            _numbered(demo.consents),
            _fields("id", "contact_id", "purpose", "basis", "granted", "decided_on", "source"),
            {"recorded_at": moment, "recorded_by": user_name},
        ),
    ]


def _contact_row(person: _Person) -> dict[str, Any]:
    sort, search = contact_keys(
        first_name=person.first_name,
        last_name=person.last_name,
        email=person.email,
        phone=person.phone,
        mobile=person.mobile,
        organisation=person.org.name,
        title=person.title,
    )
    return {
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
        "sort_key": sort,
        "search_text": search,
    }


def _theme_rows(first_day: date, responsible: dict[str, int]) -> list[dict[str, Any]]:
    rows = []
    for number, theme in enumerate(n.THEMES, start=1):
        sort, search = theme_keys(name=theme.name, description=theme.description)
        rows.append(
            {
                "id": number,
                "name": theme.name,
                "description": theme.description,
                "colour": theme.colour,
                "responsible_id": responsible[n.THEME_RESPONSIBLE[number - 1]],
                "active_from": first_day,
                "active_until": None,
                "archived": False,
                "sort_key": sort,
                "search_text": search,
            }
        )
    return rows


def _group_rows() -> list[dict[str, Any]]:
    return [
        {
            "id": number,
            "name": name,
            "description": text,
            "archived": False,
            "sort_key": sort_key(name),
        }
        for number, (name, text) in enumerate(n.GROUPS, start=1)
    ]


def _meeting_row(meeting: _Meeting, participants: int) -> dict[str, Any]:
    place, address = n.ONLINE_PLACE, None
    if meeting.place is not None:
        place, address, _city = n.MEETING_PLACES[meeting.place]
    organiser = n.ORGANISER
    if meeting.kind != "steering_group" and meeting.id % 5 == 0:
        organiser += " och " + n.CO_ORGANISERS[meeting.id // 5 % len(n.CO_ORGANISERS)]
    theme = "" if meeting.theme is None else n.THEMES[meeting.theme].name.lower()
    capacity = 12
    if meeting.kind != "steering_group":
        capacity = max(20, math.ceil(participants * 1.25 / 10) * 10)
    sort, search = meeting_keys(title=meeting.title, place=place, organiser=organiser)
    return {
        "id": meeting.id,
        "title": meeting.title,
        "kind": meeting.kind,
        "starts_at": meeting.starts_at,
        "ends_at": meeting.ends_at,
        "place": place,
        "address": address,
        "online_url": n.ONLINE_URL.format(number=meeting.id) if meeting.place is None else None,
        "organiser": organiser,
        "capacity": capacity,
        "description": n.MEETING_DESCRIPTIONS[meeting.kind].format(theme=theme),
        "status": meeting.status,
        "archived": False,
        "sort_key": sort,
        "search_text": search,
    }


def _inline(column: Column[Any], value: Any, dialect: Dialect) -> ColumnElement[Any]:
    """A value as SQL text, so that it is converted once per statement and not once per row."""
    if value is None:
        return null()
    render = column.type.literal_processor(dialect)
    assert render is not None, column
    return literal_column(render(value))


def _write(
    session: Session, batches: list[_Batch], progress: Callable[[int, int], None] | None
) -> None:
    dialect = session.get_bind().dialect
    total, done = sum(len(batch.items) for batch in batches), 0
    for table, items, make, same in batches:
        shared = {name: _inline(table.c[name], value, dialect) for name, value in same.items()}
        statement = insert(table).values(shared) if shared else insert(table)
        for start in range(0, len(items), CHUNK):
            chunk = items[start : start + CHUNK]
            session.execute(statement, [make(item) for item in chunk])
            done += len(chunk)
            if progress is not None:
                progress(done, total)


@contextmanager
def _bulk_load(session: Session) -> Iterator[None]:
    """On SQLite, build the search index once at the end rather than row by row, with a big
    page cache meanwhile; the transaction undoes both if anything fails."""
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        yield
        return
    if not connection.connection.driver_connection.in_transaction:  # type: ignore[union-attr]
        # pysqlite opens a transaction only before INSERT/UPDATE/DELETE; the DDL below must
        # be inside it, or a failure would leave the triggers dropped.
        connection.exec_driver_sql("BEGIN")
    previous = int(connection.exec_driver_sql("PRAGMA cache_size").scalar_one())
    tables = [table for table in INDEXED_TABLES if sqlite_has_fts(connection, table)]
    try:
        connection.exec_driver_sql(f"PRAGMA cache_size=-{BULK_CACHE_KIB}")
        for table in tables:
            for event in ("insert", "update", "delete"):
                connection.exec_driver_sql(f"DROP TRIGGER {fts_table(table)}_{event}")
        yield
        for table in tables:
            create_sqlite_triggers(connection, table)
            fts = fts_table(table)
            connection.exec_driver_sql(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")
    finally:
        connection.exec_driver_sql(f"PRAGMA cache_size={previous}")


def _move_sequences(session: Session, batches: list[_Batch]) -> None:
    """On PostgreSQL, let the next id of each table follow the explicit ids written."""
    if session.get_bind().dialect.name != "postgresql":
        return
    for batch in batches:
        if "id" in batch.table.c and batch.items:
            session.execute(
                select(
                    func.setval(
                        func.pg_get_serial_sequence(batch.table.name, "id"), len(batch.items)
                    )
                )
            )


def _refuse_non_empty(session: Session) -> None:
    for model in (Organisation, Contact, Theme, Meeting, Group):
        if session.scalar(select(model.id).limit(1)) is not None:
            raise UserInputError(
                _(
                    "The database already holds data. Demo data can only be added to an "
                    "empty database: create a new one with --db."
                )
            )


def load_demo(
    database: Database,
    size: str = "small",
    progress: Callable[[int, int], None] | None = None,
) -> DemoSummary:
    """Fill an empty database with demo data of `size` ("small" or "large"), in one transaction.

    `progress(done, total)` is called after every chunk of rows. A database that already holds
    organisations, contacts, themes, meetings or groups is refused with a UserInputError.
    """
    plan = PLANS.get(size)
    if plan is None:
        message = _("Unknown demo size “{size}”: use small or large.")
        raise UserInputError(message.format(size=size))
    with database.unit_of_work() as session:
        _refuse_non_empty(session)
        demo = _Demo(plan)
        demo.build()
        batches = _batches(demo, now(session), user(session))
        with _bulk_load(session):
            _write(session, batches, progress)
        _move_sequences(session, batches)
        summary = DemoSummary(
            organisations=len(demo.orgs),
            contacts=len(demo.people),
            themes=len(n.THEMES),
            meetings=len(demo.meetings),
            participations=len(demo.participations),
            groups=len(demo.groups),
        )
        changes: dict[str, list[object]] = {"size": [None, size]}
        changes |= {what: [0, count] for what, count in asdict(summary).items()}
        audit.record(session, "demo", None, audit.CREATE, changes)
    return summary
