"""Reads of targets and actuals: the partner tab, the portal page and the portfolio table.

Every function runs a fixed number of queries whatever the amount of data.
"""

import datetime

from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404

from partners.selectors import partners
from prm.lib.access import require_vendor_staff

from ..models import Actual, ActualsImport, Metric, Target, TargetProposal, TargetStatus
from ..services.targets import attainment


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


def portfolio_rows(*, year: int) -> tuple[list[Metric], list[dict]]:
    """Per partner: attainment per metric for the year's agreed targets, and their average.

    Targets and actuals are read as plain values (thousands of rows at a thousand partners),
    and only the partners that have targets are loaded: three queries in all."""
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
    partner_rows = partners().filter(pk__in=by_partner).select_related("tier")
    rows = []
    for partner in partner_rows:
        per_metric = by_partner[partner.pk]
        cells = {k: sum(v) / len(v) for k, v in per_metric.items() if None not in v}
        rows.append(
            {
                "partner": partner,
                "by_metric": [cells.get(m.pk) for m in metrics],
                "average": sum(cells.values()) / len(cells) if cells else None,
            }
        )
    rows.sort(key=lambda r: (r["average"] is None, -(r["average"] or 0), r["partner"].name))
    return metrics, rows


def import_history(limit=10):
    return ActualsImport.objects.select_related("uploaded_by").defer("content")[:limit]
