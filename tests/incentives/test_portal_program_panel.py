"""The portal home's "Your partner program" panel (the partner's own tier and rules) and its
"Incentive claims" panel (the claims by status)."""

import datetime
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from incentives.models import Acknowledgement, ClaimStatus
from tests.factories import ProgramTierFactory
from tests.helpers import page_text

from .claims_factories import IncentiveClaimFactory
from .enablement_factories import RulesFactory

HOME = reverse("portal:home")


def _panel(response) -> str:
    text = page_text(response)
    return text[text.index("Your partner program") :]


def _claims_panel(response) -> str:
    text = page_text(response)
    return text[text.index("Incentive claims") : text.index("Your partner program")]


def test_portal_program_panel_shows_own_tier_rules_and_claims(
    client_for, manager, partner_member, partner, other_partner
):
    partner.tier = ProgramTierFactory(name="Gold", rank=3)
    partner.save(update_fields=["tier"])
    RulesFactory(version=3, published_by=manager,
                 effective_on=timezone.localdate() - datetime.timedelta(days=5))  # fmt: skip
    IncentiveClaimFactory.create_batch(2, partner=partner)
    IncentiveClaimFactory(partner=partner, status=ClaimStatus.APPROVED, decided_by=manager)
    IncentiveClaimFactory.create_batch(5, partner=other_partner, amount=Decimal("10"))
    response = client_for(partner_member).get(HOME)
    panel = _panel(response)
    assert "Gold" in page_text(response)  # the tier has its own panel
    assert "Read and acknowledge version 3" in panel
    claims = _claims_panel(response)
    assert "Awaiting a decision 2 Approved, to be paid 1 Paid 0" in claims


def test_portal_program_panel_after_acknowledging_and_without_claims(
    client_for, manager, partner_member, partner
):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    rules = RulesFactory(version=1, published_by=manager, effective_on=yesterday)
    Acknowledgement.objects.create(partner=partner, rules=rules, acknowledged_by=partner_member,
                                   acknowledged_at=timezone.now())  # fmt: skip
    response = client_for(partner_member).get(HOME)
    panel = _panel(response)
    assert "Version 1 acknowledged" in panel
    assert "No tier yet" in page_text(response)
    assert "No claims yet" in _claims_panel(response)


def test_portal_program_panel_outsider_sees_only_their_own(client_for, outsider, partner):
    IncentiveClaimFactory.create_batch(3, partner=partner)
    claims = _claims_panel(client_for(outsider).get(HOME))
    assert "No claims yet" in claims and "Awaiting a decision" not in claims


def test_portal_home_query_count_constant_with_claims(
    client_for, partner_admin, partner, count_queries
):
    client = client_for(partner_admin)

    def count():
        return count_queries(client, HOME)

    IncentiveClaimFactory(partner=partner)
    small = count()
    IncentiveClaimFactory.create_batch(20, partner=partner)
    assert count() == small
