"""Reads of the partners app, one module per area; other apps import them from here:

- `registry`: partners, tiers, territories, segments, portal memberships, dashboard counts
- `people`: a partner's contacts and org units
- `orgchart`: the org chart drawn from them (a reporting forest, a unit tree)
- `history`: the partner's audit trail, readable
- `team`: the portal team (memberships, invitations) and the viewer rule
"""

from .history import HistoryEntry, partner_history, partner_history_entries
from .orgchart import (
    ChartNode,
    UnitNode,
    build_chart,
    chart_node_of,
    chart_nodes,
    has_lazy_branches,
    orgchart_people,
    unit_and_below,
    unit_tree,
)
from .people import (
    contact_get,
    contacts,
    org_unit_get,
    org_units,
    partner_contacts,
    visible_contacts,
)
from .registry import (
    PARTNER_SORTS,
    channel_managers,
    dashboard_counts,
    filter_options,
    is_member,
    membership_for_user,
    membership_of,
    partner_count,
    partner_get_for_user,
    partner_ids_matching,
    partner_list,
    partner_name_taken,
    partner_options_key,
    partners,
    partners_exist,
    partners_visible_to,
    portal_memberships,
    portal_user_ids,
    portal_users_by_partner,
    segments,
    sweet_spot_segment_names,
    territories,
    territory_count,
    territory_names_by_partner,
    tiers,
)
from .scoring import partner_ids_to_score, portal_users_as_of, program_places
from .team import (
    VIEWER_MESSAGE,
    can_manage_team,
    email_has_account,
    invitation_for_secret,
    partner_exit_date,
    portal_contributor_required,
    require_portal_contributor,
    team_invitation_get,
    team_invitations,
    team_membership_get,
    team_memberships,
    team_partner_for,
    token_hash,
    visible_invitations,
    visible_memberships,
)

__all__ = [
    "PARTNER_SORTS", "ChartNode", "HistoryEntry", "UnitNode", "build_chart", "chart_node_of",
    "chart_nodes", "has_lazy_branches", "orgchart_people", "unit_and_below", "unit_tree",
    "channel_managers", "contact_get", "contacts",
    "dashboard_counts", "filter_options", "is_member", "membership_for_user", "membership_of",
    "org_unit_get", "org_units", "partner_contacts", "partner_count", "partner_get_for_user",
    "partner_history", "partner_history_entries", "partner_ids_matching", "partner_list",
    "partner_name_taken",
    "partner_options_key", "partner_ids_to_score", "portal_users_as_of", "program_places",
    "partners", "partners_exist", "partners_visible_to", "portal_memberships", "portal_user_ids",
    "portal_users_by_partner", "segments", "sweet_spot_segment_names", "territories",
    "territory_count", "territory_names_by_partner", "tiers", "visible_contacts",
    "VIEWER_MESSAGE", "can_manage_team", "email_has_account", "invitation_for_secret",
    "partner_exit_date", "portal_contributor_required", "require_portal_contributor",
    "team_invitation_get", "team_invitations", "team_membership_get", "team_memberships",
    "team_partner_for", "token_hash", "visible_invitations", "visible_memberships",
]  # fmt: skip

from .announcements import (  # noqa: E402
    announcement_get,
    announcement_list,
    announcements_for_partner,
    announcements_to_notify,
    announcements_visible_to,
    partner_ids_reached,
    partners_reached,
)
from .corrections import (  # noqa: E402
    correction_get,
    correction_queue,
    corrections_visible_to,
    may_propose_corrections,
    membership_can_write,
    open_correction_count,
    open_corrections,
    portal_corrections,
    portal_people,
    portal_units,
)

__all__ += [
    "announcement_get", "announcement_list", "announcements_for_partner",
    "announcements_to_notify", "announcements_visible_to", "partner_ids_reached",
    "partners_reached", "correction_get", "correction_queue", "corrections_visible_to",
    "may_propose_corrections", "membership_can_write", "open_correction_count",
    "open_corrections", "portal_corrections", "portal_people", "portal_units",
]  # fmt: skip
