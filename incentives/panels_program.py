"""Panels of the program area: the partner's program on the portal home."""

from prm import panels


def register() -> None:
    panels.register_panel(
        "portal_home",
        key="program",
        order=15,
        template="incentives/portal_panel_program.html",
        context="incentives.selectors.claims.portal_program_context",
    )
