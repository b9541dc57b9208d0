"""A partner's people as the relationship seeder sees them: each contact (read through
partners' selectors) with their reporting level, department (their top-level unit) and role,
which is what our judgement of them is drawn from."""

import datetime
from dataclasses import dataclass, field

from partners import selectors as partner_selectors

from ..models import Stakeholder


@dataclass(eq=False)
class Person:
    contact_id: int
    partner_id: int
    first: str
    last: str
    title: str
    department: str
    level: int
    role: str  # ceo, head, lead, ic
    left_on: datetime.date | None
    analysis: Stakeholder | None = None
    owners: list = field(default_factory=list)  # user ids, the first one leads
    weight: float = 1.0  # how often we meet them

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"

    @property
    def is_current(self) -> bool:
        return self.left_on is None


def _role(level: int, has_reports: bool, title: str) -> str:
    if level == 0:
        return "ceo"
    if "Assistant" in title:
        return "ic"  # an assistant near the CEO is no decision maker
    if level == 1:
        return "head"  # the CEO's direct reports run a department or an executive office
    return "lead" if has_reports else "ic"


def _levels(manager_of: dict) -> dict:
    """Reporting levels (0 at the top) of everyone, without recursion."""
    levels: dict = {}
    for start in manager_of:
        chain, node = [], start
        while node is not None and node not in levels and node not in chain:
            chain.append(node)
            node = manager_of.get(node)
        base = levels.get(node, -1)
        for offset, pk in enumerate(reversed(chain), start=1):
            levels[pk] = base + offset
    return levels


def people_by_partner(partner_ids) -> dict[int, list[Person]]:
    """The people of these partners (those who left too), in the order they were added."""
    rows = list(
        partner_selectors.contacts()
        .filter(partner__in=partner_ids)
        .order_by("partner_id", "pk")
        .values_list(
            "pk", "partner_id", "first_name", "last_name", "title", "reports_to_id", "left_on",
            "org_unit__name", "org_unit__parent__name",
        )
    )  # fmt: skip
    manager_of = {row[0]: row[5] for row in rows}
    managers = set(manager_of.values())
    levels = _levels(manager_of)
    people: dict[int, list[Person]] = {}
    for pk, partner_id, first, last, title, _, left_on, unit, parent_unit in rows:
        level = levels[pk]
        people.setdefault(partner_id, []).append(
            Person(
                pk, partner_id, first, last, title, parent_unit or unit or "", level,
                _role(level, pk in managers, title), left_on,
            )
        )  # fmt: skip
    return people
