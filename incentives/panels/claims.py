"""Claims panel on the dashboard: what waits for a decision or a payment, and the running
programs' budgets. It loads with htmx after the dashboard, which makes no query for it."""

from prm import panels


def dashboard_claims_context(request) -> dict:
    """The figures load with htmx (the view `dashboard_claims_panel`): none are read here."""
    return {}


def register() -> None:
    panels.register_panel(
        "dashboard",
        key="incentive-claims",
        order=75,
        template="incentives/panel_dashboard_claims.html",
        context=dashboard_claims_context,
    )
