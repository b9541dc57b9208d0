"""Revenue actuals summed per partner, for planning's defaults: revenue over chosen quarters and
the first quarter each partner had any revenue with us. One query each, whatever the number of
partners."""

from django.db.models import F, Min, Q, Sum
from django.db.models.functions import Coalesce

from ..models import Actual
from .program import REVENUE_METRIC


def revenue_by_partner(*, quarters, partner_ids=None) -> dict:
    """`{partner id: revenue}` summed over `quarters` ((year, quarter) pairs); partners without
    revenue there are absent."""
    period = Q(pk__in=[])
    for year, quarter in quarters:
        period |= Q(year=year, quarter=quarter)
    rows = Actual.objects.filter(period, metric__key=REVENUE_METRIC, value__gt=0)
    if partner_ids is not None:
        rows = rows.filter(partner_id__in=partner_ids)
    return dict(
        rows.order_by().values("partner_id").annotate(total=Sum("value"))
        .values_list("partner_id", "total")
    )  # fmt: skip


def first_revenue_quarter(*, partner_ids=None) -> dict:
    """`{partner id: (year, quarter)}`: the earliest quarter with a revenue actual above zero
    (a whole-year actual counts as that year's first quarter)."""
    rows = Actual.objects.filter(metric__key=REVENUE_METRIC, value__gt=0)
    if partner_ids is not None:
        rows = rows.filter(partner_id__in=partner_ids)
    firsts = (
        rows.order_by().values("partner_id")
        .annotate(first=Min(F("year") * 10 + Coalesce("quarter", 1)))
        .values_list("partner_id", "first")
    )  # fmt: skip
    return {partner_id: divmod(first, 10) for partner_id, first in firsts}
