"""Generate one partner's people and our relationship with them, as unsaved objects."""

import datetime
import math
import unicodedata
from bisect import bisect
from dataclasses import dataclass, field
from itertools import accumulate
from random import Random

from partners.models import Contact, OrgUnit, Partner

from ..models import EngagementAction, RelationshipObjective, RelationshipPlan, Stakeholder, Stance
from . import text

BIG_ORG_STAKEHOLDERS = 500
INTERACTIONS_PER_STAKEHOLDER = 24  # a year; gives ~500 per partner on average


def _cumulative(weights) -> list[float]:
    """Cumulative shares for `bisect(shares, random())`: the index drawn with those weights."""
    total = sum(weights)
    return list(accumulate(w / total for w in weights))[:-1]


SENTIMENT = {stance: _cumulative(w) for stance, w in text.SENTIMENT.items()}  # -1, 0, +1
CHANNELS = _cumulative(text.CHANNEL_WEIGHTS)
PARTICIPANTS = _cumulative([70, 22, 8])  # others besides the first: 0, 1 or 2
ACTIVITY = {"prospect": 0.4, "onboarding": 0.8, "active": 1.0, "at_risk": 0.9,
            "exiting": 0.5, "exited": 0.1}  # fmt: skip


@dataclass(eq=False)
class Person:
    first: str
    last: str
    title: str
    unit: tuple
    level: int
    manager: "Person | None"
    department: str
    role: str  # ceo, head, lead, ic
    contact: Contact | None = None
    analysis: Stakeholder | None = None
    owners: list = field(default_factory=list)
    weight: float = 1.0  # how often we meet them

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"


@dataclass(eq=False)
class PartnerPlan:
    """Everything generated for one partner, as unsaved objects linked to each other."""

    partner: Partner
    people: list = field(default_factory=list)
    units: dict = field(default_factory=dict)  # path tuple -> OrgUnit
    plans: list = field(default_factory=list)  # (RelationshipPlan, [related Person])
    actions: list = field(default_factory=list)  # (EngagementAction, [Person])
    objectives: list = field(default_factory=list)
    interactions: list = field(default_factory=list)  # INTERACTION_COLUMNS + ([Person],)


# --- the org chart ----------------------------------------------------------------------------


