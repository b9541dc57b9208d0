"""Partners' feedback on pages: the Feedback button on every portal page (no query added), its
form in place (htmx) and as a page of its own, the portal's list with our answers, and our
list, page, tab and actions. Outsiders get 404, read-only users 403, wrong methods 405."""

import copy

import pytest
from django.test import Client
from django.urls import reverse

from prm import menus
from relationships.models import Feedback
from relationships.selectors import feedback as feedback_selectors
from relationships.services import feedback as services
from tests.export_helpers import csv_rows
from tests.factories import MembershipFactory, PartnerFactory, UserFactory
from tests.helpers import HTMX, page_text
from tests.relationships.feedback_factories import FeedbackFactory

pytestmark = pytest.mark.django_db

STAFF_LIST = reverse("relationships:feedback-list")
PORTAL_LIST = reverse("relationships-portal:feedback-list")
PORTAL_NEW = reverse("relationships-portal:feedback-create")


def detail(item):
    return reverse("relationships:feedback-detail", args=[item.pk])


def act(item, what):
    return reverse(f"relationships:feedback-{what}", args=[item.pk])


@pytest.fixture
def read_only(monkeypatch):
    """Make members read-only, as a viewer role is: only partner admins may send."""
    monkeypatch.setattr(feedback_selectors, "SENDING_ROLES", ("partner_admin",))


# --- the button on every portal page ----------------------------------------------------------

PORTAL_PAGES = [
    "portal:home", "performance-portal:deal-list", "performance-portal:target-list",
    "incentives-portal:claim-list", "relationships-portal:feedback-list",
]  # fmt: skip


@pytest.mark.parametrize("url_name", PORTAL_PAGES)
def test_the_feedback_button_is_on_portal_pages_and_remembers_the_page(
    client_for, partner_member, url_name
):
    url = reverse(url_name)
    html = client_for(partner_member).get(url).content.decode()
    assert 'id="page-action-feedback"' in html
    assert f'href="{PORTAL_NEW}?from={url}"' in html
    assert f'hx-get="{PORTAL_NEW}?from=' in html


def test_the_button_adds_no_query(client_for, partner_member, monkeypatch, count_queries):
    client = client_for(partner_member)
    url = reverse("portal:home")
    with_button = count_queries(client, url, warm=True)
    registry = copy.deepcopy(menus._registry)
    registry["portal_actions"].clear()
    monkeypatch.setattr(menus, "_registry", registry)
    html = client.get(url).content.decode()
    assert 'id="page-action-feedback"' not in html
    assert count_queries(client, url) == with_button


def test_read_only_users_get_no_button_and_no_form(client_for, partner_member, read_only):
    client = client_for(partner_member)
    home = client.get(reverse("portal:home")).content.decode()
    assert 'id="page-action-feedback"' not in home
    assert f'href="{PORTAL_LIST}"' not in home  # nor the menu entry of their own (none)
    assert client.get(PORTAL_NEW).status_code == 403
    assert client.post(PORTAL_NEW, {"category": "deals", "text": "x"}).status_code == 403
    assert not Feedback.objects.exists()
    assert "Send feedback" not in page_text(client.get(PORTAL_LIST))


# --- the form -----------------------------------------------------------------------------------


def test_the_form_in_place_and_as_a_page_keeps_where_it_came_from(client_for, partner_member):
    client = client_for(partner_member)
    fragment = client.get(PORTAL_NEW, {"from": "/portal/performance/deals/?page=2"}, **HTMX)
    html = fragment.content.decode()
    assert fragment.status_code == 200 and "<html" not in html
    assert 'name="page_path" value="/portal/performance/deals/"' in html
    page = client.get(PORTAL_NEW, {"from": "https://evil.example/"})
    assert "<html" in page.content.decode()
    assert "evil.example" not in page.content.decode()  # another site is no page of ours
    assert f'?from={PORTAL_NEW}"' in page.content.decode()  # the button there names the page


def test_sending_without_javascript_goes_back_to_the_page(client_for, partner_member, manager):
    response = client_for(partner_member).post(
        PORTAL_NEW, {"category": "portal", "text": "The menu hides on my phone.",
                     "page_path": "/portal/performance/deals/"},
    )  # fmt: skip
    assert response.status_code == 302 and response["Location"] == "/portal/performance/deals/"
    item = Feedback.objects.get()
    assert (item.author, item.page_path, item.category) == (
        partner_member,
        "/portal/performance/deals/",
        "portal",
    )


def test_sending_in_place_thanks_and_links_to_the_list(client_for, partner_member):
    response = client_for(partner_member).post(
        PORTAL_NEW, {"category": "deals", "text": "Too many fields.", "page_path": "/portal/"},
        **HTMX,
    )  # fmt: skip
    assert response.status_code == 200
    item = Feedback.objects.get()
    assert "Thank you" in page_text(response)
    assert f"{PORTAL_LIST}#feedback-{item.pk}" in response.content.decode()


