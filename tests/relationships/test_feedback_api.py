"""`/api/v1/feedback/`: partner users list their partner's feedback (an admin all of it, a
member their own) and send new feedback; staff list every piece and assign, answer and close
it through the actions. Field errors are 400s, never 500s; another partner's piece is a 404."""

import pytest

from relationships.models import Feedback
from relationships.selectors import feedback as feedback_selectors
from relationships.services import feedback as services
from tests.relationships.feedback_factories import FeedbackFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/feedback/"


def ids(response):
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def action(item, what):
    return f"{URL}{item.pk}/{what}/"


def test_anonymous_is_refused(api_for):
    assert api_for().get(URL).status_code in (401, 403)


def test_a_member_sends_feedback_for_their_own_partner(api_for, partner_member, partner,
                                                       other_partner, manager):  # fmt: skip
    response = api_for(partner_member).post(
        URL, {"category": "claims", "text": "Where is our claim?", "page_path": "/portal/program/",
              "partner": other_partner.pk}, format="json",
    )  # fmt: skip
    # `partner` is no field of a partner user's: named, it is refused, never obeyed.
    assert response.status_code == 400 and response.json() == {"partner": ["Unknown field."]}
    response = api_for(partner_member).post(
        URL, {"category": "claims", "text": "Where is our claim?", "page_path": "/portal/program/"},
        format="json",
    )  # fmt: skip
    assert response.status_code == 201, response.content
    item = Feedback.objects.get()
    assert (item.partner, item.author, item.status) == (partner, partner_member, "new")
    body = response.json()
    assert body["status"] == "new" and "assignee" not in body and "partner" not in body


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"category": "weather", "text": "x"}, "category"),
        ({"category": "deals", "text": ""}, "text"),
        ({"category": "deals"}, "text"),
        ({"category": "deals", "text": "x" * 2001}, "text"),
        ({"category": "deals", "text": "x", "status": "closed"}, None),
    ],
)
def test_bad_input_is_a_400_at_its_field(api_for, partner_member, payload, field):
    response = api_for(partner_member).post(URL, payload, format="json")
    if field is None:  # a read-only field is ignored, as DRF does: never a way to set it
        assert response.status_code == 201 and response.json()["status"] == "new"
        return
    assert response.status_code == 400 and field in response.json()


def test_read_only_users_and_staff_cannot_send(api_for, partner_member, manager, monkeypatch):
    monkeypatch.setattr(feedback_selectors, "SENDING_ROLES", ("partner_admin",))
    payload = {"category": "deals", "text": "x"}
    assert api_for(partner_member).post(URL, payload, format="json").status_code == 403
    assert api_for(manager).post(URL, payload, format="json").status_code == 403
    assert not Feedback.objects.exists()


def test_partner_users_list_only_what_they_may_see(api_for, partner, partner_admin,
                                                   partner_member, outsider):  # fmt: skip
    mine = FeedbackFactory(partner=partner, author=partner_member)
    admins = FeedbackFactory(partner=partner, author=partner_admin)
    theirs = FeedbackFactory(partner=outsider.partner_membership.partner, author=outsider)
    assert ids(api_for(partner_member).get(URL)) == {mine.pk}
    assert ids(api_for(partner_admin).get(URL)) == {mine.pk, admins.pk}
    assert ids(api_for(outsider).get(URL)) == {theirs.pk}
    assert api_for(outsider).get(f"{URL}{mine.pk}/").status_code == 404
    assert api_for(partner_member).get(f"{URL}{admins.pk}/").status_code == 404


def test_staff_list_every_piece_and_filter(api_for, manager, other_manager, partner,
                                           other_partner):  # fmt: skip
    waiting = FeedbackFactory(partner=partner)
    theirs = FeedbackFactory(partner=other_partner, category="claims")
    services.feedback_assign(actor=manager, feedback=theirs, assignee=other_manager)
    done = FeedbackFactory(partner=partner)
    services.feedback_answer(actor=manager, feedback=done, answer="Yes.")
    api = api_for(manager)
    assert ids(api.get(URL)) == {waiting.pk, theirs.pk, done.pk}
    assert ids(api.get(URL, {"status": "open"})) == {waiting.pk, theirs.pk}
    assert ids(api.get(URL, {"status": "answered"})) == {done.pk}
    assert ids(api.get(URL, {"assignee": "none"})) == {waiting.pk}
    assert ids(api.get(URL, {"assignee_id": other_manager.pk})) == {theirs.pk}
    assert ids(api.get(URL, {"partner": partner.slug})) == {waiting.pk, done.pk}
    assert ids(api.get(URL, {"category": "claims"})) == {theirs.pk}
    row = api.get(f"{URL}{theirs.pk}/").json()
    assert row["assignee"] == other_manager.pk and row["partner"] == other_partner.pk
    assert api.get(URL, {"status": "someday"}).status_code == 400


def test_staff_assign_answer_and_close_through_the_actions(api_for, manager, partner,
                                                           partner_member):  # fmt: skip
    item = FeedbackFactory(partner=partner, author=partner_member)
    api = api_for(manager)
    response = api.post(action(item, "assign"), {"assignee": manager.pk}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "assigned"
    response = api.post(action(item, "answer"), {"answer": "Done."}, format="json")
    assert response.status_code == 200 and response.json()["answer"] == "Done."
    response = api.post(action(item, "close"), format="json")
    assert response.status_code == 200 and response.json()["status"] == "closed"
    response = api.post(action(item, "close"), format="json")
    assert response.status_code == 400  # closed already


@pytest.mark.parametrize(
    ("what", "payload", "field"),
    [
        ("answer", {"answer": ""}, "answer"),
        ("answer", {}, "answer"),
        ("assign", {"assignee": 999999}, "assignee"),
        ("assign", {"assignee": None, "note": "x"}, "note"),
    ],
)
def test_bad_actions_are_400s(api_for, manager, partner, what, payload, field):
    item = FeedbackFactory(partner=partner)
    response = api_for(manager).post(action(item, what), payload, format="json")
    assert response.status_code == 400 and field in response.json()


def test_assigning_a_partner_user_is_a_400(api_for, manager, partner, partner_admin):
    item = FeedbackFactory(partner=partner)
    response = api_for(manager).post(action(item, "assign"), {"assignee": partner_admin.pk},
                                     format="json")  # fmt: skip
    assert response.status_code == 400 and "assignee" in response.json()


def test_partner_users_cannot_act_and_nothing_is_edited_or_deleted(
    api_for, partner, partner_admin, manager
):
    item = FeedbackFactory(partner=partner, author=partner_admin)
    api = api_for(partner_admin)
    for what in ("assign", "answer", "close"):
        assert api.post(action(item, what), {"answer": "x"}, format="json").status_code == 403
    for method in ("put", "patch", "delete"):
        assert getattr(api_for(manager), method)(f"{URL}{item.pk}/").status_code == 405
    item.refresh_from_db()
    assert item.status == "new"


def test_list_query_count_is_constant(api_for, manager, partner, partner_member, count_queries):
    api = api_for(manager)
    FeedbackFactory(partner=partner, author=partner_member)
    small = count_queries(api, URL)
    for _ in range(10):
        item = FeedbackFactory(partner=partner, author=partner_member)
        services.feedback_answer(actor=manager, feedback=item, answer="Yes.")
    assert count_queries(api, URL) == small
