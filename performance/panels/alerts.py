"""The dashboard's alerts panel: open alerts by kind, the kinds with some of mine first."""

from prm import panels

from ..selectors import alerts as selectors


def dashboard_alerts_context(request) -> dict:
    counts = selectors.open_alert_counts(user=request.user)
    return {
        "counts": counts,
        "total": sum(row["total"] for row in counts),
        "mine": sum(row["mine"] for row in counts),
    }


def register() -> None:
    panels.register_panel(
        "dashboard",
        key="scoring-alerts",
        order=44,
        template="performance/alert_dashboard_panel.html",
        context=dashboard_alerts_context,
    )
