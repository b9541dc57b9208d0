"""Feedback in the work inbox, the notification kinds it declares and its demo data: a piece
waits for whoever has it (or, unassigned, for the partner's owner) until it is answered or
closed; the team view has every piece that waits."""

import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from prm import inbox
from prm.notifications import kinds
from relationships.models import Feedback
from relationships.services import feedback as services
from tests.factories import PartnerFactory
from tests.relationships.feedback_factories import FeedbackFactory

pytestmark = pytest.mark.django_db


def waiting(user, scope="mine"):
    gathered = inbox.gather(user=user, audience="staff", scope=scope, kinds=["feedback"],
                            limit=100)  # fmt: skip
    items = [item for item in gathered.items if item.kind == "feedback"]
    assert gathered.counts["feedback"] == len(items)
    return items


def test_unassigned_feedback_waits_for_the_partners_owner(manager, other_manager, partner,
                                                          partner_member):  # fmt: skip
    item = FeedbackFactory(partner=partner, author=partner_member, text="Claims are slow.")
    [waits] = waiting(manager)
    assert (waits.partner, waits.action, waits.link.url) == (
        "Acme Systems",
        "Answer",
        f"/relationships/feedback/{item.pk}/",
    )
    assert waits.what == "Deal registrations: Claims are slow." and "unassigned" in waits.detail
    assert waiting(other_manager) == []
    assert len(waiting(other_manager, scope="team")) == 1


def test_assigned_feedback_waits_for_the_assignee_until_answered(manager, other_manager,
                                                                 partner):  # fmt: skip
    item = FeedbackFactory(partner=partner)
    services.feedback_assign(actor=manager, feedback=item, assignee=other_manager)
    assert waiting(manager) == []
    assert [w.pk for w in waiting(other_manager)] == [item.pk]
    services.feedback_answer(actor=other_manager, feedback=item, answer="Done.")
    assert waiting(other_manager) == [] and waiting(manager, scope="team") == []


def test_closed_feedback_waits_for_nobody(manager, partner):
    item = FeedbackFactory(partner=partner)
    services.feedback_close(actor=manager, feedback=item)
    assert waiting(manager, scope="team") == []


def test_the_source_costs_two_queries_whatever_the_data(manager, partner,
                                                        django_assert_num_queries):  # fmt: skip
    FeedbackFactory.create_batch(3, partner=partner)
    source = {s.key: s for s in inbox.sources_for("staff")}["feedback"]
    with django_assert_num_queries(2):
        source.selector(user=manager, scope="team", today=timezone.localdate(), limit=10)
    FeedbackFactory.create_batch(10, partner=PartnerFactory(owner=manager))
    with django_assert_num_queries(2):
        result = source.selector(user=manager, scope="team", today=timezone.localdate(), limit=10)
    assert result.count == 13 and len(result.items) == 10


def test_the_notification_kinds_are_declared_for_each_side():
    audiences = {key: kinds.get_kind(key).audience for key in
                 ("feedback_sent", "feedback_assigned", "feedback_answered")}  # fmt: skip
    assert audiences == {"feedback_sent": "staff", "feedback_assigned": "staff",
                         "feedback_answered": "partner"}  # fmt: skip


def test_the_demo_has_feedback_in_every_status_from_portal_users_and_adds_none_again():
    call_command("seed_demo", partners=2, force=True, stdout=io.StringIO())
    statuses = set(Feedback.objects.values_list("status", flat=True))
    assert statuses == set(Feedback.Status.values)
    assert not Feedback.objects.filter(author__partner_membership__isnull=True).exists()
    assert Feedback.objects.values("partner").distinct().count() == 2  # portal-a's and portal-b's
    for item in Feedback.objects.all():
        item.full_clean()
    count = Feedback.objects.count()
    call_command("seed_demo", partners=2, force=True, stdout=io.StringIO())
    assert Feedback.objects.count() == count
