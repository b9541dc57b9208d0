"""Business plan panels: the partner page's "Plans & reviews" tab and the overdue reviews panel."""

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
        key="plans",
        label="Plans & reviews",
        order=58,
        template="performance/plan_partner_tab.html",
        context=_lazy("performance.selectors.plans.plans_tab_context"),
    )
    panels.register_panel(
        "dashboard",
        key="overdue-reviews",
        order=45,
        template="performance/review_dashboard_panel.html",
        context=_lazy("performance.selectors.plans.dashboard_overdue_context"),
    )
