"""Enablement end to end: a partner user acknowledges the rules of engagement and asks to add
a certification; a manager approves it, then sees the stability warning when about to publish
another significant change. Then the portal pages at phone widths (390 and 360 px): what a
partner user must see on each, and no page scrolling sideways."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from incentives.models import Certification
from tests.factories import ContactFactory
from tests.incentives.enablement_factories import CertificationFactory, CourseFactory, RulesFactory

from .conftest import login, menu_link, shot

pytestmark = pytest.mark.browser


@pytest.fixture
def enablement(partner, manager):
    today = timezone.localdate()
    RulesFactory(
        version=1,
        significant=True,
        effective_on=today - datetime.timedelta(days=220),
        published_by=manager,
        summary="Territories are assigned by segment.",
    )
    RulesFactory(
        version=2,
        significant=False,
        effective_on=today - datetime.timedelta(days=10),
        published_by=manager,
        summary="Deal protection is now 90 days for every tier.",
        full_text="1. Register every opportunity before quoting.\n2. Protection lasts 90 days.",
    )
    ada = ContactFactory(partner=partner, first_name="Ada", last_name="Lovelace")
    CertificationFactory(contact=ada, course=CourseFactory(name="Platform Fundamentals"))
    ContactFactory(partner=partner, first_name="Grace", last_name="Hopper")
    CourseFactory(name="Cloud Solutions Architect", product="Cloud", level="expert")


def sign_out(page):
    page.context.clear_cookies()


def test_partner_acknowledges_and_requests_manager_approves(
    page, live_server, partner, partner_member, manager, enablement
):
    base = live_server.url
    login(page, base, partner_member.username, name="rel-enablement-01")
    menu_link(page, "Rules").click()
    expect(page.locator("main")).to_contain_text("Deal protection is now 90 days")
    shot(page, "rel-enablement-02-portal-rules")
    page.get_by_role("button", name="Acknowledge version 2").click()
    expect(page.locator("main")).to_contain_text("Acknowledged by")
    shot(page, "rel-enablement-03-portal-rules-acknowledged")

    menu_link(page, "Certifications").click()
    expect(page.locator("main")).to_contain_text("Ada Lovelace")
    shot(page, "rel-enablement-04-portal-certifications")
    page.get_by_role("link", name="Add a certification").first.click()
    page.get_by_role("button", name="Send request").click()
    expect(page.locator("#field-contact .errorlist")).to_be_visible()
    shot(page, "rel-enablement-05-portal-request-error")
    page.select_option("select[name=contact]", label="Grace Hopper")
    page.select_option("select[name=course]", label="Cloud Solutions Architect (Expert)")
    page.fill(
        "input[name=earned_on]", (timezone.localdate() - datetime.timedelta(days=3)).isoformat()
    )
    page.get_by_role("button", name="Send request").click()
    expect(page.locator("main")).to_contain_text("Awaiting review")
    shot(page, "rel-enablement-06-portal-requested")

    sign_out(page)
    login(page, base, manager.username, name="rel-enablement-07")
    expect(page.locator("main")).to_contain_text("Stability of the rules of engagement")
    shot(page, "rel-enablement-08-dashboard")
    page.goto(f"{base}/program/certifications/")
    row = page.locator("#certification-rows tbody tr", has_text="Grace Hopper")
    shot(page, "rel-enablement-09-queue")
    row.get_by_role("button", name="Approve").click()
    expect(page.locator("#certification-rows")).to_contain_text("No certification request")
    shot(page, "rel-enablement-10-queue-empty")
    grace = Certification.objects.get(contact__first_name="Grace")
    assert grace.status == Certification.Status.APPROVED and grace.decided_by == manager

    page.goto(f"{base}/program/rules/")
    shot(page, "rel-enablement-11-rules-list")
    page.get_by_role("link", name="Acknowledgements").first.click()
    expect(page.locator("main")).to_contain_text("Acknowledged (1)")
    shot(page, "rel-enablement-12-acknowledgements")
    page.goto(f"{base}/program/rules/new/")
    expect(page.locator(".stability")).to_contain_text("1 significant change")
    page.fill("input[name=effective_on]", timezone.localdate().isoformat())
    page.check("input[name=significant]")
    page.fill("textarea[name=summary]", "Margins for special bids change.")
    page.fill("textarea[name=full_text]", "1. Special bids need a joint plan.")
    page.get_by_role("button", name="Publish").click()
    expect(page.locator(".stability")).to_contain_text("partners pull investment")
    shot(page, "rel-enablement-13-rules-after-publish")
    page.goto(f"{base}/program/rules/new/")
    expect(page.locator(".stability")).to_contain_text("2 significant changes")
    shot(page, "rel-enablement-14-rules-form-warning")


def fits_the_width(page) -> None:
    """Nothing on the page makes it scroll sideways (wide tables scroll inside their card)."""
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow} px"


@pytest.mark.parametrize("width", [390, 360])
def test_enablement_portal_pages_at_mobile_width(
    mobile_page, live_server, partner_member, enablement, width
):
    page, base = mobile_page, live_server.url
    page.set_viewport_size({"width": width, "height": 844})
    suffix = "" if width == 390 else f"-{width}"
    login(page, base, partner_member.username, name=f"rel-enablement-m01{suffix}")

    page.goto(f"{base}/portal/program/certifications/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your people's certifications")
    expect(page.get_by_role("link", name="Add a certification")).to_be_in_viewport()
    ada = page.locator("main tbody tr", has_text="Ada Lovelace")
    expect(ada).to_contain_text("Platform Fundamentals")
    # Who, which course and its status are read without scrolling the table.
    for cell in ("td:nth-child(1)", "td:nth-child(2)", ".badge"):
        expect(ada.locator(cell)).to_be_in_viewport(ratio=1)
    fits_the_width(page)
    shot(page, f"rel-enablement-m02-certifications{suffix}")

    page.goto(f"{base}/portal/program/rules/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Rules of engagement")
    expect(page.locator("main")).to_contain_text("Version 2, effective")
    expect(page.get_by_role("button", name="Acknowledge version 2")).to_be_in_viewport(ratio=1)
    expect(page.get_by_role("heading", name="What changed")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Deal protection is now 90 days")
    expect(page.get_by_role("heading", name="Full text")).to_be_visible()
    expect(page.locator("main")).to_contain_text("2. Protection lasts 90 days.")
    fits_the_width(page)
    shot(page, f"rel-enablement-m03-rules{suffix}")

    page.goto(f"{base}/portal/program/certifications/request/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a certification")
    for field in ("select[name=contact]", "select[name=course]", "input[name=earned_on]"):
        expect(page.locator(field)).to_be_in_viewport(ratio=1)
    expect(page.get_by_role("button", name="Send request")).to_be_in_viewport(ratio=1)
    fits_the_width(page)
    shot(page, f"rel-enablement-m04-certification-request{suffix}")
