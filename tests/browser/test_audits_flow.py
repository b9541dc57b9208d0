"""A channel manager audits a partner (one invalid try first), reads the total, the class and
the trend, adds a follow-up, shares the summary; the partner user sees it in the portal; the
portfolio plots the partner. The audit form and the portal page at phone width too."""

import datetime

import pytest
from playwright.sync_api import expect

from performance.models import CRITERIA, PerformanceAudit
from tests.factories import PartnerFactory, SegmentFactory, TerritoryFactory
from tests.performance.audits_factories import PerformanceAuditFactory

from .conftest import login, shot

pytestmark = pytest.mark.browser


def score_all(page, value: int, skip=()) -> None:
    for name in CRITERIA:
        if name not in skip:
            page.click(f"label:has(> input[name={name}][value='{value}'])")


@pytest.fixture
def audited_partner(partner, manager):
    partner.annual_revenue = 4_200_000
    partner.employee_count = 180
    partner.save()
    partner.segments.add(SegmentFactory(name="Healthcare", is_sweet_spot=True))
    partner.territories.add(TerritoryFactory(name="DACH"))
    # An audit a year ago, so the new one draws a trend.
    PerformanceAuditFactory(partner=partner, audited_by=manager,
                            audited_on=datetime.date.today() - datetime.timedelta(days=365),
                            **{name: 2 for name in CRITERIA})  # fmt: skip
    PartnerFactory(name="Northwind Traders", annual_revenue=9_000_000)
    return partner


def test_manager_audits_and_shares_partner_sees_summary(page, live_server, manager, audited_partner,
                                                        partner_admin):  # fmt: skip
    base = live_server.url
    partner = audited_partner
    login(page, base, manager.username, name="rel-audits")

    page.goto(f"{base}/partners/{partner.slug}/tab/audits/")
    expect(page.locator("#tab-panel")).to_contain_text("1 audit")
    shot(page, "rel-audits-01-tab-one-audit")
    page.get_by_role("link", name="New audit").click()
    expect(page.locator(".hint").first).to_be_visible()
    shot(page, "rel-audits-02-form")

    score_all(page, 4, skip=("territory_location",))
    page.fill("textarea[name=deliver_trust_note]", "Open books on their pipeline.")
    page.get_by_role("button", name="Save audit").click()
    expect(page.locator("#field-territory_location .errorlist")).to_contain_text(
        "Score it from 1 to 5"
    )
    shot(page, "rel-audits-03-form-error")
    page.click("label:has(> input[name=territory_location][value='5'])")
    page.get_by_role("button", name="Save audit").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Performance audit of")
    expect(page.locator("#audit-result")).to_contain_text("77.1")
    expect(page.locator("#audit-result")).to_contain_text("Core")
    shot(page, "rel-audits-04-detail")

    page.fill("input[name=what]", "Agree a joint marketing plan for Healthcare")
    page.select_option("select[name=owner]", str(manager.pk))
    page.get_by_role("button", name="Add action").click()
    expect(page.locator(".audit-actions-list")).to_contain_text("joint marketing plan")
    page.get_by_role("button", name=f"Share summary with {partner.name}").click()
    expect(page.locator("#audit-share")).to_contain_text("Stop sharing")
    shot(page, "rel-audits-05-shared")
    assert PerformanceAudit.objects.filter(share_with_partner=True).count() == 1

    page.goto(f"{base}/partners/{partner.slug}/tab/audits/")
    expect(page.locator("#audit-trend canvas")).to_be_visible()
    shot(page, "rel-audits-06-tab-trend")
    page.goto(f"{base}/performance/audits/")
    expect(page.locator("canvas[data-chart]")).to_be_visible()
    expect(page.locator("table")).to_contain_text("Northwind Traders")
    shot(page, "rel-audits-07-portfolio")

    page.context.clear_cookies()
    login(page, base, partner_admin.username, name="rel-audits-portal")
    page.get_by_role("link", name="Audits").click()
    expect(page.locator("#portal-audit-latest")).to_contain_text("77.1")
    expect(page.locator("body")).not_to_contain_text("Open books")
    shot(page, "rel-audits-08-portal")


def test_audit_pages_at_phone_width(mobile_page, live_server, manager, audited_partner,
                                    partner_admin):  # fmt: skip
    page, base = mobile_page, live_server.url
    PerformanceAudit.objects.update(share_with_partner=True)
    login(page, base, manager.username, name="rel-audits-mobile")
    page.goto(f"{base}/performance/audits/new/{audited_partner.slug}/")
    shot(page, "rel-audits-09-mobile-form")
    audit = PerformanceAudit.objects.get()
    page.goto(f"{base}{audit.get_absolute_url()}")
    shot(page, "rel-audits-10-mobile-detail")
    page.goto(f"{base}/performance/audits/")
    shot(page, "rel-audits-11-mobile-portfolio")
    page.context.clear_cookies()
    login(page, base, partner_admin.username, name="rel-audits-mobile-portal")
    page.goto(f"{base}/portal/performance/audits/")
    expect(page.locator("#portal-audit-latest")).to_contain_text("25.0")
    shot(page, "rel-audits-12-mobile-portal")
