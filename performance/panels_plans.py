"""Business plan panels: the partner page's "Plans & reviews" tab and the overdue reviews panel."""

from prm import panels


def register() -> None:
    panels.register_tab(
        "partner",
        key="plans",
        label="Plans & reviews",
        order=58,
        template="performance/plan_partner_tab.html",
        context="performance.selectors.plans.plans_tab_context",
    )
    panels.register_panel(
        "dashboard",
        key="overdue-reviews",
        order=45,
        template="performance/review_dashboard_panel.html",
        context="performance.selectors.plans.dashboard_overdue_context",
    )
