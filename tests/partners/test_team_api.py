"""`/api/v1/memberships/` and `/api/v1/invitations/`: staff see every partner's, a partner
admin manages their own partner's, members and viewers read their own partner's memberships
and are refused every change; another partner's rows are 404; writes go through the services
(400 with field errors, never 500)."""

from django.core import mail

from partners.models import Invitation, PartnerMembership
from tests.factories import MembershipFactory, UserFactory

from .team_support import ROLE, invite, member

MEMBERSHIPS = "/api/v1/memberships/"
INVITATIONS = "/api/v1/invitations/"


def ids(response):
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


# --- memberships --------------------------------------------------------------------------------


def test_memberships_scoped_by_who_asks(api_for, manager, partner_admin, partner_member, outsider):
    ours = {partner_admin.partner_membership.pk, partner_member.partner_membership.pk}
    theirs = outsider.partner_membership.pk
    assert ids(api_for(manager).get(MEMBERSHIPS)) == ours | {theirs}
    assert ids(api_for(partner_admin).get(MEMBERSHIPS)) == ours
    assert ids(api_for(partner_member).get(MEMBERSHIPS)) == ours
    assert api_for(partner_admin).get(f"{MEMBERSHIPS}{theirs}/").status_code == 404


def test_membership_row_shows_role_status_and_last_sign_in(api_for, partner_admin, partner):
    viewer = member(partner, ROLE.VIEWER, is_active=False)
    row = api_for(partner_admin).get(f"{MEMBERSHIPS}{viewer.pk}/").json()
    assert row["role"] == "viewer" and row["is_active"] is False and row["last_login"] is None


def test_membership_filters(api_for, manager, partner, partner_admin, partner_member):
    viewer = member(partner, ROLE.VIEWER)
    api = api_for(manager)
    assert ids(api.get(MEMBERSHIPS, {"role": "viewer"})) == {viewer.pk}
    assert ids(api.get(MEMBERSHIPS, {"partner": partner.pk, "is_active": "true"})) == {
        partner_admin.partner_membership.pk, partner_member.partner_membership.pk, viewer.pk
    }  # fmt: skip


def test_admin_changes_a_role_and_deactivates(api_for, partner_admin, partner_member):
    api = api_for(partner_admin)
    pk = partner_member.partner_membership.pk
    response = api.patch(f"{MEMBERSHIPS}{pk}/", {"role": "viewer"}, format="json")
    assert response.status_code == 200 and response.json()["role"] == "viewer"
    response = api.post(f"{MEMBERSHIPS}{pk}/deactivate/")
    assert response.status_code == 200 and response.json()["is_active"] is False
    response = api.post(f"{MEMBERSHIPS}{pk}/reactivate/")
    assert response.status_code == 200 and response.json()["is_active"] is True


def test_bad_role_is_400_at_the_field(api_for, partner_admin, partner_member):
    pk = partner_member.partner_membership.pk
    response = api_for(partner_admin).patch(f"{MEMBERSHIPS}{pk}/", {"role": "boss"}, format="json")
    assert response.status_code == 400 and "role" in response.json()


def test_patch_without_a_role_is_400(api_for, partner_admin, partner_member):
    pk = partner_member.partner_membership.pk
    response = api_for(partner_admin).patch(f"{MEMBERSHIPS}{pk}/", {}, format="json")
    assert response.status_code == 400 and "role" in response.json()


def test_last_admin_cannot_step_down_through_the_api(api_for, partner_admin):
    pk = partner_admin.partner_membership.pk
    api = api_for(partner_admin)
    demote = api.patch(f"{MEMBERSHIPS}{pk}/", {"role": "member"}, format="json")
    deactivate = api.post(f"{MEMBERSHIPS}{pk}/deactivate/")
    assert demote.status_code == deactivate.status_code == 400
    assert "last active partner admin" in str(demote.json())


def test_member_writes_are_403(api_for, partner_admin, partner_member):
    pk = partner_admin.partner_membership.pk
    api = api_for(partner_member)
    assert api.patch(f"{MEMBERSHIPS}{pk}/", {"role": "member"}, format="json").status_code == 403
    assert api.post(f"{MEMBERSHIPS}{pk}/deactivate/").status_code == 403
    assert PartnerMembership.objects.get(pk=pk).is_partner_admin


def test_outsider_cannot_touch_another_partners_membership(api_for, outsider, partner_member):
    pk = partner_member.partner_membership.pk
    api = api_for(outsider)
    assert api.patch(f"{MEMBERSHIPS}{pk}/", {"role": "viewer"}, format="json").status_code == 404
    assert api.post(f"{MEMBERSHIPS}{pk}/deactivate/").status_code == 404


