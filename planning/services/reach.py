"""Writes of reach scenarios: create, update and delete, staff only, checked as the calculator
checks its inputs (planning.reach.problems) before the database's constraints."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from prm.lib.access import require_vendor_staff

from .. import reach as math
from ..forms.reach import split_problem
from ..models import ReachScenario, ReachScenarioSplit

INPUT_FIELDS = (
    "goal", "period_months", "currency", "average_revenue", "productive_share", "ramp_months",
    "attrition", "training_cost", "incentive_cost",
)  # fmt: skip


def _check(scenario: ReachScenario, split: dict) -> None:
    errors = dict(math.problems(math.ReachInputs(
        **{name: getattr(scenario, name) for name in INPUT_FIELDS}
    )))  # fmt: skip
    problem = split_problem({key: Decimal(value) for key, value in split.items()})
    if problem:
        errors["split"] = problem
    if not scenario.name.strip():
        errors["name"] = "A scenario needs a name."
    taken = ReachScenario.objects.filter(created_by=scenario.created_by, name=scenario.name)
    if taken.exclude(pk=scenario.pk).exists():
        errors["name"] = "You already have a scenario with this name."
    if errors:
        raise ValidationError(errors)


def _save(scenario: ReachScenario, split: dict) -> ReachScenario:
    _check(scenario, split)
    scenario.save()
    scenario.splits.all().delete()
    ReachScenarioSplit.objects.bulk_create(
        ReachScenarioSplit(scenario=scenario, territory=territory, percent=percent)
        for territory, percent in split.items()
        if percent
    )
    return scenario


@transaction.atomic
def reach_scenario_create(*, actor, name: str, split: dict | None = None, tier=None,
                          notes: str = "", **inputs) -> ReachScenario:  # fmt: skip
    """`split`: territory → % of the recruits (summing to 100); `inputs`: the calculator's."""
    require_vendor_staff(actor)
    unknown = set(inputs) - set(INPUT_FIELDS)
    if unknown:
        raise TypeError(f"unknown inputs: {sorted(unknown)}")
    scenario = ReachScenario(name=name, tier=tier, notes=notes, created_by=actor, **inputs)
    return _save(scenario, split or {})


@transaction.atomic
def reach_scenario_update(*, actor, scenario: ReachScenario, split: dict | None = None,
                          **changes) -> ReachScenario:  # fmt: skip
    """Change any input, the name, tier or notes; `split` replaces the whole split when given."""
    require_vendor_staff(actor)
    for name, value in changes.items():
        if name not in (*INPUT_FIELDS, "name", "tier", "notes"):
            raise TypeError(f"unknown field: {name}")
        setattr(scenario, name, value)
    if split is None:
        split = {row.territory: row.percent for row in scenario.splits.all()}
    return _save(scenario, split)


@transaction.atomic
def reach_scenario_delete(*, actor, scenario: ReachScenario) -> None:
    require_vendor_staff(actor)
    scenario.delete()