def test_an_invalid_form_comes_back_with_422_and_its_errors(client_for, partner_member):
    client = client_for(partner_member)
    fragment = client.post(PORTAL_NEW, {"category": "", "text": ""}, **HTMX)
    assert fragment.status_code == 422 and "<html" not in fragment.content.decode()
    assert "This field is required" in page_text(fragment)
    page = client.post(PORTAL_NEW, {"category": "weather", "text": "x"})
    assert page.status_code == 422 and "<html" in page.content.decode()
    assert not Feedback.objects.exists()


def test_the_portal_form_is_for_partner_users_only(client_for, manager):
    assert client_for(manager).get(PORTAL_NEW).status_code == 403
    assert client_for(manager).get(PORTAL_LIST).status_code == 403


def test_portal_pages_refuse_wrong_methods(client_for, partner_member):
    client = client_for(partner_member)
    assert client.post(PORTAL_LIST).status_code == 405
    assert client.put(PORTAL_NEW).status_code == 405


# --- the portal's list --------------------------------------------------------------------------


def test_a_member_sees_their_own_feedback_with_our_answer(
    client_for, partner, partner_member, partner_admin, outsider, manager
):
    mine = FeedbackFactory(partner=partner, author=partner_member, text="MINE-FEEDBACK")
    FeedbackFactory(partner=partner, author=partner_admin, text="ADMINS-FEEDBACK")
    FeedbackFactory(partner=outsider.partner_membership.partner, author=outsider,
                    text="OUTSIDERS-FEEDBACK")  # fmt: skip
    services.feedback_assign(actor=manager, feedback=mine, assignee=manager)
    services.feedback_answer(actor=manager, feedback=mine, answer="OUR-ANSWER")
    text = page_text(client_for(partner_member).get(PORTAL_LIST))
    assert "MINE-FEEDBACK" in text and "OUR-ANSWER" in text
    assert "ADMINS-FEEDBACK" not in text and "OUTSIDERS-FEEDBACK" not in text
    assert manager.username not in text or "Our answer" in text  # the answerer's name only
    admin_text = page_text(client_for(partner_admin).get(PORTAL_LIST))
    assert "MINE-FEEDBACK" in admin_text and "ADMINS-FEEDBACK" in admin_text
    assert "OUTSIDERS-FEEDBACK" not in admin_text


def test_the_portal_list_never_shows_who_of_us_has_it(client_for, partner, partner_member,
                                                      other_manager):  # fmt: skip
    other_manager.first_name, other_manager.last_name = "Asha", "Assignee"
    other_manager.save()
    item = FeedbackFactory(partner=partner, author=partner_member)
    services.feedback_assign(actor=other_manager, feedback=item, assignee=other_manager)
    text = page_text(client_for(partner_member).get(PORTAL_LIST))
    assert "Being looked at" in text and "Asha Assignee" not in text


def test_portal_list_query_count_is_constant(client_for, partner, partner_member, manager,
                                             count_queries):  # fmt: skip
    client = client_for(partner_member)
    FeedbackFactory(partner=partner, author=partner_member)
    small = count_queries(client, PORTAL_LIST, warm=True)
    for index in range(12):
        item = FeedbackFactory(partner=partner, author=partner_member, text=f"Item {index}")
        if index % 2:
            services.feedback_answer(actor=manager, feedback=item, answer=f"Answer {index}")
    FeedbackFactory.create_batch(5, partner=PartnerFactory())
    assert count_queries(client, PORTAL_LIST) == small


# --- our list -----------------------------------------------------------------------------------


def test_staff_list_filters_by_status_assignee_and_partner(
    client_for, manager, other_manager, partner, other_partner
):
    waiting = FeedbackFactory(partner=partner, text="WAITING-ONE")
    theirs = FeedbackFactory(partner=other_partner, text="OTHER-PARTNERS")
    services.feedback_assign(actor=manager, feedback=theirs, assignee=other_manager)
    done = FeedbackFactory(partner=partner, text="DONE-ONE")
    services.feedback_answer(actor=manager, feedback=done, answer="Yes.")
    client = client_for(manager)
    text = page_text(client.get(STAFF_LIST))  # what waits for an answer, by default
    assert "WAITING-ONE" in text and "OTHER-PARTNERS" in text and "DONE-ONE" not in text
    text = page_text(client.get(STAFF_LIST, {"status": "answered"}))
    assert "DONE-ONE" in text and "WAITING-ONE" not in text
    text = page_text(client.get(STAFF_LIST, {"assignee": str(other_manager.pk)}))
    assert "OTHER-PARTNERS" in text and "WAITING-ONE" not in text
    text = page_text(client.get(STAFF_LIST, {"assignee": "none"}))
    assert "WAITING-ONE" in text and "OTHER-PARTNERS" not in text
    text = page_text(client.get(STAFF_LIST, {"partner": partner.slug, "status": "all"}))
    assert "WAITING-ONE" in text and "DONE-ONE" in text and "OTHER-PARTNERS" not in text
    assert waiting.pk


