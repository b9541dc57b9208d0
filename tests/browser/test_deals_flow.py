"""Deal registration end to end: a partner user registers a deal that conflicts with another
partner's open registration; a manager sees the conflict side by side and approves it; the
partner sees it approved, and a rejected one with its reason. Then the key pages at 390 px."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from performance.models import DealRegistration
from performance.services import deals as services

from .conftest import login, shot

pytestmark = pytest.mark.browser
CLOSE = (datetime.date.today() + datetime.timedelta(days=40)).isoformat()


@pytest.fixture
def deals(partner, other_partner, partner_member, outsider, manager):
    def register(actor, company, name, domain, value, products):
        return services.deal_submit(
            actor=actor, partner=company, customer_name=name, customer_domain=domain,
            country="DE", value=value, currency="EUR",
            expected_close_on=datetime.date.today() + datetime.timedelta(days=60),
            products=products,
        )  # fmt: skip

    theirs = register(outsider, other_partner, "Globex GmbH", "www.globex.de", 180000,
                      "Platform licences, 400 seats")  # fmt: skip
    rejected = register(partner_member, partner, "Initech AG", "initech.de", 45000,
                        "Analytics add-on")  # fmt: skip
    services.deal_reject(
        actor=manager, deal=rejected,
        reason="Initech is a named account managed directly by our enterprise team.",
    )  # fmt: skip
    return theirs


def sign_out(page):
    page.context.clear_cookies()


def test_partner_registers_conflicting_deal_and_manager_approves(
    page, live_server, partner, other_partner, partner_member, manager, deals
):
    base = live_server.url
    login(page, base, partner_member.username, name="rel-deals-01")
    page.get_by_role("link", name="Deals").click()
    expect(page.get_by_role("heading", name="Deal registrations")).to_be_visible()
    expect(page.locator("#deal-rows")).to_contain_text("named account managed directly")
    shot(page, "rel-deals-02-portal-list")

    page.get_by_role("link", name="Register a deal").click()
    page.fill("input[name=customer_name]", "GLOBEX, Inc.")
    page.fill("input[name=customer_domain]", "not a domain")
    page.select_option("select[name=country]", "DE")
    page.fill("input[name=expected_close_on]", CLOSE)
    page.fill("input[name=value]", "95000")
    page.select_option("select[name=currency]", "EUR")
    page.fill("textarea[name=products]", "Platform licences, 200 seats")
    page.get_by_role("button", name="Register deal").click()
    expect(page.locator("#field-customer_domain .errorlist")).to_contain_text("web domain")
    shot(page, "rel-deals-03-portal-form-error")

    page.fill("input[name=customer_domain]", "https://globex.de/contact")
    page.get_by_role("button", name="Register deal").click()
    expect(page.locator("h1")).to_contain_text("GLOBEX, Inc.")
    expect(page.locator("main")).to_contain_text("Waiting for our decision")
    expect(page.locator("main")).not_to_contain_text(other_partner.name)
    shot(page, "rel-deals-04-portal-detail-submitted")
    mine = DealRegistration.objects.get(customer_name="GLOBEX, Inc.")
    assert mine.conflicts.get() == deals

    sign_out(page)
    login(page, base, manager.username, name="rel-deals-05")
    expect(page.locator("main")).to_contain_text("Deal registrations awaiting a decision")
    shot(page, "rel-deals-06-dashboard")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Deals").click()
    expect(page.locator("#deal-rows tbody tr").first).to_contain_text("1 conflict")
    shot(page, "rel-deals-07-queue")

    page.get_by_role("link", name="GLOBEX, Inc.").click()
    compare = page.locator("#conflict-compare")
    expect(compare).to_contain_text(partner.name)
    expect(compare).to_contain_text(other_partner.name)
    expect(compare.locator(".match")).to_have_text(["Globex GmbH", "globex.de"])
    shot(page, "rel-deals-08-detail-conflict")

    page.fill("input[name=protection_days]", "0")
    page.get_by_role("button", name="Approve and protect").click()
    expect(page.locator("#field-protection_days .errorlist")).to_be_visible()
    shot(page, "rel-deals-09-approve-error")
    page.fill("input[name=protection_days]", "60")
    page.get_by_role("button", name="Approve and protect").click()
    expect(page.locator("h1 .badge")).to_have_text("Approved")
    shot(page, "rel-deals-10-detail-approved")

    page.goto(f"{base}/partners/{partner.slug}/tab/deals/")
    expect(page.locator("main")).to_contain_text("GLOBEX, Inc.")
    shot(page, "rel-deals-11-partner-tab")

    sign_out(page)
    login(page, base, partner_member.username, name="rel-deals-12")
    page.goto(f"{base}/portal/performance/deals/{mine.pk}/")
    until = (timezone.localdate() + datetime.timedelta(days=60)).strftime("%-d %b %Y")
    expect(page.locator("main")).to_contain_text(f"protected for you until {until}")
    shot(page, "rel-deals-13-portal-approved")
    page.goto(f"{base}/portal/performance/deals/")
    expect(page.locator("#deal-rows")).to_contain_text("Approved")
    expect(page.locator("#deal-rows")).to_contain_text("Rejected")
    shot(page, "rel-deals-14-portal-list-after")


def test_deal_pages_at_mobile_width(
    mobile_page, live_server, partner, partner_member, manager, deals
):
    page, base = mobile_page, live_server.url
    mine = services.deal_submit(
        actor=partner_member, partner=partner, customer_name="Globex", customer_domain="globex.de",
        country="DE", value=70000, currency="EUR",
        expected_close_on=datetime.date.today() + datetime.timedelta(days=30),
        products="Security bundle for 2 sites",
    )  # fmt: skip
    login(page, base, partner_member.username, name="rel-deals-m01")
    page.goto(f"{base}/portal/performance/deals/")
    shot(page, "rel-deals-m02-portal-list")
    page.goto(f"{base}/portal/performance/deals/new/")
    shot(page, "rel-deals-m03-portal-form")
    sign_out(page)
    login(page, base, manager.username, name="rel-deals-m04")
    page.goto(f"{base}/performance/deals/")
    shot(page, "rel-deals-m05-queue")
    page.goto(f"{base}/performance/deals/{mine.pk}/")
    expect(page.locator("#conflict-compare")).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways at phone width ({width}px)"
    shot(page, "rel-deals-m06-detail")
