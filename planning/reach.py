"""The mathematics of reach: how many productive partners a revenue goal needs, how many
recruits that takes once ramp-up, attrition and the share that ever becomes productive are
counted, what they cost, and how the recruits load each territory. Pure functions of numbers:
no database, no request (the page, the API and the scenarios all call these).

The model, for a goal G over a period of P months:

- a recruit earns nothing during its ramp-up of R months, so it is productive for M = P − R
  months of the period;
- a productive partner brings A a year, so A × M / 12 within the period;
- productive partners needed  N = ⌈G ÷ (A × M / 12)⌉;
- of the recruits only a share s becomes productive, and of those a share (1 − a)^(P / 12)
  is still with us at the end of the period (annual attrition a, compounding);
- recruits needed  K = ⌈N ÷ (s × (1 − a)^(P / 12))⌉;
- investment = K × (training cost + incentive cost) per recruit.
"""

import math
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_lazy as _

MONTHS_PER_YEAR = Decimal(12)
HUNDRED = Decimal(100)
SENSITIVITY_STEP = Decimal("0.2")  # each input moved ±20 %


@dataclass(frozen=True)
class ReachInputs:
    """What the calculator is given. Percentages are 0–100; money in one currency."""

    goal: Decimal
    period_months: int
    average_revenue: Decimal  # of a productive partner, per year
    productive_share: Decimal  # % of recruits that become productive
    ramp_months: int
    attrition: Decimal  # % of partners lost per year
    training_cost: Decimal = Decimal(0)  # per recruit
    incentive_cost: Decimal = Decimal(0)  # per recruit
    currency: str = "EUR"


@dataclass(frozen=True)
class ReachResult:
    productive_months: int
    revenue_per_partner: Decimal  # what one productive partner brings within the period
    productive_needed: int
    retention: Decimal  # share (0–1) of productive partners still with us at the period's end
    recruits_needed: int
    training_total: Decimal
    incentive_total: Decimal
    investment: Decimal
    formula: str  # with the numbers substituted
    steps: list = field(default_factory=list)


def problems(inputs: ReachInputs) -> dict[str, str]:
    """Field name → why the value makes the calculation impossible (empty: it can be done)."""
    found = {}
    if inputs.goal <= 0:
        found["goal"] = _("The growth goal must be more than zero.")
    if inputs.period_months <= 0:
        found["period_months"] = _("The period must be at least one month.")
    if inputs.average_revenue <= 0:
        found["average_revenue"] = _("A productive partner's revenue must be more than zero.")
    if not 0 < inputs.productive_share <= 100:
        found["productive_share"] = _("The share must be more than 0 % and at most 100 %.")
    if inputs.ramp_months < 0:
        found["ramp_months"] = _("Ramp-up cannot be negative.")
    elif inputs.period_months > 0 and inputs.ramp_months >= inputs.period_months:
        found["ramp_months"] = _(
            "Ramp-up must be shorter than the period: a recruit would bring no revenue in it."
        )
    if not 0 <= inputs.attrition < 100:
        found["attrition"] = _("Annual attrition must be at least 0 % and below 100 %.")
    for name in ("training_cost", "incentive_cost"):
        if getattr(inputs, name) < 0:
            found[name] = _("A cost cannot be negative.")
    return found


def _money(value: Decimal) -> str:
    return f"{value.quantize(Decimal('1'), rounding=ROUND_HALF_UP):,}"


def _number(value: Decimal, places: int = 2) -> str:
    text = f"{value:.{places}f}".rstrip("0").rstrip(".")
    return text or "0"


def retention_over(period_months: int, attrition: Decimal) -> Decimal:
    """Share (0–1) of partners still with us after `period_months` at `attrition` % a year,
    compounding: (1 − a)^(P / 12)."""
    yearly = 1 - float(attrition) / 100
    return Decimal(str(round(yearly ** (period_months / 12), 6)))


def reach(inputs: ReachInputs) -> ReachResult:
    """The whole calculation for valid `inputs` (see `problems`); raises ValueError otherwise."""
    if problems(inputs):
        raise ValueError(problems(inputs))
    months = inputs.period_months - inputs.ramp_months
    per_partner = inputs.average_revenue * Decimal(months) / MONTHS_PER_YEAR
    productive = math.ceil(inputs.goal / per_partner)
    retention = retention_over(inputs.period_months, inputs.attrition)
    share = inputs.productive_share / HUNDRED
    recruits = math.ceil(Decimal(productive) / (share * retention))
    training = inputs.training_cost * recruits
    incentive = inputs.incentive_cost * recruits
    cur = inputs.currency
    steps = [
        f"Productive months = {inputs.period_months} − {inputs.ramp_months} = {months}",
        f"Revenue per productive partner in the period = {_money(inputs.average_revenue)} × "
        f"{months} ÷ 12 = {_money(per_partner)} {cur}",
        f"Productive partners needed = ⌈{_money(inputs.goal)} ÷ {_money(per_partner)}⌉ = "
        f"{productive}",
        f"Still with us after {inputs.period_months} months = (1 − "
        f"{_number(inputs.attrition)} %)^({inputs.period_months} ÷ 12) = {_number(retention, 4)}",
        f"Recruits needed = ⌈{productive} ÷ ({_number(inputs.productive_share)} % × "
        f"{_number(retention, 4)})⌉ = {recruits}",
        f"Investment = {recruits} × ({_money(inputs.training_cost)} + "
        f"{_money(inputs.incentive_cost)}) = {_money(training + incentive)} {cur}",
    ]
    formula = (
        f"recruits = ⌈{_money(inputs.goal)} ÷ ({_money(inputs.average_revenue)} × "
        f"({inputs.period_months} − {inputs.ramp_months}) ÷ 12) ÷ "
        f"({_number(inputs.productive_share)} % × (1 − {_number(inputs.attrition)} %)^"
        f"({inputs.period_months} ÷ 12))⌉ = {recruits}"
    )
    return ReachResult(
        productive_months=months, revenue_per_partner=per_partner, productive_needed=productive,
        retention=retention, recruits_needed=recruits, training_total=training,
        incentive_total=incentive, investment=training + incentive, formula=formula, steps=steps,
    )  # fmt: skip


