"""Each event of the partner program notifies the right people only, through its service:
claims requested and decided, certifications requested, approved and expiring, new rules."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from incentives.services import claims as claim_services
from incentives.services.enablement import (
    certification_approve,
    certification_request,
    rules_publish,
)
from incentives.tasks import notify_certifications_expiring
from prm.models import Notification
from tests.factories import ContactFactory

from .claims_factories import IncentiveClaimFactory, IncentiveProgramFactory
from .enablement_factories import CertificationFactory, CourseFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def _recipients(kind) -> set:
    return set(Notification.objects.filter(kind=kind).values_list("recipient__username", flat=True))


def test_claim_request_tells_the_owner(partner, partner_admin, manager, outsider):
    claim_services.claim_request(actor=partner_admin, partner=partner,
                                 program=IncentiveProgramFactory(), amount=Decimal("500"),
                                 description="Webinar")  # fmt: skip
    assert _recipients("claim_requested") == {manager.username}
    assert Notification.objects.get().url == "/program/claims/"


def test_claim_decisions_tell_the_partners_users(
    partner, partner_admin, partner_member, manager, outsider
):
    claim = IncentiveClaimFactory(partner=partner)
    claim_services.claim_approve(actor=manager, claim=claim)
    claim_services.claim_pay(actor=manager, claim=claim, payment_reference="PAY-1")
    rejected = IncentiveClaimFactory(partner=partner)
    claim_services.claim_reject(actor=manager, claim=rejected, reason="No proof of attendance")
    users = {partner_admin.username, partner_member.username}
    for kind in ("claim_approved", "claim_paid", "claim_rejected"):
        assert _recipients(kind) == users, kind
    assert "PAY-1" in Notification.objects.filter(kind="claim_paid").first().object_label
    assert not Notification.objects.filter(recipient=outsider).exists()


def test_certification_request_and_approval(partner, partner_member, manager, outsider):
    contact = ContactFactory(partner=partner, first_name="Ana", last_name="Lima")
    course = CourseFactory(name="Cloud Architect")
    certification = certification_request(actor=partner_member, contact=contact, course=course,
                                          earned_on=TODAY())  # fmt: skip
    assert _recipients("certification_requested") == {manager.username}
    row = Notification.objects.get(kind="certification_requested")
    assert row.object_label == "Cloud Architect for Ana Lima"
    certification_approve(actor=manager, certification=certification)
    assert _recipients("certification_approved") == {partner_member.username}


def test_rules_published_asks_every_partner_user_to_acknowledge(partner_member, outsider, manager):
    rules_publish(actor=manager, effective_on=TODAY(), summary="Protection is 90 days.",
                  full_text="All of it.")  # fmt: skip
    assert _recipients("rules_published") == {partner_member.username, outsider.username}
    row = Notification.objects.filter(kind="rules_published").first()
    assert row.url == "/portal/program/rules/"


def test_certifications_expiring_once_per_certification(partner, partner_member, manager):
    contact = ContactFactory(partner=partner)
    course = CourseFactory(validity_months=12)
    soon = CertificationFactory(contact=contact, course=course,
                                earned_on=TODAY() - datetime.timedelta(days=350))  # fmt: skip
    CertificationFactory(contact=ContactFactory(partner=partner), course=course,
                         earned_on=TODAY() - datetime.timedelta(days=100))  # fmt: skip
    assert soon.expires_on <= TODAY() + datetime.timedelta(days=30)
    assert notify_certifications_expiring.apply().get() == 2
    assert _recipients("certification_expiring") == {partner_member.username, manager.username}
    assert notify_certifications_expiring.apply().get() == 0
