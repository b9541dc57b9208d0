"""Reads for the org chart: a partner's people and units, with our analysis of each person.

The chart is built in Python from ONE query for every contact of the partner (their unit and
stakeholder analysis joined in) plus one for the units, so a chart of 500 people costs the same
number of queries as a chart of 5.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.urls import NoReverseMatch, reverse

from partners.models import Contact, OrgUnit

# Below this many people every branch starts open; above it only the top levels do.
OPEN_EVERYTHING_UP_TO = 60
OPEN_LEVELS = 2  # roots and their direct reports show their reports; deeper branches fold
# Reports sit side by side while a level holds at most this many people; deeper levels stack
# under their manager as an indented tree, so 200+ people stay a few screens wide.
MAX_ROW_WIDTH = 12


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

    urls: dict = field(default_factory=dict)  # the person's pages, see `_link`

    @property
    def stakeholder(self):
        return getattr(self.contact, "stakeholder", None)


@dataclass
class UnitNode:
    unit: OrgUnit
    depth: int
    people: int  # current people in the unit itself

    @property
    def label(self) -> str:
        """The name indented by depth, for a flat list of choices."""
        return f"{'– ' * self.depth}{self.unit.name}"


def partner_contacts(*, partner):
    """Every contact of the partner (current and left) with their unit and our analysis."""
    return (
        Contact.objects.filter(partner=partner)
        .select_related("org_unit", "stakeholder")
        # Only what a box shows: a 500-person chart stays light in memory and on the wire.
        .only(
            "partner_id",
            "first_name",
            "last_name",
            "title",
            "org_unit_id",
            "reports_to_id",
            "left_on",
            "org_unit__name",
            "stakeholder__contact_id",
            "stakeholder__partner_id",
            "stakeholder__stance",
            "stakeholder__influence",
            "stakeholder__relationship_level",
            "stakeholder__is_champion",
        )  # fmt: skip
        .order_by("last_name", "first_name", "pk")
    )


def partner_units(*, partner):
    return OrgUnit.objects.filter(partner=partner).order_by("name", "pk")


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


def _url_pattern(name: str) -> str | None:
    """The URL of `name` with a `{}` where the id goes: reversed once, not once per person.

    None while a page does not exist yet (the analysis pages come with the stakeholders area).
    """
    try:
        return reverse(name, args=[987654321]).replace("987654321", "{}")
    except NoReverseMatch:
        return None


PERSON_PAGES = {
    "edit": "relationships:contact-edit",
    "move": "relationships:contact-move",
    "left": "relationships:contact-mark-left",
    "analysis": "relationships:stakeholder-detail",
    "branch": "relationships:orgchart-branch",
    "assess": "relationships:stakeholder-create",
}


def _link(roots: list[ChartNode], partner) -> None:
    patterns = {key: _url_pattern(name) for key, name in PERSON_PAGES.items()}
    add_report = reverse("relationships:contact-create", args=[partner.slug]) + "?reports_to={}"
    todo = list(roots)
    while todo:
        node = todo.pop()
        contact, stakeholder = node.contact, node.stakeholder
        node.urls = {
            key: pattern.format(contact.pk) if pattern else ""
            for key, pattern in patterns.items()
            if key not in ("analysis", "assess")
        }
        node.urls["add_report"] = add_report.format(contact.pk)
        analysis, target = ("analysis", stakeholder.pk) if stakeholder else ("assess", contact.pk)
        node.urls[analysis] = patterns[analysis].format(target) if patterns[analysis] else ""
        todo.extend(node.children)


def chart_stats(current: list[Contact]) -> dict:
    assessed = [person for person in current if getattr(person, "stakeholder", None)]
    return {
        "people": len(current),
        "assessed": len(assessed),
        "not_assessed": len(current) - len(assessed),
        "supporters": sum(1 for p in assessed if p.stakeholder.stance == "supporter"),
        "neutral": sum(1 for p in assessed if p.stakeholder.stance == "neutral"),
        "non_supporters": sum(1 for p in assessed if p.stakeholder.stance == "non_supporter"),
        "champion": next((p for p in assessed if p.stakeholder.is_champion), None),
    }


def _selected_unit(request, units):
    raw = request.GET.get("unit", "") if request is not None else ""
    return next((unit for unit in units if str(unit.pk) == raw), None)


def orgchart_tab_context(request, partner) -> dict:
    """The partner page's "Org chart" tab: two queries, whatever the size of the partner."""
    contacts = list(partner_contacts(partner=partner))
    units = list(partner_units(partner=partner))
    current = [person for person in contacts if person.left_on is None]
    left = sorted(
        (person for person in contacts if person.left_on is not None),
        key=lambda person: (person.left_on, person.pk),
        reverse=True,
    )
    people_per_unit: dict = {}
    for person in current:
        people_per_unit[person.org_unit_id] = people_per_unit.get(person.org_unit_id, 0) + 1

    selected_unit = _selected_unit(request, units)
    shown = current
    if selected_unit is not None:
        in_unit = unit_and_below(units, selected_unit.pk)
        shown = [person for person in current if person.org_unit_id in in_unit]
    expand_all = request is not None and request.GET.get("expand") == "all"
    roots = build_chart(shown, open_levels=10**6 if expand_all else None)
    _link(roots, partner)
    if selected_unit is not None:
        by_id = {person.pk: person for person in current}
        for root in roots:
            root.outside_manager = by_id.get(root.contact.reports_to_id)

    return {
        "partner": partner,
        "roots": roots,
        "left": left,
        "units": unit_tree(units, people_per_unit),
        "unit_count": len(units),
        "selected_unit": selected_unit,
        "shown_count": len(shown),
        "without_unit": people_per_unit.get(None, 0),
        "stats": chart_stats(current),
        "chart_url": reverse("partners:partner-tab", args=[partner.slug, "org-chart"]),
        "expand_all": expand_all,
        "has_lazy_branches": _has_lazy(roots),
    }


def _has_lazy(roots: list[ChartNode]) -> bool:
    todo = list(roots)
    while todo:
        node = todo.pop()
        if node.lazy:
            return True
        todo.extend(node.children)
    return False


def orgchart_branch_context(*, contact) -> dict:
    """The reports of one person on a large chart, opened from a folded branch.

    The whole reporting forest is rebuilt (one query) so layout decisions — stacking, folding
    of the next levels — are the same as on the full chart.
    """
    partner = contact.partner
    current = [p for p in partner_contacts(partner=partner) if p.left_on is None]
    roots = build_chart(current)
    _link(roots, partner)
    todo = list(roots)
    while todo:
        node = todo.pop()
        if node.contact.pk == contact.pk:
            for child in node.children:
                child.open = False
                child.lazy = bool(child.children)
            return {"node": node, "partner": partner}
        todo.extend(node.children)
    return {"node": None, "partner": partner}
