"""The portal team's services: invitations (sent, accepted once, expired, revoked, resent,
wrong partner), roles and deactivation, and the rule that a partner's own people never leave
it without an active partner admin."""

import datetime

import pytest
from django.core import mail, signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from partners import services
from partners.models import Invitation, PartnerMembership
from tests.factories import ContactFactory, UserFactory

from .team_support import ROLE, accept, invite, member, sent_token


def _reason(token) -> str:
    with pytest.raises(services.InvitationInvalid) as error:
        services.invitation_check(token=token)
    return error.value.code


# --- inviting ----------------------------------------------------------------------------------


def test_invitation_create_emails_a_link_and_stores_only_its_hash(partner_admin, partner):
    invitation, token = invite(partner_admin, partner, role=ROLE.VIEWER)
    (message,) = mail.outbox
    assert message.to == ["new.person@acme.example"]
    html = message.alternatives[0][0]
    assert token in message.body and token in html and "Acme Systems" in message.body
    stored = Invitation.objects.get()
    assert stored.role == ROLE.VIEWER and stored.invited_by == partner_admin
    assert token not in stored.token_hash and len(stored.token_hash) == 64
    assert stored.expires_at - stored.sent_at == datetime.timedelta(days=7)
    assert services.invitation_check(token=token) == invitation


def test_invitation_expiry_follows_the_setting(settings, partner_admin, partner):
    settings.PARTNER_INVITATION_DAYS = 2
    invitation, _token = invite(partner_admin, partner)
    assert invitation.expires_at - invitation.sent_at == datetime.timedelta(days=2)


@pytest.mark.parametrize("persona", ["partner_member", "outsider"])
def test_invitation_create_refused_to_non_admins(request, partner, persona):
    with pytest.raises((PermissionDenied, ValidationError)):
        services.invitation_create(
            actor=request.getfixturevalue(persona), partner=partner, email="x@acme.example"
        )
    assert not Invitation.objects.exists()


def test_invitation_create_by_viewer_refused(partner):
    viewer = member(partner, ROLE.VIEWER).user
    with pytest.raises(PermissionDenied):
        services.invitation_create(actor=viewer, partner=partner, email="x@acme.example")


def test_invitation_for_an_existing_user_is_refused_at_email(partner_admin, partner):
    UserFactory(username="taken", email="Taken@Example.com")
    with pytest.raises(ValidationError) as error:
        services.invitation_create(actor=partner_admin, partner=partner, email="taken@example.com")
    assert "already signs in" in error.value.message_dict["email"][0]


def test_second_invitation_of_a_pending_address_is_refused(partner_admin, partner):
    invite(partner_admin, partner)
    with pytest.raises(ValidationError) as error:
        services.invitation_create(
            actor=partner_admin, partner=partner, email="NEW.person@acme.example"
        )
    assert "resend" in error.value.message_dict["email"][0]


def test_an_expired_invitation_gives_way_to_a_new_one(partner_admin, partner):
    first, _token = invite(partner_admin, partner)
    Invitation.objects.filter(pk=first.pk).update(expires_at=timezone.now())
    second, _token = invite(partner_admin, partner)
    first.refresh_from_db()
    assert first.revoked_at is not None and second.is_open


def test_exited_partner_cannot_invite(manager, partner):
    partner.status, partner.exited_on = "exited", timezone.localdate()
    partner.save()
    with pytest.raises(ValidationError):
        services.invitation_create(actor=manager, partner=partner, email="x@acme.example")


# --- the link -------------------------------------------------------------------------------


def test_accept_creates_the_user_with_the_role_and_uses_the_link_up(partner_admin, partner):
    contact = ContactFactory(partner=partner, email="new.person@acme.example")
    _invitation, token = invite(partner_admin, partner, role=ROLE.VIEWER)
    user = accept(token, first_name="Nina", last_name="Neu")
    membership = user.partner_membership
    assert (membership.partner, membership.role, membership.contact) == (partner, "viewer", contact)
    assert user.username == "new.person@acme.example" and user.is_partner_user
    assert user.check_password("a-Long-enough-pass-42") and user.get_full_name() == "Nina Neu"
    assert _reason(token) == "used"
    with pytest.raises(services.InvitationInvalid):
        accept(token)
    assert PartnerMembership.objects.filter(partner=partner).count() == 2


def test_accept_tells_the_inviter(partner_admin, partner):
    from prm.models import Notification

    _invitation, token = invite(partner_admin, partner)
    accept(token)
    note = Notification.objects.get(recipient=partner_admin)
    assert note.kind == "team_invitation_accepted" and "member" in note.object_label


def test_accept_refuses_a_weak_password_at_its_field(partner_admin, partner):
    _invitation, token = invite(partner_admin, partner)
    with pytest.raises(ValidationError) as error:
        accept(token, password="123")
    assert "password" in error.value.message_dict
    assert services.invitation_check(token=token)  # still usable


def test_expired_link(partner_admin, partner):
    invitation, token = invite(partner_admin, partner)
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert _reason(token) == "expired"


def test_revoked_link(partner_admin, partner):
    invitation, token = invite(partner_admin, partner)
    services.invitation_revoke(actor=partner_admin, invitation=invitation)
    assert _reason(token) == "revoked"


def test_wrong_partner_and_tampered_links(partner_admin, partner, other_partner):
    invitation, token = invite(partner_admin, partner)
    payload = signing.loads(token, salt=services.team.TOKEN_SALT)
    wrong_partner = signing.dumps({**payload, "p": other_partner.pk}, salt=services.team.TOKEN_SALT)
    assert _reason(wrong_partner) == "invalid"
    wrong_secret = signing.dumps({**payload, "s": "guess"}, salt=services.team.TOKEN_SALT)
    assert _reason(wrong_secret) == "invalid"
    assert _reason(token[:-3] + "abc") == "invalid"
    assert _reason("not-a-token") == "invalid"


