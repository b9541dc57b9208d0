"""Reads of targets and actuals: the partner tab, the portal page and the portfolio table.

Every function runs a fixed number of queries whatever the amount of data.
"""

import datetime
from decimal import Decimal

from django.db.models import OuterRef, Prefetch, Q, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404

from partners.selectors import partners
from prm.lib.access import require_vendor_staff
from prm.lib.cache import cached_while_unchanged

from ..models import (
    Actual,
    ActualsImport,
    Metric,
    ProposalAction,
    Target,
    TargetProposal,
    TargetStatus,
)
from ..services.targets import attainment
from . import scoring

# A quarter's attainment caps each metric here, so one windfall does not hide a miss.
METRIC_CAP = Decimal(150)


def target_get(*, user, pk) -> Target:
    """A target for a user: staff see all, a partner user only their own partner's; else 404."""
    targets = Target.objects.select_related("partner", "metric")
    if user.is_authenticated and user.is_vendor_staff:
        return get_object_or_404(targets, pk=pk)
    membership = getattr(user, "partner_membership", None) if user.is_authenticated else None
    if membership is None:
        raise Http404("Not found.")
    return get_object_or_404(targets, pk=pk, partner_id=membership.partner_id)


def actuals_import_get(*, user, pk) -> ActualsImport:
    require_vendor_staff(user, hide=True)
    return get_object_or_404(ActualsImport.objects.select_related("uploaded_by"), pk=pk)


def targets_for_partner(*, partner_id):
    return (
        Target.objects.filter(partner_id=partner_id)
        .select_related("metric", "partner")
        .prefetch_related(
            Prefetch(
                "proposals",
                TargetProposal.objects.select_related("proposed_by").order_by("created_at", "pk"),
            )
        )
    )


def period_key(obj) -> tuple[int, int]:
    """Orders periods: a year before its quarters, then the quarters."""
    return (obj.year, obj.quarter or 0)


def partner_targets(*, partner_id, side: str) -> list[dict]:
    """Targets newest period first, each with its history, actual, attainment and whose turn."""
    targets = list(targets_for_partner(partner_id=partner_id))
    actuals = {
        (a.year, a.quarter, a.metric_id): a for a in Actual.objects.filter(partner_id=partner_id)
    }
    rows = []
    for target in sorted(targets, key=lambda t: (period_key(t), -t.metric_id), reverse=True):
        history = list(target.proposals.all())
        latest = history[-1] if history else None
        actual = actuals.get((target.year, target.quarter, target.metric_id))
        rows.append({
            "target": target, "history": history, "latest": latest, "actual": actual,
            "attainment": attainment(
                agreed_value=target.agreed_value, actual_value=actual and actual.value
            ) if target.status == TargetStatus.AGREED else None,
            "my_turn": bool(latest) and target.status == TargetStatus.NEGOTIATING
            and latest.side != side,
        })  # fmt: skip
    return rows


def partner_actuals(*, partner_id, limit=40):
    return Actual.objects.filter(partner_id=partner_id).select_related("metric")[:limit]


def portfolio_year(year=None) -> int:
    if year:
        return year
    latest = Target.objects.filter(status=TargetStatus.AGREED).order_by("-year").first()
    return latest.year if latest else datetime.date.today().year


def portfolio_rows(
    *, year: int, sort: str = "", minimums=None, maximums=None
) -> tuple[list[Metric], list[tuple]]:
    """The year's attainment ranking: the metrics, and per partner with agreed targets
    `(partner id, attainment per metric in the metrics' order, average)`, best average first
    (then by name), or narrowed and sorted by the partners' latest scores (`scoring.
    rank_by_scores`). Computed from thousands of targets and actuals, so it is kept while
    targets, actuals, metrics, partners and score runs are unchanged, per year, sort and
    limits; `portfolio_page` loads the partners of the page shown."""
    scores = {"sort": sort, "minimums": minimums, "maximums": maximums}

    def compute():
        metrics, rows = _attainment_ranking(year)
        return metrics, scoring.rank_by_scores(rows, partner_id=lambda row: row[0], **scores)

    return cached_while_unchanged(
        f"target-portfolio:{year}:{scoring.ranking_key(**scores)}",
        [Target, Actual, Metric, partners().model, *scoring.score_tables()],
        compute,
    )


