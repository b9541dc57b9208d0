"""Demo org charts: every seeded partner's people and units, in bulk.

Per partner: org units (departments and their teams), ~25 contacts on 3–6 reporting levels
and a few who left. Partners that already have contacts are skipped, so a rerun adds nothing.
Each partner draws from its own generator (the run's seed and its slug), so its people do not
depend on which other partners a run skips.

portal-a's partner gets a rich, deep chart for demos, with the portal logins among its
people; the first other partner by name is a big organisation of over 500 people (the
benchmark's largest chart).
"""

import datetime
import math
import unicodedata
from dataclasses import dataclass, field
from random import Random

from django.contrib.auth import get_user_model

from ..models import Contact, OrgUnit, Partner, PartnerMembership
from . import text

BIG_ORG_PEOPLE = 530
PARTNERS_PER_ROUND = 100  # bounds memory
PORTAL_PEOPLE = [
    ("portal-a", text.ALLIANCES_TITLE),
    ("portal-a-member", "Partner Marketing Manager"),
]


@dataclass(eq=False)
class Person:
    first: str
    last: str
    title: str
    unit: tuple  # the path of unit names, department first
    level: int
    manager: "Person | None"
    role: str  # ceo, head, lead, ic
    contact: Contact | None = None


@dataclass(eq=False)
class OrgPlan:
    """One partner's people and units, as unsaved objects linked to each other."""

    partner: Partner
    people: list = field(default_factory=list)
    units: dict = field(default_factory=dict)  # path tuple -> OrgUnit


class OrgBuilder:
    def __init__(self, rng: Random, size: int, span: tuple):
        self.rng, self.size, self.span = rng, size, span
        self.people: list[Person] = []
        self.names: set = set()

    def add(self, title, unit, manager, role) -> Person:
        first, last = self._new_name()
        level = 0 if manager is None else manager.level + 1
        person = Person(first, last, title, unit, level, manager, role)
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
        ceo = self.add(text.CEO_TITLES[size_class], ("Executive",), None, "ceo")
        extras = [(t, role) for t, minimum, role in text.EXECUTIVE_EXTRAS if self.size >= minimum]
        for title, role in extras:
            self.add(title, ("Executive",), ceo, role)
        departments = [d for d in text.DEPARTMENTS if self.size >= d["min_size"]]
        budget = max(0, self.size - 1 - len(extras) - len(departments))
        total_share = sum(d["share"] for d in departments)
        for index, spec in enumerate(departments):
            share = round(budget * spec["share"] / total_share)
            if index == len(departments) - 1:
                share = max(0, self.size - len(self.people) - 1)
            unit = (spec["unit"],)
            head = self.add(spec["heads"][size_class], unit, ceo, "head")
            teams = self.rng.sample(spec["teams"], k=len(spec["teams"]))
            self._team(head, spec, unit, share, 0, teams)

    def _team(self, boss, spec, unit, count, depth, teams) -> None:
        span = self.rng.randint(*self.span)
        if count <= span:
            for _ in range(count):
                title = self.rng.choice(spec["ics"][-2:] if depth >= 2 else spec["ics"])
                self.add(title, unit, boss, "ic")
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
            lead = self.add(title, sub_unit, boss, "lead")
            self._team(lead, spec, sub_unit, size, depth + 1, teams)


def _ascii(value: str) -> str:
    return unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode().lower()


def _domain(partner: Partner) -> str:
    host = partner.website.split("//")[-1].split("/")[0].removeprefix("www.")
    return host or f"{partner.slug}.example"


def _contacts(plan: OrgPlan, rng: Random, today) -> None:
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
        # Only people without reports leave: nobody is left reporting to someone gone.
        leaves = id(person) not in managers and person.level >= 2 and rng.random() < 0.04
        person.contact = Contact(
            partner=partner, first_name=person.first, last_name=person.last,
            title=person.title, email=email,
            phone=f"{prefix} {rng.randint(1000000, 9999999)}" if rng.random() < 0.7 else "",
            left_on=today - datetime.timedelta(days=rng.randint(10, 330)) if leaves else None,
        )  # fmt: skip


