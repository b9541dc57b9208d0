"""The calculator's defaults, from our own data (each says where it came from and over which
period, or that there is no data and which fallback it uses), the territories with their
capacity and current partners, the tier requirements, and the saved reach scenarios."""

import datetime
import statistics
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404

from incentives.selectors.scoring import tier_ladder
from partners.models import PartnerStatus
from partners.selectors import registry as partner_reads
from partners.selectors.exits import exit_source, partner_exits
from performance.selectors.program import last_four_quarters, quarter_bounds, quarter_of
from performance.selectors.revenue_history import first_revenue_quarter, revenue_by_partner
from prm.lib.access import require_vendor_staff

from .. import reach as math
from ..models import ReachScenario

# Used when our data cannot say; stated beside the value on the page.
FALLBACKS = {
    "average_revenue": Decimal("100000"),
    "attrition": Decimal("10"),
    "ramp_months": 6,
    "productive_share": Decimal("50"),
}
# "Productive": a partner in the program (active or at risk) with revenue above zero in the
# last four complete quarters.
PRODUCTIVE_STATUSES = (PartnerStatus.ACTIVE, PartnerStatus.AT_RISK)
NOT_JOINED = (PartnerStatus.PROSPECT,)
SHARE_YEARS = 3  # "joined recently": within the last three years
SHARE_MIN_AGE_MONTHS = 6  # …and at least half a year ago, so they had time to earn


@dataclass(frozen=True)
class Default:
    value: object
    source: str  # "from … over …", or "no data: …"
    from_data: bool


