"""Deal registration panels: the partner page's "Deals" tab and the dashboard's queue panel."""

from prm import panels


def register() -> None:
    panels.register_tab(
        "partner",
        key="deals",
        label="Deals",
        order=60,
        template="performance/partner_tab_deals.html",
        context="performance.selectors.deals.partner_deals_tab_context",
    )
    panels.register_panel(
        "dashboard",
        key="deal-registrations",
        order=40,
        template="performance/panel_dashboard_deals.html",
        context="performance.selectors.deals.dashboard_deals_context",
    )
