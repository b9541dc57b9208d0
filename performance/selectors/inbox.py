"""What performance leaves waiting for someone, for the work inbox (`prm.inbox`).

Staff: deal registrations to decide, target proposals to answer, our plan actions due,
reviews due by the tier's cadence and open scoring alerts. "Mine" is what is on the partners
the user owns (plan actions and alerts: assigned to the user, or unassigned on those
partners); "team" is everyone's. Portal: targets awaiting the partner's answer, its plan
actions due and its deal registrations decided lately, for the user's own partner only.
Each selector runs two queries (one when `limit` is 0), whatever the amount of data.
"""

import datetime

from django.db.models import (
    Case,
    DateField,
    DurationField,
    ExpressionWrapper,
    F,
    IntegerField,
    Max,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)  # fmt: skip
from django.db.models.functions import Cast, Coalesce

from partners.models import Partner
from partners.selectors import partners
from prm import inbox
from prm.inbox import InboxItem, Link, in_waiting_order, moment, waiting

from ..models import (
    Alert,
    AlertKind,
    AlertStatus,
    DealRegistration,
    DealStatus,
    Target,
    TargetProposal,
)
from ..models.plans import DEFAULT_REVIEW_CADENCE_DAYS, BusinessPlan, PlanAction
from ..models.targets import ProposalSide, TargetStatus

# A partner hears of a decision on its deal registration for this long.
DECIDED_WITHIN_DAYS = 30
# Partners whose reviews keep their cadence (an exiting or exited partner has none due).
REVIEWED_STATUSES = (Partner.Status.ACTIVE, Partner.Status.AT_RISK)
OPEN_ACTION = (PlanAction.Status.OPEN, PlanAction.Status.IN_PROGRESS)


def _date(value) -> datetime.date:
    return value.date() if isinstance(value, datetime.datetime) else value


def _money(value, currency) -> str:
    return f"{value:,.0f} {currency}"


def _is_mine(scope) -> bool:
    return scope != "team"


# --- staff -------------------------------------------------------------------------------


def deals_to_decide(*, user, scope, today, limit) -> inbox.Waiting:
    deals = DealRegistration.objects.filter(status=DealStatus.SUBMITTED)
    if _is_mine(scope):
        deals = deals.filter(partner__owner=user)
    deals = in_waiting_order(
        deals.select_related("partner"), since=F("created_at"), today=today
    )  # fmt: skip

    def build(deal):
        return InboxItem(
            kind="deals", pk=deal.pk, partner=deal.partner.name, action="Decide",
            what=f"{deal.customer_name}, {_money(deal.value, deal.currency)}",
            detail=f"Expected to close {deal.expected_close_on:%-d %b %Y}",
            since=moment(deal.created_at), link=Link("performance:deal-detail", (deal.pk,)),
        )  # fmt: skip

    return waiting(deals, limit=limit, build=build)


def _latest_proposal(field):
    return Subquery(
        TargetProposal.objects.filter(target=OuterRef("pk"))
        .order_by("-created_at", "-pk")
        .values(field)[:1]
    )


def _negotiations(*, side, today):
    """Targets under negotiation whose latest step came from `side`, with that step."""
    return in_waiting_order(
        Target.objects.filter(status=TargetStatus.NEGOTIATING)
        .annotate(
            last_side=_latest_proposal("side"),
            last_action=_latest_proposal("action"),
            last_value=_latest_proposal("value"),
        )  # fmt: skip
        .filter(last_side=side)
        .select_related("partner", "metric"),
        since=_latest_proposal("created_at"),
        today=today,
    )


def _negotiation_what(target, who) -> str:
    verb = "countered with" if target.last_action == "counter" else "proposed"
    return f"{target.metric.name} {target.period_label}: {who} {verb} {target.last_value:,.0f}"


