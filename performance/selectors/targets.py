"""Reads of targets and actuals: the partner tab, the portal page and the portfolio table.

Every function runs a fixed number of queries whatever the amount of data.
"""

import datetime
from decimal import Decimal

from django.db.models import OuterRef, Prefetch, Q, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

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


# A portfolio cell for a metric whose agreed periods are all still running with no actual yet.
IN_PROGRESS = "in progress"


def period_open(year: int, quarter: int | None, today: datetime.date) -> bool:
    """Whether the period (a quarter, or the whole year) has not ended by `today`: a missing
    actual then means "not in yet", not a 0 % result."""
    if quarter is None or quarter == 4:
        return today < datetime.date(year + 1, 1, 1)
    return today < datetime.date(year, 3 * quarter + 1, 1)


def _target_attainment(target, actual, today) -> tuple[Decimal | None, str]:
    """(attainment, state): state is "in_progress" for a running or future period with no
    actual yet (no figure to show), "no_actuals" for an ended one (0 %), "" otherwise."""
    if target.status != TargetStatus.AGREED:
        return None, ""
    if actual is None and period_open(target.year, target.quarter, today):
        return None, "in_progress"
    value = attainment(agreed_value=target.agreed_value, actual_value=actual and actual.value)
    return value, "no_actuals" if actual is None and value is not None else ""


def partner_targets(*, partner_id, side: str, today=None) -> list[dict]:
    """Targets newest period first, each with its history, actual, attainment and whose turn."""
    today = today or timezone.localdate()
    targets = list(targets_for_partner(partner_id=partner_id))
    actuals = {
        (a.year, a.quarter, a.metric_id): a for a in Actual.objects.filter(partner_id=partner_id)
    }
    rows = []
    for target in sorted(targets, key=lambda t: (period_key(t), -t.metric_id), reverse=True):
        history = list(target.proposals.all())
        latest = history[-1] if history else None
        actual = actuals.get((target.year, target.quarter, target.metric_id))
        value, state = _target_attainment(target, actual, today)
        rows.append({
            "target": target, "history": history, "latest": latest, "actual": actual,
            "attainment": value, "state": state,
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
    limits (and the day); `portfolio_page` loads the partners of the page shown. A metric
    whose agreed periods are all still running without actuals shows `IN_PROGRESS`."""
    scores = {"sort": sort, "minimums": minimums, "maximums": maximums}

    def compute():
        metrics, rows = _attainment_ranking(year)
        return metrics, scoring.rank_by_scores(rows, partner_id=lambda row: row[0], **scores)

    return cached_while_unchanged(
        # The day is in the key: a period that ends turns "in progress" into a figure.
        f"target-portfolio:{year}:{timezone.localdate()}:{scoring.ranking_key(**scores)}",
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
    today = timezone.localdate()
    by_partner: dict = {}
    for partner_id, quarter, metric_id, agreed_value in targets:
        value = actuals.get((partner_id, quarter, metric_id))
        per_metric = by_partner.setdefault(partner_id, {}).setdefault(metric_id, [])
        if value is None and period_open(year, quarter, today):
            continue  # still running: not a 0 % that drags the year down
        per_metric.append(attainment(agreed_value=agreed_value, actual_value=value))
    rows = []
    for partner_id, name in partners().filter(pk__in=by_partner).values_list("pk", "name"):
        per_metric = by_partner[partner_id]
        cells = {k: sum(v) / len(v) for k, v in per_metric.items() if v and None not in v}
        average = sum(cells.values()) / len(cells) if cells else None
        shown = [cells.get(m.pk, IN_PROGRESS if per_metric.get(m.pk) == [] else None)
                 for m in metrics]  # fmt: skip
        rows.append((partner_id, shown, average, name))
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
