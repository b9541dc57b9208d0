"""Issue #14's path through the portal, on a laptop and on a phone: a partner admin invites a
colleague, the colleague accepts the emailed link, answers the open survey, sends feedback
from a portal page, and reads our answer once the channel manager has given it."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from relationships.models import Feedback, SurveyResponse
from relationships.services import feedback as feedback_services
from tests.relationships.test_surveys import make_survey

from .conftest import login, menu_link, shot

pytestmark = pytest.mark.browser


def _menu_entry(page, label):
    """On a phone the menu is one button; on a laptop the entry may sit under "More"."""
    toggle = page.locator("details.menu-narrow > summary")
    if toggle.is_visible():
        toggle.click()
        return page.locator("details.menu-narrow").get_by_role("link", name=label, exact=True)
    return menu_link(page, label)


def _invite(page, base, admin, *, email, name):
    login(page, base, admin.username, name=f"{name}-admin")
    _menu_entry(page, "Team").first.click()
    expect(page).to_have_url(f"{base}/portal/team/")
    page.fill("#invite-form input[name=email]", email)
    page.select_option("#invite-form select[name=role]", "member")
    page.locator("#invite-form").get_by_role("button", name="Send invitation").click()
    expect(page.locator("#team-invitations")).to_contain_text(email)
    shot(page, f"{name}-01-invited")
    return re.search(r"https?://\S+(/accounts/invitation/\S+/)", mail.outbox[-1].body).group(1)


def _accept(page, base, path, *, name):
    page.context.clear_cookies()
    page.goto(f"{base}{path}")
    shot(page, f"{name}-02-accept")
    page.fill("input[name=first_name]", "Nina")
    page.fill("input[name=last_name]", "Neu")
    page.fill("input[name=password]", "a-Long-enough-pass-42")
    page.fill("input[name=password_again]", "a-Long-enough-pass-42")
    page.get_by_role("button", name="Join and sign in").click()
    expect(page).to_have_url(f"{base}/portal/")
    shot(page, f"{name}-03-home")


def _answer_survey(page, base, *, name):
    # The home says a survey waits (loaded after the page) and links to it.
    needs = page.locator("#home-needs, [id^=inbox-panel], .inbox-panel").first
    expect(needs).to_contain_text("Survey", timeout=10_000)
    page.goto(f"{base}/portal/surveys/")
    page.locator("main a[href*='/portal/surveys/']").first.click()
    for field, value in (("trust", 4), ("fairness", 3), ("ease", 2), ("enablement", 4),
                         ("communication", 5), ("support", 3)):  # fmt: skip
        page.locator(f"input[name={field}][value='{value}']").check()
    page.fill("textarea[name=ease_comment]", "Deal registration takes too many steps.")
    shot(page, f"{name}-04-survey")
    page.get_by_role("button", name="Send my answers").click()
    expect(page.locator("main")).to_contain_text("Deal registration takes too many steps.")
    shot(page, f"{name}-05-survey-answered")


def _send_feedback(page, base, text, *, name):
    page.goto(f"{base}/portal/performance/deals/")
    page.locator("#page-action-feedback > summary").click()
    form = page.locator("#page-action-feedback #feedback-form")
    form.locator("select[name=category]").select_option("deals")
    form.locator("textarea[name=text]").fill(text)
    form.get_by_role("button", name="Send feedback").click()
    expect(page.locator("#page-action-feedback .feedback-sent")).to_be_visible()
    shot(page, f"{name}-06-feedback-sent")


def _read_answer(page, base, text, answer, *, name):
    page.goto(f"{base}/portal/feedback/")
    item = page.locator(".feedback-item").filter(has_text=text[:40])
    expect(item).to_contain_text(answer)
    shot(page, f"{name}-07-answer-read")


@pytest.mark.parametrize("device", ["laptop", "phone"])
def test_invited_colleague_answers_the_survey_and_hears_back_on_feedback(
    request, device, live_server, partner, partner_admin, manager
):
    page, base, name = request.getfixturevalue(device), live_server.url, f"voice-{device}"
    make_survey(partner)
    email = f"nina.neu.{device}@acme.example"
    path = _invite(page, base, partner_admin, email=email, name=name)
    _accept(page, base, path, name=name)
    _answer_survey(page, base, name=name)
    response = SurveyResponse.objects.get(respondent__email=email)
    assert (response.trust, response.ease) == (4, 2)

    text = "Registering a deal asks for a customer domain our public-sector customers lack."
    _send_feedback(page, base, text, name=name)
    feedback = Feedback.objects.get(author__email=email)
    answer = "Thank you: the domain is optional from today."
    feedback_services.feedback_answer(actor=manager, feedback=feedback, answer=answer)
    _read_answer(page, base, text, answer, name=name)
