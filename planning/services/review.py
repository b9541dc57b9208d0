"""Writes of under-performer reviews: opening one on a candidate, deciding it (remediate,
keep, exit) and following it up (a remediation's deadline, an exit's date).

Other apps are changed through their services: the candidate's alert (dismissed while a
decision runs, raised again when a remediation failed), the remediation plan and its actions,
the partner's status and exit date, and its open deal registrations.

Open deal registrations of an exiting partner, on the exit date: submitted ones are rejected
with the reason "Partner exited the program"; approved ones lapse (their protection ends that
day), leaving the customer free for another partner or for us. Nothing is handed over
silently to someone else, and nothing is deleted. Leads: the app has no lead model, so there
are none to reassign.
"""

import datetime
import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partners.models import Partner, PartnerMembership
from partners.selectors import channel_managers, portal_memberships
from partners.services import partner_update
from performance.models import AlertKind, AlertStatus, PlanAction
from performance.selectors.plans import partner_plans
from performance.services.alerts import alert_dismiss, alert_raise_again
from performance.services.deals import deals_end_for_partner_exit
from performance.services.plans import plan_action_create, plan_create
from prm.lib.access import is_vendor_staff, require_vendor_staff
from prm.lib.audit import acting_as
from prm.lib.dates import day_label
from prm.notifications import notify

from ..models import ReviewDecision, ReviewOutcome, ReviewStatus, UnderperformerReview
from ..selectors.review import exits_due, is_still_candidate, remediations_due

logger = logging.getLogger(__name__)
STAFF_ONLY = gettext_lazy("Under-performer reviews are the channel team's.")
EXIT_DEAL_REASON = "Partner exited the program."
MAX_ACTIONS = 20


def _save(review: UnderperformerReview, actor) -> UnderperformerReview:
    review.full_clean(validate_unique=False, validate_constraints=False)
    with acting_as(actor):
        review.save()
    return review


@transaction.atomic
def underperformer_review_open(*, actor, alert, today: datetime.date | None = None):
    """Start a review of the candidate `alert` (an open under-performer alert of a partner
    that has no running review)."""
    require_vendor_staff(actor, STAFF_ONLY)
    if alert.kind != AlertKind.UNDERPERFORMER or alert.partner_id is None:
        raise ValidationError({"alert": _("Only an under-performer candidate is reviewed.")})
    if alert.status != AlertStatus.OPEN:
        raise ValidationError({"alert": _("This candidate is no longer open.")})
    running = UnderperformerReview.objects.filter(
        partner_id=alert.partner_id, status__in=(ReviewStatus.OPEN, ReviewStatus.DECIDED)
    )
    if running.exists():
        raise ValidationError({"alert": _("This partner is already under review.")})
    review = UnderperformerReview(
        partner_id=alert.partner_id, alert=alert, candidate_reason=alert.message,
        opened_on=today or timezone.localdate(), opened_by=actor,
    )  # fmt: skip
    return _save(review, actor)


