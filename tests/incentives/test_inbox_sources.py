"""The program's inbox sources on hand-built rows: claims to approve or pay, certification
requests (staff); claims decided, certifications expiring, rules to acknowledge (portal)."""

import datetime

import pytest
from django.utils import timezone

from incentives.models import Certification
from incentives.services import claims as claim_services
from incentives.services import enablement as enablement_services
from prm import inbox
from tests.factories import ContactFactory, PartnerFactory
from tests.incentives.claims_factories import IncentiveClaimFactory
from tests.incentives.enablement_factories import (
    AcknowledgementFactory,
    CertificationFactory,
    CourseFactory,
    RulesFactory,
)

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def waiting(user, kind, scope="mine", audience="staff"):
    gathered = inbox.gather(user=user, audience=audience, scope=scope, kinds=[kind], limit=100)
    items = [item for item in gathered.items if item.kind == kind]
    assert gathered.counts[kind] == len(items)
    return items


def test_claim_waits_to_be_approved_then_paid_then_goes(manager, partner):
    claim = IncentiveClaimFactory(partner=partner)
    [item] = waiting(manager, "claims")
    assert item.action == "Approve or reject" and item.link.url.endswith("?status=requested")
    claim = claim_services.claim_approve(actor=manager, claim=claim)
    [item] = waiting(manager, "claims")
    assert item.action == "Pay" and item.link.url.endswith("?status=approved")
    claim_services.claim_pay(actor=manager, claim=claim, payment_reference="PAY-1")
    assert waiting(manager, "claims") == []


def test_claims_mine_versus_team(manager, other_manager, partner):
    IncentiveClaimFactory(partner=partner)
    IncentiveClaimFactory(partner=PartnerFactory(owner=other_manager))
    assert len(waiting(manager, "claims")) == 1
    assert len(waiting(manager, "claims", scope="team")) == 2


def test_certification_request_waits_until_decided(manager, other_manager, partner):
    requested = CertificationFactory(
        contact=ContactFactory(partner=partner, first_name="Ana", last_name="Lima"),
        status=Certification.Status.REQUESTED,
    )
    CertificationFactory(contact=ContactFactory(partner=partner))  # already approved
    [item] = waiting(manager, "certifications")
    assert item.what.startswith("Ana Lima: Course") and item.partner == "Acme Systems"
    assert waiting(other_manager, "certifications") == []
    assert len(waiting(other_manager, "certifications", scope="team")) == 1
    enablement_services.certification_approve(actor=manager, certification=requested)
    assert waiting(manager, "certifications") == []


def test_portal_claims_decided_lately_only_their_own(
    manager, partner, partner_member, outsider, other_partner
):
    claim = IncentiveClaimFactory(partner=partner)
    IncentiveClaimFactory(partner=other_partner)
    assert waiting(partner_member, "portal-claims", audience="portal") == []
    claim_services.claim_reject(actor=manager, claim=claim, reason="Outside the program period")
    [item] = waiting(partner_member, "portal-claims", audience="portal")
    assert item.what.endswith(": rejected") and "Outside the program period" in item.detail
    assert waiting(outsider, "portal-claims", audience="portal") == []
    type(claim).objects.filter(pk=claim.pk).update(
        decided_at=timezone.now() - datetime.timedelta(days=31)
    )
    assert waiting(partner_member, "portal-claims", audience="portal") == []


def test_portal_certifications_expiring_of_people_still_there(
    partner, partner_member, outsider, other_partner
):
    course = CourseFactory(validity_months=12)
    earned = TODAY - datetime.timedelta(days=340)  # expires in about 25 days
    expiring = CertificationFactory(contact=ContactFactory(partner=partner), course=course,
                                    earned_on=earned)  # fmt: skip
    CertificationFactory(contact=ContactFactory(partner=partner))  # valid two more years
    CertificationFactory(contact=ContactFactory(partner=partner, left_on=TODAY), course=course,
                         earned_on=earned)  # fmt: skip
    CertificationFactory(contact=ContactFactory(partner=other_partner), course=course,
                         earned_on=earned)  # fmt: skip
    [item] = waiting(partner_member, "portal-certifications", audience="portal")
    assert item.pk == expiring.pk and item.due == expiring.expires_on and item.action == "Renew"
    [theirs] = waiting(outsider, "portal-certifications", audience="portal")
    assert theirs.pk != expiring.pk


def test_portal_current_rules_wait_until_their_partner_acknowledges(
    partner, partner_admin, partner_member, outsider, other_partner
):
    RulesFactory(version=1, effective_on=TODAY - datetime.timedelta(days=100))
    current = RulesFactory(version=2, effective_on=TODAY - datetime.timedelta(days=5),
                           significant=True)  # fmt: skip
    RulesFactory(version=3, effective_on=TODAY + datetime.timedelta(days=30))  # not yet in force
    AcknowledgementFactory(partner=other_partner, rules=current)
    [item] = waiting(partner_member, "portal-rules", audience="portal")
    assert item.pk == current.pk and item.what.startswith("Version 2, in force since")
    assert item.what.endswith(", a significant change")
    assert waiting(outsider, "portal-rules", audience="portal") == []
    enablement_services.rules_acknowledge(actor=partner_admin, rules=current)
    assert waiting(partner_member, "portal-rules", audience="portal") == []
