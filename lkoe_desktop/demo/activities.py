"""Demo groups, meetings, participations and consents, drawn after the organisations and people."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from lkoe_desktop.demo import names as n
from lkoe_desktop.demo.people import CUTOFF, Member, Network, Person
from lkoe_desktop.domain.clock import STOCKHOLM
from lkoe_desktop.domain.text import sort_key
from lkoe_desktop.services.keys import meeting_keys, theme_keys

OPEN_AHEAD = timedelta(days=100)  # meetings to come this soon are open for registration
CHECK_IN_SINCE = date(2025, 2, 1)  # check-in times are kept since the office used the program
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
NEWSLETTER_SHARE = 0.35


def apportion(total: int, weights: Sequence[float]) -> list[int]:
    """Whole shares of `total` in proportion to `weights`, summing exactly to `total`."""
    exact = [total * weight / sum(weights) for weight in weights]
    shares = [math.floor(x) for x in exact]
    by_remainder = sorted(range(len(exact)), key=lambda i: (shares[i] - exact[i], i))
    for i in by_remainder[: total - sum(shares)]:
        shares[i] += 1
    return shares


@dataclass(slots=True, eq=False)
class DemoMeeting:
    id: int
    title: str
    kind: str
    day: date
    starts_at: datetime
    ends_at: datetime | None
    place: int | None  # index into MEETING_PLACES; None for a webinar
    theme: int | None
    status: str = "held"


@dataclass
class Demo(Network):
    """Draws every record of one demo, in a fixed order, from one random generator."""

    groups: list[list[Member]] = field(default_factory=list)
    meetings: list[DemoMeeting] = field(default_factory=list)
    participations: list[tuple[Any, ...]] = field(default_factory=list)
    consents: list[tuple[Any, ...]] = field(default_factory=list)

    def build(self) -> None:
        self._organisations()
        self._people()
        self._groups()
        self._meetings()
        self._participations()
        self._flaws()
        self._consents()

    def _groups(self) -> None:
        rng, first_day = self.rng, self.plan.first_day
        readers = [person for person in self.pools[-1] if not person.archived]
        chosen = rng.sample(range(len(readers)), round(NEWSLETTER_SHARE * len(readers)))
        newsletter = []
        for index in sorted(chosen):
            member = Member(readers[index], None, self._day(first_day - timedelta(60), CUTOFF))
            if rng.random() < 0.06 and (CUTOFF - member.since).days > 60:
                member.until = self._day(member.since + timedelta(days=30), CUTOFF)
            newsletter.append(member)
        care = [person for person in self.pools[n.CARE] if not person.archived]
        since = first_day + timedelta(days=90)
        reference = [
            Member(care[index], "Sammankallande" if order == 0 else "Ledamot", since)
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
            self.meetings.append(DemoMeeting(number, title, kind, day, starts, ends, place, topic))
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
        counts = apportion(self.plan.participations - len(self.participations), weights)
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

    def _flaws(self) -> None:
        """The mistakes a busy office makes, one of each per quarter held, for the report's
        warnings to find: a past meeting still open or planned, a meeting without an end
        time, and a walk-in registered without an organisation."""
        rng = self.rng
        by_quarter: dict[tuple[int, int], list[DemoMeeting]] = {}
        for meeting in self.meetings:
            if meeting.status == "held" and meeting.kind != "steering_group":
                quarter = (meeting.day.year, (meeting.day.month - 1) // 3)
                by_quarter.setdefault(quarter, []).append(meeting)
        walk_ins: set[int] = set()
        for number, held in enumerate(by_quarter.values()):
            picked = rng.sample(held, min(3, len(held)))
            still_open, endless, visited = (picked[n % len(picked)] for n in range(3))
            still_open.status = "open" if number % 2 else "planned"
            endless.ends_at = None
            walk_ins.add(visited.id)
        for index, row in enumerate(self.participations):
            if row[0] in walk_ins and row[3] == "attended" and row[4] == "participant":
                self.participations[index] = (*row[:2], None, *row[3:])
                walk_ins.remove(row[0])

    def _draw(self, meeting: DemoMeeting, taken: set[int]) -> Person:
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

    def _take(self, meeting: DemoMeeting, person: Person, role: str) -> None:
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


def theme_rows(first_day: date, responsible: dict[str, int]) -> list[dict[str, Any]]:
    rows = []
    for number, theme in enumerate(n.THEMES, start=1):
        keys = theme_keys(name=theme.name, description=theme.description)
        rows.append(
            keys
            | {
                "id": number,
                "name": theme.name,
                "description": theme.description,
                "colour": theme.colour,
                "responsible_id": responsible[n.THEME_RESPONSIBLE[number - 1]],
                "active_from": first_day,
                "active_until": None,
                "archived": False,
            }
        )
    return rows


def group_rows() -> list[dict[str, Any]]:
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


def meeting_row(meeting: DemoMeeting, participants: int) -> dict[str, Any]:
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
    keys = meeting_keys(title=meeting.title, place=place, organiser=organiser)
    return keys | {
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
    }