def test_staff_list_as_fragment_and_paginated(client_for, manager, partner):
    FeedbackFactory.create_batch(27, partner=partner)
    client = client_for(manager)
    fragment = client.get(STAFF_LIST, {"page": 2}, **HTMX)
    html = fragment.content.decode()
    assert fragment.status_code == 200 and "<html" not in html and 'id="feedback-rows"' in html
    assert html.count('<tr id="feedback-') == 2


def test_staff_list_exports_its_filtered_rows(client_for, manager, partner, other_partner):
    FeedbackFactory(partner=partner, text="Export me")
    FeedbackFactory(partner=other_partner, text="Not me")
    response = client_for(manager).get(STAFF_LIST, {"partner": partner.slug, "export": "csv"})
    rows = csv_rows(response)
    assert rows[0][:6] == ["Sent", "Partner", "From", "Page", "Topic", "Feedback"]
    assert [row[5] for row in rows[1:]] == ["Export me"]


def test_staff_list_query_count_is_constant(client_for, manager, other_manager, partner,
                                            count_queries):  # fmt: skip
    client = client_for(manager)
    FeedbackFactory(partner=partner)
    small = count_queries(client, STAFF_LIST, warm=True)
    authors = [MembershipFactory(partner=partner, user=UserFactory(role="partner_user")).user
               for _ in range(3)]  # fmt: skip
    for index in range(15):
        item = FeedbackFactory(partner=PartnerFactory(), author=authors[index % 3])
        services.feedback_assign(actor=manager, feedback=item,
                                 assignee=(manager, other_manager)[index % 2])  # fmt: skip
    assert count_queries(client, STAFF_LIST) == small


def test_staff_pages_refuse_partner_users_and_wrong_methods(partner, partner_admin, manager):
    item = FeedbackFactory(partner=partner, author=partner_admin)
    partner_client, staff_client = Client(), Client()
    partner_client.force_login(partner_admin)
    staff_client.force_login(manager)
    for url in (STAFF_LIST, detail(item)):
        assert partner_client.get(url).status_code == 403
    for what in ("assign", "answer", "close"):
        assert partner_client.post(act(item, what), {"answer": "x"}).status_code == 403
        assert staff_client.get(act(item, what)).status_code == 405
    assert staff_client.post(STAFF_LIST).status_code == 405
    item.refresh_from_db()
    assert item.status == "new"


def test_an_unknown_piece_is_404(client_for, manager):
    assert (
        client_for(manager).get(reverse("relationships:feedback-detail", args=[999])).status_code
        == 404
    )
    assert (
        client_for(manager).post(reverse("relationships:feedback-close", args=[999])).status_code
        == 404
    )


# --- our page: assign, answer, close ----------------------------------------------------------


def test_a_manager_takes_answers_and_closes_feedback(client_for, manager, partner, partner_member):
    item = FeedbackFactory(partner=partner, author=partner_member, text="Where is my claim?")
    client = client_for(manager)
    page = page_text(client.get(detail(item)))
    assert "Where is my claim?" in page and "Nobody has it yet" in page
    response = client.post(act(item, "assign"), {"assignee": manager.pk})
    assert response.status_code == 302 and response["Location"] == detail(item)
    response = client.post(act(item, "answer"), {"answer": "Paid on Friday."})
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.status, item.answer, item.assignee) == ("answered", "Paid on Friday.", manager)
    assert "Paid on Friday." in page_text(client.get(detail(item)))
    client.post(act(item, "close"))
    item.refresh_from_db()
    assert item.status == "closed"
    again = client.post(act(item, "close"), follow=True)
    assert "closed already" in page_text(again)


def test_an_empty_answer_comes_back_with_422(client_for, manager, partner):
    item = FeedbackFactory(partner=partner)
    client = client_for(manager)
    fragment = client.post(act(item, "answer"), {"answer": ""}, **HTMX)
    assert fragment.status_code == 422 and 'id="feedback-actions"' in fragment.content.decode()
    assert "<html" not in fragment.content.decode()
    page = client.post(act(item, "answer"), {"answer": ""})
    assert page.status_code == 422 and "This field is required" in page_text(page)
    item.refresh_from_db()
    assert item.status == "new"


def test_assigning_a_partner_user_is_refused(client_for, manager, partner, partner_admin):
    item = FeedbackFactory(partner=partner)
    response = client_for(manager).post(act(item, "assign"), {"assignee": partner_admin.pk})
    assert response.status_code == 422
    item.refresh_from_db()
    assert item.assignee is None


def test_the_partner_tab_lists_its_feedback(client_for, manager, partner, other_partner,
                                            count_queries):  # fmt: skip
    url = reverse("partners:partner-tab", args=[partner.slug, "feedback"])
    FeedbackFactory(partner=partner, text="ON-THIS-PARTNER")
    FeedbackFactory(partner=other_partner, text="ON-ANOTHER")
    client = client_for(manager)
    text = page_text(client.get(url))
    assert "ON-THIS-PARTNER" in text and "ON-ANOTHER" not in text
    assert "1 waiting for an answer, 1 in all" in text
    small = count_queries(client, url, warm=True)
    FeedbackFactory.create_batch(12, partner=partner)
    assert count_queries(client, url, warm=True) == small