def targets_to_answer(*, user, scope, today, limit) -> inbox.Waiting:
    targets = _negotiations(side=ProposalSide.PARTNER, today=today)
    if _is_mine(scope):
        targets = targets.filter(partner__owner=user)

    def build(target):
        return InboxItem(
            kind="targets", pk=target.pk, partner=target.partner.name, action="Answer",
            what=_negotiation_what(target, "the partner"), since=moment(target.inbox_since),
            link=Link("partners:partner-tab", (target.partner.slug, "targets"),
                      fragment=f"target-{target.pk}"),
        )  # fmt: skip

    return waiting(targets, limit=limit, build=build)


def _actions_due(*, side, today):
    horizon = today + datetime.timedelta(days=inbox.DUE_SOON_DAYS)
    return PlanAction.objects.filter(
        owner_side=side, status__in=OPEN_ACTION, due__isnull=False, due__lte=horizon
    ).select_related("plan__partner", "owner_user", "owner_contact")


def plan_actions_due(*, user, scope, today, limit) -> inbox.Waiting:
    actions = _actions_due(side=PlanAction.Side.VENDOR, today=today).exclude(
        plan__status=BusinessPlan.Status.CLOSED
    )
    if _is_mine(scope):
        actions = actions.filter(
            Q(owner_user=user) | Q(owner_user__isnull=True, plan__partner__owner=user)
        )
    actions = in_waiting_order(actions, since=F("created_at"), due=F("due"), today=today)

    def build(action):
        partner = action.plan.partner
        return InboxItem(
            kind="plan-actions", pk=action.pk, partner=partner.name, action="Update",
            what=action.title, due=action.due, since=moment(action.created_at),
            detail=f"{action.plan.title} · owner {action.owner_label or 'not named'}",
            link=Link("partners:partner-tab", (partner.slug, "plans"),
                      fragment=f"action-{action.pk}"),
        )  # fmt: skip

    return waiting(actions, limit=limit, build=build)


def _days(expression):
    return ExpressionWrapper(expression * datetime.timedelta(days=1), output_field=DurationField())


def reviews_due(*, user, scope, today, limit) -> inbox.Waiting:
    """Partners whose next review falls within a week or is past: one cadence (the tier's)
    after the last review. A partner never reviewed is due from joining, as the dashboard's
    overdue reviews and the scoring's alert count it."""
    cadence = Coalesce(F("tier__review_cadence_days"), Value(DEFAULT_REVIEW_CADENCE_DAYS),
                       output_field=IntegerField())  # fmt: skip
    joined = Coalesce(F("joined_on"), Cast("created_at", DateField()))
    due = Case(
        When(last_review_on__isnull=True, then=joined),
        default=Cast(F("last_review_on") + _days(cadence), DateField()),
        output_field=DateField(),
    )
    queryset = (
        partners()
        .filter(status__in=REVIEWED_STATUSES)
        .annotate(last_review_on=Max("reviews__held_on"))
        .annotate(review_due_on=due)
        .filter(review_due_on__lte=today + datetime.timedelta(days=inbox.DUE_SOON_DAYS))
    )
    if _is_mine(scope):
        queryset = queryset.filter(owner=user)
    queryset = in_waiting_order(
        queryset.select_related("tier"), since=Coalesce(F("last_review_on"), joined),
        due=F("review_due_on"), today=today,
    )  # fmt: skip

    def build(partner):
        last = partner.last_review_on
        tier = partner.tier
        cadence = tier.review_cadence_days if tier else DEFAULT_REVIEW_CADENCE_DAYS
        return InboxItem(
            kind="reviews", pk=partner.pk, partner=partner.name, action="Plan the review",
            what=f"Last review {last:%-d %b %Y}" if last else "Never reviewed",
            detail=f"Every {cadence} days ({tier.name if tier else 'no tier'})",
            due=_date(partner.review_due_on), since=moment(partner.inbox_since),
            link=Link("partners:partner-tab", (partner.slug, "plans")),
        )  # fmt: skip

    return waiting(queryset, limit=limit, build=build)


