"""Under-performer reviews: opening, each decision's validation, the follow-up of remediations
and exits, notifications."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction

from partners.models import Partner
from performance.models import Alert, AlertKind, AlertStatus, DealStatus, PlanAction
from performance.services.deals import deal_approve
from planning.models import ReviewOutcome, ReviewStatus, UnderperformerReview
from planning.services import review as services
from planning.tasks import follow_up_underperformers
from prm.notifications.models import Notification

from .review_support import candidate, days, open_review, submitted_deal

pytestmark = pytest.mark.django_db


def test_open_takes_the_candidate(partner, manager):
    alert = candidate(partner)
    review = services.underperformer_review_open(actor=manager, alert=alert)
    assert review.status == ReviewStatus.OPEN
    assert review.candidate_reason == alert.message
    assert review.partner == partner and review.opened_by == manager


def test_open_refused_to_partner_users_and_twice(partner, manager, partner_admin):
    alert = candidate(partner)
    with pytest.raises(PermissionDenied):
        services.underperformer_review_open(actor=partner_admin, alert=alert)
    services.underperformer_review_open(actor=manager, alert=alert)
    with pytest.raises(ValidationError) as error:
        services.underperformer_review_open(actor=manager, alert=alert)
    assert "alert" in error.value.message_dict


def test_open_refuses_other_alert_kinds(partner, manager):
    alert = candidate(partner)
    Alert.objects.filter(pk=alert.pk).update(kind=AlertKind.NO_CHAMPION)
    alert.refresh_from_db()
    with pytest.raises(ValidationError):
        services.underperformer_review_open(actor=manager, alert=alert)


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"decision": "remediate", "actions": ["Call them"]}, "remediation_deadline"),
        ({"decision": "remediate", "actions": ["Call"], "remediation_deadline": days(0)},
         "remediation_deadline"),
        ({"decision": "remediate", "remediation_deadline": days(30)}, "actions"),
        ({"decision": "keep", "reason": "  "}, "reason"),
        ({"decision": "exit"}, "exit_on"),
        ({"decision": "exit", "exit_on": days(-1)}, "exit_on"),
        ({"decision": "maybe"}, "decision"),
    ],
)  # fmt: skip
def test_decide_validates_each_decision(partner, manager, fields, field):
    review = open_review(partner, manager)
    with pytest.raises(ValidationError) as error:
        services.underperformer_review_decide(actor=manager, review=review, **fields)
    assert field in error.value.message_dict
    review.refresh_from_db()
    assert review.status == ReviewStatus.OPEN


def test_remediate_creates_the_plan_and_sets_the_candidate_aside(partner, manager):
    review = open_review(partner, manager)
    review = services.underperformer_review_decide(
        actor=manager, review=review, decision="remediate", remediation_deadline=days(60),
        actions=["Pipeline review every two weeks", "", "Enablement workshop"],
    )  # fmt: skip
    assert review.status == ReviewStatus.DECIDED and review.outcome == ReviewOutcome.PENDING
    actions = PlanAction.objects.filter(plan=review.remediation_plan)
    assert sorted(actions.values_list("title", flat=True)) == [
        "Enablement workshop", "Pipeline review every two weeks"]  # fmt: skip
    assert {a.due for a in actions} == {days(60)}
    alert = Alert.objects.get(pk=review.alert_id)
    assert alert.status == AlertStatus.DISMISSED and "Remediation until" in alert.dismissed_reason


def test_keep_closes_with_its_reason(partner, manager):
    review = open_review(partner, manager)
    review = services.underperformer_review_decide(
        actor=manager, review=review, decision="keep", reason="Only partner in the region."
    )
    assert review.status == ReviewStatus.CLOSED and review.outcome == ReviewOutcome.NOT_APPLICABLE
    assert Alert.objects.get(pk=review.alert_id).dismissed_reason.startswith("Kept:")
    with pytest.raises(ValidationError):
        services.underperformer_review_decide(actor=manager, review=review, decision="exit",
                                              exit_on=days(3))  # fmt: skip


def test_exit_schedules_and_notifies_partner_admins(partner, manager, partner_admin,
                                                    partner_member):  # fmt: skip
    review = open_review(partner, manager)
    review = services.underperformer_review_decide(
        actor=manager, review=review, decision="exit", exit_on=days(30)
    )
    partner.refresh_from_db()
    assert partner.status == Partner.Status.EXITING
    assert review.status == ReviewStatus.DECIDED
    notified = Notification.objects.filter(kind="partner_exit_scheduled")
    assert list(notified.values_list("recipient_id", flat=True)) == [partner_admin.pk]


def test_database_holds_the_decision_rules(partner, manager):
    review = open_review(partner, manager)
    for fields in ({"status": "decided"}, {"decision": "keep", "status": "decided"}):
        with pytest.raises(IntegrityError), transaction.atomic():
            UnderperformerReview.objects.filter(pk=review.pk).update(**fields)


def _remediating(partner, manager):
    review = open_review(partner, manager)
    return services.underperformer_review_decide(
        actor=manager, review=review, decision="remediate", remediation_deadline=days(10),
        actions=["Weekly call"],
    )  # fmt: skip


def test_follow_up_unmet_raises_the_candidate_again(partner, manager):
    review = _remediating(partner, manager)
    # Before the deadline nothing happens.
    assert services.underperformers_follow_up(today=days(9)) == {
        "worked": 0, "did_not_work": 0, "exited": 0}  # fmt: skip
    counts = services.underperformers_follow_up(today=days(10))
    assert counts["did_not_work"] == 1
    review.refresh_from_db()
    assert review.status == ReviewStatus.CLOSED
    assert review.outcome == ReviewOutcome.DID_NOT_WORK
    alert = Alert.objects.get(pk=review.alert_id)
    assert alert.status == AlertStatus.OPEN
    assert "remediation deadline" in alert.message and "still an under-performer" in alert.message
    assert Notification.objects.filter(kind="remediation_unmet", recipient=manager).exists()
    # The candidate is waiting again: a new review may start on it.
    assert services.underperformer_review_open(actor=manager, alert=alert).status == "open"


def test_follow_up_met_marks_it_worked(partner, manager):
    review = _remediating(partner, manager)
    # The scoring engine no longer finds the cause: it resolved the alert.
    Alert.objects.filter(pk=review.alert_id).update(status="resolved", resolved_on=days(5))
    services.underperformers_follow_up(today=days(12))
    review.refresh_from_db()
    assert review.outcome == ReviewOutcome.WORKED and review.status == ReviewStatus.CLOSED
    assert Alert.objects.get(pk=review.alert_id).status == AlertStatus.RESOLVED


def test_exit_on_its_date_ends_deals_and_keeps_history(partner, manager, partner_member):
    submitted = submitted_deal(partner, partner_member, "Initech")
    approved = deal_approve(actor=manager, deal=submitted_deal(partner, partner_member, "Hooli"))
    review = open_review(partner, manager)
    services.underperformer_review_decide(actor=manager, review=review, decision="exit",
                                          exit_on=days(5))  # fmt: skip
    services.underperformers_follow_up(today=days(4))
    submitted.refresh_from_db()
    assert submitted.status == DealStatus.SUBMITTED
    counts = services.underperformers_follow_up(today=days(5))
    assert counts["exited"] == 1
    partner.refresh_from_db()
    submitted.refresh_from_db()
    approved.refresh_from_db()
    assert partner.status == Partner.Status.EXITED
    assert submitted.status == DealStatus.REJECTED
    assert submitted.rejection_reason == services.EXIT_DEAL_REASON
    assert approved.status == DealStatus.LAPSED
    review.refresh_from_db()
    assert review.status == ReviewStatus.CLOSED and "1 submitted" in review.follow_up_note
    assert Partner.objects.filter(pk=partner.pk).exists()


def test_exit_today_is_completed_at_once(partner, manager):
    review = open_review(partner, manager)
    review = services.underperformer_review_decide(
        actor=manager, review=review, decision="exit", exit_on=days(0)
    )
    partner.refresh_from_db()
    assert review.status == ReviewStatus.CLOSED and partner.status == Partner.Status.EXITED


def test_the_command_and_the_task_follow_up(partner, manager, capsys):
    review = _remediating(partner, manager)
    call_command("follow_up_underperformers", "--today", days(10).isoformat())
    assert "did not work: 1" in capsys.readouterr().out
    review.refresh_from_db()
    assert review.outcome == ReviewOutcome.DID_NOT_WORK
    assert follow_up_underperformers() == {"worked": 0, "did_not_work": 0, "exited": 0}


def test_exit_decision_ends_sign_in_and_tokens_from_the_date(partner, manager, partner_member,
                                                              monkeypatch):  # fmt: skip
    """p14-teams' mechanism: the exit date set at decision ends portal sign-in and API tokens
    on that day; the day before both still work; on the day the task marks it exited."""
    from django.test import Client
    from django.utils import timezone
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    review = open_review(partner, manager)
    exit_on = days(3)
    services.underperformer_review_decide(actor=manager, review=review, decision="exit",
                                          exit_on=exit_on)  # fmt: skip
    partner.refresh_from_db()
    assert (partner.status, partner.exited_on) == (Partner.Status.EXITING, exit_on)
    token = Token.objects.create(user=partner_member)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    login = {"username": "pm-acme", "password": "pw"}
    assert Client().post("/accounts/login/", login).status_code == 302
    assert api.get("/api/v1/partners/").status_code == 200

    monkeypatch.setattr(timezone, "localdate", lambda *args: exit_on)
    services.underperformers_follow_up()
    partner.refresh_from_db()
    assert (partner.status, partner.exited_on) == (Partner.Status.EXITED, exit_on)
    refused = Client().post("/accounts/login/", login)
    assert refused.status_code == 200
    assert "partnership with us has ended" in refused.content.decode()
    answer = api.get("/api/v1/partners/")
    assert answer.status_code == 401 and "partnership" in answer.json()["detail"]


def test_follow_up_acts_as_the_owner_when_the_decider_is_gone(partner, manager, other_manager):
    review = open_review(partner, other_manager)
    services.underperformer_review_decide(actor=other_manager, review=review, decision="exit",
                                          exit_on=days(2))  # fmt: skip
    other_manager.delete()
    assert services.underperformers_follow_up(today=days(2))["exited"] == 1
    partner.refresh_from_db()
    assert partner.status == Partner.Status.EXITED
