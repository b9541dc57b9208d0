"""A channel manager opens an under-performer candidate, reads the evidence (attainment,
audits, relationship score, support effort, incentives, tiers), tries to exit without a
date, then decides the exit with a date; the decisions page counts it. At 1366 px (laptop)
and 360 px (phone)."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from partners.models import Partner
from performance.models import TargetProposal
from planning.models import Escalation, UnderperformerReview
from tests.factories import PartnerFactory, UserFactory
from tests.performance.audits_factories import PerformanceAuditFactory
from tests.performance.scoring_factories import PartnerScoreFactory
from tests.performance.targets_factories import ActualFactory, TargetFactory
from tests.planning.review_support import candidate

from .conftest import login, shot

pytestmark = pytest.mark.browser


def _closed_quarters(count):
    today = timezone.localdate()
    year, quarter = today.year, (today.month - 1) // 3 + 1
    for _step in range(count):
        year, quarter = (year - 1, 4) if quarter == 1 else (year, quarter - 1)
        yield year, quarter


def _evidence(partner, manager):
    agreeing = UserFactory(role="partner_user")
    for index, (year, quarter) in enumerate(_closed_quarters(6)):
        target = TargetFactory(partner=partner, year=year, quarter=quarter, status="agreed",
                               agreed_value=100)  # fmt: skip
        TargetProposal.objects.create(target=target, side="partner", proposed_by=agreeing,
                                      action="accept", value=100)  # fmt: skip
        ActualFactory(partner=partner, year=year, quarter=quarter, value=40 + 6 * index)
        opened = datetime.date(year, 3 * quarter - 1, 10)
        Escalation.objects.create(
            partner=partner, customer=f"Customer {index}", summary="Install failed",
            severity="high", opened_on=opened, effort_hours=Decimal(30 - 4 * index),
        )  # fmt: skip
    today = timezone.localdate()
    for days_ago, value in ((400, 3), (200, 2)):
        PerformanceAuditFactory(partner=partner, audited_by=manager,
                                audited_on=today - datetime.timedelta(days=days_ago),
                                **{name: value for name in _criteria()})  # fmt: skip
    PartnerScoreFactory(partner=partner)


def _criteria():
    from performance.models import CRITERIA

    return CRITERIA


def _flow(page, base, manager, partner, prefix):
    login(page, base, manager.username, name=prefix)
    page.goto(f"{base}/planning/underperformers/")
    expect(page.get_by_role("heading", name="Candidates without a review")).to_be_visible()
    shot(page, f"{prefix}-01-candidates")
    page.get_by_role("button", name="Start review").click()
    expect(page.get_by_role("heading", name="Attainment")).to_be_visible()
    page.wait_for_load_state("networkidle")
    expect(page.locator("canvas[data-chart='uprev-attainment-data']")).to_be_visible()
    for heading in ("Audit trend", "Relationship score", "Support effort", "Incentives paid",
                    "Tier history"):  # fmt: skip
        expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()
    shot(page, f"{prefix}-02-evidence")

    page.get_by_role("radio", name="Exit").check()
    page.get_by_role("button", name="Record the decision").click()
    expect(page.locator("#field-exit_on .errorlist")).to_contain_text("Give the date")
    shot(page, f"{prefix}-03-exit-needs-a-date")
    exit_on = timezone.localdate() + datetime.timedelta(days=30)
    page.get_by_label("Exit on").fill(exit_on.isoformat())
    page.get_by_label("Reason").fill("Six quarters below target, no plan from their side.")
    page.get_by_role("button", name="Record the decision").click()
    expect(page.locator(".decision-facts")).to_contain_text(exit_on.strftime("%-d %b %Y"))
    shot(page, f"{prefix}-04-exit-decided")
    partner.refresh_from_db()
    assert (partner.status, partner.exited_on) == (Partner.Status.EXITING, exit_on)
    assert UnderperformerReview.objects.get(partner=partner).decision == "exit"

    page.get_by_role("link", name="Decisions and outcomes").click()
    expect(page.locator("#decision-rows table")).to_contain_text(partner.name)
    shot(page, f"{prefix}-05-decisions")


@pytest.fixture
def reviewed(manager):
    partner = PartnerFactory(name="Contoso Channel", owner=manager, status="at_risk")
    _evidence(partner, manager)
    candidate(partner, message="Under-performer candidate: attainment below 70% in the last "
              "2 closed quarters (52%, 46%).")  # fmt: skip
    return partner


def test_exit_decision_on_a_laptop(laptop, live_server, manager, reviewed):
    _flow(laptop, live_server.url, manager, reviewed, "review-laptop")


def test_exit_decision_on_a_phone(phone, live_server, manager, reviewed):
    _flow(phone, live_server.url, manager, reviewed, "review-phone")
