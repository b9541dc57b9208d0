"""Partner feedback end to end: a partner member sends feedback from a portal page with the
Feedback button (in place, on a laptop and on a phone), a channel manager answers it from
the staff page, and the member reads the answer on the portal."""

import pytest
from playwright.sync_api import expect

from relationships.models import Feedback

from .conftest import login, shot

pytestmark = pytest.mark.browser


def _logout(page):
    # Log out sits behind the user's name on a laptop and in the menu on a phone.
    page.locator(
        "details.user:visible > summary, details.menu-narrow:visible > summary"
    ).first.click()
    page.get_by_role("button", name="Log out").locator("visible=true").first.click()
    page.wait_for_url("**/accounts/login/**")


def _send_feedback(page, base, *, start, text, name):
    page.goto(f"{base}{start}")
    button = page.locator("#page-action-feedback > summary")
    expect(button).to_be_visible()
    shot(page, f"{name}-01-page-with-button")
    button.click()
    form = page.locator("#page-action-feedback #feedback-form")
    expect(form).to_be_visible()
    expect(form.locator("input[name=page_path]")).to_have_value(start)
    shot(page, f"{name}-02-form-open")
    form.get_by_role("button", name="Send feedback").click()  # empty: errors in place
    expect(form.locator("#field-text .errorlist")).to_be_visible()
    shot(page, f"{name}-03-form-errors")
    form.locator("select[name=category]").select_option("deals")
    form.locator("textarea[name=text]").fill(text)
    form.get_by_role("button", name="Send feedback").click()
    thanks = page.locator("#page-action-feedback .feedback-sent")
    expect(thanks).to_contain_text("Thank you")
    expect(page).to_have_url(f"{base}{start}")  # still where they were
    shot(page, f"{name}-04-sent")
    button.click()  # the button closes its panel again
    expect(thanks).to_be_hidden()


def _answer(page, base, manager, *, text, answer, name):
    login(page, base, manager.username, name=f"{name}-manager")
    page.goto(f"{base}/relationships/feedback/")
    expect(page.locator("#feedback-rows")).to_contain_text(text[:40])
    shot(page, f"{name}-05-staff-list")
    page.locator("#feedback-rows").get_by_role("link", name=text[:40]).click()
    expect(page.locator("main")).to_contain_text(text)
    shot(page, f"{name}-06-staff-detail")
    page.get_by_role("button", name="Take it myself").click()
    expect(page.locator("#feedback-actions")).to_contain_text("Assigned to")
    page.locator("#feedback-answer-form textarea[name=answer]").fill(answer)
    page.get_by_role("button", name="Send the answer").click()
    expect(page.locator(".feedback-answer")).to_contain_text(answer)
    shot(page, f"{name}-07-answered")


def _read_answer(page, base, member, *, text, answer, name):
    login(page, base, member.username, name=f"{name}-member-again")
    page.goto(f"{base}/portal/feedback/")
    item = page.locator(".feedback-item").filter(has_text=text[:40])
    expect(item).to_contain_text(answer)
    expect(item.locator(".feedback-status")).to_have_text("Answered")
    shot(page, f"{name}-08-portal-answer")


def test_member_sends_feedback_on_a_laptop_and_reads_the_answer(
    laptop, live_server, partner, partner_member, manager
):
    base, page = live_server.url, laptop
    text = "Registering a deal asks for a customer domain our public-sector customers lack."
    answer = "Thank you: the domain is optional from today."
    login(page, base, partner_member.username, name="feedback-laptop")
    _send_feedback(page, base, start="/portal/performance/deals/", text=text,
                   name="feedback-laptop")  # fmt: skip
    item = Feedback.objects.get()
    assert (item.author, item.page_path, item.status) == (
        partner_member,
        "/portal/performance/deals/",
        "new",
    )
    _logout(page)
    _answer(page, base, manager, text=text, answer=answer, name="feedback-laptop")
    _logout(page)
    _read_answer(page, base, partner_member, text=text, answer=answer, name="feedback-laptop")


def test_member_sends_feedback_on_a_phone(laptop, phone, live_server, partner, partner_member,
                                          manager):  # fmt: skip
    base = live_server.url
    text = "On the phone the targets table is hard to read; could it wrap?"
    answer = "Good point: we are making the table wrap on narrow screens."
    login(phone, base, partner_member.username, name="feedback-phone")
    _send_feedback(phone, base, start="/portal/performance/targets/", text=text,
                   name="feedback-phone")  # fmt: skip
    _answer(laptop, base, manager, text=text, answer=answer, name="feedback-phone")
    phone.goto(f"{base}/portal/feedback/")
    item = phone.locator(".feedback-item").filter(has_text=text[:40])
    expect(item).to_contain_text(answer)
    shot(phone, "feedback-phone-08-portal-answer")
