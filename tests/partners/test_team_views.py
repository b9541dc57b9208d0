"""The portal team page (/portal/team/), the partner page's "Portal users" tab, and the public
invitation page: who may open what (partner admin, member and viewer 403, outsider 404, wrong
method 405), what they show, what their forms do, and their query counts."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from partners.models import Invitation, PartnerMembership
from tests.factories import MembershipFactory, UserFactory
from tests.helpers import page_text

from .team_support import ROLE, invite, member

TEAM = "/portal/team/"


def _tab(partner):
    return reverse("partners:partner-tab", args=[partner.slug, "portal-users"])


# --- the portal page -------------------------------------------------------------------------


def test_team_page_lists_people_with_role_last_sign_in_and_status(
    client_for, partner_admin, partner
):
    seen = member(partner, ROLE.MEMBER, first_name="Sam", last_name="Seen",
                  last_login=timezone.now() - datetime.timedelta(days=1))  # fmt: skip
    member(partner, ROLE.VIEWER, first_name="Gone", last_name="Away", is_active=False)
    invite(partner_admin, partner, email="invitee@acme.example", role=ROLE.VIEWER)
    text = page_text(client_for(partner_admin).get(TEAM))
    assert "Sam Seen" in text and "Gone Away" in text and "Deactivated" in text
    assert seen.user.last_login.strftime("%-d %b %Y") in text and "Never" in text
    assert "invitee@acme.example" in text and "Pending" in text
    assert "Viewer" in text and "Member" in text and "Partner admin" in text


@pytest.mark.parametrize("role", [ROLE.MEMBER, ROLE.VIEWER])
def test_team_page_forbidden_to_members_and_viewers(client_for, partner, role):
    user = member(partner, role).user
    assert client_for(user).get(TEAM).status_code == 403


@pytest.mark.parametrize("persona", ["manager", "admin_user"])
def test_team_page_is_for_partner_users(client_for, request, persona):
    assert client_for(request.getfixturevalue(persona)).get(TEAM).status_code == 403


def test_team_page_wrong_method(client_for, partner_admin):
    client = client_for(partner_admin)
    assert client.post(TEAM).status_code == 405
    assert client.get(reverse("portal:team-invite")).status_code == 405


def test_team_menu_item_only_for_partner_admins(client_for, partner_admin, partner_member):
    assert f'href="{TEAM}"' in client_for(partner_admin).get("/portal/").content.decode()
    assert f'href="{TEAM}"' not in client_for(partner_member).get("/portal/").content.decode()


def test_invite_from_the_portal_sends_the_email(client_for, partner_admin, partner, mailoutbox,
                                                django_capture_on_commit_callbacks):  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(partner_admin).post(
            reverse("portal:team-invite"), {"email": "new@acme.example", "role": "viewer"}
        )
    assert response.status_code == 302
    assert Invitation.objects.get().role == "viewer"
    assert mailoutbox[0].to == ["new@acme.example"]


def test_invalid_invite_comes_back_with_422_and_the_field_error(client_for, partner_admin):
    UserFactory(username="taken", email="taken@acme.example")
    client = client_for(partner_admin)
    bad_email = client.post(reverse("portal:team-invite"), {"email": "nope", "role": "member"})
    taken = client.post(
        reverse("portal:team-invite"), {"email": "taken@acme.example", "role": "member"}
    )
    assert bad_email.status_code == taken.status_code == 422
    assert "already signs in" in taken.content.decode()
    assert not Invitation.objects.exists()


def test_change_role_deactivate_reactivate(client_for, partner_admin, partner_member):
    client = client_for(partner_admin)
    membership = partner_member.partner_membership
    client.post(reverse("portal:team-member-role", args=[membership.pk]), {"role": "viewer"})
    client.post(reverse("portal:team-member-deactivate", args=[membership.pk]))
    membership.refresh_from_db()
    partner_member.refresh_from_db()
    assert membership.role == "viewer" and not partner_member.is_active
    client.post(reverse("portal:team-member-reactivate", args=[membership.pk]))
    partner_member.refresh_from_db()
    assert partner_member.is_active


def test_last_admin_demoting_themselves_sees_the_reason(client_for, partner_admin):
    membership = partner_admin.partner_membership
    response = client_for(partner_admin).post(
        reverse("portal:team-member-role", args=[membership.pk]), {"role": "member"}, follow=True
    )
    assert "last active partner admin" in page_text(response)
    membership.refresh_from_db()
    assert membership.is_partner_admin


def test_resend_and_revoke_from_the_portal(client_for, partner_admin, partner):
    invitation, _token = invite(partner_admin, partner)
    client = client_for(partner_admin)
    assert client.post(reverse("portal:team-invitation-resend", args=[invitation.pk])).status_code
    client.post(reverse("portal:team-invitation-revoke", args=[invitation.pk]))
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None


def test_another_partners_membership_and_invitation_are_404(client_for, partner_admin, outsider,
                                                           other_partner):  # fmt: skip
    theirs = MembershipFactory(partner=other_partner)
    invitation, _token = invite(outsider, other_partner, email="x@globex.example")
    client = client_for(partner_admin)
    for name in ("team-member-role", "team-member-deactivate", "team-member-reactivate"):
        response = client.post(reverse(f"portal:{name}", args=[theirs.pk]), {"role": "viewer"})
        assert response.status_code == 404, name
    for name in ("team-invitation-resend", "team-invitation-revoke"):
        assert client.post(reverse(f"portal:{name}", args=[invitation.pk])).status_code == 404
    invitation.refresh_from_db()
    theirs.refresh_from_db()
    assert invitation.revoked_at is None and theirs.role == "member"


def test_member_posting_team_actions_gets_403(client_for, partner_admin, partner_member, partner):
    invitation, _token = invite(partner_admin, partner)
    membership = partner_admin.partner_membership
    client = client_for(partner_member)
    assert client.post(reverse("portal:team-member-deactivate", args=[membership.pk])).status_code \
        == 403  # fmt: skip
    assert client.post(reverse("portal:team-invitation-revoke", args=[invitation.pk])).status_code \
        == 403  # fmt: skip


def test_team_page_query_count_is_constant(client_for, partner_admin, partner, count_queries):
    client = client_for(partner_admin)
    member(partner)
    invite(partner_admin, partner, email="one@acme.example")
    small = count_queries(client, TEAM)
    for index in range(12):
        member(partner, ROLE.VIEWER if index % 2 else ROLE.MEMBER)
    for index in range(8):
        invite(partner_admin, partner, email=f"p{index}@acme.example")
    large = count_queries(client, TEAM)
    assert small == large <= 10


# --- vendor staff: the partner page's tab ------------------------------------------------------


def test_staff_tab_lists_and_manages_the_team(
    client_for, manager, partner, partner_admin, mailoutbox, django_capture_on_commit_callbacks
):
    client = client_for(manager)
    text = page_text(client.get(_tab(partner)))
    assert "pa-acme@example.com" in text and "Invite a colleague" in text
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("partners:team-invite", args=[partner.slug]),
            {"email": "staff.invite@acme.example", "role": "partner_admin"},
        )
    assert response.status_code == 302 and response.url == _tab(partner)
    invitation = Invitation.objects.get()
    assert invitation.invited_by == manager and mailoutbox
    membership = partner_admin.partner_membership
    client.post(reverse("partners:team-member-deactivate", args=[partner.slug, membership.pk]))
    partner_admin.refresh_from_db()
    assert not partner_admin.is_active  # staff may close the last admin's account
    client.post(reverse("partners:team-invitation-revoke", args=[partner.slug, invitation.pk]))
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None


def test_staff_action_on_a_membership_of_another_partner_via_this_slug_is_404(
    client_for, manager, partner, other_partner
):
    theirs = MembershipFactory(partner=other_partner)
    response = client_for(manager).post(
        reverse("partners:team-member-role", args=[partner.slug, theirs.pk]), {"role": "viewer"}
    )
    assert response.status_code == 404


def test_staff_team_actions_forbidden_to_partner_users(client_for, partner_admin, partner):
    url = reverse("partners:team-invite", args=[partner.slug])
    assert client_for(partner_admin).post(url, {"email": "a@b.example"}).status_code == 403


def test_staff_tab_query_count_is_constant(client_for, manager, partner, partner_admin,
                                          count_queries):  # fmt: skip
    client = client_for(manager)
    small = count_queries(client, _tab(partner), warm=True)
    for _index in range(10):
        member(partner)
    for index in range(5):
        invite(partner_admin, partner, email=f"q{index}@acme.example")
    assert count_queries(client, _tab(partner), warm=True) == small


# --- the invitee's page -----------------------------------------------------------------------


def _accept_url(token):
    return reverse("invitation-accept", args=[token])


def test_invitee_sets_name_and_password_and_is_signed_in(client, partner_admin, partner):
    _invitation, token = invite(partner_admin, partner, role=ROLE.VIEWER)
    page = client.get(_accept_url(token))
    assert page.status_code == 200 and "Join Acme Systems" in page_text(page)
    response = client.post(_accept_url(token), {
        "first_name": "Nina", "last_name": "Neu",
        "password": "a-Long-enough-pass-42", "password_again": "a-Long-enough-pass-42",
    })  # fmt: skip
    assert response.status_code == 302 and response.url == reverse("portal:home")
    home = client.get(reverse("portal:home"))
    assert home.status_code == 200 and "Nina" in page_text(home)
    assert PartnerMembership.objects.get(user__username="new.person@acme.example").is_viewer
    again = client.get(_accept_url(token))
    assert again.status_code == 410 and "already been used" in page_text(again)


def test_invitee_form_errors_are_422(client, partner_admin, partner):
    _invitation, token = invite(partner_admin, partner)
    response = client.post(_accept_url(token), {
        "first_name": "Nina", "last_name": "Neu", "password": "a-Long-enough-pass-42",
        "password_again": "different",
    })  # fmt: skip
    assert response.status_code == 422 and "differ" in page_text(response)
    weak = client.post(_accept_url(token), {
        "first_name": "N", "last_name": "N", "password": "123", "password_again": "123",
    })  # fmt: skip
    assert weak.status_code == 422
    assert not PartnerMembership.objects.filter(user__username="new.person@acme.example").exists()


@pytest.mark.parametrize("problem", ["expired", "revoked", "tampered"])
def test_unusable_links_get_a_clear_page(client, partner_admin, partner, problem):
    invitation, token = invite(partner_admin, partner)
    if problem == "expired":
        Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now())
    elif problem == "revoked":
        Invitation.objects.filter(pk=invitation.pk).update(revoked_at=timezone.now())
    else:
        token = token[:-2] + "xx"
    get = client.get(_accept_url(token))
    post = client.post(_accept_url(token), {"first_name": "A", "last_name": "B"})
    assert get.status_code == post.status_code == (404 if problem == "tampered" else 410)
    assert "cannot be used" in page_text(get)
    assert not PartnerMembership.objects.filter(user__username="new.person@acme.example").exists()
