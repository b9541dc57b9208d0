"""A channel manager works out the reach a goal needs: changes an input and sees the answer
follow, saves the scenario, saves a second and compares the two. At 1366 px and at 360 px."""

import pytest
from playwright.sync_api import expect

from tests.factories import PartnerFactory, TerritoryFactory

from .conftest import login, shot

pytestmark = pytest.mark.browser


@pytest.fixture
def territories(db):
    north = TerritoryFactory(name="North", capacity=12)
    TerritoryFactory(name="South", capacity=30)
    for _ in range(8):
        PartnerFactory(territories=[north])


@pytest.mark.parametrize("size", ["laptop", "phone"])
def test_reach_calculator_save_and_compare(request, size, live_server, manager, territories):
    page = request.getfixturevalue(size)
    base = live_server.url
    login(page, base, manager.username, name=f"reach-{size}")
    page.goto(f"{base}/planning/reach/")
    recruits = page.get_by_test_id("recruits-needed")
    before = recruits.inner_text()
    shot(page, f"reach-{size}-01-calculator")

    page.fill("input[name=goal]", "3000000")
    expect(recruits).not_to_have_text(before)
    after = recruits.inner_text()
    assert int(after.replace(",", "")) > int(before.replace(",", ""))
    page.fill("input[name=ramp_months]", "12")  # as long as the period: impossible
    expect(page.locator("#reach-error-ramp_months")).to_contain_text("shorter than the period")
    shot(page, f"reach-{size}-02-impossible")
    page.fill("input[name=ramp_months]", "4")
    expect(page.locator("#reach-error-ramp_months")).to_be_empty()
    expect(page.get_by_test_id("recruits-needed")).to_be_visible()

    page.fill("input[name=name]", "Stretch")
    page.get_by_role("button", name="Save scenario").click()
    expect(page.get_by_role("cell", name="Stretch", exact=True)).to_be_visible()

    page.goto(f"{base}/planning/reach/")
    page.fill("input[name=goal]", "1000000")
    expect(page.get_by_test_id("recruits-needed")).not_to_have_text(after)
    page.fill("input[name=name]", "Steady")
    page.get_by_role("button", name="Save scenario").click()
    expect(page.get_by_role("cell", name="Steady", exact=True)).to_be_visible()
    shot(page, f"reach-{size}-03-scenarios")

    page.get_by_label("Compare Stretch").check()
    page.get_by_label("Compare Steady").check()
    page.get_by_role("button", name="Compare selected").click()
    expect(page.get_by_role("heading", name="Scenarios side by side")).to_be_visible()
    expect(page.locator("canvas[data-chart]").first).to_be_visible()
    shot(page, f"reach-{size}-04-compare")
