"""The inbox's panels on pages the core owns: "Waiting for me" on the dashboard and "Waiting
for you" on the portal home. Both load their items with htmx after the page, so the pages run
no query for them; without JavaScript they are a link to the inbox."""

from prm import panels


def waiting_panel_context(request, *args) -> dict:
    """Nothing is read here: the panel's body comes from `inbox:panel`."""
    return {}


def register() -> None:
    panels.register_panel(
        "dashboard", key="inbox", order=5, template="inbox/panel.html",
        context=waiting_panel_context,
    )  # fmt: skip
    panels.register_panel(
        "portal_home", key="inbox", order=5, template="inbox/panel.html",
        context=waiting_panel_context, section="needs",
    )  # fmt: skip
