"""A channel manager who uses only the keyboard: through the partner form (Tab, type, Enter),
along the partner page's tabs (arrow keys, Enter) and into the org chart (a person's menu opens
with Enter, its form in a dialog, Escape closes it). Whatever has focus shows a focus ring."""

import pytest
from playwright.sync_api import expect

from tests.factories import ContactFactory

from .conftest import login, shot

pytestmark = pytest.mark.browser

FOCUSED = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  return {
    tag: el.tagName.toLowerCase(), name: el.getAttribute("name"), role: el.getAttribute("role"),
    text: (el.innerText || "").trim(), label: el.getAttribute("aria-label"),
    outline: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth),
  };
}"""


def focused(page) -> dict:
    return page.evaluate(FOCUSED)


def assert_focus_visible(page):
    now = focused(page)
    assert now["outline"] != "none" and now["outlineWidth"] >= 2, f"no focus ring on {now}"


def tab_until(page, matches, *, limit=60, key="Tab"):
    """Press Tab until the focused element matches; the elements passed on the way."""
    passed = []
    for _ in range(limit):
        page.keyboard.press(key)
        now = focused(page)
        passed.append(now)
        if matches(now):
            return passed
    raise AssertionError(f"never reached by keyboard; passed {passed}")


def test_partner_form_by_keyboard(page, live_server, manager, partner):
    base = live_server.url
    login(page, base, manager.username, name="keyboard-form")
    page.goto(f"{base}/partners/{partner.slug}/edit/")
    passed = tab_until(page, lambda el: el["name"] == "name")
    assert_focus_visible(page)
    assert any(el["text"] == "Partners" for el in passed)  # the menu comes first
    page.keyboard.press("Control+A")
    page.keyboard.type("Acme Systems Europe")
    shot(page, "keyboard-01-partner-form-focus")

    # Every field of the form is on the way to the submit button, in the order shown.
    fields = [el["name"] for el in tab_until(page, lambda el: el["tag"] == "button")]
    visible = page.locator(
        "#partner-form :is(input, select, textarea):not([type=hidden]):visible"
    ).evaluate_all("(els) => els.map(e => e.name)")
    reached = list(dict.fromkeys(name for name in fields if name))  # a radio group is one stop
    assert len(reached) >= 5, reached
    assert reached == list(dict.fromkeys(visible[visible.index("name") + 1 :]))
    assert_focus_visible(page)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Acme Systems Europe", level=1)).to_be_visible()


def test_partner_tabs_by_keyboard(page, live_server, manager, partner):
    base = live_server.url
    login(page, base, manager.username, name="keyboard-tabs")
    page.goto(f"{base}{partner.get_absolute_url()}")
    tabs = page.locator("[role=tablist] [role=tab]")
    count = tabs.count()
    assert count >= 3
    # One tab stop for the whole list: the selected tab.
    assert tabs.evaluate_all("(els) => els.filter(e => e.tabIndex === 0).length") == 1
    tab_until(page, lambda el: el["role"] == "tab")
    assert focused(page)["text"] == "Overview"
    assert_focus_visible(page)

    page.keyboard.press("ArrowRight")
    second = tabs.nth(1).inner_text()
    assert focused(page)["text"] == second
    assert_focus_visible(page)
    shot(page, "keyboard-02-tab-focus")
    page.keyboard.press("Enter")
    expect(tabs.nth(1)).to_have_attribute("aria-selected", "true")
    expect(tabs.nth(0)).to_have_attribute("aria-selected", "false")
    expect(page.locator("#tab-panel")).to_have_attribute("aria-labelledby", f"tab-{second}".lower())
    assert focused(page)["text"] == second  # focus stays on the tab after the panel swaps

    page.keyboard.press("End")
    assert focused(page)["text"] == tabs.nth(count - 1).inner_text()
    page.keyboard.press("ArrowRight")  # wraps round
    assert focused(page)["text"] == "Overview"
    page.keyboard.press("ArrowLeft")
    page.keyboard.press(" ")
    expect(tabs.nth(count - 1)).to_have_attribute("aria-selected", "true")
    shot(page, "keyboard-03-last-tab")
    # Tab leaves the list for the panel, not for the next tab.
    page.keyboard.press("Tab")
    assert focused(page)["role"] != "tab"


def test_org_chart_by_keyboard(page, live_server, manager, partner):
    ceo = ContactFactory(partner=partner, first_name="Maria", last_name="Keller", title="CEO")
    ContactFactory(partner=partner, first_name="Jon", last_name="Berg", reports_to=ceo)
    base = live_server.url
    login(page, base, manager.username, name="keyboard-orgchart")
    page.goto(f"{base}/partners/{partner.slug}/tab/org-chart/")
    passed = tab_until(page, lambda el: el["label"] == "Change Maria Keller")
    assert any(el["label"] and el["label"].startswith("Org chart") for el in passed)
    assert_focus_visible(page)
    page.keyboard.press("Enter")
    menu = page.locator(f"#person-{ceo.pk} .oc-menu")
    expect(menu).to_have_attribute("open", "")
    tab_until(page, lambda el: el["text"] == "Edit details", limit=5)
    assert_focus_visible(page)
    shot(page, "keyboard-04-orgchart-menu")
    page.keyboard.press("Enter")
    dialog = page.locator("#oc-dialog")
    expect(dialog).to_be_visible()
    expect(dialog.locator("input[name=first_name]")).to_be_focused()
    shot(page, "keyboard-05-orgchart-dialog")
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()

    # A branch folds and unfolds from the keyboard too.
    branch = page.locator(f"#person-{ceo.pk} + details.oc-branch")
    expect(branch).to_have_attribute("open", "")
    branch.locator("> summary").focus()
    page.keyboard.press("Enter")
    expect(branch).not_to_have_attribute("open", "")
    page.keyboard.press("Enter")
    expect(branch).to_have_attribute("open", "")
