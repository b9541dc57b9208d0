"""Languages: a partner admin switches the portal to German with the top bar's switcher (a plain
form, no JavaScript needed), keeps German from page to page and switches back."""

import pytest
from playwright.sync_api import expect

from .conftest import login, shot

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("device", ["laptop", "phone"])
def test_partner_admin_reads_the_portal_in_german(device, request, live_server, partner_admin):
    page = request.getfixturevalue(device)
    base = live_server.url
    login(page, base, partner_admin.username, name=f"language-{device}")
    expect(page).to_have_url(f"{base}/portal/")
    expect(page.locator("html")).to_have_attribute("lang", "en")

    page.locator(".language-switcher button[value=de]").click()
    expect(page).to_have_url(f"{base}/portal/")
    expect(page.locator("html")).to_have_attribute("lang", "de")
    expect(page.locator(".topbar")).to_contain_text("Abmelden")
    expect(page.locator(".topbar .brand")).to_contain_text("Partnerportal")
    shot(page, f"language-01-portal-home-de-{device}")

    page.goto(f"{base}/portal/performance/deals/")
    expect(page.get_by_role("heading", name="Deal-Registrierungen")).to_be_visible()
    shot(page, f"language-02-deals-de-{device}")

    page.locator(".language-switcher button[value=en]").click()
    expect(page.get_by_role("heading", name="Deal registrations")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "en")
