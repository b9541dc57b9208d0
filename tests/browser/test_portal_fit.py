"""Every portal page fits a phone (360 px) and a laptop (1366 px), as the demo's partner admin
with the demo's data: nothing wider than the screen, tables as cards on the phone with their
status in sight, the menu behind one button on the phone, the header on one line on the laptop.

The pages are read from the URLconf (every named GET page under /portal/; a page with an id is
visited through the first link to it on the pages before), so a portal page another app adds is
checked without touching this test. Each test visits one area's pages, to stay short."""

import io
import re

import pytest
from django.core.management import call_command
from django.urls import Resolver404, get_resolver, resolve
from playwright.sync_api import expect

from tests.partners.test_portal_reach import _walk

from .conftest import LAPTOP, PHONE, login, shot

pytestmark = pytest.mark.browser
PASSWORD = "demo"
PORTAL = "portal/"
# The laptop header's height when it holds one line (brand, menu, tools, user).
ONE_LINE_PX = 64

OVERFLOW = "() => document.documentElement.scrollWidth - window.innerWidth"
# The visible children of the header's bar, their vertical middles.
HEADER_MIDDLES = """() => Array.from(document.querySelector('.topbar .inner').children)
  .filter(el => el.offsetParent !== null)
  .map(el => { const b = el.getBoundingClientRect(); return b.top + b.height / 2; })"""
# Every cell of a "Status" column: whether the whole of it is on the screen.
STATUS_CELLS = """() => Array.from(document.querySelectorAll('main td[data-label="Status"]'))
  .filter(td => td.offsetParent !== null)
  .map(td => { const b = td.getBoundingClientRect();
               return b.width > 0 && b.left >= 0 && b.right <= window.innerWidth + 0.5; })"""
# Pages of the portal's look outside /portal/: the partner's inbox.
MORE_PAGES = {"rest": ["/inbox/"], "performance": []}
LINKS = "() => Array.from(document.querySelectorAll('main a[href]')).map(a => a.pathname)"


@pytest.fixture
def demo(transactional_db):
    call_command("seed_demo", force=True, partners=2, password=PASSWORD, stdout=io.StringIO())


def portal_pages(area: str) -> tuple[list[str], set[str]]:
    """The area's pages without an id (paths) and the view names of those with one. `area`:
    "performance" (its namespaces) or "rest" (every other portal page)."""
    plain, with_ids = [], set()
    for text, namespace, name in _walk(get_resolver()):
        in_area = namespace.startswith("performance") == (area == "performance")
        if not text.startswith(PORTAL) or not in_area:
            continue
        view = f"{namespace}:{name}"
        if "<" in text or "(?P" in text:
            with_ids.add(view)
        else:
            plain.append("/" + text.replace("^", "").replace("$", ""))
    return sorted(set(plain)) + MORE_PAGES[area], with_ids


def _view_name(path):
    try:
        return resolve(path).view_name
    except Resolver404:
        return None


def _is_html_page(page, url) -> bool:
    response = page.request.get(url, max_redirects=0)
    return response.status == 200 and "text/html" in response.headers.get("content-type", "")


def visit_all(page, base, area, check, prefix):
    """Each page of the area, checked by `check(page)` and saved as a screenshot."""
    plain, with_ids = portal_pages(area)
    seen_links: list[str] = []
    visited = 0
    for path in plain:
        if not _is_html_page(page, base + path):
            continue  # a POST-only address (a form's target), not a page
        page.goto(base + path)
        check(page)
        shot(page, f"{prefix}-{re.sub(r'[^a-z0-9]+', '-', path.strip('/'))}")
        seen_links += page.evaluate(LINKS)
        visited += 1
    for view in sorted(with_ids):
        path = next((link for link in seen_links if _view_name(link) == view), None)
        if path is None or not _is_html_page(page, base + path):
            continue
        page.goto(base + path)
        check(page)
        shot(page, f"{prefix}-{view.split(':')[-1]}")
        visited += 1
    assert visited >= 3, f"only {visited} {area} pages visited"


