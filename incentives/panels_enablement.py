"""Enablement panels on the dashboard: rules stability and certifications expiring soon."""

from importlib import import_module

from prm import panels


def _lazy(dotted: str):
    module_name, function_name = dotted.rsplit(".", 1)

    def context(*args):
        return getattr(import_module(module_name), function_name)(*args)

    return context


def register() -> None:
    """Panels of the enablement area."""
    context = _lazy("incentives.selectors.enablement.dashboard_enablement_context")
    panels.register_panel(
        "dashboard",
        key="rules-stability",
        order=70,
        template="incentives/panel_dashboard_enablement.html",
        context=context,
    )
