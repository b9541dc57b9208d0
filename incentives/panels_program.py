"""Panels of the program area: the partner's program on the portal home."""

from importlib import import_module

from prm import panels


def _portal_program(request, membership):
    selectors = import_module("incentives.selectors.claims")
    return selectors.portal_program_context(request, membership)


def register() -> None:
    panels.register_panel(
        "portal_home",
        key="program",
        order=15,
        template="incentives/portal_panel_program.html",
        context=_portal_program,
    )
