"""What the app's own data says about a process: the read-only shares other apps' selectors
give, on hand-built data, and how the maturity page puts them beside the processes."""

import datetime

import pytest
from django.utils import timezone

from incentives.selectors.enablement import certification_coverage
from partners.models import Partner
from performance.models import BusinessPlan, DealStatus
from performance.selectors.deals import DEAL_DECISION_SLA_DAYS, decisions_within_sla
from performance.selectors.plans import agreed_plan_share, review_cadence_share
from planning.selectors.maturity import data_speaks
from prm.lib.dates import day_label
from relationships.selectors.stakeholders import analysis_coverage
from tests.factories import (
    ContactFactory,
    PartnerFactory,
    ProgramTierFactory,
    StakeholderFactory,
    UserFactory,
)
from tests.incentives.enablement_factories import CertificationFactory
from tests.incentives.program_factories import TierRequirementFactory
from tests.performance.deals_factories import DealRegistrationFactory
from tests.performance.plans_factories import BusinessPlanFactory, ReviewFactory

TODAY = datetime.date.today()
pytestmark = pytest.mark.django_db


def _days_ago(days):
    return TODAY - datetime.timedelta(days=days)


def test_review_cadence_share_counts_active_partners_reviewed_within_their_cadence():
    monthly = ProgramTierFactory(name="Gold", review_cadence_days=30)
    on_time = PartnerFactory(tier=monthly)
    ReviewFactory(partner=on_time, held_on=_days_ago(20))
    late = PartnerFactory(tier=monthly)
    ReviewFactory(partner=late, held_on=_days_ago(45))
    ReviewFactory(partner=late, held_on=_days_ago(100))
    PartnerFactory(tier=monthly)  # never reviewed: not on cadence
    default = PartnerFactory(tier=None)  # the 90-day default
    ReviewFactory(partner=default, held_on=_days_ago(60))
    exited = PartnerFactory(status=Partner.Status.EXITED)
    ReviewFactory(partner=exited, held_on=_days_ago(1))
    assert review_cadence_share(today=TODAY) == {"count": 2, "total": 4}


def test_decisions_within_sla_counts_decided_in_time_of_those_due():
    now = timezone.now()

    def deal(submitted_days_ago, decided_after_days=None):
        created = now - datetime.timedelta(days=submitted_days_ago)
        decided = created + datetime.timedelta(days=decided_after_days) if (
            decided_after_days is not None) else None  # fmt: skip
        made = DealRegistrationFactory(
            status=DealStatus.REJECTED if decided else DealStatus.SUBMITTED,
            decided_at=decided,
            rejection_reason="Already registered by another partner" if decided else "",
            decided_by=UserFactory(role="channel_manager") if decided else None,
        )
        type(made).objects.filter(pk=made.pk).update(created_at=created)

    deal(30, 1)  # in time
    deal(30, DEAL_DECISION_SLA_DAYS + 2)  # late
    deal(20, DEAL_DECISION_SLA_DAYS)  # in time, on the last day
    deal(DEAL_DECISION_SLA_DAYS + 3)  # still waiting, past the deadline: late
    deal(1)  # still waiting, may yet make it: not counted
    deal(200, 1)  # submitted before the period
    result = decisions_within_sla(since=_days_ago(90), until=TODAY)
    assert result == {"count": 2, "total": 4}


def test_certification_coverage_counts_partners_meeting_their_tier_requirement():
    gold = ProgramTierFactory(name="Gold")
    TierRequirementFactory(tier=gold, min_certified_people=2)
    silver = ProgramTierFactory(name="Silver")
    TierRequirementFactory(tier=silver, min_certified_people=None)
    meets = PartnerFactory(tier=gold)
    for _ in range(2):
        CertificationFactory(contact=ContactFactory(partner=meets))
    short = PartnerFactory(tier=gold)
    CertificationFactory(contact=ContactFactory(partner=short))
    left = ContactFactory(partner=short, left_on=_days_ago(3))
    CertificationFactory(contact=left)  # who left does not count
    expired = ContactFactory(partner=short)
    CertificationFactory(contact=expired, earned_on=_days_ago(800), expires_on=_days_ago(70))
    PartnerFactory(tier=silver)  # nothing required: outside the share
    PartnerFactory(tier=None)
    assert certification_coverage(today=TODAY) == {"count": 1, "total": 2}


def test_agreed_plan_share_counts_active_or_closed_plans_of_the_year():
    year = TODAY.year
    BusinessPlanFactory(partner=PartnerFactory(), year=year, status=BusinessPlan.Status.ACTIVE)
    BusinessPlanFactory(partner=PartnerFactory(), year=year, status=BusinessPlan.Status.CLOSED)
    BusinessPlanFactory(partner=PartnerFactory(), year=year, status=BusinessPlan.Status.DRAFT)
    BusinessPlanFactory(partner=PartnerFactory(), year=year - 1)
    assert agreed_plan_share(year=year) == {"count": 2, "total": 4}


def test_analysis_coverage_counts_analysed_and_championed_partners():
    championed = PartnerFactory()
    StakeholderFactory(contact=ContactFactory(partner=championed), is_champion=True,
                       champion_reason="Sponsors our line", stance="supporter")  # fmt: skip
    analysed = PartnerFactory()
    StakeholderFactory(contact=ContactFactory(partner=analysed))
    gone = PartnerFactory()
    StakeholderFactory(contact=ContactFactory(partner=gone, left_on=_days_ago(5)))
    PartnerFactory()
    assert analysis_coverage() == {"analysed": 2, "championed": 1, "total": 4}


def test_data_speaks_names_definition_and_period_per_process():
    partner = PartnerFactory()
    ReviewFactory(partner=partner, held_on=_days_ago(5))
    PartnerFactory()
    figures = data_speaks(today=TODAY)
    assert set(figures) == {"performance-review", "lead-management", "enablement",
                            "joint-business-planning", "relationship-management"}  # fmt: skip
    review = figures["performance-review"][0]
    assert (review.count, review.total, review.percent) == (1, 2, 50)
    assert "cadence" in str(review.definition) and day_label(TODAY) in str(review.period)
    lead = figures["lead-management"][0]
    assert lead.percent is None  # no deal: no share, never a made-up 0 %
    assert f"{DEAL_DECISION_SLA_DAYS} days" in str(lead.definition)
    assert len(figures["relationship-management"]) == 2
