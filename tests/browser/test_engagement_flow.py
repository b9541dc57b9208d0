"""A channel manager runs the engagement plan of a partner: Relationships tab → log an
interaction (a future date first) → add an action → mark it done → add an objective →
the timeline → the portfolio; then the same pages at phone width."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from relationships.models import EngagementAction, Interaction, RelationshipObjective
from tests.factories import (
    ContactFactory,
    EngagementActionFactory,
    InteractionFactory,
    PartnerFactory,
    StakeholderFactory,
)

from .conftest import login, shot

pytestmark = pytest.mark.browser
TODAY = datetime.date.today()
DAY = datetime.timedelta(days=1)


@pytest.fixture
def people(partner, manager, other_partner):
    """Acme's key people: a neutral CFO, a sales director against us, a friendly engineer."""

    def person(first, last, title, **fields):
        contact = ContactFactory(partner=partner, first_name=first, last_name=last, title=title)
        stakeholder = StakeholderFactory(contact=contact, **fields)
        stakeholder.owners.set([manager])
        return stakeholder

    cfo = person("Clara", "Olsen", "CFO", influence=5, stance="neutral", relationship_level=2,
                 last_interaction_on=TODAY - 45 * DAY)  # fmt: skip
    sales = person("Marc", "Steiner", "Sales Director", influence=4, stance="non_supporter",
                   relationship_level=2)  # fmt: skip
    engineer = person("Priya", "Nair", "Lead Engineer", influence=3, stance="supporter",
                      relationship_level=4, last_interaction_on=TODAY - 3 * DAY)  # fmt: skip
    late = EngagementActionFactory(
        partner=partner, owner=manager, title="Send the pricing proposal",
        due_on=TODAY - 4 * DAY, status="in_progress",
    )  # fmt: skip
    late.stakeholders.set([cfo])
    InteractionFactory(partner=partner, stakeholders=[engineer], logged_by=manager, channel="video",
                       occurred_on=TODAY - 3 * DAY, sentiment=1,
                       notes="Demo of the new API went well; Priya will pilot it.")  # fmt: skip
    PartnerFactory(name="Northwind Traders", slug="northwind", owner=manager)
    return {"cfo": cfo, "sales": sales, "engineer": engineer}


