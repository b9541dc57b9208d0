"""The global search by keyboard: a channel manager types a fragment of a customer's name into
the top bar, the dropdown lists partners, people, deals and claims, the arrow keys move through
them, Escape closes the list, Enter opens a result; Enter in the box opens the results page.
A partner user searches on a 360 px phone and sees only their own company's rows; the box takes
the line under the menu (beside the inbox and the bell) without breaking the header."""

import re

import pytest
from playwright.sync_api import expect

from tests.search_support import build_world

from .conftest import _check_page, _new_page, login, shot

pytestmark = pytest.mark.browser
LAPTOP = {"width": 1366, "height": 800}
PHONE = {"width": 360, "height": 740}
FOCUSED_TEXT = "() => (document.activeElement.innerText || '').trim()"


@pytest.fixture
def sized_page(browser, live_server):
    """A page at the given viewport, checked like the shared `page` fixture when closed."""
    opened = []

    def make(viewport):
        context, page = _new_page(browser, viewport)
        opened.append((context, page))
        return page

    yield make
    for context, page in opened:
        context.close()
        _check_page(page)


@pytest.fixture
def world(partner, other_partner):
    return build_world(partner, other_partner)


def type_in_top_bar(page, text):
    box = page.get_by_role("search", name="Site search").get_by_role("searchbox")
    box.click()
    box.press_sequentially(text, delay=60)
    results = page.locator("#topbar-search-results")
    expect(results).to_be_visible()
    expect(results.locator(".search-hit").first).to_be_visible()
    return box, results


def test_manager_finds_a_deal_from_the_top_bar_by_keyboard(sized_page, live_server, manager, world):
    page = sized_page(LAPTOP)
    base = live_server.url
    login(page, base, manager.username, name="search-01")
    page.goto(f"{base}/partners/")
    search = page.get_by_role("search", name="Site search").bounding_box()
    menu = page.get_by_role("navigation", name="Main").bounding_box()
    middle = lambda area: area["y"] + area["height"] / 2  # noqa: E731
    assert abs(middle(search) - middle(menu)) < 8, "the box sits in the menu's row"
    shot(page, "search-00-partners-1366")
    box, results = type_in_top_bar(page, "umbr")
    expect(results.locator(".search-group-label")).to_have_text(["Deals"])
    expect(results.locator("a.search-hit")).to_have_count(2)
    shot(page, "search-01-dropdown-1366")

    box.press("ArrowDown")
    first = page.evaluate(FOCUSED_TEXT)
    page.keyboard.press("ArrowDown")
    second = page.evaluate(FOCUSED_TEXT)
    assert first.startswith("Umbrella") and second.startswith("Umbrella") and first != second
    page.keyboard.press("ArrowUp")
    assert page.evaluate(FOCUSED_TEXT) == first
    page.keyboard.press("ArrowUp")
    expect(box).to_be_focused()

    page.keyboard.press("ArrowDown")
    assert page.evaluate(FOCUSED_TEXT) == first
    page.keyboard.press("Escape")  # from a result: the list closes, the box has the focus
    expect(results).to_be_hidden()
    expect(box).to_be_focused()
    expect(box).to_have_value("umbr")

    page.keyboard.press("ArrowDown")  # the list opens again, on its first result
    expect(results).to_be_visible()
    pharma = results.get_by_role("link", name=re.compile("Umbrella Pharma"))
    for _ in range(5):  # the deals' order is the newest first: Pharma is first or second
        if page.evaluate(FOCUSED_TEXT).split("\n")[0] == "Umbrella Pharma":
            break
        page.keyboard.press("ArrowDown")
    expect(pharma).to_be_focused()
    shot(page, "search-02-dropdown-focused-1366")
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{base}/performance/deals/{world.deal.pk}/")
    shot(page, "search-03-deal-opened")

    box = page.get_by_role("search", name="Site search").get_by_role("searchbox")
    box.fill("kowal")
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/search/\?q=kowal$"))
    expect(page.get_by_role("heading", name="People")).to_be_visible()
    hits = page.locator(".search-group-card .search-hit-title")
    expect(hits).to_have_count(2)
    expect(page.locator("main")).to_contain_text("Jana Kowalska")
    expect(page.locator("main")).to_contain_text("Jan Kowalczyk")
    shot(page, "search-04-results-page-1366")


def test_search_page_without_javascript(browser, live_server, manager, world):
    context = browser.new_context(viewport=LAPTOP, java_script_enabled=False)
    page = context.new_page()
    try:
        login(page, live_server.url, manager.username, name="search-05")
        page.locator("#topbar-search-q").fill("webinar")
        page.locator("#topbar-search-q").press("Enter")
        expect(page).to_have_url(re.compile(r"/search/\?q=webinar$"))
        expect(page.get_by_role("heading", name="Claims")).to_be_visible()
        expect(page.get_by_text("Webinar series on data platforms")).to_be_visible()
        shot(page, "search-05-results-without-javascript")
    finally:
        context.close()


def test_partner_user_searches_their_company_on_a_phone(
    sized_page, live_server, partner_member, world
):
    page = sized_page(PHONE)
    base = live_server.url
    login(page, base, partner_member.username, name="search-06")
    shot(page, "search-06-portal-home-360")
    # The line under the brand and the menu button, shared with the inbox and the bell: most
    # of the screen's width, clear of everything above it, and nothing wider than the phone.
    search = page.get_by_role("search", name="Site search").bounding_box()
    menu = page.locator(".menu-narrow > summary").bounding_box()
    assert search["y"] >= menu["y"] + menu["height"] and search["width"] >= PHONE["width"] * 0.6
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]

    box, results = type_in_top_bar(page, "kowal")
    expect(results.locator("a.search-hit, div.search-hit")).to_have_count(1)
    expect(results).to_contain_text("Jana Kowalska")
    expect(results).not_to_contain_text("Kowalczyk")
    for element in (box, results):
        area = element.bounding_box()
        assert area["x"] >= 0 and area["x"] + area["width"] <= PHONE["width"], area
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    shot(page, "search-07-portal-dropdown-360")

    box.fill("umbrella")
    box.press("Enter")
    expect(page.get_by_role("heading", name="Deals")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Umbrella Pharma")
    expect(page.locator("main")).not_to_contain_text("Umbrella Logistics")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    shot(page, "search-08-portal-results-360")
    page.get_by_role("link", name=re.compile("Umbrella Pharma")).click()
    expect(page).to_have_url(f"{base}/portal/performance/deals/{world.deal.pk}/")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    shot(page, "search-09-portal-deal-360")
