"""Escalations and the support effort they add up to, per partner and quarter.

Support effort per revenue: the hours of our effort on a partner's escalations in a quarter
(every hour counts in the quarter the escalation was opened) beside the partner's revenue
actual for that quarter, as hours per 10,000 of revenue.

Rising effort (`effort_trends`, an input to the under-performer review), over the last eight
completed quarters (today's quarter is still filling up, and has no revenue actual yet):

1. the effort per revenue of the last two quarters (their hours over their revenue) is at least
   25% above that of the four quarters before them (their hours over their revenue), or
2. the hours per quarter of the last two quarters are at least 25% above those of the four
   before, while revenue per quarter did not grow by more than 5% (flat or falling).

Either way the last two quarters must carry at least `RISING_MIN_HOURS` hours, so that one
small escalation after a quiet year is not called a trend. A quarter without a revenue actual
counts as no revenue in the sums (and has no per-quarter ratio of its own).
"""

import datetime
from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.db.models.functions import ExtractMonth, ExtractYear
from django.http import Http404
from django.shortcuts import get_object_or_404

from partners.selectors import partners
from performance.selectors.revenue import quarterly_revenue
from prm.lib.access import is_vendor_staff

from ..models import Escalation, EscalationOutcome

PER_REVENUE = Decimal("10000")  # hours per this much revenue
RISING_SHARE = Decimal("1.25")  # 25% above the baseline
REVENUE_FLAT_SHARE = Decimal("1.05")  # revenue grown by at most 5% counts as flat
RISING_MIN_HOURS = Decimal("8")
RECENT_QUARTERS, BASELINE_QUARTERS = 2, 4
ZERO = Decimal("0")


def escalations():
    return Escalation.objects.select_related("partner", "logged_by")


def escalation_get(*, user, pk) -> Escalation:
    """One escalation for `user`: staff reach every one; a partner user only their partner's
    (any other answers 404, as does anyone else)."""
    queryset = escalations()
    if not is_vendor_staff(user):
        if user is None or not user.is_authenticated or not user.is_partner_user:
            raise Http404("Not found.")
        queryset = queryset.filter(partner__memberships__user=user)
    return get_object_or_404(queryset, pk=pk)


def escalation_list(*, partner=None, severity="", state="", since=None, until=None):
    """The staff list: newest first, narrowed by partner, severity, open/resolved and the
    period the escalation was opened in."""
    queryset = escalations()
    if partner is not None:
        queryset = queryset.filter(partner=partner)
    if severity:
        queryset = queryset.filter(severity=severity)
    if state == "open":
        queryset = queryset.filter(outcome=EscalationOutcome.OPEN)
    elif state == "resolved":
        queryset = queryset.exclude(outcome=EscalationOutcome.OPEN)
    if since:
        queryset = queryset.filter(opened_on__gte=since)
    if until:
        queryset = queryset.filter(opened_on__lte=until)
    return queryset.order_by("-opened_on", "-pk")


def partner_escalations(*, partner_id):
    return Escalation.objects.filter(partner_id=partner_id).order_by("-opened_on", "-pk")


