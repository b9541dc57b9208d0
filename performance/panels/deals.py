"""Deal registration panels: the partner page's "Deals" tab and the dashboard's queue panel."""

from prm import panels

from ..selectors import deals as selectors

TAB_LIMIT = 50


def partner_deals_tab_context(request, partner) -> dict:
    deals = selectors.partner_deals(partner=partner)
    return {"partner": partner, "deals": deals[:TAB_LIMIT], "total": deals.count()}


def dashboard_deals_context(request) -> dict:
    return selectors.decision_backlog()


def register() -> None:
    panels.register_tab(
        "partner",
        key="deals",
        label="Deals",
        order=60,
        template="performance/partner_tab_deals.html",
        context=partner_deals_tab_context,
    )
    panels.register_panel(
        "dashboard",
        key="deal-registrations",
        order=40,
        template="performance/panel_dashboard_deals.html",
        context=dashboard_deals_context,
    )
