"""Support effort per revenue on hand-built histories, the rising rule, and the bulk variant's
constant queries."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from planning.selectors import escalations as selectors
from tests.factories import PartnerFactory
from tests.performance.targets_factories import ActualFactory

from .escalations_factories import EscalationFactory

pytestmark = pytest.mark.django_db

# In 2026 Q3: the eight completed quarters are 2024 Q3 … 2026 Q2.
TODAY = datetime.date(2026, 7, 10)
QUARTERS = [(2024, 3), (2024, 4), (2025, 1), (2025, 2), (2025, 3), (2025, 4), (2026, 1), (2026, 2)]


def history(partner, hours: list, revenue: list) -> None:
    """One escalation per quarter with that quarter's hours (none for 0), and its revenue
    actual (none for None), oldest quarter first."""
    for (year, quarter), spent, earned in zip(QUARTERS, hours, revenue, strict=True):
        if spent:
            day = datetime.date(year, 3 * quarter - 1, 10)
            EscalationFactory(partner=partner, opened_on=day, effort_hours=Decimal(str(spent)))
        if earned is not None:
            ActualFactory(partner=partner, year=year, quarter=quarter, value=earned)


def test_completed_quarters_end_before_todays():
    assert selectors.completed_quarters(today=TODAY, count=8) == QUARTERS
    assert selectors.completed_quarters(today=datetime.date(2026, 1, 1), count=2) == [
        (2025, 3), (2025, 4)
    ]  # fmt: skip


def test_effort_per_revenue_worked_example():
    """Worked example. Six quarters of 10 hours on 100,000 of revenue each: 10 × 10,000 ÷
    100,000 = 1.00 hour per 10,000. Then two quarters of 20 hours on the same revenue: 2.00.
    Recent (last two): 40 h ÷ 200,000 × 10,000 = 2.00; baseline (the four before): 40 h ÷
    400,000 × 10,000 = 1.00; 2.00 ≥ 1.25 × 1.00, so effort is rising (per revenue).
    Over all eight: 100 h ÷ 800,000 × 10,000 = 1.25."""
    partner = PartnerFactory()
    history(partner, [10, 10, 10, 10, 10, 10, 20, 20], [100_000] * 8)
    EscalationFactory(partner=partner, opened_on=datetime.date(2026, 7, 2), effort_hours=50)
    trend = selectors.effort_trend(partner_id=partner.pk, today=TODAY)
    assert [row["label"] for row in trend["quarters"]][0] == "2024 Q3"
    assert [row["per_10k"] for row in trend["quarters"]] == [Decimal("1.00")] * 6 + [
        Decimal("2.00")
    ] * 2
    assert trend["hours"] == Decimal("100")  # today's quarter is not counted yet
    assert trend["revenue"] == Decimal("800000")
    assert trend["per_10k"] == Decimal("1.25")
    assert trend["recent_per_10k"] == Decimal("2.00")
    assert trend["baseline_per_10k"] == Decimal("1.00")
    assert trend["rising"] is True and trend["rising_because"] == "per_revenue"


def test_quarter_without_revenue_has_no_ratio_and_quiet_partner_is_not_rising():
    partner = PartnerFactory()
    history(partner, [0, 0, 0, 0, 0, 0, 0, 0], [None, 50_000, 50_000, 50_000, 50_000, 50_000,
                                               50_000, 50_000])  # fmt: skip
    trend = selectors.effort_trend(partner_id=partner.pk, today=TODAY)
    assert trend["quarters"][0]["revenue"] is None and trend["quarters"][0]["per_10k"] is None
    assert trend["quarters"][1]["per_10k"] == Decimal("0.00")
    assert trend["rising"] is False


def test_rising_by_hours_with_flat_revenue():
    """Hours per quarter +25% (10 → 12.5) with revenue +5% (100,000 → 105,000): per revenue
    only +19% (1.00 → 1.19), not enough on its own; but hours rose with revenue flat."""
    partner = PartnerFactory()
    history(partner, [10] * 6 + [12.5, 12.5], [100_000] * 6 + [105_000, 105_000])
    trend = selectors.effort_trend(partner_id=partner.pk, today=TODAY)
    assert trend["recent_per_10k"] == Decimal("1.19")
    assert trend["rising"] is True and trend["rising_because"] == "hours"


def test_rising_by_hours_without_any_revenue():
    partner = PartnerFactory()
    history(partner, [4] * 6 + [10, 10], [None] * 8)
    trend = selectors.effort_trend(partner_id=partner.pk, today=TODAY)
    assert trend["per_10k"] is None
    assert trend["rising_because"] == "hours"


def test_not_rising_when_revenue_grows_with_the_hours():
    partner = PartnerFactory()
    history(partner, [10] * 6 + [15, 15], [100_000] * 6 + [150_000, 150_000])
    trend = selectors.effort_trend(partner_id=partner.pk, today=TODAY)
    assert trend["recent_per_10k"] == trend["baseline_per_10k"] == Decimal("1.00")
    assert trend["rising"] is False


def test_not_rising_below_the_minimum_hours():
    """1 hour a quarter, then 3.5: three and a half times the effort, but 7 hours in the last
    two quarters is below the 8 a trend needs."""
    partner = PartnerFactory()
    history(partner, [1] * 6 + [3.5, 3.5], [100_000] * 8)
    assert selectors.effort_trend(partner_id=partner.pk, today=TODAY)["rising"] is False


def test_not_rising_with_less_than_six_quarters_of_history_asked():
    partner = PartnerFactory()
    history(partner, [10] * 6 + [40, 40], [100_000] * 8)
    assert selectors.effort_trend(partner_id=partner.pk, quarters=4, today=TODAY)["rising"] is False
    assert selectors.effort_trend(partner_id=partner.pk, today=TODAY)["rising"] is True


def test_effort_trends_runs_two_queries_whatever_the_number_of_partners():
    def queries(partner_ids):
        with CaptureQueriesContext(connection) as captured:
            trends = selectors.effort_trends(partner_ids=partner_ids, today=TODAY)
        return len(captured.captured_queries), trends

    few = [PartnerFactory() for _ in range(2)]
    for partner in few:
        history(partner, [5] * 8, [80_000] * 8)
    small, _ = queries([p.pk for p in few])
    many = few + [PartnerFactory() for _ in range(8)]
    for partner in many[2:]:
        history(partner, [3] * 6 + [20, 20], [80_000] * 8)
    large, trends = queries([p.pk for p in many])
    assert small == large == 2
    assert [trends[p.pk]["rising"] for p in many] == [False, False] + [True] * 8


def test_effort_ranking_puts_effort_without_revenue_first_then_most_per_revenue():
    steady, heavy, unpaid = PartnerFactory(name="Steady"), PartnerFactory(name="Heavy"), \
        PartnerFactory(name="Unpaid")  # fmt: skip
    history(steady, [10] * 8, [100_000] * 8)
    history(heavy, [30] * 8, [100_000] * 8)
    history(unpaid, [2] * 8, [None] * 8)
    PartnerFactory(name="Never escalated")
    ranking = selectors.effort_ranking(today=TODAY)
    assert [row["name"] for row in ranking] == ["Unpaid", "Heavy", "Steady"]
    assert ranking[1]["per_10k"] == Decimal("3.00")  # 120 h ÷ 400,000 × 10,000
    assert ranking[1]["count"] == 4
