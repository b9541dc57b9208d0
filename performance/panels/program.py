"""Tier standing, a measurement, shown inside the program's pages: a section of the partner
page's Program tab and of the portal's tier page (the program app owns both pages): progress
to the next tier, and the outlook for the current one at the next evaluation (the early
warning and its what-if, the same numbers as the tier alert)."""

from prm import panels

from ..selectors.program import tier_standing


def partner_tier_progress_context(request, partner) -> dict:
    standing = tier_standing(partner)
    return {"progress": standing.progress, "outlook": standing.outlook, "portal": False}


def portal_tier_progress_context(request, membership) -> dict:
    standing = tier_standing(membership.partner, for_partner=True)
    return {"progress": standing.progress, "outlook": standing.outlook, "portal": True}


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
    panels.register_panel(
        "portal_home",
        key="tier-progress",
        order=5,
        template="performance/portal_panel_tier.html",
        context=portal_tier_progress_context,
        section="program",
    )
