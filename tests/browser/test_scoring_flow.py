"""Scores and alerts: a manager runs the scoring as of today, reads "why" on a partner's Scores
tab, finds the partner on the scores list, dismisses an alert with a reason; the partner admin
sees only their performance and engagement scores. Key pages again at 360 px."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from performance.services.scoring import score_run_foreground
from tests.factories import ContactFactory, StakeholderFactory

from .conftest import login, shot

pytestmark = pytest.mark.browser


def _scored(partner):
    StakeholderFactory(contact=ContactFactory(partner=partner, first_name="Nina",
                                              last_name="Nay"),
                       influence=5, stance="non_supporter")  # fmt: skip
    score_run_foreground(as_of=timezone.localdate() - datetime.timedelta(days=30))
    score_run_foreground(as_of=timezone.localdate())


def test_manager_reads_scores_and_acts_on_alerts(page, live_server, manager, partner):
    base = live_server.url
    _scored(partner)
    login(page, base, manager.username, name="scores-01")
    expect(page.locator("#scoring-alerts")).to_contain_text("open")
    shot(page, "scores-02-dashboard-alerts")

    page.goto(f"{base}/partners/{partner.slug}/")
    page.get_by_role("tab", name="Scores").click()
    expect(page.locator("#partner-alerts")).to_contain_text("Nina Nay")
    expect(page.get_by_text("Influence-weighted stance").first).to_be_visible()
    shot(page, "scores-03-partner-tab")

    page.goto(f"{base}/performance/scores/")
    expect(page.get_by_role("link", name=partner.name)).to_be_visible()
    shot(page, "scores-04-list")

    page.goto(f"{base}/performance/alerts/?partner={partner.slug}")
    shot(page, "scores-05-alerts")
    item = page.locator(".alert-item", has_text="does not support us").first
    item.get_by_label("Why dismiss it").fill("   ")  # the browser lets spaces through
    item.get_by_role("button", name="Dismiss").click()
    expect(page.get_by_text("This field is required").first).to_be_visible()
    shot(page, "scores-06-dismiss-error")
    item = page.locator(".alert-item", has_text="does not support us").first
    item.get_by_label("Why dismiss it").fill("Plan agreed verbally; written up next week.")
    item.get_by_role("button", name="Dismiss").click()
    expect(page.get_by_text("dismissed.").first).to_be_visible()
    shot(page, "scores-07-dismissed")


def test_partner_admin_sees_only_their_performance_and_engagement(
    page, mobile_page, live_server, manager, partner, partner_admin
):
    base = live_server.url
    _scored(partner)
    login(page, base, partner_admin.username, name="scores-portal-01")
    page.goto(f"{base}/portal/performance/scores/")
    expect(page.get_by_role("heading", name="Performance").first).to_be_visible()
    body = page.locator("main").inner_text()
    assert "Relationship" not in body and "Health" not in body and "Nina" not in body
    shot(page, "scores-portal-02-page")

    login(mobile_page, base, partner_admin.username, name="scores-mobile-01")
    mobile_page.goto(f"{base}/portal/performance/scores/")
    shot(mobile_page, "scores-mobile-02-portal")
    mobile_page.context.clear_cookies()
    login(mobile_page, base, manager.username, name="scores-mobile-03")
    mobile_page.goto(f"{base}/performance/alerts/")
    shot(mobile_page, "scores-mobile-04-alerts")
    mobile_page.goto(f"{base}/partners/{partner.slug}/tab/scores/")
    shot(mobile_page, "scores-mobile-05-partner-tab")