def test_manager_runs_the_engagement_plan(page, live_server, manager, partner, people):
    base = live_server.url
    login(page, base, manager.username, name="rel-engagement")
    expect(page.get_by_role("heading", name="Relationships needing attention")).to_be_visible()
    shot(page, "rel-engagement-01-dashboard")

    page.goto(f"{base}/partners/{partner.slug}/tab/relationships/")
    tab = page.locator("#tab-panel[data-current-tab=relationships]")
    expect(tab).to_contain_text("No champion yet.")
    expect(tab.locator("tr.out-of-cadence")).to_have_count(2)  # the CFO (45 days), Marc (never)
    expect(tab).to_contain_text("Send the pricing proposal")
    shot(page, "rel-engagement-02-relationships-tab")

    tab.get_by_role("link", name="Log interaction").click()
    expect(page).to_have_url(f"{base}/relationships/partners/{partner.slug}/interactions/new/")
    form = page.locator("#interaction-form")
    form.locator("input[name=occurred_on]").fill((TODAY + 2 * DAY).isoformat())
    form.locator("select[name=channel]").select_option("meeting")
    # "With whom" is a searchable list of everyone at the partner: type, then pick.
    form.get_by_role("combobox", name="With whom").press_sequentially("Clara")
    form.locator(".ts-dropdown .option", has_text="Clara Olsen · CFO").click()
    page.keyboard.press("Escape")
    form.get_by_label("Positive").check()
    form.locator("textarea[name=notes]").fill("Lunch with Clara: she wants proof of ROI before Q3.")
    form.get_by_role("button", name="Log interaction").click()
    expect(page.locator("#field-occurred_on .errorlist")).to_have_text(
        "An interaction is logged once it has happened."
    )
    expect(page.locator("#interaction-form .form-errors")).to_be_visible()
    shot(page, "rel-engagement-03-interaction-error")
    assert not Interaction.objects.filter(partner=partner, channel="meeting").exists()

    page.locator("#interaction-form input[name=occurred_on]").fill(TODAY.isoformat())
    page.locator("#interaction-form").get_by_role("button", name="Log interaction").click()
    expect(page).to_have_url(f"{base}/partners/{partner.slug}/tab/relationships/")
    expect(page.locator(".messages")).to_contain_text("Interaction logged.")
    expect(page.locator("#tab-panel tr.out-of-cadence")).to_have_count(1)  # the CFO is in cadence
    shot(page, "rel-engagement-04-interaction-logged")

    page.locator("#tab-panel").get_by_role("link", name="Add action").click()
    form = page.locator("#action-form")
    form.locator("input[name=title]").fill("Prepare an ROI case for Clara")
    form.locator("input[name=due_on]").fill((TODAY + 14 * DAY).isoformat())
    form.get_by_label("Clara Olsen · CFO").check()
    shot(page, "rel-engagement-05-action-form")
    form.get_by_role("button", name="Add action").click()
    expect(page).to_have_url(f"{base}/relationships/partners/{partner.slug}/actions/")
    rows = page.locator("#action-rows tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.first).to_have_class("overdue")  # the late pricing proposal comes first
    shot(page, "rel-engagement-06-action-list")

    action = EngagementAction.objects.get(title="Prepare an ROI case for Clara")
    row = page.locator(f"#action-{action.pk}")
    row.get_by_role("button", name="Mark done").click()
    expect(page.locator(f"#action-{action.pk}")).to_have_class("closed")
    expect(page.locator(f"#action-{action.pk}")).to_contain_text("Done")
    assert page.url == f"{base}/relationships/partners/{partner.slug}/actions/"
    shot(page, "rel-engagement-07-action-done")
    action.refresh_from_db()
    assert action.status == "done" and action.completed_on == TODAY

    page.locator(".subnav").get_by_role("link", name="Objectives").click()
    expect(page.locator("#objective-rows .empty")).to_contain_text("No relationship objectives")
    shot(page, "rel-engagement-08-objectives-empty")
    page.get_by_role("link", name="Add objective").click()
    form = page.locator("#objective-form")
    form.locator("input[name=title]").fill("Move the CFO from neutral to supporter by Q3")
    form.locator("select[name=stakeholder]").select_option(label="Clara Olsen · CFO")
    form.locator("select[name=target_stance]").select_option("supporter")
    form.locator("select[name=target_level]").select_option("4")
    form.locator("input[name=due_on]").fill((TODAY + 90 * DAY).isoformat())
    form.get_by_role("button", name="Add objective").click()
    expect(page).to_have_url(f"{base}/relationships/partners/{partner.slug}/objectives/")
    expect(page.locator("#objective-rows")).to_contain_text("Level 2 Aware of 4 Trusted")
    shot(page, "rel-engagement-09-objective-list")
    assert RelationshipObjective.objects.get().stakeholder == people["cfo"]

    page.goto(f"{base}/partners/{partner.slug}/tab/relationships/")
    expect(page.locator("#tab-panel")).to_contain_text("Move the CFO from neutral to supporter")
    page.locator(".tabs").get_by_role("tab", name="Timeline").click()
    expect(page).to_have_url(f"{base}/partners/{partner.slug}/tab/timeline/")
    timeline = page.locator("#timeline-list")
    expect(timeline).to_contain_text("Action done")
    expect(timeline).to_contain_text("Lunch with Clara")
    shot(page, "rel-engagement-10-timeline")
    page.locator(".pills").get_by_role("link", name="Interactions").click()
    expect(page).to_have_url(re.compile(r"/tab/timeline/\?kind=interaction$"))
    expect(page.locator("#timeline-list .event-action")).to_have_count(0)
    expect(page.locator("#timeline-list .event-interaction")).to_have_count(2)
    shot(page, "rel-engagement-11-timeline-interactions")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Relationships").click()
    expect(page).to_have_url(f"{base}/relationships/")
    expect(page.locator("#non-supporters")).to_contain_text("Marc Steiner")
    expect(page.locator("#overdue")).to_contain_text("Send the pricing proposal")
    expect(page.locator("#champions")).to_contain_text("Northwind Traders")
    shot(page, "rel-engagement-12-portfolio")
    page.locator("select[name=owner]").select_option("all")
    expect(page).to_have_url(f"{base}/relationships/?owner=all")
    expect(page.locator("#champions")).to_contain_text("Globex Networks")
    shot(page, "rel-engagement-13-portfolio-all")


def test_engagement_pages_at_mobile_width(mobile_page, live_server, manager, partner, people):
    page, base = mobile_page, live_server.url
    login(page, base, manager.username, name="mobile-rel-engagement")
    shot(page, "rel-engagement-mobile-01-dashboard")
    assert_no_horizontal_overflow(page)
    pages = [
        ("02-relationships-tab", f"/partners/{partner.slug}/tab/relationships/"),
        ("03-interaction-form", f"/relationships/partners/{partner.slug}/interactions/new/"),
        ("04-action-list", f"/relationships/partners/{partner.slug}/actions/"),
        ("05-action-form", f"/relationships/partners/{partner.slug}/actions/new/"),
        ("06-interactions", f"/relationships/partners/{partner.slug}/interactions/"),
        ("07-objective-form", f"/relationships/partners/{partner.slug}/objectives/new/"),
        ("08-timeline", f"/partners/{partner.slug}/tab/timeline/"),
        ("09-portfolio", "/relationships/?owner=all"),
    ]
    for name, path in pages:
        response = page.goto(f"{base}{path}")
        assert response.status == 200, path
        shot(page, f"rel-engagement-mobile-{name}")
        assert_no_horizontal_overflow(page)


def assert_no_horizontal_overflow(page):
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], f"{page.url} is {widths[0]}px wide in {widths[1]}px"
