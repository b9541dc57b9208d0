"""Under-performer reviews in the work inbox, their notification kinds and their demo data."""

import io

import pytest
from django.core.management import call_command

from planning.models import ReviewDecision, ReviewStatus, UnderperformerReview
from planning.services import review as services
from prm import inbox
from prm.notifications import kinds

from .review_support import candidate, days, open_review

pytestmark = pytest.mark.django_db
KINDS = ["underperformer-candidates", "underperformer-reviews"]


def waiting(user, scope="mine"):
    gathered = inbox.gather(user=user, audience="staff", scope=scope, kinds=KINDS, limit=100)
    return [item for item in gathered.items if item.kind in KINDS]


def test_candidates_and_undecided_reviews_wait_for_the_owner(manager, other_manager, partner,
                                                            other_partner):  # fmt: skip
    candidate(partner)
    review = open_review(other_partner, manager)
    items = waiting(manager)
    assert {(i.kind, i.action) for i in items} == {
        ("underperformer-candidates", "Start a review"),
        ("underperformer-reviews", "Decide"),
    }
    assert waiting(other_manager) == []
    assert len(waiting(other_manager, scope="team")) == 2
    services.underperformer_review_decide(actor=manager, review=review, decision="keep",
                                          reason="Strategic.")  # fmt: skip
    assert [i.kind for i in waiting(manager)] == ["underperformer-candidates"]


def test_deadlines_due_within_a_week_wait(manager, partner):
    review = open_review(partner, manager)
    services.underperformer_review_decide(
        actor=manager, review=review, decision="remediate", remediation_deadline=days(5),
        actions=["Call"],
    )  # fmt: skip
    [item] = waiting(manager)
    assert item.action == "Follow up" and item.due == days(5)
    UnderperformerReview.objects.filter(pk=review.pk).update(remediation_deadline=days(30))
    assert waiting(manager) == []


def test_notification_kinds_are_registered():
    assert kinds.get_kind("partner_exit_scheduled").audience == "partner"
    assert kinds.get_kind("remediation_unmet").audience == "staff"


def test_demo_fills_every_decision(manager):
    call_command("seed_demo", force=True, partners=20, seed=7, stdout=io.StringIO())
    reviews = UnderperformerReview.objects.all()
    assert set(reviews.values_list("decision", flat=True)) >= {"", *ReviewDecision.values}
    assert reviews.filter(decision="exit", status=ReviewStatus.DECIDED,
                          exit_on__gt=days(0)).exists()  # fmt: skip
    assert reviews.filter(decision="remediate", status=ReviewStatus.DECIDED,
                          remediation_deadline__lt=days(0)).exists()  # fmt: skip
    assert reviews.filter(outcome="worked").exists() and reviews.filter(outcome="did_not_work")
