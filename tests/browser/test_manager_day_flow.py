"""A deal registration from both sides: a partner user registers a deal in the portal; the
channel manager who owns the partner sees it waiting in the top bar's inbox count, in the inbox
and on the notification bell, opens it from the inbox and approves it; the partner user sees
the decision on the deal page, in the portal home's "Waiting for you" panel and on the bell,
and gets an email (plain text and HTML) whose link opens the deal. Screenshots at 1366 px, and
the key pages again at 360 px."""

import datetime
import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from performance.models import DealRegistration
from tests.performance.plans_factories import ReviewFactory

from .conftest import login, shot

pytestmark = pytest.mark.browser
CUSTOMER = "Initech AG"
DECIDE = f"Decide: {CUSTOMER}, 95,000 EUR (Acme Systems)"


@pytest.fixture
def day(settings, live_server, partner, partner_member, manager):
    """The partner had its review lately (no "review due" item in the inbox), and the emails'
    links point at the live server, so the test can follow one."""
    settings.PRM_BASE_URL = live_server.url
    ReviewFactory(partner=partner)
    return live_server.url


def sign_out(page):
    page.context.clear_cookies()


def no_sideways_scroll(page):
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], f"page is {widths[0]}px wide in a {widths[1]}px viewport"


def bell(page):
    return page.locator("header #topbar-bell")


def inbox_count(page, waiting: int):
    return page.get_by_role("link", name=f"Inbox, {waiting} waiting", exact=True)


def register_deal(page, base, name):
    page.goto(f"{base}/portal/performance/deals/new/")
    page.fill("input[name=customer_name]", CUSTOMER)
    page.fill("input[name=customer_domain]", "initech.de")
    page.select_option("select[name=country]", "DE")
    close_on = datetime.date.today() + datetime.timedelta(days=45)
    page.fill("input[name=expected_close_on]", close_on.isoformat())
    page.fill("input[name=value]", "95000")
    page.select_option("select[name=currency]", "EUR")
    page.fill("textarea[name=products]", "Analytics add-on, 120 seats")
    shot(page, f"{name}-portal-form")
    page.get_by_role("button", name="Register deal").click()
    expect(page.locator("h1")).to_contain_text(CUSTOMER)
    expect(page.locator("main")).to_contain_text("Waiting for our decision")
    shot(page, f"{name}-portal-registered")
    return DealRegistration.objects.get(customer_name=CUSTOMER)


def approve_from_inbox(page, base, name, deal):
    """The manager's side: counts in the top bar, the inbox, the deal approved from there."""
    expect(inbox_count(page, 1)).to_be_visible()  # lazy-loaded by htmx
    expect(bell(page)).to_have_accessible_name(re.compile(r"^Notifications, 1 unread$"))
    shot(page, f"{name}-manager-dashboard")
    inbox_count(page, 1).click()
    expect(page).to_have_url(f"{base}/inbox/")
    items = page.locator(".inbox-item")
    expect(items).to_have_count(1)
    expect(items.first).to_contain_text(CUSTOMER)
    shot(page, f"{name}-manager-inbox")
    page.get_by_role("link", name=DECIDE, exact=True).click()
    expect(page).to_have_url(f"{base}/performance/deals/{deal.pk}/")
    page.get_by_role("button", name="Approve and protect").click()
    expect(page.locator("h1 .badge")).to_have_text("Approved")
    shot(page, f"{name}-manager-approved")
    page.goto(f"{base}/inbox/")
    expect(inbox_count(page, 0)).to_be_visible()
    expect(page.locator(".inbox-item")).to_have_count(0)
    shot(page, f"{name}-manager-inbox-empty")


def partner_sees_decision(page, base, name, deal):
    expect(page).to_have_url(f"{base}/portal/")
    expect(page.locator("#waiting")).to_contain_text(f"{CUSTOMER}: approved")
    expect(bell(page)).to_have_accessible_name(re.compile(r"^Notifications, 1 unread$"))
    shot(page, f"{name}-portal-home-decided")
    bell(page).click()
    item = page.locator(".notification-item.unread")
    expect(item).to_have_count(1)
    expect(item).to_contain_text("approved your deal registration")
    expect(item).to_contain_text(CUSTOMER)
    shot(page, f"{name}-portal-notifications")
    page.goto(f"{base}/portal/performance/deals/{deal.pk}/")
    expect(page.locator("main")).to_contain_text("protected for you until")
    shot(page, f"{name}-portal-deal-approved")


def approval_email(partner_member, deal, base) -> str:
    """The one email to the partner user: names the deal and the approval, has an HTML part,
    and links to the deal in the portal. Returns that link."""
    to_them = [m for m in mail.outbox if partner_member.email in m.to]
    assert len(to_them) == 1, [m.subject for m in mail.outbox]
    message = to_them[0]
    assert CUSTOMER in message.subject and "approved" in message.subject
    assert "approved your deal registration" in message.body and CUSTOMER in message.body
    link = f"{base}/portal/performance/deals/{deal.pk}/"
    assert link in message.body
    (html, mimetype), *_ = message.alternatives
    assert mimetype == "text/html"
    assert CUSTOMER in html and "approved your deal registration" in html
    assert f'href="{link}"' in html
    return link


def test_deal_from_registration_to_decision_at_desktop(laptop, day, partner_member, manager):
    page, base = laptop, day
    login(page, base, partner_member.username, name="day-01")
    deal = register_deal(page, base, "day-02")
    to_manager = [m for m in mail.outbox if manager.email in m.to]
    assert len(to_manager) == 1 and CUSTOMER in to_manager[0].subject

    sign_out(page)
    login(page, base, manager.username, name="day-03")
    approve_from_inbox(page, base, "day-04", deal)

    sign_out(page)
    login(page, base, partner_member.username, name="day-05")
    partner_sees_decision(page, base, "day-06", deal)
    link = approval_email(partner_member, deal, base)
    page.goto(link)
    expect(page.locator("h1")).to_contain_text(CUSTOMER)
    expect(page.locator("main")).to_contain_text("protected for you until")


def test_deal_from_registration_to_decision_at_phone_width(phone, day, partner_member, manager):
    page, base = phone, day
    login(page, base, partner_member.username, name="day-m01")
    deal = register_deal(page, base, "day-m02")
    no_sideways_scroll(page)

    sign_out(page)
    login(page, base, manager.username, name="day-m03")
    approve_from_inbox(page, base, "day-m04", deal)
    no_sideways_scroll(page)
    page.goto(f"{base}/performance/deals/{deal.pk}/")  # its audit trail now has the decision
    no_sideways_scroll(page)

    sign_out(page)
    login(page, base, partner_member.username, name="day-m05")
    partner_sees_decision(page, base, "day-m06", deal)
    no_sideways_scroll(page)
    approval_email(partner_member, deal, base)
