"""Panels of the program area: the partner page's Program tab and the partner's program on the
portal home. Measurements other apps make (tier progress) are sections they register in the
"partner_program" and "portal_tier" slots."""

from prm import panels

from ..forms.program import TierChangeForm
from ..selectors import claims as claim_selectors
from ..selectors import enablement as enablement_selectors
from ..selectors import program as program_selectors


def partner_program_tab_context(request, partner, *, form=None) -> dict:
    """The partner page's "Program" tab: the sections other apps add (tier progress), the
    tier's benefits, the tier-change form and the history; the incentives paid to the partner
    with their return load after it."""
    return {
        "partner": partner,
        "sections": panels.render_panels("partner_program", request, partner),
        "benefits": list(program_selectors.benefits_for_tier(partner.tier)),
        "history": list(program_selectors.tier_history(partner=partner)),
        "form": form or TierChangeForm(partner=partner),
    }


def portal_program_context(request, membership) -> dict:
    """The portal home's program panel: the partner's tier, whether the current rules of
    engagement still wait for its acknowledgement, the resources its tier gained lately and
    its certifications about to expire. Six queries."""
    rules = enablement_selectors.current_rules()
    acknowledgement = enablement_selectors.portal_acknowledgement(
        membership=membership, rules=rules
    )
    new_count, new_resources = program_selectors.portal_new_resources(membership=membership)
    expiring_count, expiring = enablement_selectors.portal_expiring_soon(membership=membership)
    return {
        "partner": membership.partner,
        "rules": rules,
        "acknowledged": acknowledgement is not None,
        "can_contribute": membership.can_contribute,
        "new_resources": new_resources,
        "new_count": new_count,
        "new_days": program_selectors.NEW_RESOURCE_DAYS,
        "expiring": expiring,
        "expiring_count": expiring_count,
        "expiring_days": enablement_selectors.EXPIRING_WITHIN_DAYS,
    }


def portal_claims_context(request, membership) -> dict:
    """The portal home's claims status: how many per status and the latest decisions. Two
    queries."""
    return {
        "claims": claim_selectors.claim_counts_by_status(partner=membership.partner),
        "decided": claim_selectors.portal_claims_decided(membership=membership),
        "can_contribute": membership.can_contribute,
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
        context=portal_program_context,
        section="program",
    )
    panels.register_panel(
        "portal_home",
        key="claims",
        order=20,
        template="incentives/portal_panel_claims.html",
        context=portal_claims_context,
        section="status",
    )