def _attainment_ranking(year: int) -> tuple[list[Metric], list[tuple]]:
    metrics = list(Metric.objects.all())
    targets = Target.objects.filter(status=TargetStatus.AGREED, year=year).values_list(
        "partner_id", "quarter", "metric_id", "agreed_value"
    )
    actuals = {
        (partner_id, quarter, metric_id): value
        for partner_id, quarter, metric_id, value in Actual.objects.filter(year=year).values_list(
            "partner_id", "quarter", "metric_id", "value"
        )
    }
    by_partner: dict = {}
    for partner_id, quarter, metric_id, agreed_value in targets:
        value = actuals.get((partner_id, quarter, metric_id))
        by_partner.setdefault(partner_id, {}).setdefault(metric_id, []).append(
            attainment(agreed_value=agreed_value, actual_value=value)
        )
    rows = []
    for partner_id, name in partners().filter(pk__in=by_partner).values_list("pk", "name"):
        per_metric = by_partner[partner_id]
        cells = {k: sum(v) / len(v) for k, v in per_metric.items() if None not in v}
        average = sum(cells.values()) / len(cells) if cells else None
        rows.append((partner_id, [cells.get(m.pk) for m in metrics], average, name))
    rows.sort(key=lambda r: (r[2] is None, -(r[2] or 0), r[3]))
    return metrics, [row[:3] for row in rows]


def portfolio_page(ranking_rows) -> list[dict]:
    """The rows of one page of the ranking, with their partners (one query)."""
    ids = [partner_id for partner_id, _, _ in ranking_rows]
    found = partners().filter(pk__in=ids).select_related("tier").in_bulk()
    return [
        {"partner": found[partner_id], "by_metric": by_metric, "average": average}
        for partner_id, by_metric, average in ranking_rows
        if partner_id in found
    ]


def import_history(limit=10):
    return ActualsImport.objects.select_related("uploaded_by").defer("content")[:limit]


def quarter_attainment(*, partner_ids, periods, as_of: datetime.date) -> dict:
    """`{partner id: {(year, quarter): attainment percent}}` over `periods` ([(year, quarter)]),
    as known on `as_of`: a quarter's attainment is the mean over its agreed metrics of actual ÷
    agreed (each capped at METRIC_CAP). A target counts from the day it was agreed (its
    accepting proposal), at the value agreed then; an actual from the day it was recorded; an
    agreed target without its actual counts 0. A partner or quarter without an agreed target
    is absent. `partner_ids` may be a list or a subquery. One query, whatever the number of
    partners: the performance score and the health backtest read attainment through it."""
    if not periods:
        return {}
    in_periods = Q()
    for year, quarter in periods:
        in_periods |= Q(year=year, quarter=quarter)
    agreed = TargetProposal.objects.filter(
        target=OuterRef("pk"), action=ProposalAction.ACCEPT, created_at__date__lte=as_of
    ).order_by("-created_at", "-pk")
    actual = Actual.objects.filter(
        partner_id=OuterRef("partner_id"), metric_id=OuterRef("metric_id"), year=OuterRef("year"),
        quarter=OuterRef("quarter"), created_at__date__lte=as_of,
    )  # fmt: skip
    rows = (
        Target.objects.filter(in_periods, partner_id__in=partner_ids)
        .annotate(
            agreed=Subquery(agreed.values("value")[:1]), actual=Subquery(actual.values("value")[:1])
        )  # fmt: skip
        .filter(agreed__isnull=False)
        .values_list("partner_id", "year", "quarter", "agreed", "actual")
    )
    per_metric: dict = {}
    for partner_id, year, quarter, agreed_value, actual_value in rows:
        percent = attainment(agreed_value=agreed_value, actual_value=actual_value)
        if percent is not None:
            per_metric.setdefault(partner_id, {}).setdefault((year, quarter), []).append(
                min(percent, METRIC_CAP)
            )
    return {
        partner_id: {
            period: float(sum(values) / len(values)) for period, values in by_period.items()
        }
        for partner_id, by_period in per_metric.items()
    }