class OrgBuilder:
    def __init__(self, rng: Random, partner: Partner, size: int, span: tuple):
        self.rng, self.partner, self.size, self.span = rng, partner, size, span
        self.people: list[Person] = []
        self.names: set = set()

    def add(self, title, unit, manager, department, role) -> Person:
        first, last = self._new_name()
        level = 0 if manager is None else manager.level + 1
        person = Person(first, last, title, unit, level, manager, department, role)
        self.people.append(person)
        return person

    def _new_name(self) -> tuple:
        while True:
            name = (self.rng.choice(text.FIRST_NAMES), self.rng.choice(text.LAST_NAMES))
            if name not in self.names:
                self.names.add(name)
                return name

    def build(self, named: dict) -> list[Person]:
        """`named`: fixed people for demos, {title: (first, last)}."""
        self._build()
        for title, (first, last) in named.items():
            person = next((p for p in self.people if p.title == title), None)
            person = person or next((p for p in self.people if p.role == "ic"), None)
            if person is not None:
                person.first, person.last, person.title = first, last, title
        return self.people

    def _build(self) -> None:
        size_class = 0 if self.size >= 60 else 1 if self.size >= 20 else 2
        ceo = self.add(text.CEO_TITLES[size_class], ("Executive",), None, "Executive", "ceo")
        extras = [(t, role) for t, minimum, role in text.EXECUTIVE_EXTRAS if self.size >= minimum]
        for title, role in extras:
            self.add(title, ("Executive",), ceo, "Executive", role)
        departments = [d for d in text.DEPARTMENTS if self.size >= d["min_size"]]
        budget = max(0, self.size - 1 - len(extras) - len(departments))
        total_share = sum(d["share"] for d in departments)
        for index, spec in enumerate(departments):
            share = round(budget * spec["share"] / total_share)
            if index == len(departments) - 1:
                share = max(0, self.size - len(self.people) - 1)
            unit = (spec["unit"],)
            head = self.add(spec["heads"][size_class], unit, ceo, spec["unit"], "head")
            teams = self.rng.sample(spec["teams"], k=len(spec["teams"]))
            self._team(head, spec, unit, share, 0, teams)

    def _team(self, boss, spec, unit, count, depth, teams) -> None:
        span = self.rng.randint(*self.span)
        if count <= span:
            for _ in range(count):
                title = self.rng.choice(spec["ics"][-2:] if depth >= 2 else spec["ics"])
                self.add(title, unit, boss, spec["unit"], "ic")
            return
        leads = min(span, math.ceil(count / span))
        rest = count - leads
        sizes = [rest // leads + (1 if i < rest % leads else 0) for i in range(leads)]
        for index, size in enumerate(sizes):
            if depth == 0:
                team = teams[index % len(teams)]
                sub_unit = (*unit, team)
                title = f"{spec['leads'][0]}, {team}"
            else:
                sub_unit, title = unit, spec["leads"][min(depth, len(spec["leads"]) - 1)]
            lead = self.add(title, sub_unit, boss, spec["unit"], "lead")
            self._team(lead, spec, sub_unit, size, depth + 1, teams)


def _ascii(value: str) -> str:
    return unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode().lower()


def _domain(partner: Partner) -> str:
    host = partner.website.split("//")[-1].split("/")[0].removeprefix("www.")
    return host or f"{partner.slug}.example"


def _contacts(plan: PartnerPlan, rng: Random, today) -> None:
    partner, domain, emails = plan.partner, _domain(plan.partner), set()
    prefix = partner.phone.rsplit(" ", 1)[0] if partner.phone else f"+{rng.randint(1, 99)}"
    managers = {id(p.manager) for p in plan.people if p.manager is not None}
    for person in plan.people:
        local = _ascii(f"{person.first}.{person.last}").replace(" ", "").replace("'", "")
        email = f"{local}@{domain}"
        suffix = 2
        while email in emails:
            email, suffix = f"{local}{suffix}@{domain}", suffix + 1
        emails.add(email)
        leaves = id(person) not in managers and person.level >= 2 and rng.random() < 0.04
        person.contact = Contact(
            partner=partner, first_name=person.first, last_name=person.last,
            title=person.title, email=email,
            phone=f"{prefix} {rng.randint(1000000, 9999999)}" if rng.random() < 0.7 else "",
            left_on=today - datetime.timedelta(days=rng.randint(10, 330)) if leaves else None,
        )  # fmt: skip


def _units(plan: PartnerPlan) -> None:
    for person in plan.people:
        for depth in range(1, len(person.unit) + 1):
            path = person.unit[:depth]
            if path not in plan.units:
                parent = plan.units.get(path[:-1])
                plan.units[path] = OrgUnit(partner=plan.partner, name=path[-1], parent=parent)


# --- our judgement ----------------------------------------------------------------------------


def _analysis(person: Person, rng: Random, climate: list, owners: list) -> Stakeholder:
    influence = {0: 5, 1: 4, 2: 3, 3: 2}.get(person.level, 1)
    if person.department == "Finance" and person.role == "head":
        influence += 1  # the CFO signs off every vendor contract
    if person.role == "ic":
        influence = min(influence, 2)  # an assistant near the CEO is no decision maker
    influence += rng.choices([-1, 0, 1], weights=[20, 55, 25])[0]
    influence = min(5, max(1, influence))
    if person.level <= 1:
        orientation = rng.choices(["strategic", "tactical"], weights=[85, 15])[0]
    elif person.level == 2:
        orientation = rng.choices(["strategic", "tactical", "operational"], [15, 70, 15])[0]
    else:
        orientation = rng.choices(["tactical", "operational"], weights=[40, 60])[0]
    stance = rng.choices(list(Stance.values), weights=climate)[0]
    level = rng.choices(*text.LEVEL_FOR_STANCE[stance])[0]
    person.owners = [owners[0]] + ([rng.choice(owners[1:])] if rng.random() < 0.3 else [])
    return Stakeholder(
        contact=person.contact, partner_id=person.contact.partner_id,
        formal_responsibilities=text.responsibilities(person),
        business_objectives=rng.choice(text.OBJECTIVES[person.department]),
        decides_alone=text.DECIDES_ALONE[person.role], influences=text.INFLUENCES[person.role],
        influence=influence, decision_orientation=orientation,
        adaptability=rng.choices(text.ADAPTABILITY, weights=text.ADOPTION_CURVE)[0],
        relationship_level=level, stance=stance,
        cadence_days=text.CADENCE[influence],
    )  # fmt: skip


def _analyses(plan: PartnerPlan, rng: Random, owners: list, big: bool) -> list[Person]:
    climate = rng.choice(text.CLIMATES)
    if big:
        current = sorted((p for p in plan.people if p.contact.left_on is None),
                         key=lambda p: p.level)  # fmt: skip
        chosen = current[:BIG_ORG_STAKEHOLDERS]
    else:
        chosen = [
            p for p in plan.people
            if (p.level <= 2 or rng.random() < 0.75)
            and (p.contact.left_on is None or rng.random() < 0.5)
        ]  # fmt: skip
    for person in chosen:
        person.analysis = _analysis(person, rng, climate, owners)
    _champion(chosen, rng)
    return chosen


def _champion(analysed: list[Person], rng: Random) -> None:
    candidates = [
        p for p in analysed
        if p.contact.left_on is None and p.analysis.stance == Stance.SUPPORTER
        and p.analysis.influence >= 4 and p.analysis.relationship_level >= 4
    ]  # fmt: skip
    if candidates and rng.random() < 0.75:
        best = max(candidates, key=lambda p: (p.analysis.influence, -p.level))
        best.analysis.is_champion = True
        best.analysis.champion_reason = rng.choice(text.CHAMPION_REASONS).format(
            first=best.first, title=best.title
        )


def _plans_and_actions(plan: PartnerPlan, analysed: list, rng: Random, today, big: bool):
    current = [p for p in analysed if p.contact.left_on is None]
    key = sorted((p for p in current if p.analysis.influence >= 4),
                 key=lambda p: (-p.analysis.influence, p.level))[: 40 if big else 8]  # fmt: skip
    for person in key:
        others = [p for p in key if p is not person]
        plan.plans.append((
            RelationshipPlan(
                stakeholder=person.analysis, owner=person.owners[0],
                review_on=today + datetime.timedelta(days=rng.randint(-30, 90)),
                **text.plan_answers(person, rng),
            ),
            rng.sample(others, k=min(len(others), rng.randint(0, 2))),
        ))  # fmt: skip
    for _ in range(min(12, 3 + len(key)) if current else 0):
        who = rng.sample(current, k=min(len(current), rng.choice([1, 1, 2])))
        plan.actions.append((_action(who, rng, today), who))
    for _ in range(rng.randint(1, 3) if current else 0):
        plan.objectives.append(_objective(plan.partner, current, rng, today))


def _action(who: list, rng: Random, today) -> EngagementAction:
    status = rng.choices(["planned", "in_progress", "done", "cancelled"], [40, 20, 33, 7])[0]
    if status == "done":
        due = today - datetime.timedelta(days=rng.randint(1, 150))
        completed = due - datetime.timedelta(days=rng.randint(0, 6))
    else:
        due, completed = today + datetime.timedelta(days=rng.randint(-30, 75)), None
    return EngagementAction(
        partner_id=who[0].contact.partner_id,
        title=rng.choice(text.ACTIONS).format(first=who[0].first, title=who[0].title),
        notes=rng.choice(text.ACTION_NOTES), owner=who[0].owners[0], due_on=due, status=status,
        completed_on=completed,
    )  # fmt: skip


def _objective(partner, current: list, rng: Random, today) -> RelationshipObjective:
    status = rng.choices(["open", "achieved", "missed", "dropped"], [60, 20, 12, 8])[0]
    due = today + datetime.timedelta(days=rng.randint(-90, 180) if status == "open" else
                                     -rng.randint(1, 200))  # fmt: skip
    movable = [p for p in current if p.analysis.stance != Stance.SUPPORTER]
    objective = RelationshipObjective(partner=partner, due_on=due, status=status,
                                      owner=current[0].owners[0])  # fmt: skip
    if movable and rng.random() < 0.8:
        person = max(movable, key=lambda p: (p.analysis.influence, rng.random()))
        objective.stakeholder = person.analysis
        objective.target_stance = Stance.SUPPORTER
        objective.target_level = min(5, person.analysis.relationship_level + 1)
        objective.title = (
            f"Move {person.name} ({person.title}) from "
            f"{person.analysis.get_stance_display().lower()} to supporter"
        )
        objective.notes = rng.choice(text.OBJECTIVE_NOTES)
    else:
        objective.title = rng.choice(text.PARTNER_OBJECTIVES)
    return objective


def _interactions(plan: PartnerPlan, analysed: list, rng: Random, today) -> None:
    current = [p for p in analysed if p.contact.left_on is None]
    if not current:
        return
    for person in current:
        neglected = rng.random() < 0.12
        person.weight = (
            0.05
            if neglected
            else {5: 3.0, 4: 2.0, 3: 1.0, 2: 0.5, 1: 0.3}[person.analysis.influence]
        )
    # Draw by bisecting cumulative weights made once per partner: `random.choices` would
    # re-add them for each of a million interactions.
    cumulative = list(accumulate(p.weight for p in current))
    total, top, draw = cumulative[-1], len(current) - 1, rng.random
    activity = ACTIVITY.get(plan.partner.status, 1.0) * rng.uniform(0.6, 1.4)
    count = round(len(current) * INTERACTIONS_PER_STAKEHOLDER * activity)
    dates = [today - datetime.timedelta(days=days) for days in range(366)]
    for _ in range(count):
        who = [current[bisect(cumulative, draw() * total, 0, top)]]
        for _ in range(bisect(PARTICIPANTS, draw())):
            other = current[bisect(cumulative, draw() * total, 0, top)]
            if other not in who:
                who.append(other)
        occurred = dates[int(rng.triangular(0, 365, 0))]
        sentiment = bisect(SENTIMENT[who[0].analysis.stance], draw()) - 1
        channel = text.CHANNELS[bisect(CHANNELS, draw())]
        # A plain row, not a model instance: there are a million of them.
        plan.interactions.append((
            plan.partner.pk, occurred, channel, sentiment,
            rng.choice(text.NOTES[channel]).format(first=who[0].first), who[0].owners[0].pk, who,
        ))  # fmt: skip
        for person in who:
            last = person.analysis.last_interaction_on
            if last is None or occurred > last:
                person.analysis.set_last_interaction(occurred)


# --- one partner ------------------------------------------------------------------------------


def partner_plan(partner, rng, *, today, managers, named=None, big=False) -> PartnerPlan:
    if big:
        size, span = BIG_ORG_STAKEHOLDERS + 30, (5, 8)
    elif named:
        size, span = 90, (3, 4)
    else:
        employees = partner.employee_count or 50
        size = max(8, round((10 + 4 * math.log(employees)) * rng.uniform(0.6, 1.4)))
        span = (3, 7)
    plan = PartnerPlan(partner=partner)
    plan.people = OrgBuilder(rng, partner, size, span).build(named or {})
    _contacts(plan, rng, today)
    _units(plan)
    owners = [partner.owner] if partner.owner_id else []
    owners += [m for m in managers if m not in owners]
    analysed = _analyses(plan, rng, owners, big)
    _plans_and_actions(plan, analysed, rng, today, big)
    _interactions(plan, analysed, rng, today)
    return plan
