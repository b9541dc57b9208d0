"""Reads of under-performer reviews: the candidates waiting for one, the evidence a review
weighs, one review for a user, and the portfolio of decisions with their outcomes.

Support effort comes from the escalations area (`effort_trends`): hours per quarter,
per revenue, and whether it is rising."""

import datetime

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Coalesce, ExtractYear
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from incentives.models import ClaimStatus
from incentives.selectors.claims import claims
from incentives.selectors.program import tier_history
from performance.models import AlertKind, AlertStatus
from performance.selectors.alerts import alerts
from performance.selectors.audits import partner_audits, with_results
from performance.selectors.scoring import components_of, partner_score_history
from performance.selectors.targets import quarter_attainment
from prm.lib.access import require_vendor_staff

from ..models import ReviewDecision, ReviewOutcome, ReviewStatus, UnderperformerReview
from .escalations import completed_quarters, effort_trends

RUNNING = (ReviewStatus.OPEN, ReviewStatus.DECIDED)
EVIDENCE_QUARTERS = 8


def reviews():
    return UnderperformerReview.objects.select_related("partner", "decided_by", "opened_by")


def review_get(*, user, pk) -> UnderperformerReview:
    """Reviews are internal: anyone but vendor staff is refused (404, existence not leaked)."""
    require_vendor_staff(user, hide=True)
    return get_object_or_404(reviews().select_related("remediation_plan", "alert"), pk=pk)


def reviews_visible_to(*, user):
    return reviews() if user.is_vendor_staff else UnderperformerReview.objects.none()


def candidates():
    """Open under-performer alerts about a partner that no running review covers, oldest
    first (the longest waiting on top)."""
    running = UnderperformerReview.objects.filter(status__in=RUNNING).values("partner_id")
    return (
        alerts()
        .filter(kind=AlertKind.UNDERPERFORMER, status=AlertStatus.OPEN, partner__isnull=False)
        .exclude(partner_id__in=running)
        .order_by("raised_on", "pk")
    )


def candidate_get(*, user, pk):
    require_vendor_staff(user, hide=True)
    return get_object_or_404(candidates(), pk=pk)


def running_reviews():
    """Open reviews first, then decided ones by their next date (deadline or exit)."""
    return reviews().filter(status__in=RUNNING).order_by("-status", "opened_on", "pk")


def is_still_candidate(*, partner_id: int) -> bool:
    """Whether the scoring engine still finds the partner an under-performer (its alert is
    active: open, or dismissed while a decision runs)."""
    return (
        alerts()
        .filter(
            partner_id=partner_id,
            kind=AlertKind.UNDERPERFORMER,
            status__in=(AlertStatus.OPEN, AlertStatus.DISMISSED),
        )  # fmt: skip
        .exists()
    )


def remediations_due(*, today: datetime.date):
    return reviews().filter(
        status=ReviewStatus.DECIDED, decision=ReviewDecision.REMEDIATE,
        remediation_deadline__lte=today,
    )  # fmt: skip


def exits_due(*, today: datetime.date):
    return reviews().filter(
        status=ReviewStatus.DECIDED, decision=ReviewDecision.EXIT, exit_on__lte=today
    )


# --- the evidence of one review ---------------------------------------------------------------


def _quarter_label(period) -> str:
    return f"Q{period[1]} {period[0]}"


def attainment_history(*, partner_id: int, today: datetime.date) -> list[dict]:
    """The last closed quarters, oldest first: `{"label", "value"}` (None: no agreed target)."""
    periods = completed_quarters(today=today, count=EVIDENCE_QUARTERS)
    values = quarter_attainment(partner_ids=[partner_id], periods=periods, as_of=today)
    mine = values.get(partner_id, {})
    return [{"label": _quarter_label(p), "value": mine.get(p)} for p in periods]


def audit_trend(*, partner) -> list:
    """The partner's audits with their results, oldest first (at most eight)."""
    latest = list(partner_audits(partner=partner).order_by("-audited_on", "-pk")[:8])
    return list(reversed(with_results(latest)))


def relationship_evidence(*, partner_id: int) -> dict:
    """The latest finished scores and the components of its relationship score."""
    history = partner_score_history(partner_id=partner_id)
    if not history:
        return {"score": None, "components": [], "history": []}
    latest = history[-1]
    return {
        "score": latest,
        "components": components_of(latest, "relationship"),
        "history": [{"as_of": s.run.as_of, "relationship": s.relationship} for s in history][-8:],
    }


def support_evidence(*, partner_id: int, today: datetime.date) -> dict:
    """The escalations area's effort trend of the partner over the evidence quarters."""
    return effort_trends(partner_ids=[partner_id], quarters=EVIDENCE_QUARTERS, today=today)[
        partner_id
    ]


