"""Writes to a partner's portal team: invitations (create, resend, revoke, accept) and
memberships (role, deactivate, reactivate). A partner admin manages their own partner's team
from the portal; vendor staff any partner's from the partner page. Every change is audited.

A partner never loses its last active partner admin through its own people: the admins' rows
are locked while the rule is checked, so two admins demoting each other at once cannot both
succeed.
"""

import datetime
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from prm.lib.access import is_vendor_staff
from prm.lib.audit import acting_as
from prm.lib.jobs import enqueue_on_commit
from prm.lib.sign_in import forget_signed_in_users
from prm.lib.tokens import tokens_revoke

from .. import notifications, selectors
from ..models import Contact, Invitation, Partner, PartnerMembership

User = get_user_model()
TOKEN_SALT = "partners.invitation"
Role = PartnerMembership.Role

LAST_ADMIN_MESSAGE = _(
    "You are the last active partner admin of your company: make a colleague partner admin "
    "first, or ask your channel manager."
)
HAS_ACCOUNT_MESSAGE = _(
    "Someone already signs in with this address. A person can belong to one company only; "
    "ask your channel manager if they should move."
)
ALREADY_INVITED_MESSAGE = _("This address already has a pending invitation: resend it instead.")
EXITED_MESSAGE = _("This partner has left the program: it cannot invite anyone.")


class InvitationInvalid(ValidationError):
    """The link cannot be used; `code` says why (invalid, expired, used, revoked, exited,
    has_account)."""


INVALID_REASONS = {
    "invalid": _("This invitation link is not valid. Check that you copied all of it."),
    "expired": _("This invitation has expired. Ask your partner admin to send it again."),
    "used": _("This invitation has already been used. Sign in with the password you chose."),
    "revoked": _("This invitation was withdrawn. Ask your partner admin if you need access."),
    "exited": _("This company has left the partner program; its invitations no longer work."),
    "has_account": HAS_ACCOUNT_MESSAGE,
}


def _invalid(code: str) -> InvitationInvalid:
    return InvitationInvalid(INVALID_REASONS[code], code=code)


def invitation_days() -> int:
    return settings.PARTNER_INVITATION_DAYS


def _check_role(role: str) -> None:
    if role not in Role.values:
        raise ValidationError({"role": _("Choose partner admin, member or viewer.")})


def _new_secret(invitation: Invitation, now) -> str:
    secret = secrets.token_urlsafe(32)
    invitation.token_hash = selectors.token_hash(secret)
    invitation.sent_at = now
    invitation.expires_at = now + datetime.timedelta(days=invitation_days())
    return secret


def invitation_token(invitation: Invitation, secret: str) -> str:
    """The link's token: signed, naming the invitation and its partner, with the secret whose
    hash the invitation stores."""
    payload = {"i": invitation.pk, "p": invitation.partner_id, "s": secret}
    return signing.dumps(payload, salt=TOKEN_SALT)


def _send(invitation: Invitation, secret: str) -> None:
    from ..tasks import invitation_email_send

    path = reverse("invitation-accept", args=[invitation_token(invitation, secret)])
    enqueue_on_commit(invitation_email_send, invitation.pk, path)


@transaction.atomic
def invitation_create(*, actor, partner: Partner, email: str, role: str = Role.MEMBER):
    """Invite `email` to `partner`'s portal with `role`; the email leaves after commit."""
    partner = selectors.team_partner_for(user=actor, partner=partner)
    email = (email or "").strip()
    if not email:
        raise ValidationError({"email": _("Enter the colleague's email address.")})
    _check_role(role)
    if partner.has_exited() or partner.status == Partner.Status.EXITED:
        raise ValidationError(EXITED_MESSAGE)
    if selectors.email_has_account(email):
        raise ValidationError({"email": HAS_ACCOUNT_MESSAGE})
    now = timezone.now()
    open_ones = Invitation.objects.select_for_update().filter(partner=partner, email__iexact=email)
    for previous in open_ones.open():
        if previous.expires_at > now:
            raise ValidationError({"email": ALREADY_INVITED_MESSAGE})
        # An expired invitation gives way to the new one.
        _revoke(previous, actor, now)
    invitation = Invitation(partner=partner, email=email, role=role, invited_by=actor)
    secret = _new_secret(invitation, now)
    try:
        with transaction.atomic(), acting_as(actor):
            invitation.full_clean(exclude=["token_hash", "invited_by"])
            invitation.save()
    except IntegrityError as error:  # a concurrent invite of the same address
        raise ValidationError({"email": ALREADY_INVITED_MESSAGE}) from error
    _send(invitation, secret)
    return invitation


def _require_open(invitation: Invitation) -> None:
    if invitation.accepted_at is not None:
        raise ValidationError(_("This invitation has been accepted already."))
    if invitation.revoked_at is not None:
        raise ValidationError(_("This invitation was revoked."))


@transaction.atomic
def invitation_resend(*, actor, invitation: Invitation) -> Invitation:
    """A new link (the old one stops working) valid for the full period again."""
    selectors.team_partner_for(user=actor, partner=invitation.partner)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    _require_open(invitation)
    if invitation.partner.has_exited():
        raise ValidationError(EXITED_MESSAGE)
    secret = _new_secret(invitation, timezone.now())
    with acting_as(actor):
        invitation.save(update_fields=["token_hash", "sent_at", "expires_at", "updated_at"])
    _send(invitation, secret)
    return invitation


