"""Partners' feedback, written through the services: a partner user sends it (a read-only
portal role may not), our people assign, answer and close it, the database holds its rules,
and each change tells the person it concerns."""

from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from partners.models import PartnerMembership
from prm.models import Notification
from relationships.models import Feedback
from relationships.selectors import feedback as selectors
from relationships.services import feedback as services
from tests.relationships.feedback_factories import FeedbackFactory

pytestmark = pytest.mark.django_db


def _send(user, **fields):
    values = {"category": "deals", "text": "The deal form asks for a domain we do not have.",
              "page_path": "/portal/performance/deals/?page=2"} | fields  # fmt: skip
    return services.feedback_send(actor=user, membership=user.partner_membership, **values)


def _notified(kind) -> set[str]:
    rows = Notification.objects.filter(kind=kind)
    return set(rows.values_list("recipient__username", flat=True))


def test_a_member_sends_feedback_and_the_partner_owner_hears_of_it(partner_member, manager):
    feedback = _send(partner_member)
    assert (feedback.partner, feedback.author, feedback.status) == (
        partner_member.partner_membership.partner, partner_member, "new",
    )  # fmt: skip
    assert feedback.page_path == "/portal/performance/deals/"  # the path, not its query
    assert _notified("feedback_sent") == {manager.username}
    assert Notification.objects.get(kind="feedback_sent").url == feedback.get_absolute_url()


@pytest.mark.parametrize("path", ["https://evil.example/", "//evil.example/x", "portal", "\\\\x"])
def test_the_page_is_only_ever_a_path_of_this_site(partner_member, path):
    assert _send(partner_member, page_path=path).page_path == ""


def test_sending_needs_text_and_a_topic(partner_member):
    with pytest.raises(ValidationError) as error:
        _send(partner_member, text="   ", category="weather")
    assert set(error.value.message_dict) == {"text", "category"}


def test_only_partner_admins_and_members_may_send(partner_member, manager):
    assert selectors.may_send_feedback(SimpleNamespace(role="partner_admin"))
    assert selectors.may_send_feedback(SimpleNamespace(role="member"))
    assert not selectors.may_send_feedback(SimpleNamespace(role="viewer"))
    assert not selectors.may_send_feedback(None)
    viewer = SimpleNamespace(role="viewer", user_id=partner_member.pk, partner=None)
    with pytest.raises(PermissionDenied, match="read-only"):
        services.feedback_send(actor=partner_member, membership=viewer, category="deals",
                               text="x")  # fmt: skip
    with pytest.raises(PermissionDenied):  # staff do not send partner feedback
        services.feedback_send(actor=manager, membership=partner_member.partner_membership,
                               category="deals", text="x")  # fmt: skip
    assert not Feedback.objects.exists()


def test_assigning_tells_the_assignee_and_unassigning_makes_it_new(partner, manager,
                                                                  other_manager):  # fmt: skip
    feedback = FeedbackFactory(partner=partner)
    services.feedback_assign(actor=manager, feedback=feedback, assignee=other_manager)
    assert (feedback.status, feedback.assignee) == ("assigned", other_manager)
    assert _notified("feedback_assigned") == {other_manager.username}
    services.feedback_assign(actor=manager, feedback=feedback, assignee=manager)
    assert _notified("feedback_assigned") == {other_manager.username}  # not told of one's own
    services.feedback_assign(actor=manager, feedback=feedback, assignee=None)
    assert (feedback.status, feedback.assignee) == ("new", None)


def test_only_staff_are_assigned_and_only_staff_assign(partner, manager, partner_admin):
    feedback = FeedbackFactory(partner=partner)
    with pytest.raises(ValidationError) as error:
        services.feedback_assign(actor=manager, feedback=feedback, assignee=partner_admin)
    assert "assignee" in error.value.message_dict
    with pytest.raises(PermissionDenied):
        services.feedback_assign(actor=partner_admin, feedback=feedback, assignee=manager)


def test_answering_tells_the_author_with_the_portal_link(partner, partner_member, manager):
    feedback = _send(partner_member)
    services.feedback_answer(
        actor=manager, feedback=feedback, answer="  The domain is optional now. "
    )
    feedback.refresh_from_db()
    assert (feedback.status, feedback.answer, feedback.answered_by) == (
        "answered", "The domain is optional now.", manager,
    )  # fmt: skip
    assert feedback.answered_at is not None and feedback.assignee == manager  # they took it
    assert _notified("feedback_answered") == {partner_member.username}
    url = Notification.objects.get(kind="feedback_answered").url
    assert url == f"/portal/feedback/#feedback-{feedback.pk}"


def test_an_answer_needs_text_and_a_closed_one_takes_none(partner, manager):
    feedback = FeedbackFactory(partner=partner)
    with pytest.raises(ValidationError) as error:
        services.feedback_answer(actor=manager, feedback=feedback, answer=" ")
    assert "answer" in error.value.message_dict
    services.feedback_close(actor=manager, feedback=feedback)
    assert feedback.status == "closed" and feedback.closed_at is not None
    for act in (
        lambda: services.feedback_answer(actor=manager, feedback=feedback, answer="Late."),
        lambda: services.feedback_assign(actor=manager, feedback=feedback, assignee=manager),
        lambda: services.feedback_close(actor=manager, feedback=feedback),
    ):
        with pytest.raises(ValidationError):
            act()


def test_an_answered_piece_keeps_its_status_when_reassigned_and_closes(partner, manager,
                                                                      other_manager):  # fmt: skip
    feedback = FeedbackFactory(partner=partner)
    services.feedback_answer(actor=manager, feedback=feedback, answer="Done.")
    services.feedback_assign(actor=manager, feedback=feedback, assignee=other_manager)
    assert feedback.status == "answered"
    services.feedback_close(actor=other_manager, feedback=feedback)
    feedback.refresh_from_db()
    assert feedback.status == "closed" and feedback.answer == "Done."


@pytest.mark.parametrize(
    "fields",
    [
        {"status": "answered"},  # answered without an answer
        {"status": "assigned"},  # assigned to nobody
        {"status": "closed"},  # closed without a date
        {"answer": "Half an answer"},  # an answer without who and when
        {"text": ""},
        {"page_path": "https://evil.example/"},
        {"category": "weather"},
    ],
)
def test_the_database_holds_the_rules(partner, fields):
    feedback = FeedbackFactory(partner=partner)
    with pytest.raises(IntegrityError), transaction.atomic():
        Feedback.objects.filter(pk=feedback.pk).update(**fields)


def test_a_whole_answer_is_accepted_by_the_database(partner, manager):
    feedback = FeedbackFactory(partner=partner)
    Feedback.objects.filter(pk=feedback.pk).update(
        status="answered", answer="Yes.", answered_by=manager, answered_at=timezone.now()
    )
    assert Feedback.objects.get(pk=feedback.pk).status == "answered"


def test_the_portal_shows_an_admin_all_of_the_partners_and_a_member_their_own(
    partner, partner_admin, partner_member, outsider
):
    mine = _send(partner_member)
    admins = _send(partner_admin)
    _send(outsider)
    admin_view = selectors.portal_feedback(membership=partner_admin.partner_membership)
    member_view = selectors.portal_feedback(membership=partner_member.partner_membership)
    assert set(admin_view) == {mine, admins}
    assert list(member_view) == [mine]
    assert PartnerMembership.objects.count() == 3
