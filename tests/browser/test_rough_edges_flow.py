"""The rough edges a new user hit, smoothed: a toast after each change (dismissable, also on a
phone), the partner tabs at a laptop's width, an org chart that fits its box and shows the
person just added, and long pickers you can type in."""

import re

import pytest
from playwright.sync_api import expect

from partners.models import Contact
from relationships.models import Interaction
from tests.factories import ContactFactory, OrgUnitFactory, StakeholderFactory

from .conftest import _check_page, _new_page, login, shot

pytestmark = pytest.mark.browser
LAPTOP = {"width": 1366, "height": 800}
PHONE = {"width": 360, "height": 740}
HEADS = ["Sales", "Marketing", "Finance", "Operations", "Services", "Engineering", "Support"]


@pytest.fixture
def org(partner):
    """A CEO, seven heads and eleven people under each: 85 people, a chart wider than a laptop."""
    ceo = ContactFactory(partner=partner, first_name="Ada", last_name="Chief", title="CEO")
    people = [ceo]
    for index, area in enumerate(HEADS):
        unit = OrgUnitFactory(partner=partner, name=area)
        head = ContactFactory(partner=partner, first_name=f"Head{index}", last_name=area,
                              title=f"Head of {area}", reports_to=ceo, org_unit=unit)  # fmt: skip
        people.append(head)
        for number in range(11):
            people.append(ContactFactory(
                partner=partner, first_name=f"{area[:3]}{number}", last_name=f"Person{index}",
                title=f"{area} specialist", reports_to=head, org_unit=unit,
            ))  # fmt: skip
    StakeholderFactory(contact=ceo)  # one of them analysed, the rest not
    return people


@pytest.fixture
def laptop(browser, live_server):
    context, page = _new_page(browser, LAPTOP)
    yield page
    context.close()
    _check_page(page)


@pytest.fixture
def phone(browser, live_server):
    context, page = _new_page(browser, PHONE)
    yield page
    context.close()
    _check_page(page)


def _box(locator) -> dict:
    return locator.bounding_box()


def test_partner_tabs_and_org_chart_at_a_laptops_width(laptop, live_server, manager, partner, org):
    page, base = laptop, live_server.url
    login(page, base, manager.username, name="rough-edges-laptop")
    page.goto(f"{base}/partners/{partner.slug}/")
    tabs = page.get_by_role("tablist", name="Partner sections")
    history = tabs.get_by_role("tab", name="History")
    expect(history).to_be_visible()
    # Every tab in full sight: "History" ends inside the tab bar, not cut off.
    assert _box(history)["x"] + _box(history)["width"] <= _box(tabs)["x"] + _box(tabs)["width"]
    shot(page, "rough-edges-01-tabs-1366")

    history.click()
    expect(page.locator("#tab-panel[data-current-tab=history]")).to_be_visible()
    tabs.get_by_role("tab", name="Org chart").click()
    chart = page.locator("[data-oc-scroll]")
    expect(page.locator("[data-oc-zoom-controls]")).to_be_visible()
    # Fitted: the chart is no wider than its box, and the CEO is in the middle of it.
    forest, area = _box(chart.locator(".oc-forest")), _box(chart)
    assert forest["width"] <= area["width"] + 1
    ceo = _box(page.locator(f"#person-{org[0].pk}"))
    assert abs(ceo["x"] + ceo["width"] / 2 - (area["x"] + area["width"] / 2)) < area["width"] / 4
    level = page.locator("[data-oc-zoom-level]")
    expect(level).not_to_have_text("100 %")
    shot(page, "rough-edges-02-orgchart-fitted")

    page.get_by_role("button", name="Zoom in").click()
    zoomed = int(level.inner_text().rstrip(" %"))
    page.get_by_role("button", name="Actual size").click()
    expect(level).to_have_text("100 %")
    assert zoomed > 0
    page.get_by_role("button", name="Fit").click()
    expect(level).not_to_have_text("100 %")

    # Add a person under one of 85 people: the "Reports to" list filters as you type.
    page.get_by_role("link", name="Add a person").first.click()
    dialog = page.locator("dialog#oc-dialog")
    expect(dialog).to_be_visible()
    dialog.get_by_label("First name").fill("Nora")
    dialog.get_by_label("Last name").fill("Newcomer")
    # The field is named for assistive technology; a user clicks the box and types.
    dialog.locator("#field-reports_to .ts-control").click()
    search = dialog.get_by_role("combobox", name="Reports to")
    expect(search).to_be_focused()
    search.press_sequentially("Head of Fin")
    options = dialog.locator(".ts-dropdown .option")
    expect(options).to_have_count(1)
    expect(options.first).to_contain_text("Head2 Finance")
    shot(page, "rough-edges-03-searchable-reports-to")
    options.first.click()
    dialog.get_by_role("button", name="Add to the chart").click()

    toast = page.locator("#toasts [data-toast]")
    expect(toast).to_contain_text("Nora Newcomer is on the org chart.")
    nora = Contact.objects.get(first_name="Nora")
    assert nora.reports_to.last_name == "Finance"
    person = page.locator(f"#person-{nora.pk}")
    expect(person).to_have_class(re.compile(r"\boc-highlight\b"))
    expect(person).to_be_in_viewport()
    shot(page, "rough-edges-04-person-added-highlighted")
    toast.get_by_role("button", name="Dismiss").click()
    expect(toast).to_have_count(0)