def _revoke(invitation: Invitation, actor, now) -> None:
    invitation.revoked_at = now
    with acting_as(actor):
        invitation.save(update_fields=["revoked_at", "updated_at"])


@transaction.atomic
def invitation_revoke(*, actor, invitation: Invitation) -> Invitation:
    selectors.team_partner_for(user=actor, partner=invitation.partner)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    _require_open(invitation)
    _revoke(invitation, actor, timezone.now())
    return invitation


def invitation_check(*, token: str) -> Invitation:
    """The invitation a link opens, or `InvitationInvalid` saying why it cannot be used."""
    try:
        payload = signing.loads(token, salt=TOKEN_SALT)
        pk, partner_id, secret = int(payload["i"]), int(payload["p"]), str(payload["s"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise _invalid("invalid") from None
    invitation = selectors.invitation_for_secret(pk=pk, partner_id=partner_id, secret=secret)
    if invitation is None:
        raise _invalid("invalid")
    if invitation.accepted_at is not None:
        raise _invalid("used")
    if invitation.revoked_at is not None:
        raise _invalid("revoked")
    if invitation.expires_at <= timezone.now():
        raise _invalid("expired")
    if invitation.partner.has_exited() or invitation.partner.status == Partner.Status.EXITED:
        raise _invalid("exited")
    if selectors.email_has_account(invitation.email):
        raise _invalid("has_account")
    return invitation


@transaction.atomic
def invitation_accept(*, token: str, first_name: str, last_name: str, password: str):
    """The invitee sets their name and password: a portal user of the partner, with the role
    they were invited with. The link is used up; the inviter is told."""
    invitation = invitation_check(token=token)
    invitation = (
        Invitation.objects.select_for_update().select_related("partner").get(pk=invitation.pk)
    )
    if not invitation.is_open:  # accepted or revoked while the form was open
        raise _invalid("used" if invitation.accepted_at else "revoked")
    user = User(
        username=invitation.email.lower()[:150], email=invitation.email, role="partner_user",
        first_name=first_name.strip(), last_name=last_name.strip(),
    )  # fmt: skip
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise ValidationError({"password": error.messages}) from error
    user.set_password(password)
    user.full_clean(exclude=["password"])
    contact = (
        Contact.objects.current()
        .filter(partner=invitation.partner, email__iexact=invitation.email)
        .filter(portal_membership__isnull=True)
        .first()
    )
    with acting_as(invitation.invited_by):
        user.save()
        PartnerMembership.objects.create(
            user=user, partner=invitation.partner, role=invitation.role, contact=contact
        )
        invitation.accepted_at, invitation.accepted_by = timezone.now(), user
        invitation.save(update_fields=["accepted_at", "accepted_by", "updated_at"])
    notifications.invitation_accepted(invitation=invitation, user=user)
    return user


# --- memberships -------------------------------------------------------------------------------


def _locked_admins(partner_id) -> list[int]:
    """The partner's active admins' membership ids, their rows locked till commit."""
    rows = PartnerMembership.objects.select_for_update(of=("self",)).filter(
        partner_id=partner_id, role=Role.PARTNER_ADMIN, user__is_active=True
    )
    return list(rows.values_list("pk", flat=True))


def _keep_an_admin(actor, membership: PartnerMembership) -> None:
    """A partner's own people cannot leave it without an active partner admin (vendor staff
    can: they may close a partner's accounts)."""
    if is_vendor_staff(actor):
        return
    admins = _locked_admins(membership.partner_id)
    if admins == [membership.pk]:
        raise ValidationError(LAST_ADMIN_MESSAGE)


def _locked(membership: PartnerMembership) -> PartnerMembership:
    return (
        PartnerMembership.objects.select_for_update().select_related("user").get(pk=membership.pk)
    )


@transaction.atomic
def membership_set_role(*, actor, membership: PartnerMembership, role: str):
    selectors.team_partner_for(user=actor, partner=membership.partner)
    _check_role(role)
    membership = _locked(membership)
    if membership.role == role:
        return membership
    if membership.is_partner_admin and membership.user.is_active:
        _keep_an_admin(actor, membership)
    membership.role = role
    with acting_as(actor):
        membership.save(update_fields=["role", "updated_at"])
    forget_signed_in_users([membership.user_id])
    return membership


def _set_active(actor, membership: PartnerMembership, active: bool) -> PartnerMembership:
    selectors.team_partner_for(user=actor, partner=membership.partner)
    membership = _locked(membership)
    user = membership.user
    if user.is_active == active:
        return membership
    if not active and membership.is_partner_admin:
        _keep_an_admin(actor, membership)
    user.is_active = active
    with acting_as(actor):
        user.save(update_fields=["is_active"])
        # The membership's row changes too, so the audit trail of the partner shows who did it.
        membership.save(update_fields=["updated_at"])
    if not active:
        tokens_revoke(user)
    return membership


@transaction.atomic
def membership_deactivate(*, actor, membership: PartnerMembership) -> PartnerMembership:
    """The person can no longer sign in (their sessions and API tokens end); they stay in the
    team list as deactivated and can be reactivated."""
    return _set_active(actor, membership, False)


@transaction.atomic
def membership_reactivate(*, actor, membership: PartnerMembership) -> PartnerMembership:
    return _set_active(actor, membership, True)
