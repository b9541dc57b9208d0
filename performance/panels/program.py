"""Tier progress, a measurement, shown inside the program's pages: a section of the partner
page's Program tab and of the portal's tier page (the program app owns both pages)."""

from prm import panels

from ..selectors.program import tier_progress


def partner_tier_progress_context(request, partner) -> dict:
    return {"progress": tier_progress(partner), "portal": False}


def portal_tier_progress_context(request, membership) -> dict:
    return {"progress": tier_progress(membership.partner, for_partner=True), "portal": True}


def register() -> None:
    panels.register_panel(
        "partner_program",
        key="tier-progress",
        order=10,
        template="performance/panel_tier_progress.html",
        context=partner_tier_progress_context,
    )
    panels.register_panel(
        "portal_tier",
        key="tier-progress",
        order=10,
        template="performance/panel_tier_progress.html",
        context=portal_tier_progress_context,
    )
