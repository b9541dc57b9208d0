"""Notifications end to end: a partner registers a deal, the manager sees the bell's unread
count, opens the list, marks one read, follows another to the deal and approves it, then sets
his preferences; the partner sees the decision on a phone (360 px). Screenshots at 1366 px
and 360 px."""

import re

import pytest
from playwright.sync_api import expect

from performance.models import DealRegistration
from performance.services import deals as deal_services
from prm.models import Notification, NotificationPreference
from tests.performance.deals_factories import deal_fields

from .conftest import _check_page, _new_page, login, shot

pytestmark = pytest.mark.browser
WIDE = {"width": 1366, "height": 900}
PHONE = {"width": 360, "height": 780}


@pytest.fixture
def wide_page(browser, live_server):
    context, page = _new_page(browser, WIDE)
    yield page
    context.close()
    _check_page(page)


@pytest.fixture
def phone_page(browser, live_server):
    context, page = _new_page(browser, PHONE)
    yield page
    context.close()
    _check_page(page)


def _bell(page):
    return page.locator("header #topbar-bell")


def test_manager_hears_of_a_deal_marks_read_approves_and_sets_preferences(
    wide_page, phone_page, live_server, partner, partner_member, manager
):
    page, base = wide_page, live_server.url
    deal_services.deal_submit(actor=partner_member, partner=partner, **deal_fields())
    deal_services.deal_submit(
        actor=partner_member,
        partner=partner,
        **deal_fields(customer_name="Initech", customer_domain="initech.io"),
    )
    login(page, base, manager.username, name="notif-01")
    expect(_bell(page)).to_have_accessible_name(re.compile(r"^Notifications, 2 unread$"))
    expect(_bell(page).locator(".bell-count")).to_have_text("2")
    shot(page, "notif-02-dashboard-bell-1366")

    _bell(page).click()
    expect(page.locator("h1")).to_have_text("Notifications")
    expect(page.locator(".notification-item.unread")).to_have_count(2)
    shot(page, "notif-03-list-1366")

    page.get_by_role("button", name="Mark read: Initech · 120,000 USD").click()
    expect(page.locator(".notification-item.unread")).to_have_count(1)
    expect(_bell(page)).to_have_accessible_name(re.compile(r"^Notifications, 1 unread$"))
    page.select_option("select[name=state]", "unread")
    expect(page.locator(".notification-item")).to_have_count(1)
    shot(page, "notif-04-list-unread-after-mark-read-1366")

    page.get_by_role("link", name="Globex Corporation").click()
    expect(page.locator("h1")).to_contain_text("Globex Corporation")
    expect(_bell(page)).to_have_accessible_name(re.compile(r"^Notifications, 0 unread$"))
    deal = DealRegistration.objects.get(customer_name="Globex Corporation")
    page.get_by_role("button", name="Approve and protect").click()
    expect(page.locator("main")).to_contain_text("Approved")
    shot(page, "notif-05-deal-approved-1366")

    page.goto(f"{base}/notifications/preferences/")
    page.get_by_label("A partner registered a deal").select_option("digest")
    page.get_by_label("Your time zone").select_option("Europe/Berlin")
    page.get_by_role("button", name="Save preferences").click()
    expect(page.locator(".messages")).to_contain_text("preferences are saved")
    shot(page, "notif-06-preferences-saved-1366")
    assert NotificationPreference.objects.get(user=manager, kind="deal_registered").channel == (
        "digest"
    )

    phone = phone_page
    login(phone, base, partner_member.username, name="notif-07-partner")
    expect(_bell(phone)).to_have_accessible_name(re.compile(r"^Notifications, 1 unread$"))
    shot(phone, "notif-08-portal-bell-360")
    _bell(phone).click()
    item = phone.locator(".notification-item.unread")
    expect(item).to_contain_text("approved your deal registration")
    shot(phone, "notif-09-portal-list-360")
    item.get_by_role("link").click()
    expect(phone.locator("h1")).to_contain_text("Globex Corporation")
    assert Notification.objects.get(recipient=partner_member, kind="deal_approved").read_at
    phone.goto(f"{base}/notifications/preferences/")
    expect(phone.get_by_label("Deal registration approved")).to_be_visible()
    shot(phone, "notif-10-portal-preferences-360")
    assert deal.pk
