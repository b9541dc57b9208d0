"""The work inbox end to end: a manager sees in the top bar how much waits, opens the inbox,
narrows it to deal registrations, opens one and decides it, and the count drops; at phone
width the same path fits the screen; a partner user sees what waits for their company on the
portal home. Screenshots at 1366 px and 360 px."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from performance.models import Alert, AlertKind
from performance.services.deals import deal_approve
from tests.factories import PartnerFactory
from tests.incentives.claims_factories import IncentiveClaimFactory
from tests.incentives.enablement_factories import RulesFactory
from tests.performance.deals_factories import DealRegistrationFactory
from tests.performance.plans_factories import BusinessPlanFactory, PlanActionFactory, ReviewFactory

from .conftest import login, shot

pytestmark = pytest.mark.browser
TODAY = timezone.localdate()


@pytest.fixture
def waiting(manager, other_manager, partner):
    """Four items waiting for the manager (a deal, an overdue plan action, a claim, an alert)
    and a claim on a colleague's partner, which only the team's inbox shows. Both partners
    had their review lately, so none is due."""
    deal = DealRegistrationFactory(partner=partner, customer_name="Initech AG", value=48000)
    plan = BusinessPlanFactory(partner=partner, title="FY26 joint plan")
    PlanActionFactory(plan=plan, owner_side="vendor", owner_name="", owner_user=manager,
                      title="Send the co-marketing budget proposal",
                      due=TODAY - datetime.timedelta(days=3))  # fmt: skip
    IncentiveClaimFactory(partner=partner)
    hooli = PartnerFactory(name="Hooli Partners", owner=other_manager)
    IncentiveClaimFactory(partner=hooli)
    for reviewed in (partner, hooli):
        ReviewFactory(partner=reviewed)
    message = "No champion named at Acme Systems."
    Alert.objects.create(partner=partner, kind=AlertKind.NO_CHAMPION, raised_on=TODAY,
                         last_seen_on=TODAY, message=message)  # fmt: skip
    return deal


def no_sideways_scroll(page):
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], f"page is {widths[0]}px wide in a {widths[1]}px viewport"


def test_manager_goes_from_the_top_bar_count_to_an_item_and_decides_it(
    laptop, live_server, manager, waiting
):
    page, base = laptop, live_server.url
    login(page, base, manager.username, name="inbox-01")
    count = page.get_by_role("link", name="Inbox, 4 waiting", exact=True)
    expect(count).to_be_visible()
    expect(page.locator("#waiting")).to_contain_text("Send the co-marketing budget proposal")
    shot(page, "inbox-02-dashboard-waiting-for-me")

    count.click()
    expect(page).to_have_url(f"{base}/inbox/")
    expect(page.get_by_role("heading", name="Inbox", exact=True)).to_be_visible()
    items = page.locator(".inbox-item")
    expect(items).to_have_count(4)
    expect(items.first).to_contain_text("overdue by 3 days")  # most overdue first
    shot(page, "inbox-03-inbox-mine")

    page.get_by_role("link", name="My team").click()
    expect(page).to_have_url(f"{base}/inbox/?scope=team")
    expect(items).to_have_count(5)  # and the claim on a colleague's partner
    shot(page, "inbox-04-inbox-team")

    page.get_by_role("link", name="Mine", exact=True).click()
    expect(page).to_have_url(f"{base}/inbox/")
    expect(items).to_have_count(4)
    page.locator(".inbox-kinds").get_by_role("link", name="Deal registrations to decide").click()
    expect(page).to_have_url(f"{base}/inbox/?kind=deals")
    expect(items).to_have_count(1)
    shot(page, "inbox-05-inbox-deals")

    page.get_by_role("link", name="Decide: Initech AG, 48,000 EUR (Acme Systems)").click()
    expect(page).to_have_url(f"{base}/performance/deals/{waiting.pk}/")
    page.get_by_role("button", name="Approve and protect").click()
    expect(page.locator("h1 .badge")).to_have_text("Approved")
    shot(page, "inbox-06-deal-decided")

    page.goto(f"{base}/inbox/?kind=deals")
    expect(page.get_by_role("link", name="Inbox, 3 waiting", exact=True)).to_be_visible()
    expect(items).to_have_count(0)
    expect(page.locator("#inbox-region")).to_contain_text("Nothing of this kind is waiting")
    shot(page, "inbox-07-deal-gone")


def test_inbox_at_phone_width(phone, live_server, manager, waiting):
    page, base = phone, live_server.url
    login(page, base, manager.username, name="inbox-phone-01")
    page.get_by_role("link", name="Inbox, 4 waiting", exact=True).click()
    expect(page.locator(".inbox-item")).to_have_count(4)
    no_sideways_scroll(page)
    shot(page, "inbox-phone-02-inbox")
    page.get_by_role("link", name="Look into it: No champion (Acme Systems)").click()
    expect(page).to_have_url(f"{base}/performance/alerts/?partner=acme-systems")
    shot(page, "inbox-phone-03-alert")


def test_partner_sees_what_waits_for_their_company_on_the_portal_home(
    phone, live_server, manager, partner, partner_member, other_partner
):
    page, base = phone, live_server.url
    RulesFactory(version=1, effective_on=TODAY, significant=True)
    umbrella = DealRegistrationFactory(partner=partner, customer_name="Umbrella plc")
    deal_approve(actor=manager, deal=umbrella)
    DealRegistrationFactory(partner=other_partner, customer_name="Someone else's customer")
    login(page, base, partner_member.username, name="inbox-portal-01")
    expect(page).to_have_url(f"{base}/portal/")
    panel = page.locator("#waiting")
    expect(panel).to_contain_text("Umbrella plc: approved")
    expect(panel).to_contain_text("Rules of engagement to acknowledge")
    expect(panel).to_contain_text("Version 1, in force since")
    expect(panel).not_to_contain_text("Someone else")
    page.get_by_role("link", name="Inbox, 2 waiting", exact=True).click()
    expect(page).to_have_url(f"{base}/portal/#waiting")
    no_sideways_scroll(page)
    shot(page, "inbox-portal-02-home-waiting")
