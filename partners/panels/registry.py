"""The partner registry's page parts: the dashboard counts, the partner page's Overview and
History tabs, the portal home's company and team panels."""

from prm.lib.charts import chart

from .. import selectors

# The same colours as the status badges, so a status reads the same everywhere.
STATUS_COLOURS = {
    "prospect": "#a3acbb",
    "onboarding": "#2457c5",
    "active": "#1e8a4c",
    "at_risk": "#d99a2b",
    "exiting": "#c0392b",
    "exited": "#5b6577",
}


def dashboard_counts_context(request) -> dict:
    counts = selectors.dashboard_counts()
    status, tiers, territories = counts["by_status"], counts["by_tier"], counts["by_territory"]
    return {
        "counts": counts,
        "status_chart": chart(
            "partners-by-status",
            "doughnut",
            [row["label"] for row in status],
            [
                {
                    "label": "Partners",
                    "data": [row["n"] for row in status],
                    "backgroundColor": [STATUS_COLOURS[row["key"]] for row in status],
                }
            ],
            label="Partners by lifecycle status",
        ),
        "tier_chart": chart(
            "partners-by-tier",
            "bar",
            [row["label"] for row in tiers],
            [{"label": "Partners", "data": [row["n"] for row in tiers]}],
            label="Partners by program tier",
        ),
        "territory_chart": chart(
            "partners-by-territory",
            "hbar",
            [row["label"] for row in territories],
            [
                {"label": "Partners", "data": [row["n"] for row in territories]},
                {
                    "label": "Capacity",
                    "data": [row["capacity"] for row in territories],
                    "color": "#c9d3e6",
                },
            ],
            label="Partners per territory against the territory's capacity",
            height=max(220, 34 * len(territories)),
        ),
    }


def partner_overview_context(request, partner) -> dict:
    return {
        "territories": list(partner.territories.all()),
        "segments": list(partner.segments.all()),
        "portal_users": list(selectors.portal_memberships(partner=partner)),
    }


def partner_history_context(request, partner) -> dict:
    return {"entries": selectors.partner_history_entries(partner=partner)}


def portal_company_context(request, membership) -> dict:
    partner = membership.partner
    return {
        "partner": partner,
        "territories": list(partner.territories.all()),
        "segments": list(partner.segments.all()),
        "can_edit": membership.is_partner_admin and membership.can_contribute,
    }


def portal_team_context(request, membership) -> dict:
    return {
        "memberships": list(selectors.portal_memberships(partner=membership.partner_id)),
        "can_manage": membership.is_partner_admin,
    }
