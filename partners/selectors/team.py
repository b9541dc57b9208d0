"""Reads of a partner's portal team: its memberships, its invitations, who may change what.

The viewer rule lives here once: `require_portal_contributor` (services and access functions)
and `portal_contributor_required` (portal views) refuse a viewer with 403, whatever they try
to write.
"""

import hashlib
import hmac
from functools import wraps

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from prm.lib.access import is_vendor_staff

from ..models import Invitation, Partner, PartnerMembership
from .registry import membership_for_user, membership_of

VIEWER_MESSAGE = _(
    "You have read-only access (viewer): you can look at everything on the portal but not "
    "change anything. Ask your company's partner admin for the member role."
)
TEAM_ADMIN_MESSAGE = _("Only your company's partner admin manages the portal team.")


def require_portal_contributor(membership) -> None:
    """Services: a partner user who is a viewer may not write anything (403)."""
    if membership is not None and membership.role == PartnerMembership.Role.VIEWER:
        raise PermissionDenied(VIEWER_MESSAGE)


def portal_contributor_required(view):
    """Portal views that write (or show a form to write): viewers get 403 before anything."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        require_portal_contributor(membership_of(user=request.user))
        return view(request, *args, **kwargs)

    return wrapped


def partner_exit_date(user):
    """The exit date of a partner user's company (None if it has none, or for anyone else):
    what prm.lib.sign_in asks to know when the user's access ends."""
    if not getattr(user, "is_partner_user", False):
        return None
    row = (
        PartnerMembership.objects.filter(user=user.pk)
        .values_list("partner__exited_on", "partner__status")
        .first()
    )
    if row is None:
        return None
    exited_on, status = row
    return Partner(exited_on=exited_on, status=status).access_ends_on


def team_partner_for(*, user, partner: Partner | None = None) -> Partner:
    """The partner whose team `user` manages: staff any (given) partner; a partner admin
    their own; anyone else 403 (a partner user asking for another partner: 404)."""
    if is_vendor_staff(user):
        if partner is None:
            raise PermissionDenied(TEAM_ADMIN_MESSAGE)
        return partner
    membership = membership_for_user(user=user)
    if partner is not None and partner.pk != membership.partner_id:
        raise PermissionDenied(TEAM_ADMIN_MESSAGE)
    if not membership.is_partner_admin:
        raise PermissionDenied(TEAM_ADMIN_MESSAGE)
    return membership.partner


def can_manage_team(*, user, partner_id) -> bool:
    if is_vendor_staff(user):
        return True
    membership = getattr(user, "partner_membership", None)
    return bool(membership and membership.partner_id == partner_id and membership.is_partner_admin)


def team_memberships(*, partner):
    """The partner's portal users for the team page: name, email, role, last sign-in, status."""
    return (
        PartnerMembership.objects.filter(partner=partner)
        .select_related("user")
        .order_by("-user__is_active", "user__last_name", "user__first_name", "user__username")
    )


def team_invitations(*, partner):
    """Invitations not yet accepted nor revoked, newest first (expired ones included: they can
    be resent)."""
    return Invitation.objects.filter(partner=partner).open().select_related("invited_by")


def visible_memberships(*, user):
    """Staff: every membership; a partner user: their own partner's; anyone else none."""
    queryset = PartnerMembership.objects.select_related("user", "partner")
    if is_vendor_staff(user):
        return queryset
    membership = membership_of(user=user)
    if membership is None:
        return queryset.none()
    return queryset.filter(partner_id=membership.partner_id)


def visible_invitations(*, user):
    """Staff: every invitation; a partner admin: their partner's; other partner users: none
    (who was invited is the admin's business)."""
    queryset = Invitation.objects.select_related("partner", "invited_by")
    if is_vendor_staff(user):
        return queryset
    membership = membership_of(user=user)
    if membership is None or not membership.is_partner_admin:
        return queryset.none()
    return queryset.filter(partner_id=membership.partner_id)


def team_membership_get(*, user, pk) -> PartnerMembership:
    """A membership the user may manage: another partner's is 404; one of their own partner's
    they may not manage is 403."""
    membership = get_object_or_404(visible_memberships(user=user), pk=pk)
    team_partner_for(user=user, partner=membership.partner)
    return membership


def team_invitation_get(*, user, pk) -> Invitation:
    """An invitation the user may manage (404 outside their partner, 403 for a non-admin)."""
    queryset = Invitation.objects.select_related("partner", "invited_by")
    if not is_vendor_staff(user):
        membership = membership_for_user(user=user)
        queryset = queryset.filter(partner_id=membership.partner_id)
        invitation = get_object_or_404(queryset, pk=pk)
        team_partner_for(user=user, partner=invitation.partner)
        return invitation
    return get_object_or_404(queryset, pk=pk)


def token_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def invitation_for_secret(*, pk, partner_id, secret) -> Invitation | None:
    """The invitation a link names, if its secret and partner match (None otherwise)."""
    invitation = Invitation.objects.select_related("partner").filter(pk=pk).first()
    if invitation is None or invitation.partner_id != partner_id:
        return None
    if not hmac.compare_digest(invitation.token_hash, token_hash(secret)):
        return None
    return invitation


def email_has_account(email: str) -> bool:
    """Whether someone already signs in with this address (as email or username)."""
    users = get_user_model().objects
    return users.filter(email__iexact=email).exists() or (
        users.filter(username__iexact=email).exists()
    )