def test_link_of_a_user_who_exists_meanwhile(partner_admin, partner):
    _invitation, token = invite(partner_admin, partner)
    UserFactory(username="someone", email="new.person@acme.example")
    assert _reason(token) == "has_account"


def test_link_of_an_exited_partner(partner_admin, partner):
    _invitation, token = invite(partner_admin, partner)
    partner.status, partner.exited_on = "exited", timezone.localdate()
    partner.save()
    assert _reason(token) == "exited"


def test_resend_replaces_the_link_and_the_expiry(partner_admin, partner):
    invitation, old = invite(partner_admin, partner)
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now())
    new = sent_token(lambda: services.invitation_resend(actor=partner_admin, invitation=invitation))
    assert new != old and _reason(old) == "invalid"
    assert services.invitation_check(token=new).expires_at > timezone.now()


def test_revoke_twice_or_after_acceptance_is_refused(partner_admin, partner):
    invitation, token = invite(partner_admin, partner)
    accept(token)
    with pytest.raises(ValidationError):
        services.invitation_revoke(actor=partner_admin, invitation=invitation)


def test_revoke_by_member_refused(partner_admin, partner_member, partner):
    invitation, _token = invite(partner_admin, partner)
    with pytest.raises(PermissionDenied):
        services.invitation_revoke(actor=partner_member, invitation=invitation)


# --- roles and deactivation --------------------------------------------------------------------


def test_admin_changes_a_role(partner_admin, partner_member, partner):
    membership = partner_member.partner_membership
    services.membership_set_role(actor=partner_admin, membership=membership, role=ROLE.VIEWER)
    membership.refresh_from_db()
    assert membership.role == "viewer" and membership.is_viewer


def test_unknown_role_is_a_field_error(partner_admin, partner_member):
    with pytest.raises(ValidationError) as error:
        services.membership_set_role(
            actor=partner_admin, membership=partner_member.partner_membership, role="owner"
        )
    assert "role" in error.value.message_dict


@pytest.mark.parametrize("change", ["demote", "deactivate"])
def test_last_active_admin_cannot_demote_or_deactivate_themselves(partner_admin, change):
    membership = partner_admin.partner_membership
    with pytest.raises(ValidationError) as error:
        if change == "demote":
            services.membership_set_role(actor=partner_admin, membership=membership, role="member")
        else:
            services.membership_deactivate(actor=partner_admin, membership=membership)
    assert "last active partner admin" in error.value.messages[0]
    membership.refresh_from_db()
    partner_admin.refresh_from_db()
    assert membership.is_partner_admin and partner_admin.is_active


def test_a_deactivated_admin_does_not_count(partner_admin, partner):
    other = member(partner, ROLE.PARTNER_ADMIN, is_active=False)
    with pytest.raises(ValidationError):
        services.membership_set_role(
            actor=partner_admin, membership=partner_admin.partner_membership, role="member"
        )
    other.refresh_from_db()
    assert other.is_partner_admin


def test_with_a_second_admin_one_may_step_down(partner_admin, partner):
    member(partner, ROLE.PARTNER_ADMIN)
    membership = partner_admin.partner_membership
    services.membership_set_role(actor=partner_admin, membership=membership, role="member")
    membership.refresh_from_db()
    assert membership.role == "member"


def test_vendor_staff_may_deactivate_the_last_admin(manager, partner_admin):
    services.membership_deactivate(actor=manager, membership=partner_admin.partner_membership)
    partner_admin.refresh_from_db()
    assert not partner_admin.is_active


def test_deactivate_ends_api_tokens_and_reactivate_restores_sign_in(partner_admin, partner_member):
    from rest_framework.authtoken.models import Token

    Token.objects.create(user=partner_member)
    membership = partner_member.partner_membership
    services.membership_deactivate(actor=partner_admin, membership=membership)
    partner_member.refresh_from_db()
    assert not partner_member.is_active and not Token.objects.filter(user=partner_member).exists()
    services.membership_reactivate(actor=partner_admin, membership=membership)
    partner_member.refresh_from_db()
    assert partner_member.is_active


def test_member_cannot_manage_the_team(partner_admin, partner_member):
    with pytest.raises(PermissionDenied):
        services.membership_deactivate(
            actor=partner_member, membership=partner_admin.partner_membership
        )


def test_outsider_cannot_manage_another_partners_team(outsider, partner_member):
    with pytest.raises(PermissionDenied):
        services.membership_set_role(
            actor=outsider, membership=partner_member.partner_membership, role="viewer"
        )


def test_role_changes_are_audited(partner_admin, partner_member):
    from auditlog.models import LogEntry

    membership = partner_member.partner_membership
    services.membership_set_role(actor=partner_admin, membership=membership, role="viewer")
    entry = LogEntry.objects.get_for_object(membership).latest("timestamp")
    assert entry.actor == partner_admin and "role" in entry.changes_dict


# --- the exit date -------------------------------------------------------------------------------


def test_status_exited_sets_the_exit_date_and_back_clears_it(manager, partner):
    services.partner_update(partner=partner, actor=manager, status="exited")
    assert partner.exited_on == timezone.localdate()
    services.partner_update(partner=partner, actor=manager, status="active")
    assert partner.exited_on is None


def test_exiting_partner_may_have_a_planned_exit_date(manager, partner):
    later = timezone.localdate() + datetime.timedelta(days=30)
    services.partner_update(partner=partner, actor=manager, status="exiting", exited_on=later)
    partner.refresh_from_db()
    assert partner.exited_on == later and not partner.has_exited()