def incentives_paid(*, partner_id: int) -> list[dict]:
    """Paid incentive claims per year and currency, oldest first (one query)."""
    rows = (
        claims()
        .filter(partner_id=partner_id, status=ClaimStatus.PAID)
        .annotate(year=ExtractYear("paid_at"))
        .values("year", "program__currency")
        .annotate(amount=Sum("amount"), count=Count("pk"))
        .order_by("year", "program__currency")
    )
    return [
        {"year": r["year"], "currency": r["program__currency"], "amount": r["amount"],
         "count": r["count"]}
        for r in rows
    ]  # fmt: skip


def review_evidence(*, review: UnderperformerReview, today: datetime.date) -> dict:
    partner = review.partner
    return {
        "attainment": attainment_history(partner_id=partner.pk, today=today),
        "audits": audit_trend(partner=partner),
        "relationship": relationship_evidence(partner_id=partner.pk),
        "support": support_evidence(partner_id=partner.pk, today=today),
        "incentives": incentives_paid(partner_id=partner.pk),
        "tiers": list(tier_history(partner=partner, limit=10)),
    }


# --- the portfolio of decisions -----------------------------------------------------------------


def decisions(*, decision: str = "", outcome: str = "", status: str = "", year=None):
    """Decided and closed reviews, newest decision first, narrowed by the filters given."""
    queryset = reviews().exclude(status=ReviewStatus.OPEN)
    if decision:
        queryset = queryset.filter(decision=decision)
    if outcome:
        queryset = queryset.filter(outcome=outcome)
    if status:
        queryset = queryset.filter(status=status)
    if year:
        queryset = queryset.filter(decided_at__year=year)
    return queryset.order_by("-decided_at", "-pk")


def decision_counts(queryset) -> dict:
    """Per decision how many, and the remediation success rate (worked ÷ judged, percent;
    None while none is judged). One query."""
    counts = queryset.order_by().aggregate(
        total=Count("pk"),
        **{value: Count("pk", filter=Q(decision=value)) for value in ReviewDecision.values},
        worked=Count("pk", filter=Q(outcome=ReviewOutcome.WORKED)),
        did_not_work=Count("pk", filter=Q(outcome=ReviewOutcome.DID_NOT_WORK)),
        pending=Count(
            "pk", filter=Q(decision=ReviewDecision.REMEDIATE, outcome=ReviewOutcome.PENDING)
        ),  # fmt: skip
    )
    judged = counts["worked"] + counts["did_not_work"]
    counts["success_rate"] = round(100 * counts["worked"] / judged) if judged else None
    return counts


# --- the work inbox (prm.inbox): what waits for the channel team --------------------------------


def inbox_candidates(*, user, scope, today, limit):
    """Under-performer candidates no review covers yet ("mine": on the user's partners)."""
    from prm.inbox import InboxItem, Link, in_waiting_order, moment, waiting

    queryset = candidates()
    if scope != "team":
        queryset = queryset.filter(partner__owner=user)
    queryset = in_waiting_order(queryset, since=F("raised_on"), today=today)

    def build(alert):
        return InboxItem(
            kind="underperformer-candidates", pk=alert.pk, partner=alert.partner.name,
            action=str(_("Start a review")), what=str(_("Under-performer candidate")),
            detail=alert.message, since=moment(alert.raised_on),
            link=Link("planning:underperformer-list"),
        )  # fmt: skip

    return waiting(queryset, limit=limit, build=build)


def inbox_reviews(*, user, scope, today, limit):
    """Reviews waiting for a decision, and decided ones whose remediation deadline or exit
    date is within a week or past (the follow-up judges them on the day)."""
    from prm.inbox import InboxItem, Link, in_waiting_order, moment, waiting

    soon = today + datetime.timedelta(days=7)
    queryset = reviews().filter(
        Q(status=ReviewStatus.OPEN)
        | Q(status=ReviewStatus.DECIDED)
        & (Q(remediation_deadline__lte=soon) | Q(exit_on__lte=soon))
    )
    if scope != "team":
        queryset = queryset.filter(partner__owner=user)
    queryset = in_waiting_order(queryset, since=F("created_at"), today=today,
                                due=Coalesce("remediation_deadline", "exit_on"))  # fmt: skip

    def build(review):
        undecided = review.status == ReviewStatus.OPEN
        return InboxItem(
            kind="underperformer-reviews", pk=review.pk, partner=review.partner.name,
            action=str(_("Decide") if undecided else _("Follow up")),
            what=str(_("Under-performer review")) if undecided
            else review.get_decision_display(),
            detail=review.candidate_reason if undecided else "",
            since=moment(review.created_at),
            due=review.remediation_deadline or review.exit_on,
            link=Link("planning:underperformer-review", args=(review.pk,)),
        )  # fmt: skip

    return waiting(queryset, limit=limit, build=build)
