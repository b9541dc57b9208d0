"""Reads for the org chart: a partner's people as a reporting forest, its units as a tree.

The chart is built in Python from ONE query for every contact of the partner (their unit
joined in) plus one for the units, so a chart of 500 people costs the same number of queries
as a chart of 5. What other apps draw over the chart joins its rows into that same query
(`orgchart_people(related=..., fields=...)`), never one query per person.
"""

from collections import Counter
from dataclasses import dataclass, field

from ..models import Contact, OrgUnit

# Below this many people every branch starts open; above it only the top levels do.
OPEN_EVERYTHING_UP_TO = 60
OPEN_LEVELS = 2  # roots and their direct reports show their reports; deeper branches fold
# Reports sit side by side while a level holds at most this many people; deeper levels stack
# under their manager as an indented tree, so 200+ people stay a few screens wide.
MAX_ROW_WIDTH = 12
# Only what a box shows: a 500-person chart stays light in memory and on the wire.
CHART_FIELDS = (
    "partner_id", "first_name", "last_name", "title", "org_unit_id", "reports_to_id",
    "left_on", "org_unit__name",
)  # fmt: skip


@dataclass
class ChartNode:
    contact: Contact
    depth: int = 0
    children: list["ChartNode"] = field(default_factory=list)
    descendants: int = 0  # everyone below, at any depth
    open: bool = True
    outside_manager: Contact | None = None  # a filtered chart's root whose manager is elsewhere
    stacked: bool = False  # reports drawn as a vertical stack under this person, not a row
    # A folded branch of a large chart: its people are fetched when it is opened, so the first
    # view of a 500-person organisation renders tens of boxes, not hundreds.
    lazy: bool = False
    urls: dict = field(default_factory=dict)  # the person's pages, filled in by the page
    marks: list = field(default_factory=list)  # what the layers over the chart say of them
    link: dict | None = None  # where the person's name leads, if a layer links it


@dataclass
class UnitNode:
    unit: OrgUnit
    depth: int
    people: int  # current people in the unit itself
    edit_url: str = ""  # filled in by the page

    @property
    def label(self) -> str:
        """The name indented by depth, for a flat list of choices."""
        return f"{'– ' * self.depth}{self.unit.name}"


def orgchart_people(*, partner, related=(), fields=()):
    """Every contact of the partner (current and left) with their unit, in one query.

    `related` and `fields`: relations of a contact to join and their fields to load, for what
    a layer draws over the chart (its own rows about each person).
    """
    return (
        Contact.objects.filter(partner=partner)
        .select_related("org_unit", *related)
        .only(*CHART_FIELDS, *fields)
        .order_by("last_name", "first_name", "pk")
    )


def unit_tree(units, people_per_unit: dict) -> list[UnitNode]:
    """Units in tree order (each followed by its sub-units), with their depth."""
    children: dict = {}
    ids = {unit.pk for unit in units}
    for unit in units:
        parent = unit.parent_id if unit.parent_id in ids else None
        children.setdefault(parent, []).append(unit)
    ordered, stack = [], [(unit, 0) for unit in reversed(children.get(None, []))]
    while stack:
        unit, depth = stack.pop()
        ordered.append(UnitNode(unit, depth, people_per_unit.get(unit.pk, 0)))
        stack.extend((child, depth + 1) for child in reversed(children.get(unit.pk, [])))
    return ordered


def unit_and_below(units, unit_id) -> set:
    """The ids of a unit and all its sub-units."""
    below: dict = {}
    for unit in units:
        below.setdefault(unit.parent_id, []).append(unit.pk)
    found, todo = set(), [unit_id]
    while todo:
        current = todo.pop()
        if current not in found:
            found.add(current)
            todo.extend(below.get(current, []))
    return found


def build_chart(people: list[Contact], *, open_levels: int | None = None) -> list[ChartNode]:
    """The reporting forest of `people`: roots are those whose manager is not among them."""
    nodes = {person.pk: ChartNode(person) for person in people}
    roots = []
    for person in people:
        manager = nodes.get(person.reports_to_id)
        if manager is None:
            roots.append(nodes[person.pk])
        else:
            manager.children.append(nodes[person.pk])
    large = len(people) > OPEN_EVERYTHING_UP_TO
    if open_levels is None:
        open_levels = OPEN_LEVELS if large else 10**6
    _measure(roots, open_levels, lazy=large)
    # Bosses with the largest teams first, so the chart reads from its main line.
    roots.sort(key=lambda node: (-node.descendants, node.contact.last_name, node.contact.pk))
    return roots


def _measure(roots: list[ChartNode], open_levels: int, *, lazy: bool = False) -> None:
    """Depth, number of people below, fold state and layout, without recursion limits."""
    order, stack = [], [(root, 0) for root in roots]
    while stack:
        node, depth = stack.pop()
        node.depth = depth
        node.open = depth < open_levels
        node.lazy = lazy and not node.open and bool(node.children)
        order.append(node)
        stack.extend((child, depth + 1) for child in node.children)
    for node in reversed(order):  # children before their managers
        node.descendants = sum(1 + child.descendants for child in node.children)
    row_levels = _row_levels(Counter(node.depth for node in order))
    for node in order:
        only_leaves = len(node.children) > 1 and not any(c.children for c in node.children)
        node.stacked = bool(node.children) and (node.depth >= row_levels or only_leaves)


def _row_levels(people_per_depth: Counter) -> int:
    """How many levels below the top are laid out side by side."""
    levels = 0
    while 0 < people_per_depth.get(levels + 1, 0) <= MAX_ROW_WIDTH:
        levels += 1
    return levels


def chart_nodes(roots: list[ChartNode]):
    """Every node of the forest, managers before their reports (no recursion)."""
    todo = list(roots)
    while todo:
        node = todo.pop()
        yield node
        todo.extend(node.children)


def has_lazy_branches(roots: list[ChartNode]) -> bool:
    return any(node.lazy for node in chart_nodes(roots))


def chart_node_of(roots: list[ChartNode], contact_pk) -> ChartNode | None:
    return next((node for node in chart_nodes(roots) if node.contact.pk == contact_pk), None)
