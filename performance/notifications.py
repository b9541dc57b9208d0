"""What performance tells people: the kinds of notification it declares to `prm`, and the
events its services (and its daily reminders) report through `prm.notifications.notify`.

Vendor-side events go to the partner's owner (or the person assigned); partner-side events
go to the partner's portal users, each with the link of their own side (internal or portal).
Called inside the service's transaction: the rows commit with the change, emails after it.
"""

import datetime

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from partners.selectors import portal_user_ids
from prm.lib.dates import day_label
from prm.notifications import kinds, notify
from prm.notifications.kinds import Audience, Channel, Section

from .models import Alert, DealRegistration, DealStatus, PlanAction, Review, Target
from .models.targets import ProposalAction
from .models.targets import ProposalSide as Side

DEALS, TARGETS = _("Deal registrations"), _("Targets")
PLANS, ALERTS = _("Plans and reviews"), _("Alerts")
# How far ahead the daily reminders look, and how far back for an action that fell overdue
# (a day the job did not run is caught up; an action overdue for months is not news).
PROTECTION_WARNING_DAYS = 7
REVIEW_WARNING_DAYS = 7
OVERDUE_LOOKBACK_DAYS = 7


def register() -> None:
    kinds.register_kinds((
        ("deal_registered", _("A partner registered a deal"), DEALS, Channel.EMAIL,
         Section.WAITING, Audience.STAFF),
        ("deal_approved", _("Deal registration approved"), DEALS, Channel.EMAIL,
         Section.CHANGES, Audience.PARTNER),
        ("deal_rejected", _("Deal registration rejected"), DEALS, Channel.EMAIL,
         Section.CHANGES, Audience.PARTNER),
        ("deal_protection_expiring", _("Deal protection ending soon"), DEALS, Channel.DIGEST,
         Section.WAITING, Audience.BOTH),
        ("target_proposed", _("Target proposed"), TARGETS, Channel.EMAIL, Section.WAITING,
         Audience.BOTH),
        ("target_countered", _("Target counter-proposed"), TARGETS, Channel.EMAIL,
         Section.WAITING, Audience.BOTH),
        ("target_agreed", _("Target agreed"), TARGETS, Channel.IN_APP, Section.CHANGES,
         Audience.BOTH),
        ("plan_action_assigned", _("Plan action assigned to you"), PLANS, Channel.EMAIL,
         Section.WAITING, Audience.BOTH),
        ("plan_action_overdue", _("Plan action overdue"), PLANS, Channel.DIGEST, Section.WAITING,
         Audience.BOTH),
        ("review_due", _("Partner review due"), PLANS, Channel.DIGEST, Section.WAITING,
         Audience.STAFF),
        ("alert_assigned", _("Alert assigned to you"), ALERTS, Channel.EMAIL, Section.ALERTS,
         Audience.STAFF),
    ))  # fmt: skip


def _owner(partner) -> list:
    return [partner.owner_id] if partner.owner_id else []


def _money(value, currency) -> str:
    return f"{value:,.0f} {currency}"


# --- deals -----------------------------------------------------------------------------------


def deal_registered(*, deal: DealRegistration, actor) -> None:
    notify(
        kind="deal_registered", recipients=_owner(deal.partner), actor=actor,
        verb="registered a deal", partner_label=deal.partner.name,
        object_label=f"{deal.customer_name} · {_money(deal.value, deal.currency)}",
        url=reverse("performance:deal-detail", args=[deal.pk]),
    )  # fmt: skip


def deal_decided(*, deal: DealRegistration, actor) -> None:
    approved = deal.status == DealStatus.APPROVED
    detail = (
        f"protected until {day_label(deal.protection_until)}"
        if approved
        else f"reason: {deal.rejection_reason}"
    )
    notify(
        kind="deal_approved" if approved else "deal_rejected",
        recipients=portal_user_ids(partner_ids=[deal.partner_id]), actor=actor,
        verb="approved your deal registration" if approved else "rejected your deal registration",
        object_label=f"{deal.customer_name} ({detail})", partner_label=deal.partner.name,
        url=reverse("performance-portal:deal-detail", args=[deal.pk]),
    )  # fmt: skip


def deals_protection_expiring(*, today: datetime.date) -> int:
    """Approved registrations whose protection ends within a week: the partner's portal users
    and its owner hear once per deal and end date."""
    until = today + datetime.timedelta(days=PROTECTION_WARNING_DAYS)
    deals = DealRegistration.objects.filter(
        status=DealStatus.APPROVED, protection_until__range=(today, until)
    ).select_related("partner")
    sent = 0
    for deal in deals:
        common = {
            "kind": "deal_protection_expiring",
            "verb": f"deal protection ends on {day_label(deal.protection_until)}",
            "object_label": deal.customer_name, "partner_label": deal.partner.name,
            "dedupe_key": f"deal:{deal.pk}:{deal.protection_until.isoformat()}",
        }  # fmt: skip
        sent += len(notify(recipients=portal_user_ids(partner_ids=[deal.partner_id]),
                           url=reverse("performance-portal:deal-detail", args=[deal.pk]),
                           **common))  # fmt: skip
        sent += len(
            notify(
                recipients=_owner(deal.partner),
                url=reverse("performance:deal-detail", args=[deal.pk]),
                **common,
            )
        )
    return sent


