"""A channel manager compares the return of the incentive programs: the ROI chart and the table
sorted by ROI, filtered by kind (htmx) down to none and back; then reads one partner's incentives
on its Program tab. The comparison at phone width too."""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from incentives.models import ClaimStatus
from performance.models import DealRegistration
from tests.factories import PartnerFactory
from tests.incentives.claims_factories import IncentiveClaimFactory, IncentiveProgramFactory
from tests.incentives.enablement_factories import CertificationFactory
from tests.performance.deals_factories import DealRegistrationFactory
from tests.performance.targets_factories import ActualFactory

from .conftest import login, shot

pytestmark = pytest.mark.browser


def _paid(program, partner, amount, revenue):
    IncentiveClaimFactory(
        program=program, partner=partner, amount=Decimal(amount),
        attributed_revenue=Decimal(revenue), status=ClaimStatus.PAID, paid_at=timezone.now(),
        payment_reference=f"PAY-{program.pk}-{partner.pk}",
    )  # fmt: skip


def _deals(partner, day, count):
    for _ in range(count):
        deal = DealRegistrationFactory(partner=partner)
        moment = datetime.datetime.combine(day, datetime.time(10), tzinfo=datetime.UTC)
        DealRegistration.objects.filter(pk=deal.pk).update(created_at=moment)


def _program(name, kind, behaviour, starts_on, ends_on, budget):
    return IncentiveProgramFactory(
        name=name, kind=kind, targeted_behaviour=behaviour, budget=Decimal(budget),
        starts_on=starts_on, ends_on=ends_on,
    )  # fmt: skip


@pytest.fixture
def incentives(partner, other_partner):
    northwind = PartnerFactory(name="Northwind Traders")
    rebate = _program("Cloud migration rebate", "rebate", "results",
                      datetime.date(2026, 1, 1), datetime.date(2026, 6, 30), "60000")  # fmt: skip
    _paid(rebate, partner, "8000", "38000")
    _paid(rebate, northwind, "4000", "16000")
    ActualFactory(partner=partner, year=2025, quarter=4, value=120_000)
    ActualFactory(partner=partner, year=2026, quarter=2, value=185_000)
    spiff = _program("Security SPIFF", "spiff", "focus",
                     datetime.date(2026, 4, 1), datetime.date(2026, 6, 30), "15000")  # fmt: skip
    _paid(spiff, other_partner, "8000", "6000")
    _deals(other_partner, datetime.date(2026, 2, 10), 2)
    _deals(other_partner, datetime.date(2026, 5, 12), 5)
    coop = _program("Healthcare co-op fund", "co_op", "loyalty",
                    datetime.date(2025, 9, 1), datetime.date(2026, 2, 28), "25000")  # fmt: skip
    _paid(coop, northwind, "5000", "17500")
    _deals(northwind, datetime.date(2025, 6, 1), 4)
    _deals(northwind, datetime.date(2025, 11, 3), 3)
    sprint = _program("Certification sprint", "award", "requirements",
                      datetime.date(2026, 3, 1), datetime.date(2026, 5, 31), "9000")  # fmt: skip
    _paid(sprint, partner, "3000", "4500")
    for day in (datetime.date(2026, 3, 10), datetime.date(2026, 4, 2), datetime.date(2026, 5, 20)):
        CertificationFactory(contact__partner=partner, earned_on=day)
    summit = _program("Partner summit MDF", "mdf", "loyalty",
                      datetime.date(2026, 9, 1), datetime.date(2026, 12, 31), "30000")  # fmt: skip
    IncentiveClaimFactory(program=summit, partner=partner)  # requested, nothing paid yet
    return partner


def _program_order(page):
    return page.locator("#roi-table tbody tr td:first-child strong").all_inner_texts()


