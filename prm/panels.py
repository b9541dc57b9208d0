"""A small registry that lets apps add panels and tabs to pages the core owns.

The core knows no domain app. The home dashboard, the portal home and the partner page's
tabs are assembled from what each app registers in its `AppConfig.ready()`:

    panels.register_panel("dashboard", key="partner-counts", order=10,
                          template="partners/panel_counts.html", context=dashboard_counts)
    panels.register_tab("partner", key="overview", label="Overview", order=0,
                        template="partners/partner_tab_overview.html", context=overview)

Slots: "dashboard" and "portal_home" (context(request) / context(request, membership)),
"partner" (the partner page's tabs, context(request, partner)), and the sections other apps add
inside one app's page: "partner_program" (the partner's Program tab, context(request, partner))
and "portal_tier" (the portal's tier page, context(request, membership)).
"orgchart" holds the layers other apps draw over the internal org chart: context(request,
partner) returns the layer (what it joins into the chart's one query of people, and a mark
per person), or None where the user may not see it; the page that draws the chart says more.

`context` is called with the request (and the partner or membership) and returns the
template context; it must keep its own number of queries constant. It may be given as a dotted
path ("app.selectors.area.function"), imported when first called, so registering a panel does
not import the area's selectors at start-up.
"""

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from typing import Any

SLOTS = ("dashboard", "portal_home", "partner", "partner_program", "portal_tier", "orgchart")


@dataclass(frozen=True)
class Panel:
    slot: str
    key: str
    template: str
    context: Callable[..., dict[str, Any]]
    order: int = 100
    label: str = ""
    section: str = ""


_registry: dict[str, dict[str, Panel]] = {slot: {} for slot in SLOTS}


def _slot(slot) -> dict[str, Panel]:
    """The panels of a slot; a mistyped slot is an error, never an empty page."""
    if slot not in _registry:
        raise ValueError(f"Unknown panel slot {slot!r}; choose one of {SLOTS}.")
    return _registry[slot]


def _by_path(dotted: str) -> Callable[..., dict[str, Any]]:
    module_name, function_name = dotted.rsplit(".", 1)

    def context(*args):
        return getattr(import_module(module_name), function_name)(*args)

    return context


def register_panel(slot, *, key, template, context, order=100, label="", section=""):
    """`section` places the panel in a part of a page that has parts (the portal home: "needs",
    "status", "program", "company"); a page puts a panel without one in its default part."""
    # Registering a key again replaces it, so a re-run `ready()` does not duplicate panels.
    if isinstance(context, str):
        context = _by_path(context)
    _slot(slot)[key] = Panel(slot, key, template, context, order, label, section)


def register_tab(slot, *, key, label, template, context, order=100):
    register_panel(slot, key=key, template=template, context=context, order=order, label=label)


def panels_for(slot) -> list[Panel]:
    return sorted(_slot(slot).values(), key=lambda panel: (panel.order, panel.key))


def tab_for(slot, key) -> Panel | None:
    return _slot(slot).get(key)


def render_panels(slot, request, *args) -> list[dict[str, Any]]:
    """Each panel with its context, ready for `{% include panel.template with ... %}`."""
    return [
        {"panel": panel, "context": panel.context(request, *args)} for panel in panels_for(slot)
    ]
