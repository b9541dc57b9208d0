"""Scores and alerts: a manager runs the scoring as of today, reads "why" on a partner's Scores
tab, finds the partner on the scores list, dismisses an alert with a reason; the partner admin
sees only their performance and engagement scores. A manager recomputes the scores (every
partner, then one from its tab), follows a run's progress as it moves, reads a failed run, and
asks whether the score works (the backtest). Key pages again at 360 px."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from performance.models import ScoreRun
from performance.scoring.performance import closed_quarters
from performance.selectors.backtest import quarter_start
from performance.services.scoring import score_run_foreground
from tests.factories import ContactFactory, PartnerFactory, StakeholderFactory
from tests.performance.scoring_factories import PartnerScoreFactory, ScoreRunFactory
from tests.performance.test_scoring_backtest import agreed

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


def _backtest_history(partners):
    """Three past quarters: health at each start, then agreed targets met by the healthier."""
    for offset, period in enumerate(closed_quarters(timezone.localdate(), 3)):
        run = ScoreRunFactory(as_of=quarter_start(*period), partners_total=len(partners),
                              partners_done=len(partners))  # fmt: skip
        for index, partner in enumerate(partners):
            health = Decimal(12 + 9 * index + 3 * offset)
            PartnerScoreFactory(run=run, partner=partner, health=min(health, Decimal(100)))
            met = index >= 4 or (index == 2 and offset == 1)
            agreed(partner, *period, 100, actual=115 if met else 60)


def _fits_the_width(page):
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow} px"


def test_manager_recomputes_follows_a_run_and_backtests_the_score(
    page, mobile_page, live_server, manager, partner
):
    base = live_server.url
    partners = [partner] + [PartnerFactory(name=f"Partner {n:02d}") for n in range(1, 10)]
    _backtest_history(partners)
    login(page, base, manager.username, name="recompute-01")

    page.goto(f"{base}/performance/scores/")
    page.get_by_role("button", name="Recompute now").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Scores as of")
    expect(page.locator("#run-progress")).to_contain_text("Scored 10 partners in")
    expect(page.get_by_role("link", name="See the scores")).to_be_visible()
    shot(page, "recompute-02-run-done")

    page.goto(f"{base}/partners/{partner.slug}/")
    page.get_by_role("tab", name="Scores").click()
    button = page.locator("#score-tab-head").get_by_role("button", name="Recompute now")
    expect(button).to_be_visible()
    shot(page, "recompute-03-partner-tab")
    button.click()
    expect(page.locator("#run-progress")).to_contain_text("this start rescored Acme Systems")
    shot(page, "recompute-04-one-partner")

    # A run in progress moves on the page without a reload (htmx polls it), then ends.
    running = ScoreRunFactory(
        as_of=timezone.localdate() - datetime.timedelta(days=1), status=ScoreRun.Status.RUNNING,
        partners_total=2000, partners_done=400, statements=96, finished_at=None,
        started_at=timezone.now() - datetime.timedelta(seconds=75), started_by=manager,
    )  # fmt: skip
    page.goto(f"{base}/performance/scores/runs/{running.pk}/")
    expect(page.locator(".run-count")).to_have_text("400 of 2,000 partners")
    shot(page, "recompute-05-run-progress")
    ScoreRun.objects.filter(pk=running.pk).update(partners_done=1200, statements=288,
                                                  updated_at=timezone.now())  # fmt: skip
    expect(page.locator(".run-count")).to_have_text("1,200 of 2,000 partners")
    ScoreRun.objects.filter(pk=running.pk).update(
        status=ScoreRun.Status.DONE, partners_done=2000, finished_at=timezone.now(),
        updated_at=timezone.now(),
    )  # fmt: skip
    expect(page.locator("#run-progress")).to_contain_text("Scored 2,000 partners in")
    # The recent runs came along with the last poll: the table agrees with the card.
    expect(page.locator("#recent-runs tr.current .badge")).to_have_text("Done")
    shot(page, "recompute-06-run-ended-while-watched")

    # Today's run is busy: the button says so, with a link to it, and starts nothing.
    ScoreRun.objects.filter(as_of=timezone.localdate()).update(
        status=ScoreRun.Status.RUNNING,
        partners_total=10,
        partners_done=3,
        updated_at=timezone.now(),
    )
    page.goto(f"{base}/performance/scores/")
    expect(page.locator(".run-banner")).to_contain_text("(3 of 10 partners)")
    page.get_by_role("button", name="Recompute now").click()
    expect(page.locator(".messages")).to_contain_text("are being computed already")
    page.locator(".messages").get_by_role("link", name="Follow its progress").click()
    expect(page.locator(".run-count")).to_have_text("3 of 10 partners")

    failed = ScoreRunFactory(
        as_of=timezone.localdate() - datetime.timedelta(days=2), status=ScoreRun.Status.FAILED,
        partners_total=2000, partners_done=1200, finished_at=None, started_by=manager,
        error="OperationalError: database is locked",
        started_at=timezone.now() - datetime.timedelta(seconds=80),
    )  # fmt: skip
    page.goto(f"{base}/performance/scores/runs/{failed.pk}/")
    expect(page.get_by_role("alert")).to_contain_text("database is locked")
    shot(page, "recompute-07-run-failed")

    page.goto(f"{base}/performance/scores/")
    page.get_by_role("link", name="Does the score work?").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Does the score work?")
    expect(page.locator(".bt-reading")).to_contain_text("over 30 partner-quarters: a strong")
    expect(page.locator(".bt-quarter")).to_have_count(3)
    shot(page, "recompute-08-backtest")

    mobile = mobile_page
    mobile.set_viewport_size({"width": 360, "height": 780})
    login(mobile, base, manager.username, name="recompute-m01")
    for path, name in [("/performance/scores/backtest/", "backtest"),
                       (f"/performance/scores/runs/{failed.pk}/", "run-failed"),
                       ("/performance/scores/", "list"),
                       (f"/partners/{partner.slug}/tab/scores/", "partner-tab")]:  # fmt: skip
        mobile.goto(f"{base}{path}")
        shot(mobile, f"recompute-m02-{name}-360")
        _fits_the_width(mobile)
