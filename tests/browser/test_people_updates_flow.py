"""A partner admin tells us a colleague left and has a new one; the channel manager accepts the
one and rejects the other; an announcement the manager writes reaches the partner's portal."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from tests.factories import ContactFactory, OrgUnitFactory

from .conftest import login, shot

pytestmark = pytest.mark.browser


def test_people_corrections_and_announcements(
    page, browser, live_server, partner, partner_admin, manager
):
    base = live_server.url
    unit = OrgUnitFactory(partner=partner, name="Presales")
    leaver = ContactFactory(partner=partner, first_name="Paula", last_name="Gone", org_unit=unit)
    ContactFactory(partner=partner, first_name="Karl", last_name="Stays", org_unit=unit)

    login(page, base, partner_admin.username, name="people-admin")
    page.get_by_role("link", name="People", exact=True).click()
    expect(page.locator(f"#person-{leaver.pk}")).to_contain_text("Presales")
    shot(page, "people-01-portal-people")
    page.locator(f"#person-{leaver.pk}").get_by_role("link", name="Has left").click()
    page.locator("#correction-form").get_by_role("button").click()
    expect(page.locator("#corrections")).to_contain_text("Paula Gone")
    page.get_by_role("link", name="Add a new colleague").click()
    page.locator("#correction-form").get_by_role("button").click()
    expect(page.locator("#field-first_name .errorlist")).to_be_visible()
    shot(page, "people-02-new-colleague-error")
    page.fill("input[name=first_name]", "Lena")
    page.fill("input[name=last_name]", "Neu")
    page.select_option("select[name=org_unit]", label="Presales")
    page.locator("#correction-form").get_by_role("button").click()
    expect(page.locator("#corrections")).to_contain_text("Lena Neu")
    shot(page, "people-03-corrections-proposed")

    staff = browser.new_page(viewport={"width": 1366, "height": 900})
    login(staff, base, manager.username, name="people-manager")
    staff.goto(f"{base}/partners/corrections/?status=proposed")
    shot(staff, "people-04-queue")
    rows = staff.locator("#correction-rows tbody tr")
    expect(rows).to_have_count(2)
    rows.filter(has_text="Paula Gone").get_by_role("button", name="Accept and apply").click()
    rows = staff.locator("#correction-rows tbody tr")
    expect(rows).to_have_count(1)
    rows.first.get_by_role("textbox").fill("Please send her email address first.")
    rows.first.get_by_role("button", name="Reject").click()
    expect(staff.locator("#correction-rows")).to_contain_text("No corrections with this status")

    staff.goto(f"{base}/partners/announcements/new/")
    staff.fill("input[name=title]", "Partner summit in March")
    staff.fill("textarea[name=body]", "Join us in Berlin.")
    staff.fill("input[name=publish_at]", "2026-01-05T09:00")
    expect(staff.locator("#announcement-reach")).to_contain_text("Reaches 1 partner")
    shot(staff, "people-05-announcement-form")
    staff.get_by_role("button", name="Save announcement").click()
    expect(staff.locator("#announcement-rows")).to_contain_text("Partner summit in March")
    shot(staff, "people-06-announcements")

    page.goto(f"{base}/portal/people/")
    expect(page.locator(f"#person-{leaver.pk}")).to_have_count(0)
    expect(page.locator("#corrections")).to_contain_text("Accepted")
    expect(page.locator("#corrections")).to_contain_text("Please send her email address first.")
    shot(page, "people-07-decided")
    page.goto(f"{base}/portal/")
    expect(page.locator("#portal-announcements")).to_contain_text("Partner summit in March")
    shot(page, "people-08-portal-home")
    leaver.refresh_from_db()
    assert leaver.left_on is not None
    assert get_user_model().objects.filter(pk=partner_admin.pk).exists()
