"""Scores on the lists: a manager sorts the partner list by health (trend lines in each row),
narrows it by score and by a drop since the last run, is told at the field when a filter is
wrong, then orders the portfolios by health. The partner list again at 360 px: health and its
trend line stay in view, the other scores step aside."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from tests.factories import ContactFactory, PartnerFactory, StakeholderFactory
from tests.performance.audits_factories import PerformanceAuditFactory
from tests.performance.scoring_factories import PartnerScoreFactory, ScoreRunFactory
from tests.performance.targets_factories import ActualFactory, TargetFactory, metric

from .conftest import login, shot
from .test_enablement_flow import fits_the_width

pytestmark = pytest.mark.browser

# Each partner's health over eight monthly runs, oldest first (the last is its latest).
HEALTH = {
    "Northwind Traders": [52, 55, 61, 64, 70, 74, 79, 83],
    "Globex Networks": [80, 78, 74, 71, 66, 60, 58, 51],
    "Initech Solutions": [45, 47, 44, 48, 50, 49, 53, 55],
    "Umbrella Systems": [70, 68, 72, 65, 69, 40, 38, 35],
    "Vandelay Imports": [30, 34, 33, 38, 42, 47, 52, 61],
}


@pytest.fixture
def scored_channel(manager):
    runs = [ScoreRunFactory() for _ in range(8)]
    for offset, (name, healths) in enumerate(HEALTH.items()):
        partner = PartnerFactory(name=name, owner=manager)
        for index, (run, health) in enumerate(zip(runs, healths, strict=True)):
            PartnerScoreFactory(
                run=run, partner=partner, health=Decimal(health),
                relationship=Decimal(40 + (offset * 11 + index) % 50),
                performance=Decimal(35 + (offset * 17 + index) % 60),
                engagement=Decimal(30 + (offset * 13 + index) % 65),
            )  # fmt: skip
        TargetFactory(partner=partner, metric=metric("revenue"), status="agreed",
                      agreed_value=100, year=2026)  # fmt: skip
        ActualFactory(partner=partner, metric=metric("revenue"), year=2026, value=60 + 10 * offset)
        PerformanceAuditFactory(partner=partner)
        StakeholderFactory(contact=ContactFactory(partner=partner), influence=5,
                           stance="non_supporter")  # fmt: skip
    PartnerFactory(name="Zeta Newcomer", owner=manager)  # not scored yet
    return runs


def first_names(page, count):
    return page.locator("#partner-rows tbody tr td:first-child a").all_inner_texts()[:count]


def test_manager_sorts_and_filters_the_partner_list_by_score(page, live_server, manager,
                                                             scored_channel):  # fmt: skip
    base = live_server.url
    login(page, base, manager.username, name="score-lists-01")
    page.goto(f"{base}/partners/?sort=-health")
    expect(page.locator("#partner-rows")).to_contain_text("Northwind Traders")
    assert first_names(page, 2) == ["Northwind Traders", "Vandelay Imports"]
    rows = page.locator("#partner-rows tbody tr")
    expect(rows.last).to_contain_text("Zeta Newcomer")  # no score: last either way
    northwind = rows.first
    expect(northwind.locator("svg.sparkline")).to_be_visible()
    assert northwind.locator("svg.sparkline polyline").get_attribute("points").count(",") == 8
    expect(northwind.locator(".score-change.up").last).to_contain_text("+4.0")
    shot(page, "score-lists-02-partners-by-health")

    page.get_by_role("link", name="Health Δ").click()
    expect(page).to_have_url(f"{base}/partners/?sort=health_change")
    shot(page, "score-lists-03-partners-by-change")
    assert first_names(page, 1) == ["Globex Networks"]

    page.locator("summary", has_text="More filters").click()
    page.get_by_label("Dropped only").check()
    expect(page).to_have_url(f"{base}/partners/?dropped_health_change=on&sort=health_change")
    expect(page.locator("#partner-rows")).not_to_contain_text("Northwind Traders")
    assert first_names(page, 5) == ["Globex Networks", "Umbrella Systems"]
    shot(page, "score-lists-04-partners-dropped")

    health = page.locator("fieldset", has=page.locator("legend", has_text="Health"))
    health.first.get_by_label("At least").fill("70")
    health.first.get_by_label("At most").fill("20")
    health.first.get_by_label("At most").press("Enter")
    expect(page.locator("#id_max_health-errors")).to_contain_text("below the minimum (70)")
    shot(page, "score-lists-05-partners-filter-error")
    health.first.get_by_label("At most").fill("")
    health.first.get_by_label("At most").press("Enter")
    expect(page.locator("#id_max_health-errors")).to_be_empty()
    expect(page.locator("#partner-rows")).to_contain_text("No partner matches these filters")


def test_manager_orders_the_portfolios_by_health(page, live_server, manager, scored_channel):
    base = live_server.url
    login(page, base, manager.username, name="score-lists-p01")
    page.goto(f"{base}/performance/targets/?year=2026")
    page.get_by_label("Order", exact=True).select_option("-health")
    expect(page).to_have_url(f"{base}/performance/targets/?year=2026&sort=-health")
    expect(page.locator("#attainment tbody tr").first).to_contain_text("Northwind Traders")
    shot(page, "score-lists-p02-targets-by-health")

    page.goto(f"{base}/performance/audits/?sort=health&min_health=40")
    expect(page.locator("#audit-table tbody tr").first).to_contain_text("Globex Networks")
    expect(page.locator("#audit-table")).not_to_contain_text("Umbrella Systems")
    shot(page, "score-lists-p03-audits-by-health")

    page.goto(f"{base}/relationships/?owner=all")
    page.get_by_label("Order", exact=True).select_option("-health_change")
    expect(page).to_have_url(f"{base}/relationships/?owner=all&sort=-health_change")
    champions = page.locator("#champions tbody tr")
    expect(champions.first).to_contain_text("Vandelay Imports")
    expect(champions.last).to_contain_text("Zeta Newcomer")
    shot(page, "score-lists-p04-relationships-by-change")


@pytest.mark.parametrize("width", [360, 390])
def test_partner_list_by_health_on_a_phone(mobile_page, live_server, manager, scored_channel,
                                           width):  # fmt: skip
    page, base = mobile_page, live_server.url
    page.set_viewport_size({"width": width, "height": 844})
    login(page, base, manager.username, name=f"score-lists-m01-{width}")
    page.goto(f"{base}/partners/?sort=-health")
    first = page.locator("#partner-rows tbody tr").first
    expect(first).to_contain_text("Northwind Traders")
    shot(page, f"score-lists-m02-partners-by-health-{width}")
    first.scroll_into_view_if_needed()
    expect(first.locator(".column-health strong")).to_be_in_viewport(ratio=1)
    expect(first.locator("svg.sparkline")).to_be_in_viewport(ratio=1)
    expect(first.locator(".sm-only .score-change")).to_be_visible()
    for label in ("Relationship", "Performance", "Engagement", "Health Δ"):
        expect(page.locator("#partner-rows th", has_text=label)).to_be_hidden()
    fits_the_width(page)
    page.goto(f"{base}/relationships/?owner=all&sort=-health")
    fits_the_width(page)
    for key in ("non-supporters", "cadence", "champions"):  # no table scrolls sideways either
        table = page.locator(f"#{key} .table-wrap")
        assert table.evaluate("e => e.scrollWidth - e.clientWidth") <= 0, key
    shot(page, f"score-lists-m03-relationships-by-health-{width}")
    page.goto(f"{base}/performance/targets/?year=2026&sort=-health")
    fits_the_width(page)
    shot(page, f"score-lists-m04-targets-by-health-{width}")
