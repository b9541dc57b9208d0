"""Signing in safely: a forgotten password reset by email, and the lockout after repeated
failures."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from .conftest import login, shot

pytestmark = pytest.mark.browser

NEW_PASSWORD = "violet-harbour-42"


def test_forgotten_password_is_reset_by_email(page, live_server, partner_member):
    partner_member.email = "jo@acme.example"
    partner_member.save()
    base = live_server.url
    page.goto(f"{base}/accounts/login/")
    page.get_by_role("link", name="Forgot your password?").click()
    expect(page.get_by_role("heading", name="Reset your password")).to_be_visible()
    shot(page, "signin-01-reset-form")

    page.fill("input[name=email]", "jo@acme.example")
    page.get_by_role("button", name="Send the reset link").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    shot(page, "signin-02-reset-sent")

    (message,) = mail.outbox
    link = re.search(r"https?://\S+/accounts/reset/\S+/", message.body).group(0)
    page.goto(link)
    page.fill("input[name=new_password1]", "too-short")
    page.fill("input[name=new_password2]", "too-short")
    page.get_by_role("button", name="Set my password").click()
    expect(page.locator(".errorlist")).to_contain_text("at least 12 characters")
    shot(page, "signin-03-reset-too-short")
    page.fill("input[name=new_password1]", NEW_PASSWORD)
    page.fill("input[name=new_password2]", NEW_PASSWORD)
    page.get_by_role("button", name="Set my password").click()
    expect(page.get_by_role("heading", name="Password changed")).to_be_visible()
    shot(page, "signin-04-reset-done")

    login(page, base, partner_member.username, NEW_PASSWORD, name="signin-05")
    expect(page).to_have_url(f"{base}/portal/")


def test_repeated_wrong_passwords_lock_the_sign_in(page, live_server, manager):
    base = live_server.url
    for _ in range(4):
        login(page, base, manager.username, "wrong-password", name="signin-10")
        expect(page.locator(".form-errors")).to_be_visible()
    shot(page, "signin-11-wrong-password")

    login(page, base, manager.username, "wrong-password", name="signin-12")
    expect(page.get_by_role("heading", name="Sign-in locked")).to_be_visible()
    expect(page.locator("main")).to_contain_text("locked for 15 minutes")
    shot(page, "signin-13-locked")

    login(page, base, manager.username, name="signin-14")  # the right password, still locked
    expect(page.get_by_role("heading", name="Sign-in locked")).to_be_visible()
