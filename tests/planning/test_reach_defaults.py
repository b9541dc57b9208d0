"""The calculator's defaults from a hand-made history, each with its "from … over …" text, and
the stated fallbacks when there is no data."""

import datetime
from decimal import Decimal as D

import pytest

from partners.models import Partner
from planning.selectors import reach as selectors
from tests.factories import PartnerFactory, TerritoryFactory
from tests.performance.targets_factories import ActualFactory

TODAY = datetime.date(2026, 12, 5)  # complete quarters: 2025 Q4 – 2026 Q3


@pytest.fixture
def history(db):
    one = PartnerFactory(joined_on=datetime.date(2025, 1, 10))
    two = PartnerFactory(joined_on=datetime.date(2025, 6, 1))
    idle = PartnerFactory(joined_on=datetime.date(2024, 3, 1))
    gone = PartnerFactory(joined_on=datetime.date(2023, 1, 1), status=Partner.Status.EXITED)
    ActualFactory(partner=one, year=2026, quarter=1, value=D(40_000))
    ActualFactory(partner=one, year=2026, quarter=2, value=D(60_000))
    ActualFactory(partner=two, year=2025, quarter=4, value=D(50_000))
    ActualFactory(partner=two, year=2026, quarter=3, value=D(50_000))
    ActualFactory(partner=gone, year=2024, quarter=1, value=D(30_000))
    ActualFactory(
        partner=one, year=2026, quarter=4, value=D(999_999)
    )  # current quarter: not counted
    # The history: `gone` left on 1 March 2026.
    Partner.objects.filter(pk=gone.pk).update(exited_on=datetime.date(2026, 3, 1))
    return one, two, idle, gone


def test_average_revenue_of_productive_partners(history):
    # one: 40,000 + 60,000 = 100,000; two: 50,000 + 50,000 = 100,000; idle has none and gone
    # has exited → (100,000 + 100,000) ÷ 2 = 100,000.
    default = selectors.average_revenue_default(TODAY)
    assert default.value == D(100_000)
    assert default.from_data
    assert default.source == (
        "from revenue actuals of 2 productive partners (active or at risk, revenue above zero) "
        "over 2025 Q4 – 2026 Q3"
    )


def test_ramp_is_the_median_months_to_first_revenue(history):
    # one: Jan 2025 → 2026 Q1 (Jan 2026) = 12; two: Jun 2025 → 2025 Q4 (Oct) = 4;
    # gone: Jan 2023 → 2024 Q1 = 12 → median of 4, 12, 12 = 12.
    default = selectors.ramp_default(TODAY)
    assert default.value == 12
    assert default.source == (
        "from the median of months from joining to the first revenue quarter, over 3 partners "
        "with revenue (all time)"
    )


def test_productive_share_of_recent_joiners(history):
    # Joined 5 Dec 2023 – 8 Jun 2026: one, two, idle (gone joined 2023) → 2 of 3 = 66.7 %.
    default = selectors.productive_share_default(TODAY)
    assert default.value == D("66.7")
    assert default.source == (
        "from 2 of 3 partners joined 05 Dec 2023 – 08 Jun 2026 that have had revenue"
    )


def test_attrition_from_exit_dates(history):
    # On 5 Dec 2025 four partners were in (gone left later), today three: average 3.5;
    # one exit ÷ 3.5 = 28.6 %.
    default = selectors.attrition_default(TODAY)
    assert default.value == D("28.6")
    assert default.source == (
        "from partners' exit dates: 1 exit ÷ 3.5 partners on average over 05 Dec 2025 – 05 Dec 2026"
    )


@pytest.mark.django_db
def test_without_data_every_default_says_so_and_falls_back():
    defaults = selectors.reach_defaults(today=TODAY)
    for name, default in defaults.items():
        assert not default.from_data, name
        assert default.source.startswith("no data"), name
        assert default.value == selectors.FALLBACKS[name]
    assert "fallback 10 %" in defaults["attrition"].source


@pytest.mark.django_db
def test_territory_capacity_counts_current_partners():
    north = TerritoryFactory(name="North", capacity=5)
    PartnerFactory(territories=[north])
    PartnerFactory(territories=[north], status=Partner.Status.EXITED)
    rows = selectors.territory_capacity()
    assert rows == [{"key": north.pk, "name": "North", "capacity": 5, "current": 1, "free": 4}]
