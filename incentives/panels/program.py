"""Panels of the program area: the partner page's Program tab and the partner's program on the
portal home. Measurements other apps make (tier progress) are sections they register in the
"partner_program" and "portal_tier" slots."""

from prm import panels


def partner_program_tab_context(request, partner, *, form=None) -> dict:
    """The partner page's "Program" tab: the sections other apps add (tier progress), the
    tier's benefits, the tier-change form and the history; the incentives paid to the partner
    with their return load after it."""
    from ..forms.program import TierChangeForm
    from ..selectors.program import benefits_for_tier, tier_history

    return {
        "partner": partner,
        "sections": panels.render_panels("partner_program", request, partner),
        "benefits": list(benefits_for_tier(partner.tier)),
        "history": list(tier_history(partner=partner)),
        "form": form or TierChangeForm(partner=partner),
    }


def register() -> None:
    panels.register_tab(
        "partner",
        key="program",
        label="Program",
        order=65,
        template="incentives/partner_tab_program.html",
        context=partner_program_tab_context,
    )
    panels.register_panel(
        "portal_home",
        key="program",
        order=15,
        template="incentives/portal_panel_program.html",
        context="incentives.selectors.claims.portal_program_context",
    )
