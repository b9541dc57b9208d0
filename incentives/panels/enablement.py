"""Enablement panels on the dashboard: rules stability and certifications expiring soon."""

from prm import panels


def dashboard_enablement_context(request) -> dict:
    """Both panels load their figures with htmx after the page (see the view
    `dashboard_enablement_panel`): the dashboard itself makes no query for them."""
    return {}


def register() -> None:
    panels.register_panel(
        "dashboard",
        key="rules-stability",
        order=70,
        template="incentives/panel_dashboard_enablement.html",
        context=dashboard_enablement_context,
    )
