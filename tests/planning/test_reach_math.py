"""The reach formulas on worked examples, each written out."""

from decimal import Decimal as D

import pytest

from planning import reach as math


def inputs(**changes):
    values = dict(goal=D(1_200_000), period_months=12, average_revenue=D(200_000),
                  productive_share=D(50), ramp_months=6, attrition=D(20),
                  training_cost=D(5_000), incentive_cost=D(2_000), currency="EUR")  # fmt: skip
    return math.ReachInputs(**(values | changes))


def test_reach_worked_example():
    # Period 12 months, ramp 6 → productive for 12 − 6 = 6 months.
    # A productive partner brings 200,000 a year → 200,000 × 6 ÷ 12 = 100,000 in the period.
    # Productive partners needed = ⌈1,200,000 ÷ 100,000⌉ = 12.
    # Retention over 12 months at 20 % a year = (1 − 0.20)^(12/12) = 0.8.
    # Recruits = ⌈12 ÷ (0.50 × 0.8)⌉ = ⌈30⌉ = 30.
    # Investment = 30 × (5,000 + 2,000) = 210,000.
    result = math.reach(inputs())
    assert result.productive_months == 6
    assert result.revenue_per_partner == D(100_000)
    assert result.productive_needed == 12
    assert result.retention == D("0.8")
    assert result.recruits_needed == 30
    assert result.training_total == D(150_000)
    assert result.incentive_total == D(60_000)
    assert result.investment == D(210_000)
    assert result.formula == (
        "recruits = ⌈1,200,000 ÷ (200,000 × (12 − 6) ÷ 12) ÷ (50 % × (1 − 20 %)^(12 ÷ 12))⌉ = 30"
    )
    assert "Productive partners needed = ⌈1,200,000 ÷ 100,000⌉ = 12" in result.steps


def test_reach_rounds_up_and_compounds_attrition_over_two_years():
    # 24 months, ramp 3 → 21 productive months; 120,000 a year → 210,000 each.
    # ⌈1,000,000 ÷ 210,000⌉ = ⌈4.76⌉ = 5 productive partners.
    # Retention = (1 − 0.10)^2 = 0.81; recruits = ⌈5 ÷ (0.40 × 0.81)⌉ = ⌈15.43⌉ = 16.
    result = math.reach(inputs(goal=D(1_000_000), period_months=24, ramp_months=3,
                               average_revenue=D(120_000), productive_share=D(40),
                               attrition=D(10)))  # fmt: skip
    assert result.productive_needed == 5
    assert result.retention == D("0.81")
    assert result.recruits_needed == 16


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"productive_share": D(0)}, "productive_share"),
        ({"productive_share": D(101)}, "productive_share"),
        ({"goal": D(-1)}, "goal"),
        ({"ramp_months": 12}, "ramp_months"),
        ({"ramp_months": 13}, "ramp_months"),
        ({"attrition": D(100)}, "attrition"),
    ],
)
def test_impossible_inputs_are_named_at_their_field(changes, field):
    assert field in math.problems(inputs(**changes))
    with pytest.raises(ValueError):
        math.reach(inputs(**changes))


def test_spread_keeps_whole_recruits_by_largest_remainder():
    # 10 × 33.34 % = 3.334, 10 × 33.33 % = 3.333 twice: 3 + 3 + 3 = 9, the one left goes to
    # the largest fraction (a).
    assert math.spread(10, {"a": D("33.34"), "b": D("33.33"), "c": D("33.33")}) == {
        "a": 4,
        "b": 3,
        "c": 3,
    }


def test_default_split_follows_free_capacity():
    # Free 3 and 5 (and a full territory): 3/8 = 37.5 %, 5/8 = 62.5 % → 38 and 62 (the tie
    # of fractions goes to the first key), full territory 0.
    assert math.split_by_free_capacity({1: 3, 2: 5, 3: -2}) == {1: 38, 2: 62, 3: 0}
    assert math.split_by_free_capacity({1: 0, 2: 0}) == {1: 50, 2: 50}


def test_territory_load_warns_of_over_distribution():
    # 30 recruits split 50/50: 15 each. North has 10 now, capacity 20 → 25, 5 over.
    loads = math.territory_loads(30, {1: D(50), 2: D(50)}, [
        {"key": 1, "name": "North", "current": 10, "capacity": 20},
        {"key": 2, "name": "South", "current": 0, "capacity": 40},
    ])  # fmt: skip
    assert [(load.recruits, load.load, load.over) for load in loads] == [(15, 25, 5), (15, 15, 0)]


def test_certified_people_per_productive_partner():
    # 12 productive partners at a tier requiring 2 certified people each → 24.
    assert math.certified_needed(12, 2) == 24
    assert math.certified_needed(12, None) is None


def test_sensitivity_sorted_by_swing():
    rows = math.sensitivity(inputs())
    swings = [row["swing"] for row in rows]
    assert swings == sorted(swings, reverse=True)
    goal = next(row for row in rows if row["input"] == "goal")
    # Goal −20 %: 960,000 → 10 productive → ⌈10 ÷ 0.4⌉ = 25; +20 %: 1,440,000 → 15 → 38.
    assert (goal["low"], goal["high"]) == (25, 38)
    assert (goal["low_change"], goal["high_change"]) == (-5, 8)
