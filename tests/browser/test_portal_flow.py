"""Partner users in the portal: their own company only, the profile editor for admins only."""

import pytest
from playwright.sync_api import expect

from partners.models import Partner

from .conftest import login, shot

pytestmark = pytest.mark.browser

INTERNAL_NOTES = "Internal: exploring a competitor"  # tests.factories.PartnerFactory's notes


@pytest.fixture
def acme(partner):
    Partner.objects.filter(pk=partner.pk).update(
        website="https://acme.example",
        description="Systems integration for mid-sized manufacturers.",
        employee_count=120,
    )
    partner.refresh_from_db()
    return partner


def test_partner_admin_sees_own_company_and_edits_profile(
    page, live_server, acme, other_partner, partner_admin, partner_member
):
    base = live_server.url
    login(page, base, partner_admin.username, name="portal-admin")
    expect(page).to_have_url(f"{base}/portal/")
    body = page.locator("body")
    expect(page.get_by_role("heading", name="Acme Systems")).to_be_visible()
    expect(body).not_to_contain_text(other_partner.name)
    expect(body).not_to_contain_text(INTERNAL_NOTES)
    expect(page.locator("main table")).to_contain_text(partner_member.username)
    shot(page, "portal-01-home-admin")

    page.get_by_role("link", name="Edit company profile").click()
    expect(page).to_have_url(f"{base}/portal/profile/")
    expect(page.locator("#profile-form input[name=website]")).to_have_value("https://acme.example")
    shot(page, "portal-02-profile-form")

    page.fill("#profile-form input[name=website]", "not a website")
    page.locator("#profile-form").get_by_role("button", name="Save profile").click()
    expect(page.locator("#field-website .errorlist")).to_contain_text("valid URL")
    expect(page).to_have_url(f"{base}/portal/profile/")
    shot(page, "portal-03-profile-error")

    page.fill("#profile-form input[name=website]", "https://acme-systems.example")
    page.fill("#profile-form input[name=employee_count]", "150")
    page.locator("#profile-form").get_by_role("button", name="Save profile").click()
    expect(page).to_have_url(f"{base}/portal/")
    expect(page.locator(".messages .toast-text")).to_have_text("Your company profile was saved.")
    expect(page.locator("main")).to_contain_text("https://acme-systems.example")
    shot(page, "portal-04-profile-saved")
    acme.refresh_from_db()
    assert (acme.website, acme.employee_count) == ("https://acme-systems.example", 150)


def test_partner_member_cannot_edit_the_profile(page, live_server, acme, partner_member):
    base = live_server.url
    login(page, base, partner_member.username, name="portal-member")
    expect(page).to_have_url(f"{base}/portal/")
    expect(page.get_by_role("heading", name="Acme Systems")).to_be_visible()
    expect(page.get_by_role("link", name="Edit company profile")).to_have_count(0)
    expect(page.get_by_role("link", name="Company profile")).to_have_count(0)
    shot(page, "portal-05-home-member")

    response = page.goto(f"{base}/portal/profile/")
    assert response.status == 403
    expect(page.locator("main")).to_contain_text("Only your company's partner admin")
    shot(page, "portal-06-profile-forbidden-member")


def test_portal_user_gets_403_on_internal_pages(page, live_server, acme, partner_admin):
    base = live_server.url
    login(page, base, partner_admin.username, name="portal-403")
    expect(page).to_have_url(f"{base}/portal/")
    shot(page, "portal-403-landing")
    response = page.goto(f"{base}/partners/")
    assert response.status == 403
    expect(page.get_by_role("heading", name="Not allowed")).to_be_visible()
    expect(page.get_by_role("link", name="Go to your partner portal")).to_be_visible()
    expect(page.locator("#partner-rows")).to_have_count(0)
    shot(page, "portal-07-forbidden-internal")


def test_portal_home_at_mobile_width(mobile_page, live_server, acme, partner_admin):
    page, base = mobile_page, live_server.url
    login(page, base, partner_admin.username, name="mobile-portal")
    expect(page).to_have_url(f"{base}/portal/")
    expect(page.get_by_role("heading", name="Acme Systems")).to_be_visible()
    shot(page, "mobile-portal-01-home")
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], f"page is {widths[0]}px wide in a {widths[1]}px viewport"

    page.goto(f"{base}/portal/profile/")
    shot(page, "mobile-portal-02-profile-form")
