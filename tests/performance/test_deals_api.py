"""`/api/v1/deal-registrations/`: staff decide, partner users see and register their own."""

import pytest

from performance.models import DealRegistration
from performance.services import deals as services

from .deals_factories import DealRegistrationFactory, deal_fields

pytestmark = pytest.mark.django_db

URL = "/api/v1/deal-registrations/"


def payload(**overrides):
    data = deal_fields(**overrides)
    data["expected_close_on"] = data["expected_close_on"].isoformat()
    data["value"] = str(data["value"])
    return data


def ids(response):
    return {row["id"] for row in response.json()["results"]}


def test_api_anonymous_is_401(api_for):
    assert api_for().get(URL).status_code in (401, 403)


def test_api_staff_lists_all_and_filters(api_for, manager, partner, other_partner):
    ours = DealRegistrationFactory(partner=partner)
    theirs = DealRegistrationFactory(
        partner=other_partner,
        status="rejected",
        decided_by=manager,
        decided_at="2026-01-01T00:00Z",
        rejection_reason="No",
    )
    api = api_for(manager)
    assert ids(api.get(URL)) == {ours.pk, theirs.pk}
    assert ids(api.get(URL, {"partner": partner.pk})) == {ours.pk}
    assert ids(api.get(URL, {"status": "rejected"})) == {theirs.pk}


def test_api_partner_user_sees_only_own(api_for, partner_member, partner, other_partner):
    ours = DealRegistrationFactory(partner=partner)
    theirs = DealRegistrationFactory(partner=other_partner)
    api = api_for(partner_member)
    assert ids(api.get(URL)) == {ours.pk}
    assert api.get(f"{URL}{theirs.pk}/").status_code == 404
    assert api.get(f"{URL}{ours.pk}/").status_code == 200


def test_api_partner_user_creates_for_own_partner(api_for, partner_admin, partner):
    response = api_for(partner_admin).post(URL, payload(), format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["customer_domain"] == "globex.com"
    assert DealRegistration.objects.get().partner == partner


def test_api_partner_user_cannot_create_for_another_partner(api_for, partner_member, other_partner):
    response = api_for(partner_member).post(URL, payload(partner=other_partner.pk), format="json")
    assert response.status_code == 403
    assert not DealRegistration.objects.exists()


def test_api_bad_input_is_400_at_field(api_for, partner_member):
    response = api_for(partner_member).post(URL, payload(customer_domain="nope"), format="json")
    assert response.status_code == 400 and "customer_domain" in response.json()


def test_api_staff_create_requires_partner(api_for, manager, partner):
    assert api_for(manager).post(URL, payload(), format="json").status_code == 400
    response = api_for(manager).post(URL, payload(partner=partner.pk), format="json")
    assert response.status_code == 201


def test_api_partner_user_cannot_decide(api_for, partner_admin, partner):
    deal = services.deal_submit(actor=partner_admin, partner=partner, **deal_fields())
    api = api_for(partner_admin)
    for name, data in (("approve", {}), ("reject", {"reason": "x"}), ("won", {}), ("lost", {})):
        assert api.post(f"{URL}{deal.pk}/{name}/", data, format="json").status_code == 403
    deal.refresh_from_db()
    assert deal.status == "submitted"


def test_api_outsider_deciding_another_partners_deal_is_404(api_for, outsider, partner):
    deal = DealRegistrationFactory(partner=partner)
    assert api_for(outsider).post(f"{URL}{deal.pk}/approve/", {}, format="json").status_code == 404


def test_api_staff_approve_reject_won_lost(api_for, manager, partner, partner_member):
    first = services.deal_submit(actor=partner_member, partner=partner, **deal_fields())
    second = services.deal_submit(
        actor=partner_member,
        partner=partner,
        **deal_fields(customer_domain="b.example", customer_name="B"),
    )
    api = api_for(manager)
    approved = api.post(f"{URL}{first.pk}/approve/", {"protection_days": 30}, format="json")
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    assert api.post(f"{URL}{first.pk}/won/", format="json").json()["status"] == "won"
    assert api.post(f"{URL}{second.pk}/reject/", {}, format="json").status_code == 400
    rejected = api.post(f"{URL}{second.pk}/reject/", {"reason": "Direct"}, format="json")
    assert rejected.json()["rejection_reason"] == "Direct"
    assert api.post(f"{URL}{second.pk}/lost/", format="json").status_code == 400


def test_api_conflicts_are_listed(
    api_for, manager, partner, other_partner, partner_member, outsider
):
    first = services.deal_submit(actor=outsider, partner=other_partner, **deal_fields())
    second = services.deal_submit(actor=partner_member, partner=partner, **deal_fields())
    assert api_for(manager).get(f"{URL}{second.pk}/").json()["conflicts"] == [first.pk]


def test_api_a_partner_user_sees_how_many_conflicts_never_whose(
    api_for, partner, other_partner, partner_member, outsider
):
    services.deal_submit(actor=outsider, partner=other_partner, **deal_fields())
    second = services.deal_submit(actor=partner_member, partner=partner, **deal_fields())
    api = api_for(partner_member)
    for body in (api.get(f"{URL}{second.pk}/").json(), api.get(URL).json()["results"][0]):
        assert body["conflict_count"] == 1 and "conflicts" not in body


def test_api_wrong_method_is_405(api_for, manager, partner):
    deal = DealRegistrationFactory(partner=partner)
    api = api_for(manager)
    assert api.delete(f"{URL}{deal.pk}/").status_code == 405
    assert api.put(f"{URL}{deal.pk}/", {}, format="json").status_code == 405
    assert api.get(f"{URL}{deal.pk}/approve/").status_code == 405