def test_searchable_with_whom_and_any_contact(laptop, live_server, manager, partner, org):
    page, base = laptop, live_server.url
    login(page, base, manager.username, name="rough-edges-interaction")
    page.goto(f"{base}/relationships/partners/{partner.slug}/interactions/new/")
    form = page.locator("#interaction-form")
    with_whom = form.get_by_role("combobox", name="With whom")
    form.locator("#field-contacts .ts-control").click()
    expect(with_whom).to_be_focused()
    with_whom.press_sequentially("Fin3")
    options = form.locator(".ts-dropdown .option")
    expect(options).to_have_count(1)
    options.first.click()
    with_whom.press_sequentially("Ada")
    expect(options).to_have_count(1)
    options.first.click()
    expect(form.locator(".ts-control .item")).to_have_count(2)
    page.keyboard.press("Escape")
    form.locator("select[name=channel]").select_option("call")
    shot(page, "rough-edges-05-with-whom")
    form.get_by_role("button", name="Log interaction").click()

    expect(page.locator("#toasts")).to_contain_text("Interaction logged. Call with")
    interaction = Interaction.objects.get()
    names = {contact.first_name for contact in interaction.contacts.all()}
    assert names == {"Fin3", "Ada"}
    assert [s.contact.first_name for s in interaction.stakeholders.all()] == ["Ada"]
    shot(page, "rough-edges-06-interaction-logged")


def test_phone_tabs_scroll_and_the_toast_can_be_dismissed(phone, live_server, manager, partner):
    page, base = phone, live_server.url
    login(page, base, manager.username, name="rough-edges-phone")
    page.goto(f"{base}/partners/{partner.slug}/")
    tabs = page.get_by_role("tablist", name="Partner sections")
    more = page.get_by_role("button", name="Scroll the tabs right")
    expect(more).to_be_visible()
    shot(page, "rough-edges-07-tabs-360")
    before = tabs.evaluate("element => element.scrollLeft")
    more.click()
    page.wait_for_function(
        "before => document.querySelector('[data-tablist]').scrollLeft > before", arg=before
    )
    expect(page.get_by_role("button", name="Scroll the tabs left")).to_be_visible()
    tabs.get_by_role("tab", name="History").click()
    expect(page.locator("#tab-panel[data-current-tab=history]")).to_be_visible()

    page.goto(f"{base}/partners/{partner.slug}/edit/")
    page.get_by_role("button", name="Save changes").click()
    toast = page.locator("#toasts [data-toast]")
    expect(toast).to_contain_text(f"Partner {partner.name} saved.")
    expect(toast).to_have_css("opacity", "1")  # in, not still fading in
    box, dismiss = _box(toast), page.get_by_role("button", name="Dismiss")
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]  # full width, inside
    expect(dismiss).to_be_in_viewport()
    shot(page, "rough-edges-08-toast-360")
    dismiss.click()
    expect(toast).to_have_count(0)