def _check_decision(*, decision, reason, remediation_deadline, exit_on, actions, today):
    errors = {}
    if decision not in ReviewDecision.values:
        errors["decision"] = _("Choose remediate, keep or exit.")
    elif decision == ReviewDecision.REMEDIATE:
        if remediation_deadline is None:
            errors["remediation_deadline"] = _("Give the remediation a deadline.")
        elif remediation_deadline <= today:
            errors["remediation_deadline"] = _("The deadline is after today.")
        if not actions:
            errors["actions"] = _("Name at least one action of the remediation plan.")
        elif len(actions) > MAX_ACTIONS:
            errors["actions"] = _("At most %(count)s actions.") % {"count": MAX_ACTIONS}
    elif decision == ReviewDecision.KEEP and not reason:
        errors["reason"] = _("Say why the partner is kept.")
    elif decision == ReviewDecision.EXIT:
        if exit_on is None:
            errors["exit_on"] = _("Give the date the partner exits.")
        elif exit_on < today:
            errors["exit_on"] = _("The exit date cannot be in the past.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def underperformer_review_decide(
    *, actor, review: UnderperformerReview, decision: str, reason: str = "",
    remediation_deadline: datetime.date | None = None, exit_on: datetime.date | None = None,
    actions=(), today: datetime.date | None = None,
) -> UnderperformerReview:  # fmt: skip
    """Decide an open review. Remediate: a plan with `actions` (one title each, ours, due at
    the deadline) and the deadline. Keep: a reason. Exit: a date, today or later; the partner
    becomes exiting now (its users lose access on that date) and exited on it."""
    require_vendor_staff(actor, STAFF_ONLY)
    today = today or timezone.localdate()
    review = UnderperformerReview.objects.select_for_update().get(pk=review.pk)
    if review.status != ReviewStatus.OPEN:
        raise ValidationError(_("This review is already decided."))
    reason = (reason or "").strip()
    actions = [title.strip() for title in actions if title and title.strip()]
    _check_decision(decision=decision, reason=reason, remediation_deadline=remediation_deadline,
                    exit_on=exit_on, actions=actions, today=today)  # fmt: skip
    review.decision, review.reason = decision, reason
    review.decided_by, review.decided_at = actor, timezone.now()
    review.status = ReviewStatus.DECIDED
    if decision == ReviewDecision.REMEDIATE:
        review.remediation_deadline = remediation_deadline
        review.remediation_plan = _remediation_plan(actor, review, actions)
    elif decision == ReviewDecision.KEEP:
        review.status, review.closed_on = ReviewStatus.CLOSED, today
        review.outcome = ReviewOutcome.NOT_APPLICABLE
    else:
        review.exit_on, review.outcome = exit_on, ReviewOutcome.NOT_APPLICABLE
        partner_leave(actor=actor, partner=review.partner, status=Partner.Status.EXITING,
                      exit_on=exit_on)  # fmt: skip
        _notify_exit_scheduled(review=review, actor=actor)
    _save(review, actor)
    _set_candidate_aside(actor, review)
    if decision == ReviewDecision.EXIT and exit_on <= today:
        review = underperformer_review_follow_up(review=review, today=today)
    return review


def _set_candidate_aside(actor, review) -> None:
    """The candidate waits no longer: its alert is dismissed with the decision as the reason
    (the scoring engine keeps it, dismissed, while its cause is there)."""
    alert = review.alert
    if alert is None or alert.status != AlertStatus.OPEN:
        return
    text = {
        ReviewDecision.REMEDIATE: "Remediation until {date}",
        ReviewDecision.KEEP: "Kept: {reason}",
        ReviewDecision.EXIT: "Exit on {date}",
    }[review.decision]
    date = review.remediation_deadline or review.exit_on
    message = text.format(date=day_label(date) if date else "", reason=review.reason)
    alert_dismiss(actor=actor, alert=alert, reason=message[:500])


def _remediation_plan(actor, review, actions):
    """The business plan of the deadline's quarter (created, active, when it has none) with
    one action of ours per title, due at the deadline."""
    deadline = review.remediation_deadline
    quarter = (deadline.month - 1) // 3 + 1
    plan = next(
        (p for p in partner_plans(partner=review.partner)
         if p.year == deadline.year and p.quarter == quarter),
        None,
    )  # fmt: skip
    if plan is None:
        plan = plan_create(
            actor=actor, partner=review.partner, year=deadline.year, quarter=quarter,
            title=f"Remediation plan until {day_label(deadline)}", status="active",
        )  # fmt: skip
    for title in actions:
        plan_action_create(actor=actor, plan=plan, title=title[:200],
                           owner_side=PlanAction.Side.VENDOR, owner_user=actor,
                           due=deadline)  # fmt: skip
    return plan


def partner_leave(*, actor, partner, status: str, exit_on: datetime.date) -> None:
    """The partner's status and exit date through the partners service (p14-teams: from the
    exit date its users cannot sign in and their API tokens are refused)."""
    partner_update(partner=partner, actor=actor, status=status, exited_on=exit_on)


# --- follow-up ----------------------------------------------------------------------------------


@transaction.atomic
def underperformer_review_follow_up(*, review: UnderperformerReview, today: datetime.date):
    """Judge a decided review whose date has come: a remediation at its deadline, an exit on
    its date. Anything else is left as it is."""
    review = (
        UnderperformerReview.objects.select_for_update().select_related("partner").get(pk=review.pk)
    )
    if review.status != ReviewStatus.DECIDED:
        return review
    if review.decision == ReviewDecision.REMEDIATE and review.remediation_deadline <= today:
        return _judge_remediation(review, today)
    if review.decision == ReviewDecision.EXIT and review.exit_on <= today:
        return _complete_exit(review, today)
    return review