def certified_needed(productive_needed: int, per_partner: int | None) -> int | None:
    """Certified people the productive partners need when each must hold the tier's
    `per_partner` certified people (None: the tier requires none)."""
    if per_partner is None:
        return None
    return productive_needed * per_partner


def spread(total: int, split: dict) -> dict:
    """`total` recruits spread over keys by `split` (key → %, summing to 100) in whole
    recruits that add up to `total` (largest remainder: the biggest fractions round up)."""
    if not split:
        return {}
    exact = {key: Decimal(total) * Decimal(share) / HUNDRED for key, share in split.items()}
    whole = {key: int(value) for key, value in exact.items()}
    left = total - sum(whole.values())
    by_fraction = sorted(exact, key=lambda key: (-(exact[key] - whole[key]), str(key)))
    for key in by_fraction[:left]:
        whole[key] += 1
    return whole


def split_by_free_capacity(free: dict) -> dict:
    """Default split (key → whole %, summing to 100) proportional to each territory's free
    capacity; equal when no territory has any free room."""
    if not free:
        return {}
    room = {key: max(value, 0) for key, value in free.items()}
    if sum(room.values()) == 0:
        room = dict.fromkeys(free, 1)
    total = sum(room.values())
    return spread(100, {key: Decimal(value) * HUNDRED / total for key, value in room.items()})


@dataclass(frozen=True)
class TerritoryLoad:
    key: object
    name: str
    share: Decimal
    recruits: int
    current: int
    capacity: int

    @property
    def load(self) -> int:
        return self.current + self.recruits

    @property
    def over(self) -> int:
        """Partners beyond the capacity (0: within it)."""
        return max(self.load - self.capacity, 0)


def territory_loads(recruits: int, split: dict, territories: list[dict]) -> list[TerritoryLoad]:
    """Each territory's load (current partners + its part of the recruits) beside its
    capacity. `territories`: dicts with key, name, current and capacity."""
    parts = spread(recruits, {key: share for key, share in split.items() if share})
    return [
        TerritoryLoad(
            key=item["key"],
            name=item["name"],
            share=Decimal(split.get(item["key"], 0)),
            recruits=parts.get(item["key"], 0),
            current=item["current"],
            capacity=item["capacity"],
        )  # fmt: skip
        for item in territories
    ]


SENSITIVITY_INPUTS = (
    ("goal", _("Growth goal")),
    ("average_revenue", _("Revenue of a productive partner")),
    ("productive_share", _("Share becoming productive")),
    ("ramp_months", _("Ramp-up time")),
    ("attrition", _("Annual attrition")),
    ("period_months", _("Period")),
)


def _moved(inputs: ReachInputs, name: str, factor: Decimal) -> ReachInputs | None:
    value = getattr(inputs, name) * factor
    if name in ("ramp_months", "period_months"):
        value = int((value).to_integral_value(rounding=ROUND_HALF_UP))
    if name == "productive_share":
        value = min(value, HUNDRED)
    moved = replace(inputs, **{name: value})
    return None if problems(moved) else moved


def sensitivity(inputs: ReachInputs) -> list[dict]:
    """For each input moved −20 % and +20 % (the others kept), the recruits needed and their
    change; most influential first (the widest swing). A move that makes the calculation
    impossible (ramp no longer shorter than the period) has None. Shares are capped at 100 %."""
    base = reach(inputs).recruits_needed
    rows = []
    for name, label in SENSITIVITY_INPUTS:
        row = {"input": name, "label": label, "base": base}
        for side, factor in (("low", 1 - SENSITIVITY_STEP), ("high", 1 + SENSITIVITY_STEP)):
            moved = _moved(inputs, name, factor)
            recruits = None if moved is None else reach(moved).recruits_needed
            row[side] = recruits
            row[f"{side}_change"] = None if recruits is None else recruits - base
        changes = [abs(row[key]) for key in ("low_change", "high_change") if row[key] is not None]
        row["swing"] = max(changes, default=0)
        rows.append(row)
    return sorted(rows, key=lambda row: -row["swing"])


def goal_sweep(inputs: ReachInputs, factors=(50, 75, 100, 125, 150)) -> list[dict]:
    """Productive partners and recruits needed at other goals (% of the goal)."""
    points = []
    for percent in factors:
        result = reach(replace(inputs, goal=inputs.goal * Decimal(percent) / HUNDRED))
        points.append({"percent": percent, "goal": inputs.goal * Decimal(percent) / HUNDRED,
                       "productive": result.productive_needed,
                       "recruits": result.recruits_needed})  # fmt: skip
    return points