def test_manager_compares_incentive_roi_and_reads_a_partners_return(
    page, live_server, manager, incentives
):
    base = live_server.url
    url = f"{base}{reverse('performance:incentive-roi')}"
    login(page, base, manager.username, name="rel-roi")
    page.goto(url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Incentive ROI")
    expect(page.locator("#roi-chart canvas[data-drawn='1']")).to_be_visible()
    assert page.locator("#roi-chart canvas").bounding_box()["height"] > 150
    assert _program_order(page) == [
        "Cloud migration rebate", "Healthcare co-op fund", "Certification sprint",
        "Security SPIFF", "Partner summit MDF",
    ]  # fmt: skip
    first = page.locator("#roi-table tbody tr").first
    expect(first).to_contain_text("12,000 EUR")
    expect(first).to_contain_text("54,000 EUR")
    expect(first).to_contain_text("350%")
    expect(first).to_contain_text("120,000 → 185,000")
    expect(page.locator("#roi-table tbody tr").last).to_contain_text("nothing paid yet")
    expect(page.locator("#roi-chart")).to_contain_text("1 program with nothing paid yet")
    shot(page, "rel-roi-01-comparison")

    page.select_option("select[name=order]", "lowest")
    expect(page).to_have_url(re.compile(r"order=lowest"))  # the filters are in the address
    expect(page.locator("#roi-table tbody tr").first).to_contain_text("Security SPIFF")
    expect(page.locator("#roi-chart canvas[data-drawn='1']")).to_be_visible()  # redrawn
    page.select_option("select[name=kind]", "spiff")
    expect(page).to_have_url(re.compile(r"kind=spiff"))
    expect(page.locator("#roi-table tbody tr")).to_have_count(1)
    expect(page.locator("#roi-chart")).to_have_count(0)  # one bar compares nothing
    expect(page.locator("#roi-table")).to_contain_text("-25%")
    expect(page.locator("#roi-table")).to_contain_text("2 → 5")
    shot(page, "rel-roi-02-filtered-spiff")

    page.select_option("select[name=kind]", "special_bid")
    expect(page.locator("#roi-results")).to_contain_text("No program matches these filters.")
    shot(page, "rel-roi-03-no-match")
    page.get_by_role("link", name="Show every program").click()
    expect(page.locator("#roi-table tbody tr")).to_have_count(5)

    page.goto(f"{base}{reverse('partners:partner-tab', args=[incentives.slug, 'program'])}")
    section = page.locator("#partner-incentive-roi")
    expect(section).to_contain_text("Incentives paid and their return")
    expect(section.locator("tbody tr")).to_have_count(2)
    expect(section).to_contain_text("375%")  # 8,000 paid for 38,000 of revenue
    section.scroll_into_view_if_needed()
    shot(page, "rel-roi-04-partner-tab")


def test_incentive_roi_at_phone_width(mobile_page, live_server, manager, incentives):
    page, base = mobile_page, live_server.url
    login(page, base, manager.username, name="rel-roi-mobile")
    page.goto(f"{base}{reverse('performance:incentive-roi')}")
    expect(page.locator("#roi-chart canvas[data-drawn='1']")).to_be_visible()
    expect(page.locator("#roi-table tbody tr").first).to_contain_text("350%")
    shot(page, "rel-roi-05-mobile-comparison")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways at phone width ({width}px)"
    page.goto(f"{base}{reverse('partners:partner-tab', args=[incentives.slug, 'program'])}")
    expect(page.locator("#partner-incentive-roi")).to_contain_text("375%")
    page.locator("#partner-incentive-roi").scroll_into_view_if_needed()
    shot(page, "rel-roi-06-mobile-partner-tab")


def test_incentive_roi_before_any_program(page, live_server, manager):
    base = live_server.url
    login(page, base, manager.username, name="rel-roi-empty")
    page.goto(f"{base}{reverse('performance:incentive-roi')}")
    expect(page.locator("#roi-results")).to_contain_text("No incentive programs yet.")
    shot(page, "rel-roi-07-empty")
    page.get_by_role("link", name="Go to incentive programs").click()
    expect(page).to_have_url(f"{base}{reverse('incentives:program-list')}")
