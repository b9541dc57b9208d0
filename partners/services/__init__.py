"""Writes of the partners app, one module per area; other apps import them from here:

- `registry`: partners, reference data, tiers, org units and contacts
- `team`: the portal team: invitations and memberships
- `corrections`: corrections of their people that partner admins propose and staff decide
- `announcements`: what staff publish to partners, and the notice when it is published
"""

# The errors services raise, for callers and tests that name them through this package.
from django.core.exceptions import PermissionDenied, ValidationError

from .registry import (
    CONTACT_FIELDS,
    EXIT_STATUSES,
    ORGANISATION_STAFF_ONLY,
    PARTNER_M2M_FIELDS,
    REFERENCE_STAFF_ONLY,
    RESERVED_SLUGS,
    contact_create,
    contact_mark_left,
    contact_move,
    contact_update,
    exit_date_for,
    org_unit_create,
    org_unit_delete,
    org_unit_update,
    partner_create,
    partner_exit_date_changed,
    partner_profile_update,
    partner_tier_set,
    partner_update,
    reference_delete,
    segment_create,
    segment_update,
    territory_create,
    territory_update,
)
from .team import (
    INVALID_REASONS,
    LAST_ADMIN_MESSAGE,
    InvitationInvalid,
    invitation_accept,
    invitation_check,
    invitation_create,
    invitation_resend,
    invitation_revoke,
    invitation_token,
    membership_deactivate,
    membership_reactivate,
    membership_set_role,
)

__all__ = [
    "PermissionDenied", "ValidationError", "CONTACT_FIELDS", "ORGANISATION_STAFF_ONLY",
    "REFERENCE_STAFF_ONLY", "RESERVED_SLUGS",
    "EXIT_STATUSES", "INVALID_REASONS", "LAST_ADMIN_MESSAGE", "PARTNER_M2M_FIELDS",
    "InvitationInvalid", "contact_create", "contact_mark_left", "contact_move",
    "contact_update", "exit_date_for", "invitation_accept", "invitation_check",
    "invitation_create", "invitation_resend", "invitation_revoke", "invitation_token",
    "membership_deactivate", "membership_reactivate", "membership_set_role", "org_unit_create",
    "org_unit_delete", "org_unit_update", "partner_create", "partner_exit_date_changed",
    "partner_profile_update", "partner_tier_set", "partner_update", "reference_delete",
    "segment_create", "segment_update", "territory_create", "territory_update",
]  # fmt: skip

# Imported after the registry's writes, which they use.
from .announcements import (  # noqa: E402,F401
    announcement_create,
    announcement_delete,
    announcement_update,
    announcements_notify_due,
)
from .corrections import (  # noqa: E402,F401
    contact_correction_accept,
    contact_correction_propose,
    contact_correction_reject,
)