# --- targets ---------------------------------------------------------------------------------


def _target_urls(target: Target) -> dict[str, str]:
    return {
        Side.VENDOR: reverse("partners:partner-tab", args=[target.partner.slug, "targets"]),
        Side.PARTNER: reverse("performance-portal:target-list"),
    }


def _side_recipients(partner, side) -> list:
    return _owner(partner) if side == Side.VENDOR else portal_user_ids(partner_ids=[partner.pk])


def target_proposal_made(*, target: Target, proposal, actor) -> None:
    """A proposal or counter goes to the other side; an acceptance to both."""
    urls = _target_urls(target)
    label = f"{target.metric} · {target.period_label}: {proposal.value:,}"
    if proposal.action == ProposalAction.ACCEPT:
        kind, verb, sides = "target_agreed", "agreed the target", (Side.VENDOR, Side.PARTNER)
    elif proposal.action == ProposalAction.COUNTER:
        kind, verb = "target_countered", "made a counter-proposal"
        sides = (Side.PARTNER if proposal.side == Side.VENDOR else Side.VENDOR,)
    else:
        kind, verb = "target_proposed", "proposed a target"
        sides = (Side.PARTNER if proposal.side == Side.VENDOR else Side.VENDOR,)
    for side in sides:
        notify(
            kind=kind, recipients=_side_recipients(target.partner, side), actor=actor, verb=verb,
            object_label=label, partner_label=target.partner.name, url=urls[side],
        )  # fmt: skip


# --- plans, reviews --------------------------------------------------------------------------


def _action_recipients_and_url(action: PlanAction) -> tuple[list, str]:
    partner = action.plan.partner
    if action.owner_side == PlanAction.Side.VENDOR:
        url = reverse("partners:partner-tab", args=[partner.slug, "plans"])
        return ([action.owner_user_id] if action.owner_user_id else []), url
    url = reverse("performance-portal:plan-list")
    membership = getattr(action.owner_contact, "portal_membership", None)
    if membership is not None:
        return [membership.user_id], url
    return portal_user_ids(partner_ids=[partner.pk]), url


def plan_action_assigned(*, action: PlanAction, actor) -> None:
    recipients, url = _action_recipients_and_url(action)
    due = f" (due {day_label(action.due)})" if action.due else ""
    notify(
        kind="plan_action_assigned", recipients=recipients, actor=actor,
        verb="assigned you a plan action", object_label=f"{action.title}{due}",
        partner_label=action.plan.partner.name, url=url,
    )  # fmt: skip


def plan_actions_overdue(*, today: datetime.date) -> int:
    since = today - datetime.timedelta(days=OVERDUE_LOOKBACK_DAYS)
    actions = PlanAction.objects.filter(
        due__gte=since, due__lt=today,
        status__in=[PlanAction.Status.OPEN, PlanAction.Status.IN_PROGRESS],
    ).select_related("plan__partner", "owner_contact__portal_membership")  # fmt: skip
    sent = 0
    for action in actions:
        recipients, url = _action_recipients_and_url(action)
        sent += len(notify(
            kind="plan_action_overdue", recipients=recipients,
            verb=f"plan action overdue since {day_label(action.due)}",
            object_label=action.title, partner_label=action.plan.partner.name, url=url,
            dedupe_key=f"plan_action:{action.pk}:{action.due.isoformat()}",
        ))  # fmt: skip
    return sent


def reviews_due(*, today: datetime.date) -> int:
    """Each partner's next review (from its latest one) falling due within a week: its owner."""
    until = today + datetime.timedelta(days=REVIEW_WARNING_DAYS)
    later = Review.objects.filter(partner=OuterRef("partner"), held_on__gt=OuterRef("held_on"))
    reviews = (
        Review.objects.filter(next_review_on__range=(today, until))
        .filter(~Exists(later))
        .select_related("partner")
    )
    sent = 0
    for review in reviews:
        sent += len(notify(
            kind="review_due", recipients=_owner(review.partner),
            verb=f"next {review.get_kind_display()} due on {day_label(review.next_review_on)}",
            object_label=f"the last one was held on {day_label(review.held_on)}",
            partner_label=review.partner.name,
            url=reverse("partners:partner-tab", args=[review.partner.slug, "plans"]),
            dedupe_key=f"review:{review.pk}:{review.next_review_on.isoformat()}",
        ))  # fmt: skip
    return sent


def reminders_send(*, today: datetime.date | None = None) -> dict[str, int]:
    """The daily reminders of performance (beat): each once per object and date."""
    today = today or timezone.localdate()
    return {
        "deal_protection_expiring": deals_protection_expiring(today=today),
        "plan_action_overdue": plan_actions_overdue(today=today),
        "review_due": reviews_due(today=today),
    }


# --- alerts ----------------------------------------------------------------------------------


def alert_assigned(*, alert: Alert, actor) -> None:
    if alert.assigned_to_id is None:
        return
    notify(
        kind="alert_assigned", recipients=[alert.assigned_to_id], actor=actor,
        verb="assigned you an alert", object_label=f"{alert.get_kind_display()}: {alert.message}",
        partner_label=alert.partner.name if alert.partner_id else "",
        url=alert.get_absolute_url(),
    )  # fmt: skip
