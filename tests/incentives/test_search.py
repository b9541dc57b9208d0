"""What the global search finds in the partner program (incentives.selectors.search,
incentives.panels.search): incentive claims by what was claimed or the payment reference; a
partner user only their own partner's."""

import pytest
from django.utils import timezone

from incentives.models import ClaimStatus
from incentives.panels.search import claim_result
from incentives.selectors.search import search_claims
from prm.search import SearchTerms
from tests.factories import UserFactory
from tests.incentives.claims_factories import IncentiveClaimFactory, IncentiveProgramFactory
from tests.search_support import require_postgresql


def _find(user, text):
    return list(search_claims(user=user, terms=SearchTerms.parse(text)))


def _paid(partner, description, reference):
    return IncentiveClaimFactory(
        partner=partner, description=description, status=ClaimStatus.PAID,
        paid_at=timezone.now(), payment_reference=reference,
    )  # fmt: skip


@pytest.mark.parametrize(
    "text", ["webin", "Webinar series", "platforms", "PAY-2026", "pay-2026-0042"]
)
def test_search_claims_by_description_and_payment_reference(manager, partner, text):
    claim = _paid(partner, "Webinar series on data platforms", "PAY-2026-0042")
    IncentiveClaimFactory(partner=partner, description="Trade fair booth")
    assert _find(manager, text) == [claim]


def test_search_claims_scopes_a_partner_user_to_their_partner(
    manager, partner_member, outsider, partner, other_partner
):
    own = IncentiveClaimFactory(partner=partner, description="Webinar series")
    theirs = IncentiveClaimFactory(partner=other_partner, description="Webinar roadshow")
    assert set(_find(manager, "webinar")) == {own, theirs}
    assert _find(partner_member, "webinar") == [own]
    assert _find(outsider, "webinar") == [theirs]
    assert _find(UserFactory(role=""), "webinar") == []


def test_claim_result_for_each_side(partner):
    program = IncentiveProgramFactory(name="Cloud Rebate 2026")
    claim = IncentiveClaimFactory(partner=partner, program=program, description="Webinar series")
    staff = claim_result(claim, portal=False)
    assert staff.title == "Webinar series"
    assert staff.context == "Acme Systems · Cloud Rebate 2026 · 1,000.00 EUR · Requested"
    assert staff.url == (f"/program/claims/?program={program.pk}&status=requested#claim-{claim.pk}")
    portal = claim_result(claim, portal=True)
    assert portal.context == "Cloud Rebate 2026 · 1,000.00 EUR · Requested"
    assert portal.url == f"/portal/program/claims/#claim-{claim.pk}"


def test_search_claims_ranks_the_description_above_the_reference_on_postgresql(manager, partner):
    require_postgresql()
    by_reference = _paid(partner, "Trade fair booth", "ROADSHOW-7")
    by_description = IncentiveClaimFactory(partner=partner, description="Roadshow in Lyon")
    assert _find(manager, "roadshow") == [by_description, by_reference]