def _months_between(start: datetime.date, end: datetime.date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month


def complete_quarters(today: datetime.date) -> list[tuple[int, int]]:
    """The last four complete quarters, newest first."""
    first_day = quarter_bounds(*quarter_of(today))[0]
    return last_four_quarters(first_day - datetime.timedelta(days=1))


def _label(quarters) -> str:
    (y1, q1), (y2, q2) = quarters[-1], quarters[0]
    return f"{y1} Q{q1} – {y2} Q{q2}"


def average_revenue_default(today: datetime.date) -> Default:
    quarters = complete_quarters(today)
    productive = partner_reads.partners().filter(status__in=PRODUCTIVE_STATUSES)
    revenue = revenue_by_partner(quarters=quarters, partner_ids=productive.values("pk"))
    if not revenue:
        return Default(FALLBACKS["average_revenue"], (
            f"no data: no active partner had revenue actuals in {_label(quarters)}; "
            f"fallback {FALLBACKS['average_revenue']:,}"
        ), False)  # fmt: skip
    mean = sum(revenue.values(), Decimal(0)) / len(revenue)
    return Default(mean.quantize(Decimal("1"), rounding=ROUND_HALF_UP), (
        f"from revenue actuals of {len(revenue)} productive partner{'s' * (len(revenue) != 1)} "
        f"(active or at risk, revenue above zero) over {_label(quarters)}"
    ), True)  # fmt: skip


def _partners_on(day: datetime.date, exits: dict) -> int:
    joined = partner_reads.partners().exclude(status__in=NOT_JOINED)
    joined = joined.filter(Q(joined_on__lte=day) | Q(joined_on__isnull=True))
    ids = list(joined.values_list("pk", flat=True))
    return sum(1 for pk in ids if not (pk in exits and exits[pk] <= day))


def attrition_default(today: datetime.date) -> Default:
    since = today - datetime.timedelta(days=365)
    exits = partner_exits(since=since, until=today)
    average = (_partners_on(since, exits) + _partners_on(today, exits)) / 2
    period = f"{since:%d %b %Y} – {today:%d %b %Y}"
    if not exits or not average:
        return Default(FALLBACKS["attrition"], (
            f"no data: no partner exit found in {exit_source()} over {period}; "
            f"fallback {FALLBACKS['attrition']} %"
        ), False)  # fmt: skip
    rate = (Decimal(len(exits)) * 100 / Decimal(str(average))).quantize(Decimal("0.1"))
    return Default(min(rate, Decimal("99.9")), (
        f"from {exit_source()}: {len(exits)} exit{'s' * (len(exits) != 1)} ÷ "
        f"{average:g} partners on average over {period}"
    ), True)  # fmt: skip


def _joined_recently(today: datetime.date):
    earliest = today.replace(year=today.year - SHARE_YEARS)
    latest = today - datetime.timedelta(days=SHARE_MIN_AGE_MONTHS * 30)
    return earliest, latest, dict(
        partner_reads.partners().exclude(status__in=NOT_JOINED)
        .filter(joined_on__gte=earliest, joined_on__lte=latest)
        .values_list("pk", "joined_on")
    )  # fmt: skip


def ramp_default(today: datetime.date) -> Default:
    joined = dict(
        partner_reads.partners().filter(joined_on__isnull=False).values_list("pk", "joined_on")
    )
    firsts = first_revenue_quarter(partner_ids=list(joined))
    months = []
    for pk, (year, quarter) in firsts.items():
        first_day = quarter_bounds(year, quarter)[0]
        months.append(max(_months_between(joined[pk], first_day), 0))
    if not months:
        return Default(FALLBACKS["ramp_months"], (
            "no data: no partner with a join date has a revenue actual; "
            f"fallback {FALLBACKS['ramp_months']} months"
        ), False)  # fmt: skip
    median = int(Decimal(str(statistics.median(months))).to_integral_value(ROUND_HALF_UP))
    return Default(median, (
        f"from the median of months from joining to the first revenue quarter, over "
        f"{len(months)} partner{'s' * (len(months) != 1)} with revenue (all time)"
    ), True)  # fmt: skip


def productive_share_default(today: datetime.date) -> Default:
    earliest, latest, joined = _joined_recently(today)
    period = f"joined {earliest:%d %b %Y} – {latest:%d %b %Y}"
    if not joined:
        return Default(FALLBACKS["productive_share"], (
            f"no data: no partner {period}; fallback {FALLBACKS['productive_share']} %"
        ), False)  # fmt: skip
    earning = first_revenue_quarter(partner_ids=list(joined))
    share = (Decimal(len(earning)) * 100 / len(joined)).quantize(Decimal("0.1"))
    if not share:
        return Default(FALLBACKS["productive_share"], (
            f"no data: none of the {len(joined)} partners {period} has revenue yet; "
            f"fallback {FALLBACKS['productive_share']} %"
        ), False)  # fmt: skip
    return Default(share, (
        f"from {len(earning)} of {len(joined)} partners {period} that have had revenue"
    ), True)  # fmt: skip


def reach_defaults(*, today: datetime.date | None = None) -> dict[str, Default]:
    """Every default the calculator starts from, keyed by input name."""
    today = today or datetime.date.today()
    return {
        "average_revenue": average_revenue_default(today),
        "attrition": attrition_default(today),
        "ramp_months": ramp_default(today),
        "productive_share": productive_share_default(today),
    }


def territory_capacity() -> list[dict]:
    """Every territory with its capacity, current partners (in the program, not exited) and
    free capacity. One query."""
    current = Q(partners__status__in=[
        status for status in PartnerStatus.values
        if status not in (PartnerStatus.PROSPECT, PartnerStatus.EXITED)
    ])  # fmt: skip
    rows = partner_reads.territories().annotate(current=Count("partners", filter=current))
    return [
        {"key": row.pk, "name": row.name, "capacity": row.capacity, "current": row.current,
         "free": row.capacity - row.current}
        for row in rows.order_by("name")
    ]  # fmt: skip


def default_split(territories: list[dict]) -> dict:
    return math.split_by_free_capacity({row["key"]: row["free"] for row in territories})


def certification_tiers() -> list:
    """The tiers, entry tier first, with their certified-people requirement."""
    return tier_ladder()


def default_tier(tiers) -> object | None:
    """The entry tier that requires certified people (the first such), else the entry tier."""
    requiring = [tier for tier in tiers if tier.min_certified_people]
    return requiring[0] if requiring else (tiers[0] if tiers else None)


# --- saved scenarios ------------------------------------------------------------------------


def reach_scenarios():
    return ReachScenario.objects.select_related("created_by", "tier").prefetch_related(
        "splits__territory"
    )


def reach_scenario_list(*, user):
    require_vendor_staff(user)
    return reach_scenarios().order_by("name", "pk")


def reach_scenario_get(*, user, pk) -> ReachScenario:
    """A scenario for staff (404 when there is none; partner users 403 before that)."""
    require_vendor_staff(user)
    return get_object_or_404(reach_scenarios(), pk=pk)


# --- a whole answer -------------------------------------------------------------------------


@dataclass(frozen=True)
class ReachReport:
    inputs: math.ReachInputs
    result: math.ReachResult
    tier: object | None  # TierTerms the certified people are counted for
    certified_per_partner: int | None
    certified_needed: int | None
    loads: list
    sensitivity: list
    sweep: list

    @property
    def overloaded(self) -> list:
        return [load for load in self.loads if load.over]


def reach_report(*, inputs: math.ReachInputs, split: dict, tier_id=None, territories=None,
                 tiers=None) -> ReachReport:  # fmt: skip
    """Everything the calculator shows for valid inputs. `split`: territory id → %. Pass the
    territories and tiers already read to spare their queries."""
    territories = territory_capacity() if territories is None else territories
    tiers = certification_tiers() if tiers is None else tiers
    tier = next((item for item in tiers if item.tier_id == tier_id), None)
    result = math.reach(inputs)
    per_partner = tier.min_certified_people if tier else None
    return ReachReport(
        inputs=inputs, result=result, tier=tier, certified_per_partner=per_partner,
        certified_needed=math.certified_needed(result.productive_needed, per_partner),
        loads=math.territory_loads(result.recruits_needed, split, territories),
        sensitivity=math.sensitivity(inputs), sweep=math.goal_sweep(inputs),
    )  # fmt: skip


def scenario_inputs(scenario: ReachScenario) -> math.ReachInputs:
    return math.ReachInputs(
        goal=scenario.goal, period_months=scenario.period_months,
        average_revenue=scenario.average_revenue, productive_share=scenario.productive_share,
        ramp_months=scenario.ramp_months, attrition=scenario.attrition,
        training_cost=scenario.training_cost, incentive_cost=scenario.incentive_cost,
        currency=scenario.currency,
    )  # fmt: skip


def scenario_report(scenario: ReachScenario, *, territories, tiers) -> ReachReport:
    """A saved scenario's answer (its splits prefetched: reach_scenarios())."""
    split = {row.territory_id: row.percent for row in scenario.splits.all()}
    return reach_report(inputs=scenario_inputs(scenario), split=split, tier_id=scenario.tier_id,
                        territories=territories, tiers=tiers)  # fmt: skip
