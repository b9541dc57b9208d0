"""Reads of joint business plans and reviews: the partner tab, overdue reviews, the review pack
and the portal's plans. Every query count here is constant in the amount of data."""

import datetime

from django.db.models import (
    Count,
    DateField,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    Max,
    OuterRef,
    Prefetch,
    Q,
    Value,
)  # fmt: skip
from django.db.models.functions import Cast, Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404

from partners.models import Partner
from partners.selectors import partners
from prm.lib.access import require_vendor_staff

from ..models import Actual, DealRegistration, PerformanceAudit, Target
from ..models.plans import DEFAULT_REVIEW_CADENCE_DAYS, BusinessPlan, PlanAction, Review
from .audits import with_results


def plans_with_progress(queryset=None):
    """Plans with their actions (one prefetch) and `.done_count` / `.action_count` annotated."""
    queryset = queryset if queryset is not None else BusinessPlan.objects.all()
    return queryset.annotate(
        action_count=Count("actions", filter=~Q(actions__status=PlanAction.Status.CANCELLED)),
        done_count=Count("actions", filter=Q(actions__status=PlanAction.Status.DONE)),
    ).prefetch_related(
        Prefetch(
            "actions",
            PlanAction.objects.select_related("owner_user", "owner_contact").order_by(
                "status", "due", "pk"
            ),
        )
    )


def plan_progress(plan) -> int:
    """Share of the (not cancelled) actions done, in percent; 0 for a plan without actions."""
    total = getattr(plan, "action_count", None)
    if total is None:
        actions = [a for a in plan.actions.all() if a.status != PlanAction.Status.CANCELLED]
        total, done = len(actions), sum(a.status == PlanAction.Status.DONE for a in actions)
    else:
        done = plan.done_count
    return round(100 * done / total) if total else 0


def _with_progress(plans) -> list:
    plans = list(plans)
    for plan in plans:
        plan.progress = plan_progress(plan)
    return plans


def plan_get(*, user, pk) -> BusinessPlan:
    require_vendor_staff(user, hide=True)
    return get_object_or_404(BusinessPlan.objects.select_related("partner"), pk=pk)


def plan_action_get(*, user, pk) -> PlanAction:
    """Staff fetch any action; a partner user only an action of their own partner's plan."""
    queryset = PlanAction.objects.select_related("plan__partner")
    if not user.is_authenticated:
        raise Http404("Not found.")
    if not user.is_vendor_staff:
        membership = getattr(user, "partner_membership", None)
        if membership is None:
            raise Http404("Not found.")
        queryset = queryset.filter(plan__partner_id=membership.partner_id)
    return get_object_or_404(queryset, pk=pk)


def cadence_days(partner: Partner) -> int:
    return partner.tier.review_cadence_days if partner.tier_id else DEFAULT_REVIEW_CADENCE_DAYS


def review_status(*, partner: Partner, last_held_on, today=None) -> dict:
    """When the next review is due for a partner and whether it is overdue."""
    today = today or datetime.date.today()
    cadence = cadence_days(partner)
    if last_held_on is None:
        overdue = partner.status == Partner.Status.ACTIVE
        return {"cadence": cadence, "last": None, "due": None, "overdue": overdue,
                "days_overdue": None}  # fmt: skip
    due = last_held_on + datetime.timedelta(days=cadence)
    return {"cadence": cadence, "last": last_held_on, "due": due, "overdue": due < today,
            "days_overdue": (today - due).days if due < today else 0}  # fmt: skip


def overdue_reviews(*, today=None):
    """Partners whose review is overdue, most overdue first (never reviewed active ones first).

    One query: the last review date is annotated, the due date computed in the database.
    """
    today = today or datetime.date.today()
    cadence = Coalesce(F("tier__review_cadence_days"), Value(DEFAULT_REVIEW_CADENCE_DAYS),
                       output_field=IntegerField())  # fmt: skip
    cadence_span = ExpressionWrapper(cadence * datetime.timedelta(days=1),
                                     output_field=DurationField())  # fmt: skip
    due = Cast(F("last_review_on") + cadence_span, output_field=DateField())
    return (
        partners()
        .select_related("tier", "owner")
        .annotate(last_review_on=Max("reviews__held_on"))
        .annotate(review_due_on=due)
        .filter(
            Q(last_review_on__isnull=True, status=Partner.Status.ACTIVE)
            | Q(review_due_on__lt=today)
        )
        .order_by(F("review_due_on").asc(nulls_first=True), "name")
    )


def partner_reviews(*, partner):
    return Review.objects.filter(partner=partner).prefetch_related(
        "our_attendees", "their_attendees"
    )


def partner_plans(*, partner) -> list:
    """The partner's plans, each with its actions and `.progress`."""
    return _with_progress(plans_with_progress(BusinessPlan.objects.filter(partner=partner)))


# --- review pack ---------------------------------------------------------------------------


