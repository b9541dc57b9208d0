"""What the global search finds in performance (performance.selectors.search,
performance.panels.search): deal registrations by customer, domain or products; a partner user
only their own partner's, linked to the portal's deal page."""

import datetime

import pytest

from performance.panels.search import deal_result
from performance.selectors.search import search_deals
from prm.search import SearchTerms
from tests.factories import UserFactory
from tests.performance.deals_factories import DealRegistrationFactory
from tests.search_support import require_postgresql


def _find(user, text):
    return list(search_deals(user=user, terms=SearchTerms.parse(text)))


@pytest.mark.parametrize("text", ["umbr", "Umbrella Ph", "pharma", "umbrella.example", "analyt"])
def test_search_deals_by_customer_domain_and_products(manager, partner, text):
    deal = DealRegistrationFactory(
        partner=partner, customer_name="Umbrella Pharma", customer_domain="umbrella.example",
        products="Analytics suite",
    )  # fmt: skip
    DealRegistrationFactory(partner=partner, customer_name="Initech")
    assert _find(manager, text) == [deal]


def test_search_deals_scopes_a_partner_user_to_their_partner(
    manager, partner_member, outsider, partner, other_partner
):
    own = DealRegistrationFactory(partner=partner, customer_name="Umbrella Pharma")
    theirs = DealRegistrationFactory(partner=other_partner, customer_name="Umbrella Logistics")
    assert set(_find(manager, "umbrella")) == {own, theirs}
    assert _find(partner_member, "umbrella") == [own]
    assert _find(outsider, "umbrella") == [theirs]
    assert _find(UserFactory(role=""), "umbrella") == []


def test_deal_result_for_each_side(partner):
    deal = DealRegistrationFactory(
        partner=partner, customer_name="Umbrella Pharma",
        expected_close_on=datetime.date(2027, 3, 3),
    )  # fmt: skip
    staff = deal_result(deal, portal=False)
    assert staff.context == "Acme Systems · Submitted · 25,000 EUR · closes 3 Mar 2027"
    assert staff.url == f"/performance/deals/{deal.pk}/"
    portal = deal_result(deal, portal=True)
    assert portal.context == "Submitted · 25,000 EUR · closes 3 Mar 2027"
    assert portal.url == f"/portal/performance/deals/{deal.pk}/"


def test_search_deals_ranks_the_customer_above_products_on_postgresql(manager, partner):
    require_postgresql()
    by_products = DealRegistrationFactory(
        partner=partner, customer_name="Initech", products="Umbrella licences"
    )
    by_customer = DealRegistrationFactory(partner=partner, customer_name="Umbrella Pharma")
    assert _find(manager, "umbrella") == [by_customer, by_products]
