from decimal import Decimal

import pytest
from django.urls import reverse

from incentives.models import ClaimStatus, IncentiveClaim
from tests.factories import PartnerFactory

from .claims_factories import IncentiveClaimFactory, IncentiveProgramFactory

QUEUE = reverse("incentives:claim-queue")
PORTAL_LIST = reverse("incentives-portal:claim-list")
PORTAL_NEW = reverse("incentives-portal:claim-create")


def test_claim_queue_lists_claims_for_staff(client_for, manager, partner):
    IncentiveClaimFactory(partner=partner, description="Trade show booth")
    response = client_for(manager).get(QUEUE)
    assert response.status_code == 200
    assert b"Trade show booth" in response.content


def test_claim_queue_access(client, client_for, partner_admin):
    assert client.get(QUEUE).status_code == 302
    assert client_for(partner_admin).get(QUEUE).status_code == 403
    assert client_for(partner_admin).post(QUEUE).status_code == 405


def test_claim_queue_query_count_constant(client_for, manager, count_queries):
    def count(n):
        IncentiveClaimFactory.create_batch(n)
        return count_queries(client_for(manager), QUEUE, warm=True)

    assert count(2) == count(8)


def test_claim_approve_and_pay_from_queue(client_for, manager):
    claim = IncentiveClaimFactory()
    client = client_for(manager)
    client.post(reverse("incentives:claim-approve", args=[claim.pk]))
    client.post(reverse("incentives:claim-pay", args=[claim.pk]), {"payment_reference": "R-1"})
    claim.refresh_from_db()
    assert (claim.status, claim.payment_reference) == (ClaimStatus.PAID, "R-1")


def test_claim_reject_without_reason_keeps_claim_requested(client_for, manager):
    claim = IncentiveClaimFactory()
    response = client_for(manager).post(
        reverse("incentives:claim-reject", args=[claim.pk]), {"reason": ""}, follow=True
    )
    assert b"Say why" in response.content
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.REQUESTED


@pytest.mark.parametrize("verb", ["approve", "reject", "pay"])
def test_claim_decisions_denied_to_partner_users(client, client_for, partner_admin, verb):
    claim = IncentiveClaimFactory()
    url = reverse(f"incentives:claim-{verb}", args=[claim.pk])
    assert client_for(partner_admin).post(url).status_code == 403
    assert client_for(partner_admin).get(url).status_code == 405
    client.logout()
    assert client.post(url).status_code == 302
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.REQUESTED


def test_portal_claim_list_shows_only_own_claims(client_for, partner_admin, partner):
    IncentiveClaimFactory(partner=partner, description="Our webinar")
    IncentiveClaimFactory(partner=PartnerFactory(), description="Their webinar")
    response = client_for(partner_admin).get(PORTAL_LIST)
    assert b"Our webinar" in response.content
    assert b"Their webinar" not in response.content


def test_portal_claim_pages_access(client, client_for, manager):
    for url in (PORTAL_LIST, PORTAL_NEW):
        assert client.get(url).status_code == 302
    for url in (PORTAL_LIST, PORTAL_NEW):
        assert client_for(manager).get(url).status_code == 403
    assert client_for(manager).delete(PORTAL_LIST).status_code == 405


def test_portal_claim_list_query_count_constant(client_for, partner_admin, partner, count_queries):
    def count(n):
        IncentiveClaimFactory.create_batch(n, partner=partner)
        return count_queries(client_for(partner_admin), PORTAL_LIST, warm=True)

    assert count(2) == count(8)


def test_portal_claim_create_invalid_amount_then_valid(client_for, partner_admin, partner):
    program = IncentiveProgramFactory()
    client = client_for(partner_admin)
    data = {"program": program.pk, "amount": "0", "description": "Webinar"}
    response = client.post(PORTAL_NEW, data, HTTP_HX_REQUEST="true")
    assert response.status_code == 422
    assert b"more than zero" in response.content
    assert not IncentiveClaim.objects.exists()
    response = client.post(PORTAL_NEW, {**data, "amount": "250"})
    assert response.status_code == 302
    claim = IncentiveClaim.objects.get()
    assert (claim.partner, claim.amount) == (partner, Decimal("250"))


def test_portal_claim_create_cannot_use_ineligible_program(client_for, partner_admin):
    from tests.factories import ProgramTierFactory

    program = IncentiveProgramFactory()
    program.eligible_tiers.set([ProgramTierFactory(name="Platinum", rank=4)])
    response = client_for(partner_admin).post(
        PORTAL_NEW, {"program": program.pk, "amount": "10", "description": "x"}
    )
    assert response.status_code == 422
    assert not IncentiveClaim.objects.exists()
