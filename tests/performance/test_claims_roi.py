import datetime
from decimal import Decimal

from django.utils import timezone

from incentives.models import ClaimStatus
from performance.selectors.claims import partner_rois, program_rois, roi_ratio
from tests.incentives.claims_factories import IncentiveClaimFactory, IncentiveProgramFactory
from tests.performance.deals_factories import DealRegistrationFactory
from tests.performance.targets_factories import ActualFactory


def _paid(program, partner, amount, revenue, reference):
    return IncentiveClaimFactory(
        program=program, partner=partner, amount=Decimal(amount),
        attributed_revenue=Decimal(revenue), status=ClaimStatus.PAID,
        paid_at=timezone.now(), payment_reference=reference,
    )  # fmt: skip


def test_roi_ratio_is_return_over_paid():
    assert roi_ratio(attributed=Decimal("5000"), paid=Decimal("1000")) == Decimal("4.00")
    assert roi_ratio(attributed=Decimal("0"), paid=Decimal("0")) is None


def test_program_rois_results_compare_revenue_before_and_during(partner, other_partner):
    program = IncentiveProgramFactory(
        targeted_behaviour="results",
        starts_on=datetime.date(2025, 1, 1), ends_on=datetime.date(2025, 6, 30),
    )  # fmt: skip
    _paid(program, partner, "1000", "4000", "P1")
    _paid(program, other_partner, "1000", "2000", "P2")
    IncentiveClaimFactory(program=program, partner=partner, amount=Decimal("999"))  # requested
    ActualFactory(partner=partner, year=2024, quarter=3, value=100)
    ActualFactory(partner=partner, year=2025, quarter=1, value=300)
    ActualFactory(partner=other_partner, year=2025, quarter=2, value=50)
    (row,) = program_rois()
    assert row.paid == Decimal("2000") and row.attributed_revenue == Decimal("6000")
    assert row.roi == Decimal("2.00")
    assert (row.before, row.during, row.change) == (Decimal("100"), Decimal("350"), 250)


def test_program_rois_focus_counts_registered_deals(partner):
    today = datetime.date.today()
    program = IncentiveProgramFactory(
        starts_on=today - datetime.timedelta(days=10), ends_on=today + datetime.timedelta(days=10)
    )
    _paid(program, partner, "100", "50", "P3")
    DealRegistrationFactory.create_batch(2, partner=partner)
    (row,) = program_rois()
    assert row.behaviour_label == "Registered deals"
    assert (row.before, row.during) == (0, 2)
    assert row.roi == Decimal("-0.50")


def test_program_rois_requirements_counts_certified_people(partner):
    IncentiveProgramFactory(targeted_behaviour="requirements")
    (row,) = program_rois()
    assert row.behaviour_label == "Newly certified people"
    assert (row.before, row.during) == (0, 0)


def test_partner_rois_only_own_paid_claims(partner, other_partner):
    program = IncentiveProgramFactory()
    _paid(program, partner, "1000", "3000", "P4")
    _paid(program, other_partner, "1000", "0", "P5")
    (row,) = partner_rois(partner=partner)
    assert (row.paid, row.roi) == (Decimal("1000"), Decimal("2.00"))
