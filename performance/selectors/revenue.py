"""Revenue actuals per partner and quarter, for the layers above (planning's support effort)."""

from collections import defaultdict
from decimal import Decimal

from django.db.models import Q

from ..models import Actual

REVENUE_METRIC = "revenue"


def quarterly_revenue(*, partner_ids, periods) -> dict:
    """`{partner id: {(year, quarter): Decimal}}`: the revenue actual of each partner in each of
    `periods` ([(year, quarter)]). A quarter without an actual is absent (not zero: nobody said
    it was nothing). `partner_ids` may be a list or a subquery. One query."""
    if not periods:
        return {}
    in_periods = Q()
    for year, quarter in periods:
        in_periods |= Q(year=year, quarter=quarter)
    rows = Actual.objects.filter(
        in_periods, partner_id__in=partner_ids, metric__key=REVENUE_METRIC
    ).values_list("partner_id", "year", "quarter", "value")
    revenue: dict = defaultdict(dict)
    for partner_id, year, quarter, value in rows.order_by():
        revenue[partner_id][(year, quarter)] = Decimal(value)
    return dict(revenue)
