"""Support effort end to end: a manager sees a partner's rising support effort on its Support
tab, logs an escalation from there, and resolves it; the partner's admin reads it in the
portal with our hours and without our internal notes. Then the pages at 390 px."""

import datetime
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from planning.selectors.escalations import completed_quarters
from tests.performance.targets_factories import ActualFactory
from tests.planning.escalations_factories import EscalationFactory

from .conftest import login, shot

pytestmark = pytest.mark.browser


@pytest.fixture
def history(partner):
    for index, (year, quarter) in enumerate(completed_quarters(today=datetime.date.today(),
                                                               count=8)):  # fmt: skip
        EscalationFactory(partner=partner, opened_on=datetime.date(year, 3 * quarter - 1, 5),
                          effort_hours=Decimal(30 if index >= 6 else 6))  # fmt: skip
        ActualFactory(partner=partner, year=year, quarter=quarter, value=120_000)


def test_manager_logs_and_resolves_partner_reads_in_portal(
    page, live_server, partner, manager, partner_admin, history
):
    base = live_server.url
    login(page, base, manager.username, name="esc-01")
    page.goto(f"{base}/partners/{partner.slug}/tab/support/")
    expect(page.get_by_text("Support effort is rising")).to_be_visible()
    shot(page, "esc-02-support-tab")
    page.get_by_role("link", name="Log an escalation").click()
    page.fill("input[name=customer]", "Harbor Dental Group")
    page.fill("input[name=summary]", "Licence keys did not activate after renewal.")
    page.select_option("select[name=severity]", "high")
    page.fill("input[name=effort_hours]", "-3")
    page.fill("textarea[name=internal_notes]", "They skipped the checklist again.")
    page.fill("textarea[name=partner_notes]", "Please run the renewal checklist.")
    page.get_by_role("button", name="Log the escalation").click()
    expect(page.get_by_text("Hours cannot be negative.")).to_be_visible()
    shot(page, "esc-03-form-error")
    page.fill("input[name=effort_hours]", "5")
    page.get_by_role("button", name="Log the escalation").click()
    expect(page.get_by_role("heading", name="Harbor Dental Group")).to_be_visible()
    page.select_option("select[name=outcome]", "workaround")
    page.get_by_role("button", name="Resolve").click()
    expect(page.get_by_text("Workaround given").first).to_be_visible()
    shot(page, "esc-04-detail-resolved")
    page.goto(f"{base}/planning/support-effort/")
    expect(page.get_by_text("rising").first).to_be_visible()
    shot(page, "esc-05-support-effort")
    page.context.clear_cookies()
    login(page, base, partner_admin.username, name="esc-06")
    page.goto(f"{base}/portal/escalations/")
    page.get_by_role("link", name="Harbor Dental Group").click()
    expect(page.get_by_text("Please run the renewal checklist.")).to_be_visible()
    expect(page.get_by_text("They skipped the checklist")).to_have_count(0)
    shot(page, "esc-07-portal-detail")


def test_escalation_pages_on_a_phone(phone, live_server, partner, manager, history):
    login(phone, live_server.url, manager.username, name="esc-phone")
    phone.goto(f"{live_server.url}/partners/{partner.slug}/tab/support/")
    shot(phone, "esc-phone-01-support-tab")
    phone.goto(f"{live_server.url}/planning/escalations/")
    shot(phone, "esc-phone-02-list")
