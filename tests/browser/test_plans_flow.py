"""A channel manager agrees a business plan with actions on both sides on the partner's "Plans &
reviews" tab; the partner user marks their action done in the portal; the manager logs a QBR
and opens the review pack. The tab, the portal page and the pack at phone width too."""

import datetime

import pytest
from playwright.sync_api import expect

from performance.models import PlanAction, Review
from tests.factories import ContactFactory

from .conftest import login, shot

pytestmark = pytest.mark.browser


@pytest.fixture
def contact(partner):
    return ContactFactory(partner=partner, first_name="Dana", last_name="Whitfield")


def test_manager_plans_partner_acts_manager_reviews(page, mobile_page, live_server, manager,
                                                    partner, partner_admin, contact):  # fmt: skip
    base = live_server.url
    tab = f"{base}/partners/{partner.slug}/tab/plans/"
    login(page, base, manager.username, name="rel-plans")

    page.goto(tab)
    expect(page.locator("#business-plans")).to_contain_text("No business plan")
    shot(page, "rel-plans-01-tab-empty")

    page.locator("#business-plans summary", has_text="New business plan").click()
    page.fill("#plan-form input[name=title]", "Grow healthcare together")
    page.fill("#plan-form input[name=year]", str(datetime.date.today().year))
    page.fill("#plan-form textarea[name=objectives]", "Two reference customers in healthcare.")
    page.get_by_role("button", name="Create plan").click()
    expect(page.locator(".plan h3")).to_contain_text("Grow healthcare together")

    due = (datetime.date.today() + datetime.timedelta(days=30)).isoformat()
    page.locator(".plan summary", has_text="Add an action").click()
    form = page.locator(".plan form[id^=action-form]")
    form.locator("input[name=title]").fill("Run an enablement workshop")
    form.locator("select[name=owner_side]").select_option("vendor")
    form.locator("select[name=owner_user]").select_option(str(manager.pk))
    form.locator("input[name=due]").fill(due)
    page.get_by_role("button", name="Add action").click()
    expect(page.locator(".plan table")).to_contain_text("Run an enablement workshop")

    page.locator(".plan summary", has_text="Add an action").click()
    form = page.locator(".plan form[id^=action-form]")
    form.locator("input[name=title]").fill("Certify three engineers")
    form.locator("select[name=owner_side]").select_option("partner")
    form.locator("select[name=owner_contact]").select_option(str(contact.pk))
    form.locator("input[name=due]").fill(due)
    page.get_by_role("button", name="Add action").click()
    expect(page.locator(".plan table")).to_contain_text("Certify three engineers")
    expect(page.locator(".plan table")).to_contain_text("Dana Whitfield")
    shot(page, "rel-plans-02-tab-plan-with-actions")

    page.context.clear_cookies()
    login(page, base, partner_admin.username, name="rel-plans-portal")
    page.goto(f"{base}/portal/performance/plans/")
    expect(page.locator("#portal-plans")).to_contain_text("Grow healthcare together")
    row = page.locator("tr", has_text="Certify three engineers")
    row.locator("select[name=status]").select_option("done")
    row.get_by_role("button", name="Save").click()
    expect(page.locator("#portal-plans")).to_contain_text("50% done")
    assert PlanAction.objects.get(title="Certify three engineers").status == "done"
    vendor_row = page.locator("tr", has_text="Run an enablement workshop")
    expect(vendor_row.locator("select")).to_have_count(0)
    shot(page, "rel-plans-03-portal-action-done")

    page.context.clear_cookies()
    login(page, base, manager.username, name="rel-plans-again")
    page.goto(tab)
    page.locator("#reviews summary", has_text="Log a review").click()
    review = page.locator("#review-form")
    review.locator("select[name=kind]").select_option("qbr")
    review.locator("select[name=our_attendees]").select_option(str(manager.pk))
    review.locator("select[name=their_attendees]").select_option(str(contact.pk))
    review.locator("textarea[name=done_vs_planned]").fill("Certification done early.")
    review.locator("textarea[name=outcomes]").fill("Plan a joint webinar next quarter.")
    page.get_by_role("button", name="Log review").click()
    expect(page.locator("#reviews")).to_contain_text("Certification done early.")
    assert Review.objects.filter(partner=partner, kind="qbr").count() == 1
    shot(page, "rel-plans-04-tab-review-logged")

    page.get_by_role("link", name="Review pack").click()
    expect(page.locator("body")).to_contain_text("Grow healthcare together")
    expect(page.locator("body")).to_contain_text("Run an enablement workshop")
    shot(page, "rel-plans-05-review-pack")

    login(mobile_page, base, manager.username, name="rel-plans-mobile")
    mobile_page.goto(tab)
    expect(mobile_page.locator(".plan h3")).to_contain_text("Grow healthcare together")
    shot(mobile_page, "rel-plans-06-tab-mobile")
    mobile_page.goto(f"{base}/performance/partners/{partner.slug}/review-pack/")
    shot(mobile_page, "rel-plans-07-review-pack-mobile")
    mobile_page.context.clear_cookies()
    login(mobile_page, base, partner_admin.username, name="rel-plans-portal-mobile")
    mobile_page.goto(f"{base}/portal/performance/plans/")
    expect(mobile_page.locator("#portal-plans")).to_contain_text("Certify three engineers")
    shot(mobile_page, "rel-plans-08-portal-mobile")
