"""Reads of targets and actuals: the partner tab, the portal page and the portfolio table.

Every function runs a fixed number of queries whatever the amount of data.
"""

import datetime

from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404

from prm.lib.charts import chart

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
    if not (user.is_authenticated and user.is_vendor_staff):
        raise Http404("Not found.")
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


def _period_key(obj):
    return (obj.year, obj.quarter or 0)


def partner_targets(*, partner_id, side: str) -> list[dict]:
    """Targets newest period first, each with its history, actual, attainment and whose turn."""
    targets = list(targets_for_partner(partner_id=partner_id))
    actuals = {
        (a.year, a.quarter, a.metric_id): a for a in Actual.objects.filter(partner_id=partner_id)
    }
    rows = []
    for target in sorted(targets, key=lambda t: (_period_key(t), -t.metric_id), reverse=True):
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


def attainment_chart(rows, chart_id="target-attainment"):
    """Agreed target against actual per metric, for the latest period with an agreed target."""
    agreed = [r for r in rows if r["target"].status == TargetStatus.AGREED]
    if not agreed:
        return None, ""
    period = max(_period_key(r["target"]) for r in agreed)
    shown = [r for r in agreed if _period_key(r["target"]) == period]
    label = shown[0]["target"].period_label
    spec = chart(
        chart_id, "bar", [r["target"].metric.name for r in shown],
        [
            {"label": "Agreed target (100 %)", "data": [100 for _ in shown],
             "backgroundColor": "#c9d6f2"},
            {"label": "Actual (% of target)", "data": [float(r["attainment"] or 0) for r in shown],
             "backgroundColor": "#2457c5"},
        ],
        label=f"Attainment {label}: actual as a percentage of the agreed target per metric",
    )  # fmt: skip
    return spec, label


def partner_actuals(*, partner_id, limit=40):
    return Actual.objects.filter(partner_id=partner_id).select_related("metric")[:limit]


def targets_page_context(*, partner, side: str) -> dict:
    rows = partner_targets(partner_id=partner.pk, side=side)
    spec, period = attainment_chart(rows)
    return {"partner": partner, "rows": rows, "chart": spec, "chart_period": period,
            "actuals": partner_actuals(partner_id=partner.pk), "side": side}  # fmt: skip


def targets_tab_context(request, partner) -> dict:
    from ..forms.targets import ActualForm, TargetProposeForm

    context = targets_page_context(partner=partner, side="vendor")
    context["form"] = TargetProposeForm(initial={"year": datetime.date.today().year})
    context["actual_form"] = ActualForm(initial={"year": datetime.date.today().year})
    return context


def portfolio_year(year=None) -> int:
    if year:
        return year
    latest = Target.objects.filter(status=TargetStatus.AGREED).order_by("-year").first()
    return latest.year if latest else datetime.date.today().year


def portfolio_rows(*, year: int) -> tuple[list[Metric], list[dict]]:
    """Per partner: attainment per metric for the year's agreed targets, and their average."""
    metrics = list(Metric.objects.all())
    targets = Target.objects.filter(status=TargetStatus.AGREED, year=year).select_related(
        "partner", "partner__tier"
    )
    actuals = {
        (a.partner_id, a.quarter, a.metric_id): a.value for a in Actual.objects.filter(year=year)
    }
    by_partner: dict = {}
    for target in targets:
        row = by_partner.setdefault(target.partner_id, {"partner": target.partner, "cells": {}})
        value = actuals.get((target.partner_id, target.quarter, target.metric_id))
        row["cells"].setdefault(target.metric_id, []).append(
            attainment(agreed_value=target.agreed_value, actual_value=value)
        )
    rows = []
    for row in by_partner.values():
        cells = {k: sum(v) / len(v) for k, v in row["cells"].items() if None not in v}
        row["by_metric"] = [cells.get(m.pk) for m in metrics]
        row["average"] = sum(cells.values()) / len(cells) if cells else None
        rows.append(row)
    rows.sort(key=lambda r: (r["average"] is None, -(r["average"] or 0), r["partner"].name))
    return metrics, rows


def import_history(limit=10):
    return ActualsImport.objects.select_related("uploaded_by").defer("content")[:limit]
