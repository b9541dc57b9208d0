"""Deal registration panels: the partner page's "Deals" tab, the dashboard's queue panel and
the portal home's deal status."""

from prm import panels

from ..selectors import deals as selectors

TAB_LIMIT = 50


def partner_deals_tab_context(request, partner) -> dict:
    deals = selectors.partner_deals(partner=partner)
    return {"partner": partner, "deals": deals[:TAB_LIMIT], "total": deals.count()}


def dashboard_deals_context(request) -> dict:
    return selectors.decision_backlog()


def portal_home_deals_context(request, membership) -> dict:
    """The portal home's deal status: counts per status and the latest decisions (two
    queries)."""
    counts, decided = selectors.portal_deal_summary(membership=membership)
    return {"counts": counts, "decided": decided, "can_contribute": membership.can_contribute}


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
    panels.register_panel(
        "portal_home",
        key="deals",
        order=10,
        template="performance/portal_panel_deals.html",
        context=portal_home_deals_context,
        section="status",
    )
