"""Claims panel on the dashboard: what waits for a decision or a payment, and the running
programs' budgets. It loads with htmx after the dashboard, which makes no query for it."""

from prm import panels


def _no_query(request) -> dict:
    return {}


def register() -> None:
    panels.register_panel(
        "dashboard",
        key="incentive-claims",
        order=75,
        template="incentives/panel_dashboard_claims.html",
        context=_no_query,
    )