def _units(plan: OrgPlan) -> None:
    for person in plan.people:
        for depth in range(1, len(person.unit) + 1):
            path = person.unit[:depth]
            if path not in plan.units:
                parent = plan.units.get(path[:-1])
                plan.units[path] = OrgUnit(partner=plan.partner, name=path[-1], parent=parent)


def org_plan(partner, rng, *, today, named=None, big=False) -> OrgPlan:
    if big:
        size, span = BIG_ORG_PEOPLE, (5, 8)
    elif named:
        size, span = 90, (3, 4)
    else:
        employees = partner.employee_count or 50
        size = max(8, round((10 + 4 * math.log(employees)) * rng.uniform(0.6, 1.4)))
        span = (3, 7)
    plan = OrgPlan(partner=partner)
    plan.people = OrgBuilder(rng, size, span).build(named or {})
    _contacts(plan, rng, today)
    _units(plan)
    return plan


def insert(plans: list[OrgPlan]) -> dict:
    """Units level by level (parents first), then people level by level (managers first)."""
    for depth in range(1, 1 + max((len(path) for p in plans for path in p.units), default=0)):
        batch = [u for p in plans for path, u in p.units.items() if len(path) == depth]
        OrgUnit.objects.bulk_create(batch, batch_size=500)
    people = [person for p in plans for person in p.people]
    for plan in plans:
        for person in plan.people:
            person.contact.org_unit = plan.units[person.unit]
            if person.manager is not None:
                person.contact.reports_to = person.manager.contact
    for level in range(max((p.level for p in people), default=-1) + 1):
        Contact.objects.bulk_create([p.contact for p in people if p.level == level],
                                    batch_size=500)  # fmt: skip
    return {"org units": sum(len(p.units) for p in plans), "contacts": len(people)}


def _demo_partners() -> tuple[Partner | None, Partner | None]:
    """(portal-a's partner, the big organisation): both chosen deterministically."""
    memberships = PartnerMembership.objects.filter(user__username__in=["portal-a", "portal-b"])
    portal = dict(memberships.values_list("user__username", "partner_id"))
    portal_a = Partner.objects.filter(pk=portal.get("portal-a")).first()
    big = Partner.objects.exclude(pk__in=portal.values()).order_by("name", "pk").first()
    return portal_a, big


def _link_portal_logins(plan: OrgPlan, logins: dict) -> None:
    """A portal login is a person at its partner: portal-a and their colleague get theirs."""
    by_name = {(p.first, p.last): p.contact for p in plan.people}
    for user in logins.values():
        contact = by_name.get((user.first_name, user.last_name))
        PartnerMembership.objects.filter(user=user, contact__isnull=True).update(contact=contact)


def seed(state) -> None:
    today = state.extra.get("today") or datetime.date.today()
    portal_a, big = _demo_partners()
    usernames = dict(PORTAL_PEOPLE)
    logins = {u.username: u for u in get_user_model().objects.filter(username__in=usernames)}
    portal_people = {
        title: (logins[username].first_name, logins[username].last_name)
        for username, title in PORTAL_PEOPLE
        if username in logins
    }
    totals: dict = {}
    portal_plan, pending = None, []
    for partner in Partner.objects.filter(contacts__isnull=True).order_by("pk"):
        rng = Random(f"{state.seed}:people:{partner.slug}")
        is_portal = portal_a is not None and partner.pk == portal_a.pk
        plan = org_plan(
            partner, rng, today=today, named=portal_people if is_portal else None,
            big=big is not None and partner.pk == big.pk,
        )  # fmt: skip
        portal_plan = plan if is_portal else portal_plan
        pending.append(plan)
        if len(pending) == PARTNERS_PER_ROUND:
            _add(totals, insert(pending))
            pending = []
    if pending:
        _add(totals, insert(pending))
    if portal_plan is not None:
        _link_portal_logins(portal_plan, logins)
    for what, count in totals.items():
        state.report(what, count)


def _add(totals: dict, rows: dict) -> None:
    for key, value in rows.items():
        totals[key] = totals.get(key, 0) + value
