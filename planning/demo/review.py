"""Demo under-performer reviews: a candidate waiting, open reviews, and decisions of every kind
— remediations running (one past its deadline, for the follow-up job to judge), judged
(worked, did not work), partners kept, one exit scheduled in a month and one completed.
Partners with portal users are left alone (their demo users keep their portal). Nothing is
added when reviews exist already."""

import datetime

from django.utils import timezone

from partners.models import Partner
from partners.selectors import channel_managers, partners, portal_users_by_partner
from performance.models import AlertKind
from performance.services.alerts import alert_raise_again

from ..models import ReviewDecision, ReviewOutcome, ReviewStatus, UnderperformerReview
from ..services import review as services

CAUSE = (
    "Under-performer candidate: attainment below 70% in the last 2 closed quarters "
    "({first}%, {second}%)."
)
ACTIONS = [
    "Joint pipeline review every two weeks",
    "Sales enablement workshop for their account managers",
    "Agree a revised quarterly target",
]


def _candidate(partner, index, today):
    message = CAUSE.format(first=40 + index * 3, second=35 + index * 2)
    return alert_raise_again(
        partner=partner, kind=AlertKind.UNDERPERFORMER, message=message, today=today
    )


def _past(partner, index, today, **fields):
    """A review decided in the past, written as it stands now (the services judge by today)."""
    opened = today - datetime.timedelta(days=120 + 10 * index)
    decided_at = timezone.make_aware(
        datetime.datetime.combine(opened + datetime.timedelta(days=7), datetime.time(10))
    )
    return UnderperformerReview.objects.create(
        partner=partner, candidate_reason=CAUSE.format(first=45, second=38 + index),
        opened_on=opened, decided_at=decided_at, **fields,
    )  # fmt: skip


def seed(state) -> None:
    if UnderperformerReview.objects.exists():
        return
    actor = channel_managers().first()
    with_portal = set(portal_users_by_partner())
    pool = [
        p for p in partners().filter(status__in=[Partner.Status.ACTIVE, Partner.Status.AT_RISK])
        .order_by("pk") if p.pk not in with_portal
    ][:12]  # fmt: skip
    if actor is None or len(pool) < 12:
        return
    today = timezone.localdate()
    _candidate(pool[0], 0, today)
    for index in (1, 2):
        alert = _candidate(pool[index], index, today)
        services.underperformer_review_open(actor=actor, alert=alert)
    decisions = [
        (3, {"decision": ReviewDecision.REMEDIATE, "actions": ACTIONS,
             "remediation_deadline": today + datetime.timedelta(days=75)}),
        (7, {"decision": ReviewDecision.KEEP,
             "reason": "New management since last quarter; their pipeline doubled."}),
        (8, {"decision": ReviewDecision.KEEP,
             "reason": "Only partner covering the Nordics public sector."}),
        (9, {"decision": ReviewDecision.EXIT, "exit_on": today + datetime.timedelta(days=30),
             "reason": "Three quarters far below target, no plan from their side."}),
    ]  # fmt: skip
    for index, decision in decisions:
        review = services.underperformer_review_open(
            actor=actor, alert=_candidate(pool[index], index, today)
        )
        services.underperformer_review_decide(actor=actor, review=review, **decision)
    # One remediation past its deadline: the follow-up job judges it on its next run.
    _past(pool[4], 4, today, status=ReviewStatus.DECIDED, decision=ReviewDecision.REMEDIATE,
          remediation_deadline=today - datetime.timedelta(days=3), decided_by=actor)  # fmt: skip
    _past(pool[5], 5, today, status=ReviewStatus.CLOSED, decision=ReviewDecision.REMEDIATE,
          remediation_deadline=today - datetime.timedelta(days=30), decided_by=actor,
          outcome=ReviewOutcome.WORKED, closed_on=today - datetime.timedelta(days=30),
          follow_up_note="By the deadline the scoring engine no longer found the partner an "
          "under-performer.")  # fmt: skip
    _past(pool[6], 6, today, status=ReviewStatus.CLOSED, decision=ReviewDecision.REMEDIATE,
          remediation_deadline=today - datetime.timedelta(days=20), decided_by=actor,
          outcome=ReviewOutcome.DID_NOT_WORK, closed_on=today - datetime.timedelta(days=20),
          follow_up_note="The deadline passed; the partner was still an under-performer.",
          )  # fmt: skip
    exited_on = today - datetime.timedelta(days=14)
    _past(pool[10], 10, today, status=ReviewStatus.CLOSED, decision=ReviewDecision.EXIT,
          exit_on=exited_on, decided_by=actor, outcome=ReviewOutcome.NOT_APPLICABLE,
          closed_on=exited_on, reason="Asked to leave the program themselves.",
          follow_up_note="Exited; its open deal registrations ended.")  # fmt: skip
    services.partner_leave(actor=actor, partner=pool[10], status=Partner.Status.EXITED,
                           exit_on=exited_on)  # fmt: skip
