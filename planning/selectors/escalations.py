"""Escalations and the support effort they add up to, per partner and quarter."""

import datetime
from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, Sum
from django.db.models.functions import ExtractMonth, ExtractYear

from ..models import Escalation


def escalations():
    return Escalation.objects.select_related("partner", "logged_by")


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
