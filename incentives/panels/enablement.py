"""Enablement panels on the dashboard: rules stability and certifications expiring soon."""

from prm import panels


def register() -> None:
    """Panels of the enablement area."""
    context = "incentives.selectors.enablement.dashboard_enablement_context"
    panels.register_panel(
        "dashboard",
        key="rules-stability",
        order=70,
        template="incentives/panel_dashboard_enablement.html",
        context=context,
    )
