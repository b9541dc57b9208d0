"""The portal home: "Needs you" first, then the deals and claims with their decisions, then
the program (tier, scores, new resources, certifications expiring), then the company; each
item one click from where it is done, every panel in a constant number of queries."""

import datetime
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from incentives.models import ClaimStatus, Resource
from performance.services.deals import deal_approve, deal_reject
from tests.factories import ContactFactory, ProgramTierFactory
from tests.helpers import page_text
from tests.incentives.claims_factories import IncentiveClaimFactory
from tests.incentives.enablement_factories import CertificationFactory, RulesFactory
from tests.incentives.program_factories import ResourceFactory
from tests.performance.deals_factories import DealRegistrationFactory

HOME = reverse("portal:home")
TODAY = timezone.localdate()


def _decided_claim(partner, manager, status, **fields):
    return IncentiveClaimFactory(partner=partner, status=status, decided_by=manager,
                                 decided_at=timezone.now(), **fields)  # fmt: skip


def test_home_sections_come_in_order_needs_status_program_company(client_for, partner_member):
    text = page_text(client_for(partner_member).get(HOME))
    positions = [text.index(title) for title in (
        "Needs you", "Your deals and claims", "Your program", "Your company")]  # fmt: skip
    assert positions == sorted(positions)


def test_home_deals_show_status_counts_and_latest_decisions_with_links(
    client_for, manager, partner_member, partner, other_partner
):
    approved = DealRegistrationFactory(partner=partner, customer_name="Initech")
    deal_approve(actor=manager, deal=approved)
    rejected = DealRegistrationFactory(partner=partner, customer_name="Globex")
    deal_reject(actor=manager, deal=rejected, reason="Already registered by another partner.")
    DealRegistrationFactory.create_batch(2, partner=partner)
    theirs = DealRegistrationFactory(partner=other_partner, customer_name="Hooli")
    deal_approve(actor=manager, deal=theirs)
    response = client_for(partner_member).get(HOME)
    html, text = response.content.decode(), page_text(response)
    deals = text[text.index("Deal registrations") : text.index("Incentive claims")]
    assert "Awaiting our decision 2" in deals and "Approved, protected 1" in deals
    assert "Initech" in deals and "Approved" in deals and "protected until" in deals
    assert "Globex" in deals and "Rejected" in deals
    assert reverse("performance-portal:deal-detail", args=[approved.pk]) in html
    assert "Hooli" not in text


def test_home_claims_show_counts_and_latest_decisions(
    client_for, manager, partner_member, partner, other_partner
):
    IncentiveClaimFactory.create_batch(2, partner=partner)
    _decided_claim(partner, manager, ClaimStatus.APPROVED, amount=Decimal("1500"))
    _decided_claim(
        other_partner,
        manager,
        ClaimStatus.REJECTED,
        amount=Decimal("777"),
        rejection_reason="Outside the program period.",
    )
    text = page_text(client_for(partner_member).get(HOME))
    claims = text[text.index("Incentive claims") : text.index("Your program")]
    assert "Awaiting a decision 2" in claims and "Approved, to be paid 1" in claims
    assert "1,500" in claims and "Approved" in claims
    assert "777" not in text and "Rejected" not in claims


def test_home_empty_states_say_what_to_do(client_for, partner_member):
    text = page_text(client_for(partner_member).get(HOME))
    assert "You have registered no deal yet" in text and "Register your first deal" in text
    assert "No claims yet" in text
    assert "Nothing new lately" in text and "None expiring soon" in text


def test_home_lists_resources_new_for_the_tier_only(client_for, partner_member, partner):
    silver = ProgramTierFactory(name="Silver", rank=1)
    gold = ProgramTierFactory(name="Gold", rank=2)
    partner.tier = silver
    partner.save(update_fields=["tier"])
    ResourceFactory(title="Silver deck", minimum_tier=silver)
    ResourceFactory(title="Gold playbook", minimum_tier=gold)
    old = ResourceFactory(title="Old price list")
    long_ago = timezone.now() - datetime.timedelta(days=45)
    Resource.objects.filter(pk=old.pk).update(created_at=long_ago)
    text = page_text(client_for(partner_member).get(HOME))
    assert "Silver deck" in text
    assert "Gold playbook" not in text and "Old price list" not in text


def test_home_lists_own_certifications_expiring_soon(
    client_for, partner_member, partner, other_partner
):
    ours = ContactFactory(partner=partner, first_name="Ada", last_name="Lovelace")
    theirs = ContactFactory(partner=other_partner, first_name="Bob", last_name="Other")
    soon = TODAY + datetime.timedelta(days=20)
    CertificationFactory(contact=ours, expires_on=soon)
    CertificationFactory(contact=theirs, expires_on=soon)
    CertificationFactory(contact=ContactFactory(partner=partner, first_name="Later"),
                         expires_on=TODAY + datetime.timedelta(days=300))  # fmt: skip
    text = page_text(client_for(partner_member).get(HOME))
    expiring = text[text.index("Certifications expiring") :]
    assert "Ada Lovelace" in expiring and f"expires {soon:%-d %b %Y}" in expiring
    assert "Bob" not in text and "Later" not in expiring


def test_home_tier_panel_links_to_the_tier_page(client_for, partner_member, partner):
    partner.tier = ProgramTierFactory(name="Silver", rank=1)
    partner.save(update_fields=["tier"])
    html = client_for(partner_member).get(HOME).content.decode()
    assert 'id="home-tier"' in html and reverse("incentives-portal:tier") in html


def test_home_is_for_partner_users_only(client_for, manager):
    assert client_for(manager).get(HOME).status_code == 403


def test_home_wrong_method_is_405(client_for, partner_member):
    assert client_for(partner_member).post(HOME).status_code == 405


def test_home_query_count_is_constant_with_every_kind_of_item(
    client_for, manager, partner_admin, partner, count_queries
):
    partner.tier = ProgramTierFactory(name="Silver", rank=1)
    partner.save(update_fields=["tier"])
    client = client_for(partner_admin)

    def add(n):
        for _ in range(n):
            deal = DealRegistrationFactory(partner=partner)
            deal_approve(actor=manager, deal=deal)
            claim = _decided_claim(partner, manager, ClaimStatus.APPROVED)
            claim.status, claim.paid_at = ClaimStatus.PAID, timezone.now()
            claim.payment_reference = f"PAY-{claim.pk}"
            claim.save(update_fields=["status", "paid_at", "payment_reference"])
            ResourceFactory()
            CertificationFactory(contact=ContactFactory(partner=partner),
                                 expires_on=TODAY + datetime.timedelta(days=10))  # fmt: skip

    add(1)
    small = count_queries(client, HOME)
    add(8)
    assert count_queries(client, HOME) == small


def test_needs_you_panel_counts_each_kind_with_a_link_to_it(client_for, partner_member):
    RulesFactory(version=2, effective_on=TODAY)
    html = client_for(partner_member).get(reverse("inbox:panel")).content.decode()
    assert 'href="/inbox/?kind=portal-rules"' in html
    assert "Rules of engagement to acknowledge" in html
