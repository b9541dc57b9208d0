"""Demo under-performer reviews: a candidate waiting, open reviews, and decisions of every kind
— remediations running (one past its deadline, for the follow-up job to judge), judged
(worked, did not work), partners kept, one exit scheduled in a month and one completed.
The partners of the demo's named portal users are left alone (they keep their portal). Nothing is
added when reviews exist already."""

import datetime

from django.utils import timezone

from partners.models import Partner
from partners.selectors import channel_managers, membership_of, partners
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


def _open(actor, partner, index, today):
    alert = _candidate(partner, index, today)
    return services.underperformer_review_open(actor=actor, alert=alert)


def _decided(**decision):
    def scenario(actor, partner, index, today):
        review = _open(actor, partner, index, today)
        fields = {k: (v(today) if callable(v) else v) for k, v in decision.items()}
        services.underperformer_review_decide(actor=actor, review=review, **fields)

    return scenario


def _after(days: int):
    return lambda today: today + datetime.timedelta(days=days)


def _remediation_past_deadline(actor, partner, index, today):
    """Decided before and past its deadline: the follow-up job judges it on its next run."""
    _past(partner, index, today, status=ReviewStatus.DECIDED, decision=ReviewDecision.REMEDIATE,
          remediation_deadline=today - datetime.timedelta(days=3), decided_by=actor)  # fmt: skip


def _remediation_judged(outcome, note):
    def scenario(actor, partner, index, today):
        deadline = today - datetime.timedelta(days=20 + index)
        _past(partner, index, today, status=ReviewStatus.CLOSED,
              decision=ReviewDecision.REMEDIATE, remediation_deadline=deadline,
              decided_by=actor, outcome=outcome, closed_on=deadline,
              follow_up_note=note)  # fmt: skip

    return scenario


def _exit_completed(actor, partner, index, today):
    exited_on = today - datetime.timedelta(days=14)
    _past(partner, index, today, status=ReviewStatus.CLOSED, decision=ReviewDecision.EXIT,
          exit_on=exited_on, decided_by=actor, outcome=ReviewOutcome.NOT_APPLICABLE,
          closed_on=exited_on, reason="Asked to leave the program themselves.",
          follow_up_note="Exited; its open deal registrations ended.")  # fmt: skip
    services.partner_leave(actor=actor, partner=partner, status=Partner.Status.EXITED,
                           exit_on=exited_on)  # fmt: skip


# One partner each, the most telling first (a small demo gets those).
SCENARIOS = [
    lambda actor, partner, index, today: _candidate(partner, index, today),
    _open,
    _decided(
        decision=ReviewDecision.REMEDIATE, actions=ACTIONS, remediation_deadline=_after(75)
    ),  # fmt: skip
    _remediation_past_deadline,
    _decided(
        decision=ReviewDecision.KEEP,
        reason="New management since last quarter; their pipeline doubled.",
    ),  # fmt: skip
    _decided(
        decision=ReviewDecision.EXIT,
        exit_on=_after(30),
        reason="Three quarters far below target, no plan from their side.",
    ),  # fmt: skip
    _remediation_judged(
        ReviewOutcome.WORKED,
        "By the deadline the scoring engine no longer found the partner an under-performer.",
    ),  # fmt: skip
    _remediation_judged(
        ReviewOutcome.DID_NOT_WORK, "The deadline passed; the partner was still an under-performer."
    ),  # fmt: skip
    _exit_completed,
    _open,
    _decided(
        decision=ReviewDecision.KEEP, reason="Only partner covering the Nordics public sector."
    ),  # fmt: skip
]


def seed(state) -> None:
    if UnderperformerReview.objects.exists():
        return
    actor = channel_managers().first()
    if actor is None:
        return
    # The partners of the demo's named portal users (portal-a, …) keep their portal.
    memberships = (membership_of(user=user) for user in state.users.values())
    with_portal = {membership.partner_id for membership in memberships if membership}
    leaving = [Partner.Status.ACTIVE, Partner.Status.AT_RISK]
    pool = [p for p in partners().filter(status__in=leaving).order_by("pk")
            if p.pk not in with_portal]  # fmt: skip
    today = timezone.localdate()
    for index, (partner, scenario) in enumerate(zip(pool, SCENARIOS, strict=False)):
        scenario(actor, partner, index, today)