def check_phone(page):
    assert page.evaluate(OVERFLOW) <= 0, f"{page.url} is wider than the phone"
    expect(page.locator(".menu-narrow > summary")).to_be_visible()
    expect(page.locator("nav.menu-wide")).to_be_hidden()
    assert all(page.evaluate(STATUS_CELLS)), f"{page.url}: a status cell is cut off"
    rows = page.locator("main table:has(> thead) > tbody > tr")
    if rows.count():
        assert rows.first.evaluate("tr => getComputedStyle(tr).display") == "block", "not cards"


def check_laptop(page):
    assert page.evaluate(OVERFLOW) <= 0, f"{page.url} is wider than the laptop"
    expect(page.locator("nav.menu-wide")).to_be_visible()
    expect(page.locator(".menu-narrow")).to_be_hidden()
    page.wait_for_load_state("networkidle")  # the inbox count and the bell have arrived
    height = page.locator(".topbar .inner").bounding_box()["height"]
    middles = page.evaluate(HEADER_MIDDLES)
    assert height <= ONE_LINE_PX and max(middles) - min(middles) < 12, (
        f"{page.url}: the header takes more than one line ({height} px)"
    )


@pytest.mark.parametrize("area", ["performance", "rest"])
def test_portal_pages_fit_a_phone(phone, live_server, demo, area):
    base = live_server.url
    login(phone, base, "portal-a", PASSWORD, name=f"portal-fit-360-{area}")
    visit_all(phone, base, area, check_phone, f"portal-fit-360-{area}")


@pytest.mark.parametrize("area", ["performance", "rest"])
def test_portal_pages_fit_a_laptop(laptop, live_server, demo, area):
    base = live_server.url
    login(laptop, base, "portal-a", PASSWORD, name=f"portal-fit-1366-{area}")
    visit_all(laptop, base, area, check_laptop, f"portal-fit-1366-{area}")


def test_laptop_more_menu_holds_the_entries_that_did_not_fit(laptop, live_server, demo):
    base = live_server.url
    login(laptop, base, "portal-a", PASSWORD, name="portal-fit-more")
    laptop.wait_for_load_state("networkidle")
    nav = laptop.get_by_role("navigation", name="Portal", exact=True)
    more = nav.locator("summary", has_text="More")
    expect(more).to_be_visible()  # the demo's portal menu is wider than a laptop's bar
    hidden = nav.locator(".menu-more-list a")
    assert hidden.count() >= 1
    more.click()
    expect(hidden.first).to_be_visible()
    shot(laptop, "portal-fit-1366-more-open")
    laptop.keyboard.press("Escape")
    expect(hidden.first).to_be_hidden()


def test_phone_menu_opens_and_leads_to_a_page(phone, live_server, demo):
    base = live_server.url
    login(phone, base, "portal-a", PASSWORD, name="portal-fit-menu")
    phone.locator(".menu-narrow > summary").click()
    menu = phone.get_by_role("navigation", name="Portal (menu)")
    expect(menu.get_by_role("button", name="Log out")).to_be_visible()
    shot(phone, "portal-fit-360-menu-open")
    menu.get_by_role("link", name="Deals").click()
    expect(phone).to_have_url(f"{base}/portal/performance/deals/")
    expect(phone.locator(".menu-narrow > summary")).to_contain_text("Deals")
    assert PHONE["width"] == 360 and LAPTOP["width"] == 1366


def test_staff_header_collapses_on_a_phone_too(phone, live_server, transactional_db, manager):
    base = live_server.url
    login(phone, base, manager.username, name="portal-fit-staff")
    expect(phone.locator(".menu-narrow > summary")).to_be_visible()
    expect(phone.get_by_role("navigation", name="Main", exact=True)).to_be_hidden()
    phone.wait_for_load_state("networkidle")
    # Two lines: the brand and the menu button, then search, inbox and bell.
    assert phone.locator(".topbar").bounding_box()["height"] <= 2 * ONE_LINE_PX - 10
    assert phone.evaluate(OVERFLOW) <= 0
    shot(phone, "portal-fit-360-staff-home")
