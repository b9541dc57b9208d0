import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from performance.models import BusinessPlan, PlanAction, Review
from performance.selectors.plans import overdue_reviews, plan_progress, plans_with_progress
from performance.services import plans as services
from tests.factories import ContactFactory, PartnerFactory, ProgramTierFactory
from tests.performance.plans_factories import (
    BusinessPlanFactory,
    PlanActionFactory,
    ReviewFactory,
)

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()


def _days_ago(days):
    return TODAY - datetime.timedelta(days=days)


def test_overdue_reviews_uses_tier_cadence():
    tier = ProgramTierFactory(review_cadence_days=30)
    late, on_time = PartnerFactory(tier=tier), PartnerFactory(tier=tier)
    ReviewFactory(partner=late, held_on=_days_ago(31))
    ReviewFactory(partner=on_time, held_on=_days_ago(29))
    overdue = set(overdue_reviews())
    assert late in overdue and on_time not in overdue


def test_overdue_reviews_default_cadence_without_tier():
    late, on_time = PartnerFactory(tier=None), PartnerFactory(tier=None)
    ReviewFactory(partner=late, held_on=_days_ago(91))
    ReviewFactory(partner=on_time, held_on=_days_ago(89))
    overdue = set(overdue_reviews())
    assert late in overdue and on_time not in overdue


def test_overdue_reviews_never_reviewed_only_for_active_partners():
    active = PartnerFactory()
    prospect = PartnerFactory(status="prospect")
    overdue = list(overdue_reviews())
    assert active in overdue and prospect not in overdue
    assert overdue[0].last_review_on is None  # never reviewed come first


def test_overdue_reviews_last_review_counts():
    partner = PartnerFactory(tier=None)
    ReviewFactory(partner=partner, held_on=_days_ago(200))
    ReviewFactory(partner=partner, held_on=_days_ago(5))
    assert partner not in set(overdue_reviews())


def test_overdue_reviews_query_count_constant():
    def run():
        with CaptureQueriesContext(connection) as ctx:
            rows = list(overdue_reviews()[:5])
            [row.tier for row in rows]
        return len(ctx.captured_queries)

    for _ in range(2):
        ReviewFactory(partner=PartnerFactory(), held_on=_days_ago(200))
    small = run()
    for _ in range(8):
        ReviewFactory(partner=PartnerFactory(tier=ProgramTierFactory()), held_on=_days_ago(300))
    assert run() == small


def test_plan_progress_share_of_actions_done():
    plan = BusinessPlanFactory()
    PlanActionFactory(plan=plan, status=PlanAction.Status.DONE)
    PlanActionFactory(plan=plan, status=PlanAction.Status.OPEN)
    PlanActionFactory(plan=plan, status=PlanAction.Status.IN_PROGRESS)
    PlanActionFactory(plan=plan, status=PlanAction.Status.DONE)
    PlanActionFactory(plan=plan, status=PlanAction.Status.CANCELLED)
    annotated = plans_with_progress(BusinessPlan.objects.filter(pk=plan.pk)).get()
    assert plan_progress(annotated) == 50
    assert plan_progress(BusinessPlanFactory()) == 0


def test_plan_create_rejects_duplicate_period_at_field(manager):
    partner = PartnerFactory()
    services.plan_create(actor=manager, partner=partner, year=2026, quarter=2, title="Q2")
    with pytest.raises(ValidationError) as error:
        services.plan_create(actor=manager, partner=partner, year=2026, quarter=2, title="Again")
    assert "quarter" in error.value.message_dict
    assert BusinessPlan.objects.filter(partner=partner).count() == 1


def test_plan_create_refuses_partner_user(partner_admin, partner):
    with pytest.raises(PermissionDenied):
        services.plan_create(actor=partner_admin, partner=partner, year=2026, title="Mine")


def test_plan_action_owner_must_match_side(manager, partner, other_partner):
    plan = BusinessPlanFactory(partner=partner)
    with pytest.raises(ValidationError) as error:
        services.plan_action_create(actor=manager, plan=plan, title="Train", owner_side="vendor",
                                    owner_contact=ContactFactory(partner=partner))  # fmt: skip
    assert "owner_contact" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.plan_action_create(
            actor=manager, plan=plan, title="Train", owner_side="partner",
            owner_contact=ContactFactory(partner=other_partner),
        )  # fmt: skip
    assert "owner_contact" in error.value.message_dict
    assert not PlanAction.objects.exists()


def test_plan_action_set_status_partner_side_only(partner_member, partner):
    plan = BusinessPlanFactory(partner=partner)
    theirs = PlanActionFactory(plan=plan, owner_side="partner")
    ours = PlanActionFactory(plan=plan, owner_side="vendor", owner_name="Us")
    services.plan_action_set_status(actor=partner_member, action=theirs, status="done")
    assert PlanAction.objects.get(pk=theirs.pk).status == "done"
    with pytest.raises(PermissionDenied):
        services.plan_action_set_status(actor=partner_member, action=ours, status="done")
    assert PlanAction.objects.get(pk=ours.pk).status == "open"


def test_plan_action_set_status_refuses_other_partner(outsider, partner):
    action = PlanActionFactory(plan=BusinessPlanFactory(partner=partner))
    with pytest.raises(PermissionDenied):
        services.plan_action_set_status(actor=outsider, action=action, status="done")


def test_review_log_with_attendees_from_both_sides(manager, partner):
    contact = ContactFactory(partner=partner)
    review = services.review_log(actor=manager, partner=partner, kind="qbr", held_on=TODAY,
                                 our_attendees=[manager], their_attendees=[contact],
                                 next_review_on=TODAY + datetime.timedelta(days=90))  # fmt: skip
    assert list(review.our_attendees.all()) == [manager]
    assert list(review.their_attendees.all()) == [contact]


def test_review_log_rejects_bad_input_nothing_saved(manager, partner, other_partner):
    with pytest.raises(ValidationError) as error:
        services.review_log(actor=manager, partner=partner, kind="qbr", held_on=TODAY,
                            next_review_on=_days_ago(1))  # fmt: skip
    assert "next_review_on" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.review_log(actor=manager, partner=partner, kind="qbr", held_on=TODAY,
                            their_attendees=[ContactFactory(partner=other_partner)])  # fmt: skip
    assert "their_attendees" in error.value.message_dict
    assert not Review.objects.exists()
