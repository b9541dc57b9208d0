import datetime
from decimal import Decimal

from performance.selectors.program import last_four_quarters, tier_progress
from tests.incentives.program_factories import TierRequirementFactory, tiers
from tests.performance.audits_factories import CRITERIA, PerformanceAuditFactory
from tests.performance.targets_factories import ActualFactory

TODAY = datetime.date(2026, 5, 10)  # Q2 2026


def test_last_four_quarters_wraps_the_year():
    assert last_four_quarters(TODAY) == [(2026, 2), (2026, 1), (2025, 4), (2025, 3)]


def test_tier_progress_met_and_missing_by_how_much(partner):
    registered, silver, _ = tiers()
    partner.tier = registered
    partner.save()
    TierRequirementFactory(
        tier=silver, min_annual_revenue=Decimal("100000"), min_certified_people=2,
        min_audit_score=40,
    )  # fmt: skip
    ActualFactory(partner=partner, year=2026, quarter=2, value=30000)
    ActualFactory(partner=partner, year=2025, quarter=3, value=20000)
    ActualFactory(partner=partner, year=2025, quarter=2, value=999999)  # too old: not counted
    PerformanceAuditFactory(partner=partner)  # 3 everywhere: total 50

    progress = tier_progress(partner, today=TODAY)

    assert (progress.tier.tier_id, progress.next_tier.tier_id) == (registered.pk, silver.pk)
    by_key = {row.key: row for row in progress.requirements}
    assert by_key["revenue"].actual == Decimal("50000")
    assert not by_key["revenue"].met
    assert by_key["revenue"].missing == Decimal("50000")
    assert by_key["revenue"].percent == 50
    assert (by_key["certified_people"].met, by_key["certified_people"].missing) == (False, 2)
    assert by_key["audit_score"].met
    assert by_key["audit_score"].missing == 0
    assert progress.met_count == 1
    assert not progress.all_met


def test_tier_progress_only_lists_what_is_required(partner):
    _, silver, _ = tiers()
    TierRequirementFactory(tier=tiers()[0], min_audit_score=10)
    progress = tier_progress(partner, today=TODAY)  # no tier yet: next is the entry tier
    assert progress.next_tier.name == "Registered"
    assert [row.key for row in progress.requirements] == ["audit_score"]
    assert progress.requirements[0].actual == 0  # no audit yet
    assert silver.rank == 2


def test_tier_progress_top_tier_has_no_next(partner):
    *_, gold = tiers()
    partner.tier = gold
    partner.save()
    progress = tier_progress(partner, today=TODAY)
    assert progress.next_tier is None
    assert progress.requirements == ()


def test_tier_progress_counts_only_own_revenue(partner, other_partner):
    registered, silver, _ = tiers()
    TierRequirementFactory(tier=silver, min_annual_revenue=100)
    partner.tier = registered
    partner.save()
    ActualFactory(partner=other_partner, year=2026, quarter=2, value=500)
    progress = tier_progress(partner, today=TODAY)
    assert progress.requirements[0].actual == 0
    assert progress.requirements[0].missing == 100


def test_tier_progress_for_the_partner_counts_only_audits_shared_with_them(partner):
    registered, silver, _ = tiers()
    partner.tier = registered
    partner.save()
    TierRequirementFactory(tier=silver, min_audit_score=40)
    PerformanceAuditFactory(partner=partner, audited_on=TODAY, share_with_partner=False)

    assert tier_progress(partner, today=TODAY).audit_score == 50
    assert tier_progress(partner, today=TODAY, for_partner=True).audit_score is None
    PerformanceAuditFactory(
        partner=partner, audited_on=TODAY - datetime.timedelta(days=90), share_with_partner=True,
        **{name: 1 for name in CRITERIA},
    )  # fmt: skip
    assert tier_progress(partner, today=TODAY, for_partner=True).audit_score == 0


def test_portal_tier_page_never_shows_an_audit_kept_internal(client_for, partner_admin, partner):
    from django.urls import reverse

    registered, silver, _ = tiers()
    partner.tier = registered
    partner.save()
    TierRequirementFactory(tier=silver, min_audit_score=40)
    PerformanceAuditFactory(partner=partner, share_with_partner=False)  # total 50, internal

    page = client_for(partner_admin).get(reverse("incentives-portal:tier")).content.decode()
    assert "No audit yet; 40 points needed" in page and "50" not in page.split("req-audit")[1][:200]


def test_certified_people_are_those_still_at_the_partner(partner):
    from tests.factories import ContactFactory
    from tests.incentives.enablement_factories import CertificationFactory

    registered, silver, _ = tiers()
    partner.tier = registered
    partner.save()
    TierRequirementFactory(tier=silver, min_certified_people=1)
    person = ContactFactory(partner=partner)
    CertificationFactory(contact=person, earned_on=TODAY, expires_on=TODAY.replace(year=2028))
    assert tier_progress(partner, today=TODAY).certified_people == 1
    person.left_on = TODAY
    person.save()
    assert tier_progress(partner, today=TODAY).certified_people == 0