def _judge_remediation(review, today):
    deadline = day_label(review.remediation_deadline)
    if is_still_candidate(partner_id=review.partner_id):
        cause = (
            f"Under-performer candidate again: the remediation deadline {deadline} passed and "
            f"the partner is still an under-performer ({review.candidate_reason})"
        )
        alert_raise_again(partner=review.partner, kind=AlertKind.UNDERPERFORMER,
                          message=cause[:2000], today=today)  # fmt: skip
        review.outcome = ReviewOutcome.DID_NOT_WORK
        review.follow_up_note = cause[:2000]
        _notify_remediation_unmet(review=review)
    else:
        review.outcome = ReviewOutcome.WORKED
        review.follow_up_note = (
            f"By the deadline {deadline} the scoring engine no longer finds the partner an "
            "under-performer."
        )
    review.status, review.closed_on = ReviewStatus.CLOSED, today
    return _save(review, _job_actor(review))


def _job_actor(review):
    """Whom the follow-up acts as: the decider, or (gone since) the partner's owner, or any
    channel manager: the partners and deals services take a member of the channel team."""
    for person in (review.decided_by, review.partner.owner):
        if person is not None and is_vendor_staff(person):
            return person
    return channel_managers().first()


def _complete_exit(review, today):
    actor = _job_actor(review)
    partner = review.partner
    partner_leave(actor=actor, partner=partner, status=Partner.Status.EXITED,
                  exit_on=review.exit_on)  # fmt: skip
    ended = deals_end_for_partner_exit(actor=actor, partner=partner, reason=EXIT_DEAL_REASON,
                                       today=today)  # fmt: skip
    review.follow_up_note = (
        f"Exited on {day_label(review.exit_on)}: {ended['rejected']} submitted deal "
        f"registration(s) rejected, {ended['lapsed']} approved one(s) lapsed."
    )
    review.status, review.closed_on = ReviewStatus.CLOSED, today
    return _save(review, actor)


def underperformers_follow_up(*, today: datetime.date | None = None) -> dict:
    """Every decided review whose date has come (beat task and management command): the
    counts of remediations judged and exits completed. Each in its own transaction."""
    today = today or timezone.localdate()
    counts = {"worked": 0, "did_not_work": 0, "exited": 0}
    for review in list(remediations_due(today=today)):
        if (judged := _follow_up_one(review, today)) is not None:
            counts[judged.outcome] = counts.get(judged.outcome, 0) + 1
    for review in list(exits_due(today=today)):
        if _follow_up_one(review, today) is not None:
            counts["exited"] += 1
    return counts


def _follow_up_one(review, today):
    """One review; a failure is logged and the others still run (the next run retries it)."""
    try:
        return underperformer_review_follow_up(review=review, today=today)
    except (ValidationError, PermissionDenied):
        logger.exception("Follow-up of under-performer review %s failed", review.pk)
        return None


# --- notifications (kinds registered in planning.panels.review) ---------------------------------


def partner_admin_ids(partner) -> list[int]:
    memberships = portal_memberships(partner=partner).filter(
        role=PartnerMembership.Role.PARTNER_ADMIN, user__is_active=True
    )
    return [membership.user_id for membership in memberships]


def _notify_exit_scheduled(*, review, actor) -> None:
    """The partner's admins hear the date their partnership ends (and their portal with it)."""
    notify(
        kind="partner_exit_scheduled", recipients=partner_admin_ids(review.partner),
        actor=actor, verb="scheduled the end of your partnership on",
        object_label=day_label(review.exit_on), partner_label=review.partner.name,
        url=reverse("portal:home"), dedupe_key=f"exit:{review.pk}",
    )  # fmt: skip


def _notify_remediation_unmet(*, review) -> None:
    """The partner's owner hears that a remediation failed and the candidate is back."""
    owner = [review.partner.owner_id] if review.partner.owner_id else []
    notify(
        kind="remediation_unmet", recipients=owner,
        verb="missed its remediation deadline", object_label=review.partner.name,
        partner_label=review.partner.name, url=reverse("planning:underperformer-list"),
        dedupe_key=f"remediation:{review.pk}",
    )  # fmt: skip
