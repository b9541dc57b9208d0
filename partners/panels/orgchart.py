"""The partner page's "Org chart" tab and the branches a large chart loads when opened.

The chart shows facts: who works at the partner, in which unit, reporting to whom. Other apps
draw their own layer over it by registering a panel in the core's "orgchart" slot. The
panel's `context(request, partner)` returns None (nothing to draw for this user) or a layer:

- `related`, `fields`: relations of a contact to join into the chart's one query of people,
  and the fields of theirs to load (the layer's own rows about each person);
- `mark(contact)`: what the layer says of one person, a dict or None. `css` is added to the
  person's box, `url` and `url_title` link their name, `badge` ({"css", "label", "text"})
  follows it, and the panel's template partial `node` is drawn in the box with `mark`;
- `summary(current_people)`: figures added to the chart's `stats`, which the template's
  partials `summary` (in the toolbar) and `legend` (above the chart) show.

So a layer costs no query per person, and the chart's query count stays the same.
"""

from django.urls import reverse

from prm import panels
from prm.lib.urls import url_pattern

from ..forms.orgchart import OrgChartFilterForm
from ..selectors import (
    build_chart,
    chart_node_of,
    chart_nodes,
    has_lazy_branches,
    org_units,
    orgchart_people,
    unit_and_below,
    unit_tree,
)

# The namespace prm/urls.py mounts the org chart's pages in: the one they had before they were
# partners', which bookmarks, integrations and tests still use (partners/orgchart_urls.py).
PAGES_MOUNTED_IN = "relationships"
PERSON_PAGES = {
    "edit": "contact-edit",
    "move": "contact-move",
    "left": "contact-mark-left",
    "branch": "orgchart-branch",
}


def page_url_name(name: str) -> str:
    return f"{PAGES_MOUNTED_IN}:{name}"


def chart_url(partner) -> str:
    return reverse("partners:partner-tab", args=[partner.slug, "org-chart"])


def _page_url(name: str, *args) -> str:
    return reverse(page_url_name(name), args=args)


def _url_pattern(name: str) -> str:
    return url_pattern(page_url_name(name))


def orgchart_layers(request, partner) -> list:
    """The layers other apps draw over this partner's chart for this user: (panel, layer)."""
    drawn = []
    for panel in panels.panels_for("orgchart"):
        layer = panel.context(request, partner)
        if layer is not None:
            drawn.append((panel, layer))
    return drawn


def _people(partner, layers) -> list:
    related = [name for _, layer in layers for name in layer.related]
    fields = [name for _, layer in layers for name in layer.fields]
    return list(orgchart_people(partner=partner, related=related, fields=fields))


def _decorate(roots, partner, layers) -> None:
    """Each person's pages, and what each layer marks on their box."""
    patterns = {key: _url_pattern(name) for key, name in PERSON_PAGES.items()}
    add_report = _page_url("contact-create", partner.slug)
    add_report = f"{add_report}?reports_to={{}}" if add_report else ""
    for node in chart_nodes(roots):
        pk = node.contact.pk
        node.urls = {key: pattern.format(pk) for key, pattern in patterns.items()}
        node.urls["add_report"] = add_report.format(pk)
        node.marks = [
            {**mark, "template": f"{panel.template}#node"}
            for panel, layer in layers
            if (mark := layer.mark(node.contact)) is not None
        ]
        linked = next((mark for mark in node.marks if mark.get("url")), None)
        node.link = linked and {"url": linked["url"], "title": linked.get("url_title", "")}


def _stats(current, layers) -> dict:
    stats = {"people": len(current)}
    for _, layer in layers:
        stats.update(layer.summary(current))
    return stats


def _split(people):
    """Current people, and those who left (most recent first)."""
    current = [person for person in people if person.left_on is None]
    left = sorted(
        (person for person in people if person.left_on is not None),
        key=lambda person: (person.left_on, person.pk),
        reverse=True,
    )
    return current, left


def orgchart_tab_context(request, partner) -> dict:
    """The "Org chart" tab: two queries, whatever the size of the partner and its layers."""
    query = OrgChartFilterForm(request.GET if request is not None else {})
    layers = orgchart_layers(request, partner)
    current, left = _split(_people(partner, layers))
    units = list(org_units(partner=partner))
    people_per_unit: dict = {}
    for person in current:
        people_per_unit[person.org_unit_id] = people_per_unit.get(person.org_unit_id, 0) + 1

    selected_unit = next((unit for unit in units if unit.pk == query.unit_id()), None)
    shown = current
    if selected_unit is not None:
        in_unit = unit_and_below(units, selected_unit.pk)
        shown = [person for person in current if person.org_unit_id in in_unit]
    expand_all = query.expand_all()
    roots = build_chart(shown, open_levels=10**6 if expand_all else None)
    highlighted = _open_path_to(roots, query.highlight_id())
    _decorate(roots, partner, layers)
    if selected_unit is not None:
        by_id = {person.pk: person for person in current}
        for root in roots:
            root.outside_manager = by_id.get(root.contact.reports_to_id)

    return {
        "partner": partner,
        "roots": roots,
        "left": left,
        "units": _unit_rows(units, people_per_unit),
        "unit_count": len(units),
        "selected_unit": selected_unit,
        "shown_count": len(shown),
        "without_unit": people_per_unit.get(None, 0),
        "stats": _stats(current, layers),
        "layers": [_layer_parts(panel) for panel, _ in layers],
        "chart_url": chart_url(partner),
        "urls": _page_urls(partner),
        "expand_all": expand_all,
        "has_lazy_branches": has_lazy_branches(roots),
        "highlight": highlighted.contact.pk if highlighted else None,
    }


def _open_path_to(roots, contact_pk):
    """The node of `contact_pk`, with every branch above it open (and drawn, not loaded later)
    so that the page can scroll to the person just added; None if they are not on the chart."""
    if contact_pk is None:
        return None
    stack = [(root, ()) for root in roots]
    while stack:
        node, above = stack.pop()
        if node.contact.pk == contact_pk:
            for manager in above:
                manager.open, manager.lazy = True, False
            return node
        stack.extend((child, (*above, node)) for child in node.children)
    return None


def _layer_parts(panel) -> dict:
    return {
        "key": panel.key,
        "summary": f"{panel.template}#summary",
        "legend": f"{panel.template}#legend",
    }


def _page_urls(partner) -> dict:
    return {
        "add_person": _page_url("contact-create", partner.slug),
        "import": _page_url("contact-import", partner.slug),
        "add_unit": _page_url("orgunit-create", partner.slug),
    }


def _unit_rows(units, people_per_unit) -> list:
    edit = _url_pattern("orgunit-edit")
    rows = unit_tree(units, people_per_unit)
    for row in rows:
        row.edit_url = edit.format(row.unit.pk)
    return rows


def orgchart_branch_context(request, contact) -> dict:
    """The reports of one person on a large chart, opened from a folded branch.

    The whole reporting forest is rebuilt (one query) so layout decisions — stacking, folding
    of the next levels — are the same as on the full chart.
    """
    partner = contact.partner
    layers = orgchart_layers(request, partner)
    current, _ = _split(_people(partner, layers))
    roots = build_chart(current)
    node = chart_node_of(roots, contact.pk)
    if node is not None:
        for child in node.children:
            child.open = False
            child.lazy = bool(child.children)
        _decorate([node], partner, layers)
    return {"node": node, "partner": partner}