def test_membership_wrong_methods(api_for, manager, partner_admin):
    api = api_for(manager)
    pk = partner_admin.partner_membership.pk
    assert api.post(MEMBERSHIPS, {}, format="json").status_code == 405
    assert api.delete(f"{MEMBERSHIPS}{pk}/").status_code == 405
    assert api.put(f"{MEMBERSHIPS}{pk}/", {"role": "member"}, format="json").status_code == 405


def test_memberships_list_query_count_is_constant(api_for, manager, partner, count_queries):
    api = api_for(manager)
    MembershipFactory.create_batch(2, partner=partner)
    small = count_queries(api, MEMBERSHIPS)
    MembershipFactory.create_batch(15, partner=partner)
    assert count_queries(api, MEMBERSHIPS) == small


# --- invitations ------------------------------------------------------------------------------


def test_admin_invites_through_the_api(api_for, partner_admin, partner,
                                       django_capture_on_commit_callbacks):  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        response = api_for(partner_admin).post(
            INVITATIONS, {"email": "api@acme.example", "role": "viewer"}, format="json"
        )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["partner"] == partner.pk and body["status"] == "pending"
    assert "token" not in str(body) and mail.outbox[0].to == ["api@acme.example"]


def test_staff_must_name_the_partner(api_for, manager, partner):
    api = api_for(manager)
    missing = api.post(INVITATIONS, {"email": "a@acme.example"}, format="json")
    assert missing.status_code == 400 and "partner" in missing.json()
    created = api.post(
        INVITATIONS, {"email": "a@acme.example", "partner": partner.pk}, format="json"
    )
    assert created.status_code == 201 and created.json()["role"] == "member"


def test_invitation_field_errors_are_400(api_for, partner_admin):
    UserFactory(username="exists", email="exists@acme.example")
    api = api_for(partner_admin)
    for data, field in (
        ({"email": "not-an-email"}, "email"),
        ({"email": "exists@acme.example"}, "email"),
        ({"email": "ok@acme.example", "role": "owner"}, "role"),
        ({"email": "ok@acme.example", "colour": "red"}, "colour"),
    ):
        response = api.post(INVITATIONS, data, format="json")
        assert response.status_code == 400 and field in response.json(), (data, response.json())
    assert not Invitation.objects.exists()


def test_invitations_scoped_and_hidden_from_members(
    api_for, manager, partner_admin, partner, partner_member, outsider, other_partner
):
    ours, _token = invite(partner_admin, partner)
    theirs, _token = invite(outsider, other_partner, email="x@globex.example")
    assert ids(api_for(manager).get(INVITATIONS)) == {ours.pk, theirs.pk}
    assert ids(api_for(partner_admin).get(INVITATIONS)) == {ours.pk}
    assert api_for(partner_admin).get(f"{INVITATIONS}{theirs.pk}/").status_code == 404
    assert api_for(partner_admin).post(f"{INVITATIONS}{theirs.pk}/revoke/").status_code == 404
    assert api_for(partner_member).get(INVITATIONS).status_code == 403
    assert api_for(partner_member).post(f"{INVITATIONS}{ours.pk}/revoke/").status_code == 403


def test_revoke_and_resend_actions(api_for, partner_admin, partner):
    invitation, _token = invite(partner_admin, partner)
    api = api_for(partner_admin)
    resent = api.post(f"{INVITATIONS}{invitation.pk}/resend/")
    assert resent.status_code == 200
    revoked = api.post(f"{INVITATIONS}{invitation.pk}/revoke/")
    assert revoked.status_code == 200 and revoked.json()["status"] == "revoked"
    again = api.post(f"{INVITATIONS}{invitation.pk}/revoke/")
    assert again.status_code == 400


def test_invitation_wrong_methods(api_for, manager, partner_admin, partner):
    invitation, _token = invite(partner_admin, partner)
    api = api_for(manager)
    url = f"{INVITATIONS}{invitation.pk}/"
    assert api.patch(url, {"role": "viewer"}, format="json").status_code == 405
    assert api.delete(url).status_code == 405
    assert api.get(f"{url}revoke/").status_code == 405


def test_invitation_open_filter(api_for, manager, partner_admin, partner):
    open_one, _token = invite(partner_admin, partner)
    closed, _token = invite(partner_admin, partner, email="b@acme.example")
    api_for(manager).post(f"{INVITATIONS}{closed.pk}/revoke/")
    assert ids(api_for(manager).get(INVITATIONS, {"open": "true"})) == {open_one.pk}
    assert ids(api_for(manager).get(INVITATIONS, {"open": "false"})) == {closed.pk}


def test_invitations_list_query_count_is_constant(api_for, manager, partner_admin, partner,
                                                  count_queries):  # fmt: skip
    invite(partner_admin, partner, email="n@acme.example")
    small = count_queries(api_for(manager), INVITATIONS)
    for index in range(12):
        invite(partner_admin, partner, email=f"n{index}@acme.example")
    assert count_queries(api_for(manager), INVITATIONS) == small
