"""A partner admin invites a colleague as a viewer from the portal's team page; the colleague
opens the emailed link, chooses a password, lands in the portal and sees no write buttons."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from .conftest import login, shot

pytestmark = pytest.mark.browser


def test_invite_a_viewer_who_joins_and_reads_only(page, live_server, partner, partner_admin,
                                                  partner_member):  # fmt: skip
    base = live_server.url
    login(page, base, partner_admin.username, name="team-admin")
    page.get_by_role("link", name="Team").first.click()
    expect(page).to_have_url(f"{base}/portal/team/")
    expect(page.locator("#team-members")).to_contain_text(partner_member.username[:2])
    shot(page, "team-01-page")

    page.fill("#invite-form input[name=email]", "nina.neu@acme.example")
    page.select_option("#invite-form select[name=role]", "viewer")
    page.locator("#invite-form").get_by_role("button", name="Send invitation").click()
    expect(page.locator(".messages .toast-text")).to_contain_text("nina.neu@acme.example")
    expect(page.locator("#team-invitations")).to_contain_text("Pending")
    shot(page, "team-02-invited")

    link = re.search(r"https?://\S+/accounts/invitation/\S+/", mail.outbox[-1].body).group(0)
    path = link.split("/accounts/", 1)[1]
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/{path}")
    expect(
        page.get_by_role("heading", name="Join Acme Systems on the partner portal")
    ).to_be_visible()
    shot(page, "team-03-accept-form")
    page.fill("input[name=first_name]", "Nina")
    page.fill("input[name=last_name]", "Neu")
    page.fill("input[name=password]", "a-Long-enough-pass-42")
    page.fill("input[name=password_again]", "a-Long-enough-pass-42")
    page.get_by_role("button", name="Join and sign in").click()
    expect(page).to_have_url(f"{base}/portal/")
    shot(page, "team-04-joined")

    page.goto(f"{base}/portal/performance/deals/")
    expect(page.get_by_role("link", name="Register a deal")).to_have_count(0)
    shot(page, "team-05-viewer-deals")
    page.goto(f"{base}/accounts/{path}")
    expect(page.locator("main")).to_contain_text("already been used")
    shot(page, "team-06-link-used")
