"""A channel manager assesses our channel operations: one try without a level first (the form
says what is missing), then every process rated; the maturity page draws the radar, now against
last time, and lists the process that dropped first. The same pages at phone width."""

import datetime
from importlib import import_module

import pytest
from playwright.sync_api import expect

from planning.models import ChannelProcess
from tests.planning.maturity_helpers import assess

from .conftest import login, shot

pytestmark = pytest.mark.browser

LEVELS = {"recruitment": 3, "onboarding": 2, "enablement": 4, "joint-business-planning": 2,
          "incentives": 4, "lead-management": 1, "performance-review": 3,
          "relationship-management": 3}  # fmt: skip


@pytest.fixture
def processes(db):
    """The eight processes of the data migration (a live-server test empties every table after
    it, the migration's rows included)."""
    from django.apps import apps

    import_module("planning.migrations.0005_maturity_default_processes").add_processes(apps, None)


@pytest.fixture
def last_time(manager, processes):
    return assess(manager, days_ago=180, default=3, levels={"lead-management": 4})


def fill(page, skip=()):
    for process in ChannelProcess.objects.filter(active=True):
        if process.key in skip:
            continue
        level = LEVELS[process.key]
        page.click(f"label:has(> input[name='{process.key}__level'][value='{level}'])")
        page.fill(f"textarea[name='{process.key}__evidence']", f"What we saw in {process.name}.")


def _assess_and_check(page, base, manager, *, name):
    login(page, base, manager.username, name=name)
    page.goto(f"{base}/planning/maturity/new/")
    shot(page, f"{name}-form")
    fill(page, skip=("incentives",))
    page.fill("textarea[name='lead-management__action']", "Name a second approver for deals.")
    page.click("button:has-text('Save assessment')")
    expect(page.locator("#field-incentives__level .errorlist")).to_contain_text("Choose the level")
    expect(page.locator("#field-lead-management__action_owner .errorlist")).to_be_visible()
    shot(page, f"{name}-form-errors")
    fill(page, skip=tuple(k for k in LEVELS if k != "incentives"))
    page.select_option("select[name='lead-management__action_owner']", str(manager.pk))
    due = (datetime.date.today() + datetime.timedelta(days=21)).isoformat()
    page.fill("input[name='lead-management__action_due']", due)
    page.click("button:has-text('Save assessment')")
    expect(page.locator("h1")).to_contain_text("Operations assessment of")
    shot(page, f"{name}-detail")
    page.goto(f"{base}/planning/maturity/")
    expect(page.locator("canvas[data-chart='maturity-radar-data']")).to_be_visible()
    rows = page.locator(".maturity-row")
    expect(rows.first).to_have_attribute("data-process", "lead-management")
    expect(rows.first).to_contain_text("dropped 3 levels")
    expect(rows.nth(1)).to_have_attribute("data-process", "joint-business-planning")
    page.wait_for_timeout(400)  # the chart's animation
    shot(page, f"{name}-dashboard")


def test_manager_assesses_operations_on_a_laptop(laptop, live_server, manager, last_time):
    _assess_and_check(laptop, live_server.url, manager, name="maturity-laptop")
    laptop.goto(f"{live_server.url}/planning/maturity/history/")
    expect(laptop.locator("#history-rows tbody tr")).to_have_count(2)
    shot(laptop, "maturity-laptop-history")


def test_manager_assesses_operations_on_a_phone(phone, live_server, manager, last_time):
    _assess_and_check(phone, live_server.url, manager, name="maturity-phone")