def alerts_assigned(*, user, scope, today, limit) -> inbox.Waiting:
    """Open alerts: assigned to the user, or unassigned on their partners ("mine"), but
    reviews overdue, which are a kind of their own."""
    # A review overdue is listed by `reviews_due` itself, with its date: not twice.
    alerts = Alert.objects.filter(status=AlertStatus.OPEN).exclude(kind=AlertKind.REVIEW_OVERDUE)
    if _is_mine(scope):
        alerts = alerts.filter(Q(assigned_to=user) | Q(assigned_to__isnull=True,
                                                       partner__owner=user))  # fmt: skip
    alerts = in_waiting_order(
        alerts.select_related("partner", "assigned_to"), since=F("raised_on"), today=today
    )

    def build(alert):
        if alert.partner_id is None:
            link = Link("performance:alert-list", query="about=program")
        else:
            link = Link("performance:alert-list", query=f"partner={alert.partner.slug}")
        return InboxItem(
            kind="alerts", pk=alert.pk, partner=alert.about, action="Look into it",
            what=alert.get_kind_display(), detail=alert.message,
            since=moment(alert.raised_on), link=link,
        )  # fmt: skip

    return waiting(alerts, limit=limit, build=build)


# --- portal ------------------------------------------------------------------------------


def _own(queryset, user, path="partner"):
    """Rows of the user's own partner only (through their membership, never an id given)."""
    return queryset.filter(**{f"{path}__memberships__user": user})


def portal_targets_to_answer(*, user, scope, today, limit) -> inbox.Waiting:
    targets = _own(_negotiations(side=ProposalSide.VENDOR, today=today), user)

    def build(target):
        return InboxItem(
            kind="portal-targets", pk=target.pk, partner=target.partner.name, action="Answer",
            what=_negotiation_what(target, "we"), since=moment(target.inbox_since),
            link=Link("performance-portal:target-list", fragment=f"target-{target.pk}"),
        )  # fmt: skip

    return waiting(targets, limit=limit, build=build)


def portal_plan_actions_due(*, user, scope, today, limit) -> inbox.Waiting:
    # The portal shows active and closed plans, never drafts; closed ones wait for nothing.
    actions = _own(_actions_due(side=PlanAction.Side.PARTNER, today=today), user, "plan__partner")
    actions = in_waiting_order(
        actions.filter(plan__status=BusinessPlan.Status.ACTIVE), since=F("created_at"),
        due=F("due"), today=today,
    )  # fmt: skip

    def build(action):
        return InboxItem(
            kind="portal-plan-actions", pk=action.pk, partner=action.plan.partner.name,
            action="Update", what=action.title, due=action.due, since=moment(action.created_at),
            detail=action.plan.title,
            link=Link("performance-portal:plan-list", fragment=f"action-{action.pk}"),
        )  # fmt: skip

    return waiting(actions, limit=limit, build=build)


def portal_deals_decided(*, user, scope, today, limit) -> inbox.Waiting:
    since = today - datetime.timedelta(days=DECIDED_WITHIN_DAYS)
    deals = _own(DealRegistration.objects, user).filter(
        status__in=(DealStatus.APPROVED, DealStatus.REJECTED), decided_at__date__gte=since
    )
    deals = in_waiting_order(deals.select_related("partner"), since=F("decided_at"), today=today)

    def build(deal):
        approved = deal.status == DealStatus.APPROVED
        detail = (
            f"Protected until {deal.protection_until:%-d %b %Y}" if approved
            else f"Reason: {deal.rejection_reason}"
        )  # fmt: skip
        return InboxItem(
            kind="portal-deals", pk=deal.pk, partner=deal.partner.name, action="See the decision",
            what=f"{deal.customer_name}: {deal.get_status_display().lower()}", detail=detail,
            since=moment(deal.decided_at),
            link=Link("performance-portal:deal-detail", (deal.pk,)),
        )  # fmt: skip

    return waiting(deals, limit=limit, build=build)
