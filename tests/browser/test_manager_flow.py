"""A channel manager's path: dashboard → partner list (filter, sort) → add a partner → its page."""

import re

import pytest
from playwright.sync_api import expect

from partners.models import Partner
from tests.factories import PartnerFactory, ProgramTierFactory, TerritoryFactory

from .conftest import login, shot

pytestmark = pytest.mark.browser


@pytest.fixture
def channel(partner, other_partner, manager, other_manager):
    """A small channel: three Acme partners among others, across tiers and territories."""
    gold, silver = (
        ProgramTierFactory(name="Gold", rank=2),
        ProgramTierFactory(name="Silver", rank=1),
    )
    dach = TerritoryFactory(name="DACH", code="dach", capacity=6)
    nordics = TerritoryFactory(name="Nordics", code="nordics", capacity=4)
    Partner.objects.filter(pk=partner.pk).update(tier=gold, annual_revenue=800_000)
    partner.territories.set([dach])
    PartnerFactory(
        name="Acme Analytics",
        slug="acme-analytics",
        owner=other_manager,
        tier=silver,
        annual_revenue=5_000_000,
        territories=[dach, nordics],
    )
    PartnerFactory(name="Acme Cloud", slug="acme-cloud", status=Partner.Status.PROSPECT)
    PartnerFactory(name="Northwind Traders", country="SE", territories=[nordics], tier=silver)
    PartnerFactory(name="Initech", country="US", status=Partner.Status.AT_RISK, tier=gold)
    PartnerFactory(name="Umbrella Services", status=Partner.Status.ONBOARDING)


def row_names(page):
    return page.locator("#partner-rows tbody tr td:first-child").all_inner_texts()


def test_manager_dashboard_list_create_and_partner_page(page, live_server, manager, channel):
    base = live_server.url
    login(page, base, manager.username, name="manager")
    expect(page).to_have_url(f"{base}/")
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()
    for chart in ("partners-by-status", "partners-by-tier", "partners-by-territory"):
        canvas = page.locator(f"canvas[data-chart='{chart}-data']")
        expect(canvas).to_have_attribute("data-drawn", "1")
        assert canvas.bounding_box()["height"] > 100
    shot(page, "manager-01-dashboard")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Partners").click()
    expect(page).to_have_url(f"{base}/partners/")
    expect(page.locator("#partner-rows tbody tr")).to_have_count(7)
    shot(page, "manager-02-partner-list")

    page.fill("#partner-filters input[name=q]", "acme")
    expect(page).to_have_url(re.compile(r"/partners/\?q=acme$"))
    expect(page.locator("#partner-rows tbody tr")).to_have_count(3)
    page.select_option("#partner-filters select[name=status]", "active")
    expect(page).to_have_url(re.compile(r"\?q=acme&status=active$"))
    expect(page.locator("#partner-rows tbody tr")).to_have_count(2)
    assert row_names(page) == ["Acme Analytics", "Acme Systems"]
    shot(page, "manager-03-partner-list-filtered")

    page.locator("#partner-rows th").get_by_role("link", name="Company revenue").click()
    expect(page).to_have_url(re.compile(r"\?q=acme&status=active&sort=revenue$"))
    expect(page.locator("#partner-rows th[aria-sort=ascending]")).to_contain_text("Company revenue")
    assert row_names(page) == ["Acme Systems", "Acme Analytics"]
    shot(page, "manager-04-partner-list-sorted")

    page.get_by_role("link", name="Add partner").click()
    expect(page).to_have_url(f"{base}/partners/new/")
    shot(page, "manager-05-partner-create")
    form = page.locator("#partner-form")
    form.locator("input[name=name]").fill("Contoso Integration")
    form.locator("select[name=country]").select_option("NL")
    form.locator("select[name=partner_type]").select_option("system_integrator")
    form.locator("input[name=website]").fill("https://contoso.example")
    form.locator("input[name=annual_revenue]").fill("-5")
    form.get_by_role("button", name="Create partner").click()
    revenue_field = page.locator("#field-annual_revenue")
    expect(revenue_field.locator(".errorlist")).to_have_text("Annual revenue cannot be negative.")
    expect(page).to_have_url(f"{base}/partners/new/")
    shot(page, "manager-06-partner-create-error")

    page.fill("#partner-form input[name=annual_revenue]", "2500000")
    page.locator("#partner-form").get_by_role("button", name="Create partner").click()
    expect(page).to_have_url(f"{base}/partners/contoso-integration/")
    expect(page.get_by_role("heading", name="Contoso Integration", level=1)).to_be_visible()
    expect(page.locator("#tab-panel")).to_contain_text("2,500,000 USD")
    shot(page, "manager-07-partner-detail")

    page.locator(".tabs").get_by_role("tab", name="History").click()
    expect(page).to_have_url(f"{base}/partners/contoso-integration/tab/history/")
    expect(page.locator("#tab-panel[data-current-tab=history]")).to_contain_text(
        "created this partner"
    )
    expect(page.locator(".tabs a.active")).to_have_text("History")
    shot(page, "manager-08-partner-history")

    page.get_by_role("link", name="Edit", exact=True).click()
    expect(page).to_have_url(f"{base}/partners/contoso-integration/edit/")
    expect(page.locator("#partner-form input[name=name]")).to_have_value("Contoso Integration")
    shot(page, "manager-09-partner-edit")


