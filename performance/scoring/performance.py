"""The performance score: what the partner delivers against what we agreed, 0–100.

Components and their weights (percent of the score):

- attainment (50): attainment against the agreed targets of the last four quarters closed
  before `as_of`, the most recent weighing most (4, 3, 2, 1). A quarter's attainment is the
  mean over its agreed metrics of actual ÷ agreed (each capped at 150% so one windfall does
  not hide a miss); the value is the weighted mean, capped at 100. A target counts from the
  day it was agreed (its accepting proposal), at the value agreed then; an actual from the day
  it was recorded.
- audit (30): the total (0–100) of the latest performance audit held by `as_of`, computed by
  performance.audit_result with the current audit weights.
- trend (20): 50 when flat; plus half the change in attainment (the latest quarter against
  the mean of the earlier ones, in points) and half the change between the last two audits.

Missing data: no agreed target in those quarters → attainment 0; no audit → audit 0; fewer
than two quarters and two audits → trend 50 (flat), each said in the evidence.
"""

import datetime
from dataclasses import dataclass

from django.db.models import F, Window
from django.db.models.functions import RowNumber
from django.utils.translation import gettext_noop

from ..audit_result import audit_result
from ..models import CRITERIA, PerformanceAudit
from ..selectors.audits import current_weights
from ..selectors.targets import quarter_attainment
from .components import check_weights, clamp, component

SCORE = "performance"
WEIGHTS = check_weights({"attainment": 50, "audit": 30, "trend": 20})
PERIODS = 4
RECENCY_WEIGHTS = (4, 3, 2, 1)  # the latest closed quarter first
FLAT_TREND = 50


@dataclass
class PerformanceInputs:
    periods: list[tuple[int, int]]  # closed quarters, latest first
    attainment: dict  # partner id → {(year, quarter): attainment percent}
    audits: dict  # partner id → [(audited_on, total)], latest first, at most two


def closed_quarters(as_of: datetime.date, count: int = PERIODS) -> list[tuple[int, int]]:
    """The `count` quarters that ended before `as_of`, latest first."""
    year, quarter = as_of.year, (as_of.month - 1) // 3 + 1
    periods = []
    for _ in range(count):
        year, quarter = (year - 1, 4) if quarter == 1 else (year, quarter - 1)
        periods.append((year, quarter))
    return periods


def gather(*, partner_ids, as_of: datetime.date) -> PerformanceInputs:
    """Targets with their actuals, and the last two audits, for a chunk: three queries."""
    periods = closed_quarters(as_of)
    return PerformanceInputs(
        periods,
        quarter_attainment(partner_ids=partner_ids, periods=periods, as_of=as_of),
        _last_two_audits(partner_ids, as_of),
    )


def _last_two_audits(partner_ids, as_of) -> dict:
    """The latest two audits per partner, picked by a window function in the database."""
    weights = current_weights()
    rows = (
        PerformanceAudit.objects.filter(partner_id__in=partner_ids, audited_on__lte=as_of)
        .annotate(
            recency=Window(
                RowNumber(),
                partition_by=[F("partner_id")],
                order_by=[F("audited_on").desc(), F("pk").desc()],
            )
        )  # fmt: skip
        .filter(recency__lte=2)
        .order_by("partner_id", "recency")
        .values("partner_id", "audited_on", *CRITERIA)
    )
    audits: dict = {}
    for row in rows:
        total = audit_result({name: row[name] for name in CRITERIA}, weights).total
        audits.setdefault(row["partner_id"], []).append((row["audited_on"], total))
    return audits


def components(partner_id: int, inputs: PerformanceInputs, as_of: datetime.date) -> list[dict]:
    by_period = inputs.attainment.get(partner_id, {})
    measured = [(period, by_period[period]) for period in inputs.periods if period in by_period]
    audits = inputs.audits.get(partner_id, [])
    return [_attainment(measured), _audit(audits, as_of), _trend(measured, audits)]


def _quarter(period) -> str:
    return f"Q{period[1]} {period[0]}"


def _attainment(measured) -> dict:
    label = gettext_noop("Attainment against agreed targets")
    if not measured:
        evidence = f"No agreed targets in the last {PERIODS} closed quarters."
        return component(
            score=SCORE, key="attainment", label=label, value=0, weight=WEIGHTS["attainment"],
            evidence=evidence, fix="targets",
        )  # fmt: skip
    weights = RECENCY_WEIGHTS[: len(measured)]
    pairs = zip(weights, measured, strict=True)
    weighted = sum(weight * percent for weight, (_, percent) in pairs) / sum(weights)
    latest_period, latest = measured[0]
    evidence = (f"Attainment {weighted:.0f}% over {len(measured)} closed quarter"
                f"{'s' if len(measured) > 1 else ''}, recent ones weighing most "
                f"(latest, {_quarter(latest_period)}: {latest:.0f}%).")  # fmt: skip
    return component(score=SCORE, key="attainment", label=label, value=min(weighted, 100),
                     weight=WEIGHTS["attainment"], evidence=evidence, fix="targets")  # fmt: skip


def _audit(audits, as_of) -> dict:
    label = gettext_noop("Latest audit")
    if not audits:
        return component(score=SCORE, key="audit", label=label, value=0, weight=WEIGHTS["audit"],
                         evidence="No performance audit yet.", fix="audits")  # fmt: skip
    audited_on, total = audits[0]
    age = (as_of - audited_on).days
    stale = " — over a year old" if age > 365 else ""
    evidence = f"Latest audit {total:.0f}/100 on {audited_on:%d %b %Y}{stale}."
    return component(score=SCORE, key="audit", label=label, value=total, weight=WEIGHTS["audit"],
                     evidence=evidence, fix="audits")  # fmt: skip


def _change(points: float, what: str) -> str:
    if abs(points) < 0.5:
        return f"{what} flat"
    return f"{what} {'up' if points > 0 else 'down'} {abs(points):.0f} points"


def _trend(measured, audits) -> dict:
    label = gettext_noop("Trend")
    parts, movement = [], 0.0
    if len(measured) >= 2:
        earlier = sum(percent for _, percent in measured[1:]) / (len(measured) - 1)
        change = measured[0][1] - earlier
        movement += change / 2
        parts.append(_change(change, "attainment") + " on the earlier quarters")
    if len(audits) >= 2:
        change = audits[0][1] - audits[1][1]
        movement += change / 2
        parts.append(_change(change, "audit") + " since the one before")
    if not parts:
        evidence = "No trend yet: it needs two closed quarters with targets or two audits."
    else:
        evidence = "; ".join(parts).capitalize() + "."
    return component(score=SCORE, key="trend", label=label, value=clamp(FLAT_TREND + movement),
                     weight=WEIGHTS["trend"], evidence=evidence, fix="targets")  # fmt: skip
