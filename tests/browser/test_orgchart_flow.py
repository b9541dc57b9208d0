"""A channel manager builds a partner's org chart: the empty chart → a top person → a report
under them → a move refused as a cycle, then a real move → someone leaves → the chart. Then a
large chart (readable, folded) at desktop and phone width, and the CSV import with its report."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from partners.models import Contact
from tests.factories import ContactFactory, OrgUnitFactory, StakeholderFactory

from .conftest import login, shot

pytestmark = pytest.mark.browser


def chart_url(base, partner):
    return f"{base}/partners/{partner.slug}/tab/org-chart/"


def box(page, name):
    return page.locator(f"#orgchart .oc-box[data-person='{name}']")


def open_menu_action(page, name, action):
    person = box(page, name)
    person.locator(".oc-menu > summary").click()
    person.locator(".oc-menu-items").get_by_role("link", name=action).click()
    expect(page.locator("#oc-dialog")).to_be_visible()


def pick(dialog, label, option):
    """Choose in a searchable list (Tom Select, static/js/ui.js) as a user does: open, type,
    click the match."""
    field = dialog.locator(".field", has=dialog.page.get_by_text(label, exact=True))
    field.locator(".ts-control").click()  # once the list is made searchable
    search = field.get_by_role("combobox", name=label)
    expect(search).to_be_focused()
    search.press_sequentially(option.split(" — ")[0])
    field.locator(".ts-dropdown .option", has_text=option).click()


def submit_dialog(page, button):
    page.locator("#oc-dialog").get_by_role("button", name=button).click()


def assert_no_horizontal_overflow(page):
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], f"page is {widths[0]}px wide in a {widths[1]}px viewport"


def test_manager_builds_an_org_chart(page, live_server, manager, partner):
    OrgUnitFactory(partner=partner, name="Management")
    OrgUnitFactory(partner=partner, name="Sales")
    base = live_server.url
    login(page, base, manager.username, name="rel-orgchart")
    page.goto(f"{base}{partner.get_absolute_url()}")
    page.locator(".tabs").get_by_role("tab", name="Org chart").click()  # swapped in by htmx
    expect(page).to_have_url(chart_url(base, partner))
    expect(page.locator(".oc-empty")).to_contain_text("No one on the org chart yet")
    shot(page, "rel-orgchart-01-empty")

    # A top person.
    page.locator(".oc-empty").get_by_role("link", name="Add the first person").click()
    dialog = page.locator("#oc-dialog")
    expect(dialog.get_by_role("heading", name="Add a person")).to_be_visible()
    dialog.locator("input[name=first_name]").fill("Ana")
    dialog.locator("input[name=last_name]").fill("Silva")
    dialog.locator("input[name=title]").fill("Managing Director")
    dialog.locator("input[name=email]").fill("ana.silva@acme.example")
    pick(dialog, "Unit", "Management")
    shot(page, "rel-orgchart-02-add-top-person")
    submit_dialog(page, "Add to the chart")
    expect(page.locator(".messages")).to_contain_text("Ana Silva is on the org chart.")
    expect(box(page, "Ana Silva")).to_contain_text("Managing Director")
    expect(box(page, "Ana Silva")).to_contain_text("Not assessed")

    # A report under her, then one under him.
    open_menu_action(page, "Ana Silva", "Add a report")
    expect(dialog.get_by_role("heading", name="Add a report to Ana Silva")).to_be_visible()
    expect(dialog.locator("select[name=reports_to] option:checked")).to_contain_text("Ana Silva")
    dialog.locator("input[name=first_name]").fill("Ben")
    dialog.locator("input[name=last_name]").fill("Okafor")
    dialog.locator("input[name=title]").fill("Head of Sales")
    pick(dialog, "Unit", "Sales")
    shot(page, "rel-orgchart-03-add-report")
    submit_dialog(page, "Add to the chart")
    expect(box(page, "Ben Okafor")).to_be_visible()
    open_menu_action(page, "Ben Okafor", "Add a report")
    dialog.locator("input[name=first_name]").fill("Chloé")
    dialog.locator("input[name=last_name]").fill("Martin")
    dialog.locator("input[name=title]").fill("Account Manager")
    submit_dialog(page, "Add to the chart")
    expect(box(page, "Chloé Martin")).to_contain_text("Sales")
    shot(page, "rel-orgchart-04-three-levels")

    # A move that would make a cycle is refused at the field; nothing changes.
    open_menu_action(page, "Ana Silva", "Move")
    pick(dialog, "New manager", "Chloé Martin — Account Manager")
    submit_dialog(page, "Move")
    error = dialog.locator("#field-reports_to .errorlist")
    expect(error).to_contain_text("reporting cycle")
    shot(page, "rel-orgchart-05-move-cycle-refused")
    assert Contact.objects.get(last_name="Silva").reports_to is None

    dialog.get_by_role("link", name="Cancel").click()
    expect(dialog).to_be_hidden()
    open_menu_action(page, "Chloé Martin", "Move")
    pick(dialog, "New manager", "Ana Silva — Managing Director")
    submit_dialog(page, "Move")
    expect(page.locator(".messages")).to_contain_text("Chloé Martin moved.")
    ana_reports = page.locator("#orgchart .oc-forest > li > details > ul > li > .oc-box")
    expect(ana_reports).to_have_count(2)

    # Ben leaves; he stays in the history below the chart.
    open_menu_action(page, "Ben Okafor", "Mark as left")
    expect(dialog).to_contain_text("leaves the chart")
    dialog.locator("input[name=left_on]").fill(datetime.date.today().isoformat())
    shot(page, "rel-orgchart-06-mark-left")
    submit_dialog(page, "Mark as left")
    expect(page.locator(".messages")).to_contain_text("Ben Okafor is marked as having left.")
    expect(box(page, "Ben Okafor")).to_have_count(0)
    expect(page.locator("table.oc-left")).to_contain_text("Ben Okafor")
    expect(page.locator(".oc-units")).to_contain_text("Sales")
    shot(page, "rel-orgchart-07-chart")
    assert page.url == chart_url(base, partner)


def _big_partner(partner):
    """~150 people over four levels, most of them assessed, in a few units."""
    units = [OrgUnitFactory(partner=partner, name=name) for name in ("Board", "Sales", "Ops")]
    stances = ["supporter", "neutral", "non_supporter"]
    ceo = ContactFactory(
        partner=partner, first_name="Maria", last_name="Keller", title="CEO", org_unit=units[0]
    )
    StakeholderFactory(
        contact=ceo, stance="supporter", influence=5, relationship_level=4,
        is_champion=True, champion_reason="Sponsors the partnership",
    )  # fmt: skip
    for v in range(5):
        vp = ContactFactory(
            partner=partner, reports_to=ceo, title="Vice President", org_unit=units[1 + v % 2]
        )
        StakeholderFactory(
            contact=vp, stance=stances[v % 3], influence=4, relationship_level=1 + v % 5
        )
        for m in range(4):
            lead = ContactFactory(partner=partner, reports_to=vp, title="Team Lead")
            if m % 2 == 0:
                StakeholderFactory(contact=lead, stance=stances[m % 3], influence=2 + m % 3)
            for _ in range(6):
                ContactFactory(partner=partner, reports_to=lead, title="Engineer")
    ContactFactory(partner=partner, first_name="Olga", last_name="Outside", title="Advisor")


def test_large_org_chart_reads_at_desktop(page, live_server, manager, partner):
    _big_partner(partner)
    base = live_server.url
    login(page, base, manager.username, name="rel-orgchart-large")
    page.goto(chart_url(base, partner))
    expect(page.locator(".oc-toolbar")).to_contain_text("147 people")
    # Deep branches start folded, with how many people they hold.
    folded = page.locator("details.oc-branch:not([open]) > summary")
    expect(folded.first).to_contain_text("+ 6 people")
    shot(page, "rel-orgchart-08-large-folded")
    # A folded branch of a large chart loads its people when opened.
    folded_owner = page.locator("li.oc-node:has(> details.oc-branch[hx-get]:not([open]))").first
    owner_id = folded_owner.locator("> article").get_attribute("id")
    branch = page.locator(f"#{owner_id} + details.oc-branch")
    branch.locator("> summary").click()
    expect(branch.locator(".oc-branch-body .oc-box").first).to_be_visible()
    expect(branch.locator(".oc-loading")).to_have_count(0)
    shot(page, "rel-orgchart-08b-large-branch-opened")
    page.get_by_role("link", name="Expand all").click()
    expect(page).to_have_url(re.compile(r"expand=all"))
    expect(page.locator("details.oc-branch:not([open])")).to_have_count(0)
    shot(page, "rel-orgchart-09-large-expanded")
    assert_no_horizontal_overflow(page)  # wide teams scroll inside the card, not the page

    page.select_option("#oc-unit", label="Sales")
    expect(page).to_have_url(re.compile(r"tab/org-chart/\?unit=\d+$"))
    expect(page.locator(".oc-note")).to_contain_text("in Sales")
    expect(page.locator(".oc-outside").first).to_contain_text("reports to Maria Keller")
    shot(page, "rel-orgchart-10-unit-filter")


def test_org_chart_at_mobile_width(mobile_page, live_server, manager, partner):
    _big_partner(partner)
    page, base = mobile_page, live_server.url
    login(page, base, manager.username, name="rel-orgchart-mobile")
    page.goto(chart_url(base, partner))
    expect(box(page, "Maria Keller")).to_be_visible()
    shot(page, "rel-orgchart-11-mobile")
    assert_no_horizontal_overflow(page)
    open_menu_action(page, "Maria Keller", "Edit details")
    expect(page.locator("#oc-dialog input[name=first_name]")).to_have_value("Maria")
    shot(page, "rel-orgchart-12-mobile-edit-dialog")


def test_manager_imports_contacts_from_csv(page, live_server, manager, partner, tmp_path):
    base = live_server.url
    login(page, base, manager.username, name="rel-orgchart-import")
    page.goto(chart_url(base, partner))
    page.get_by_role("link", name="Import CSV").click()
    expect(page.get_by_role("heading", name="Import contacts")).to_be_visible()
    shot(page, "rel-orgchart-13-import")

    bad = tmp_path / "bad.csv"
    bad.write_text(
        "first_name,last_name,email,reports_to_email,unit\n"
        "Ana,Silva,ana@acme.example,,Management\n"
        "Ben,,not-an-email,ana@acme.example,Sales\n"
        "Chloé,Martin,ana@acme.example,nobody@acme.example,Sales\n",
        encoding="utf-8",
    )
    page.set_input_files("input[name=file]", str(bad))
    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.locator(".oc-report h2")).to_contain_text("nothing was imported")
    expect(page.locator("table.oc-errors tbody tr")).to_have_count(4)
    shot(page, "rel-orgchart-14-import-errors")
    assert not Contact.objects.filter(partner=partner).exists()

    good = tmp_path / "good.csv"
    good.write_text(
        "first_name,last_name,title,email,unit,reports_to_email\n"
        "Ana,Silva,Managing Director,ana@acme.example,Management,\n"
        "Ben,Okafor,Head of Sales,ben@acme.example,Sales,ana@acme.example\n"
        "Chloé,Martin,Account Manager,chloe@acme.example,Sales,ben@acme.example\n",
        encoding="utf-8",
    )
    page.set_input_files("input[name=file]", str(good))
    page.get_by_role("button", name="Import", exact=True).click()
    expect(page).to_have_url(chart_url(base, partner))
    expect(page.locator(".messages")).to_contain_text("Imported 3 people: 3 new")
    expect(box(page, "Chloé Martin")).to_be_visible()
    shot(page, "rel-orgchart-15-imported")