def _targets_for(partner) -> list:
    """Agreed targets with the matching actual."""
    targets = list(
        Target.objects.filter(partner=partner, agreed_value__isnull=False)
        .select_related("metric")
        .order_by("-year", "-quarter", "metric__name")[:12]
    )
    actuals = {
        (a.metric_id, a.year, a.quarter): a.value
        for a in Actual.objects.filter(
            partner=partner, metric_id__in={t.metric_id for t in targets}
        )
    }
    rows = []
    for target in targets:
        actual = actuals.get((target.metric_id, target.year, target.quarter))
        attainment = (
            round(100 * actual / target.agreed_value) if actual is not None and target.agreed_value
            else None
        )  # fmt: skip
        period = f"Q{target.quarter} {target.year}" if target.quarter else str(target.year)
        rows.append({"target": target, "period": period, "actual": actual,
                     "attainment": attainment})  # fmt: skip
    return rows


def _latest_audit(partner):
    audits = with_results(PerformanceAudit.objects.filter(partner=partner)[:1])
    return audits[0] if audits else None


def _recent_deals(partner, days: int = 180):
    since = datetime.date.today() - datetime.timedelta(days=days)
    return list(
        DealRegistration.objects.filter(partner=partner, created_at__date__gte=since).order_by(
            "-created_at"
        )[:10]
    )


def review_pack_context(*, partner) -> dict:
    plans = _with_progress(
        plans_with_progress(BusinessPlan.objects.filter(partner=partner).exclude(
            status=BusinessPlan.Status.CLOSED
        ))
    )  # fmt: skip
    open_actions = [
        (plan, action) for plan in plans for action in plan.actions.all()
        if action.status in (PlanAction.Status.OPEN, PlanAction.Status.IN_PROGRESS)
    ]  # fmt: skip
    last = Review.objects.filter(partner=partner).order_by("-held_on", "-pk").first()
    return {
        "partner": partner,
        "today": datetime.date.today(),
        "plans": plans,
        "open_actions": open_actions,
        "last_review": last,
        "review_status": review_status(partner=partner, last_held_on=last and last.held_on),
        "audit": _latest_audit(partner),
        "deals": _recent_deals(partner),
        "targets": _targets_for(partner),
    }


# --- portal --------------------------------------------------------------------------------


def portal_plans(*, partner_id: int) -> list:
    return _with_progress(
        plans_with_progress(
            BusinessPlan.objects.filter(partner_id=partner_id).exclude(
                status=BusinessPlan.Status.DRAFT
            )
        )
    )


def portal_plan_actions(*, partner_id: int):
    """The actions of the partner's plans as the portal lists them (never drafts' actions)."""
    return (
        PlanAction.objects.filter(plan__partner_id=partner_id)
        .exclude(plan__status=BusinessPlan.Status.DRAFT)
        .select_related("plan", "owner_user", "owner_contact")
        .order_by("-plan__year", "-plan__quarter", "plan_id", "due", "pk")
    )


def shared_reviews(*, partner_id: int):
    return Review.objects.filter(partner_id=partner_id, shared_with_partner=True).prefetch_related(
        "our_attendees", "their_attendees"
    )


# --- channel-wide shares (the maturity page sets them beside our self-rating) --------------


def review_cadence_share(*, today=None) -> dict:
    """Active partners whose last review lies within their tier's cadence (the default cadence
    without a tier), out of every active partner; one never reviewed is not on cadence.
    `{"count": on cadence, "total": active partners}`, one query."""
    today = today or datetime.date.today()
    cadence = Coalesce(F("tier__review_cadence_days"), Value(DEFAULT_REVIEW_CADENCE_DAYS),
                       output_field=IntegerField())  # fmt: skip
    cadence_span = ExpressionWrapper(cadence * datetime.timedelta(days=1),
                                     output_field=DurationField())  # fmt: skip
    due = Cast(F("last_review_on") + cadence_span, output_field=DateField())
    return (
        partners()
        .filter(status=Partner.Status.ACTIVE)
        .annotate(last_review_on=Max("reviews__held_on", filter=Q(reviews__held_on__lte=today)))
        .annotate(review_due_on=due)
        .aggregate(count=Count("pk", filter=Q(review_due_on__gte=today)), total=Count("pk"))
    )


def agreed_plan_share(*, year: int) -> dict:
    """Active partners with an agreed (active or closed, not draft) business plan for `year`,
    out of every active partner. `{"count": …, "total": …}`, one query."""
    agreed = BusinessPlan.objects.filter(
        partner=OuterRef("pk"), year=year, status__in=[BusinessPlan.Status.ACTIVE,
                                                       BusinessPlan.Status.CLOSED]
    )  # fmt: skip
    return (
        partners()
        .filter(status=Partner.Status.ACTIVE)
        .aggregate(count=Count("pk", filter=Exists(agreed)), total=Count("pk"))
    )
