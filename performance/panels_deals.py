"""Deal registration panels: the partner page's "Deals" tab and the dashboard's queue panel."""

from importlib import import_module

from prm import panels


def _lazy(dotted: str):
    module_name, function_name = dotted.rsplit(".", 1)

    def context(*args):
        return getattr(import_module(module_name), function_name)(*args)

    return context


def register() -> None:
    panels.register_tab(
        "partner",
        key="deals",
        label="Deals",
        order=60,
        template="performance/partner_tab_deals.html",
        context=_lazy("performance.selectors.deals.partner_deals_tab_context"),
    )
    panels.register_panel(
        "dashboard",
        key="deal-registrations",
        order=40,
        template="performance/panel_dashboard_deals.html",
        context=_lazy("performance.selectors.deals.dashboard_deals_context"),
    )