def support_effort(*, partner_ids, since: datetime.date, until: datetime.date) -> dict:
    """partner id → {(year, quarter): {"hours": Decimal, "count": int}} for escalations opened
    in [since, until]: the quarter an escalation was opened carries all of its hours. One
    query, whatever the number of partners."""
    rows = (
        Escalation.objects.filter(
            partner_id__in=partner_ids, opened_on__gte=since, opened_on__lte=until
        )
        .annotate(year=ExtractYear("opened_on"), month=ExtractMonth("opened_on"))
        .values("partner_id", "year", "month")
        .annotate(hours=Sum("effort_hours"), count=Count("pk"))
        .order_by()
    )
    effort: dict = defaultdict(dict)
    for row in rows:
        key = (row["year"], (row["month"] - 1) // 3 + 1)
        slot = effort[row["partner_id"]].setdefault(key, {"hours": Decimal("0"), "count": 0})
        slot["hours"] += row["hours"] or Decimal("0")
        slot["count"] += row["count"]
    return dict(effort)


# --- quarters ----------------------------------------------------------------------------------


def completed_quarters(*, today: datetime.date, count: int) -> list[tuple[int, int]]:
    """The `count` quarters before today's, oldest first: [(year, quarter)]."""
    year, quarter = today.year, (today.month - 1) // 3 + 1
    periods = []
    for _ in range(count):
        year, quarter = (year, quarter - 1) if quarter > 1 else (year - 1, 4)
        periods.append((year, quarter))
    return periods[::-1]


def quarter_start(year: int, quarter: int) -> datetime.date:
    return datetime.date(year, 3 * quarter - 2, 1)


def quarter_end(year: int, quarter: int) -> datetime.date:
    if quarter == 4:
        return datetime.date(year, 12, 31)
    return quarter_start(year, quarter + 1) - datetime.timedelta(days=1)


def per_revenue(hours: Decimal, revenue: Decimal | None) -> Decimal | None:
    """Hours per 10,000 of revenue (None without revenue: effort per nothing is no number)."""
    if not revenue:
        return None
    return (hours * PER_REVENUE / revenue).quantize(Decimal("0.01"))


# --- effort per revenue and its trend -----------------------------------------------------------


def effort_trends(*, partner_ids, quarters: int = 8, today: datetime.date) -> dict:
    """`{partner id: trend}` for every id in `partner_ids`, each as `effort_trend` describes.
    Two queries (escalation hours, revenue actuals), whatever the number of partners."""
    partner_ids = list(partner_ids)
    periods = completed_quarters(today=today, count=quarters)
    if not partner_ids or not periods:
        return {partner_id: _trend(periods, {}, {}) for partner_id in partner_ids}
    effort = support_effort(
        partner_ids=partner_ids, since=quarter_start(*periods[0]), until=quarter_end(*periods[-1])
    )
    revenue = quarterly_revenue(partner_ids=partner_ids, periods=periods)
    return {
        partner_id: _trend(periods, effort.get(partner_id, {}), revenue.get(partner_id, {}))
        for partner_id in partner_ids
    }


def effort_trend(*, partner_id, quarters: int = 8, today: datetime.date) -> dict:
    """A partner's support effort over the last `quarters` completed quarters (oldest first):

    `{"quarters": [{"year", "quarter", "label", "hours", "count", "revenue" (None without an
    actual), "per_10k" (hours per 10,000 of revenue, None without revenue)}], "hours",
    "revenue", "per_10k" (over all of them), "recent_per_10k", "baseline_per_10k",
    "rising": bool, "rising_because": "per_revenue" | "hours" | ""}` — rising as the module
    says. Two queries."""
    return effort_trends(partner_ids=[partner_id], quarters=quarters, today=today)[partner_id]


def _trend(periods, effort: dict, revenue: dict) -> dict:
    rows = []
    for year, quarter in periods:
        slot = effort.get((year, quarter), {})
        hours, earned = slot.get("hours", ZERO), revenue.get((year, quarter))
        rows.append({
            "year": year, "quarter": quarter, "label": f"{year} Q{quarter}", "hours": hours,
            "count": slot.get("count", 0), "revenue": earned, "per_10k": per_revenue(hours, earned),
        })  # fmt: skip
    hours, earned = _sums(rows)
    recent = rows[-RECENT_QUARTERS:]
    baseline = rows[-RECENT_QUARTERS - BASELINE_QUARTERS : -RECENT_QUARTERS]
    because = _rising_because(recent, baseline)
    return {
        "quarters": rows, "hours": hours, "revenue": earned, "per_10k": per_revenue(hours, earned),
        "recent_per_10k": per_revenue(*_sums(recent)),
        "baseline_per_10k": per_revenue(*_sums(baseline)) if baseline else None,
        "rising": bool(because), "rising_because": because,
    }  # fmt: skip


def _sums(rows) -> tuple[Decimal, Decimal]:
    hours = sum((row["hours"] for row in rows), ZERO)
    return hours, sum((row["revenue"] or ZERO for row in rows), ZERO)


def _rising_because(recent: list, baseline: list) -> str:
    """ "per_revenue", "hours" or "" (not rising): the rule of the module's docstring."""
    if len(baseline) < BASELINE_QUARTERS:
        return ""
    recent_hours, recent_revenue = _sums(recent)
    base_hours, base_revenue = _sums(baseline)
    if recent_hours < RISING_MIN_HOURS:
        return ""
    recent_ratio = per_revenue(recent_hours, recent_revenue)
    base_ratio = per_revenue(base_hours, base_revenue)
    if recent_ratio is not None and base_ratio and recent_ratio >= base_ratio * RISING_SHARE:
        return "per_revenue"
    # Per quarter, so the two windows compare although one is twice as long as the other.
    hours_now, hours_before = recent_hours / len(recent), base_hours / len(baseline)
    revenue_now, revenue_before = recent_revenue / len(recent), base_revenue / len(baseline)
    hours_rising = hours_now >= hours_before * RISING_SHARE
    if hours_rising and revenue_now <= revenue_before * REVENUE_FLAT_SHARE:
        return "hours"
    return ""


# --- the portfolio: partners ranked by effort per revenue ---------------------------------------


def effort_ranking(*, today: datetime.date, quarters: int = 4) -> list[dict]:
    """Every partner with support hours in the last `quarters` completed quarters, most effort
    per revenue first (hours without any revenue first of all): `[{"partner_id", "name",
    "slug", "hours", "count", "revenue", "per_10k"}]`. Three queries."""
    periods = completed_quarters(today=today, count=quarters)
    rows = (
        Escalation.objects.filter(
            opened_on__gte=quarter_start(*periods[0]), opened_on__lte=quarter_end(*periods[-1])
        )
        .values("partner_id")
        .annotate(hours=Sum("effort_hours"), count=Count("pk"))
        .filter(~Q(hours=0))
        .order_by()
    )
    effort = {row["partner_id"]: row for row in rows}
    revenue = quarterly_revenue(partner_ids=list(effort), periods=periods)
    names = partners().filter(pk__in=list(effort)).values_list("pk", "name", "slug")
    ranking = []
    for partner_id, name, slug in names:
        earned = sum(revenue.get(partner_id, {}).values(), ZERO)
        hours = effort[partner_id]["hours"]
        ranking.append({
            "partner_id": partner_id, "name": name, "slug": slug, "hours": hours,
            "count": effort[partner_id]["count"], "revenue": earned,
            "per_10k": per_revenue(hours, earned),
        })  # fmt: skip
    ranking.sort(key=lambda row: (row["per_10k"] is not None, -(row["per_10k"] or 0), row["name"]))
    return ranking