def test_manager_duplicate_name_is_reported_at_the_name_field(page, live_server, manager, partner):
    login(page, live_server.url, manager.username, name="manager-duplicate")
    shot(page, "manager-duplicate-landing")
    page.goto(f"{live_server.url}/partners/new/")
    shot(page, "manager-duplicate-create")
    form = page.locator("#partner-form")
    form.locator("input[name=name]").fill("acme systems")
    form.locator("select[name=country]").select_option("DE")
    form.locator("select[name=partner_type]").select_option("reseller")
    form.get_by_role("button", name="Create partner").click()
    expect(page.locator("#field-name .errorlist")).to_contain_text("already exists")
    expect(page.locator("#partner-form .form-errors")).to_be_visible()
    shot(page, "manager-10-partner-create-duplicate")
    assert Partner.objects.filter(name__iexact="acme systems").count() == 1


def test_manager_empty_filter_result_and_missing_partner(page, live_server, manager, channel):
    base = live_server.url
    login(page, base, manager.username, name="manager-empty")
    shot(page, "manager-empty-landing")
    page.goto(f"{base}/partners/?q=no-such-partner")
    expect(page.locator("#partner-rows .empty")).to_contain_text("No partner matches")
    shot(page, "manager-11-partner-list-empty")

    response = page.goto(f"{base}/partners/no-such-partner/")
    assert response.status == 404
    expect(page.get_by_role("heading", name="Not found")).to_be_visible()
    shot(page, "manager-12-not-found")


def test_manager_dashboard_and_list_at_mobile_width(
    mobile_page, live_server, manager, partner, channel
):
    page, base = mobile_page, live_server.url
    login(page, base, manager.username, name="mobile-manager")
    expect(page.locator("canvas[data-chart='partners-by-status-data']")).to_have_attribute(
        "data-drawn", "1"
    )
    shot(page, "mobile-manager-01-dashboard")
    assert_no_horizontal_overflow(page)

    page.goto(f"{base}/partners/")
    expect(page.locator("#partner-rows tbody tr")).to_have_count(7)
    shot(page, "mobile-manager-02-partner-list")
    assert_no_horizontal_overflow(page)

    page.goto(f"{base}{partner.get_absolute_url()}")
    shot(page, "mobile-manager-03-partner-detail")
    assert_no_horizontal_overflow(page)


def assert_no_horizontal_overflow(page):
    """Nothing on the page is wider than the phone: no sideways scrolling of the whole page."""
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], f"page is {widths[0]}px wide in a {widths[1]}px viewport"


def test_login_with_a_wrong_password_shows_the_error(page, live_server, manager):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", manager.username)
    page.fill("input[name=password]", "wrong")
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator(".login-box .form-errors")).to_contain_text("correct username and password")
    expect(page).to_have_url(f"{live_server.url}/accounts/login/")
    shot(page, "login-error")
