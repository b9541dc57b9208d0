"""Reach scenario services: staff only, checked like the calculator, constraints behind them;
and the demo's three scenarios."""

import io
from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from planning.models import ReachScenario
from planning.services.reach import (
    reach_scenario_create,
    reach_scenario_delete,
    reach_scenario_update,
)
from tests.factories import TerritoryFactory

INPUTS = {"goal": D(1_200_000), "period_months": 12, "currency": "EUR",
          "average_revenue": D(200_000), "productive_share": D(50), "ramp_months": 6,
          "attrition": D(20), "training_cost": D(5000), "incentive_cost": D(2000)}  # fmt: skip


def test_create_update_delete(manager):
    north, south = TerritoryFactory(), TerritoryFactory()
    scenario = reach_scenario_create(actor=manager, name="Plan", split={north: D(60), south: D(40)},
                                     **INPUTS)  # fmt: skip
    assert scenario.splits.count() == 2
    reach_scenario_update(actor=manager, scenario=scenario, goal=D(2_000_000))
    scenario.refresh_from_db()
    assert scenario.goal == D(2_000_000) and scenario.splits.count() == 2
    reach_scenario_delete(actor=manager, scenario=scenario)
    assert not ReachScenario.objects.exists()


@pytest.mark.parametrize(("change", "field"), [
    ({"productive_share": D(0)}, "productive_share"),
    ({"goal": D(-1)}, "goal"),
    ({"ramp_months": 12}, "ramp_months"),
    ({"attrition": D(100)}, "attrition"),
])  # fmt: skip
def test_impossible_inputs_refused_at_their_field(manager, change, field):
    with pytest.raises(ValidationError) as error:
        reach_scenario_create(actor=manager, name="Bad", **(INPUTS | change))
    assert field in error.value.message_dict


def test_split_must_sum_to_100_and_names_are_unique_per_owner(manager, other_manager):
    north = TerritoryFactory()
    with pytest.raises(ValidationError) as error:
        reach_scenario_create(actor=manager, name="Split", split={north: D(90)}, **INPUTS)
    assert "split" in error.value.message_dict
    reach_scenario_create(actor=manager, name="Same", **INPUTS)
    reach_scenario_create(actor=other_manager, name="Same", **INPUTS)  # another owner: fine
    with pytest.raises(ValidationError) as error:
        reach_scenario_create(actor=manager, name="Same", **INPUTS)
    assert "name" in error.value.message_dict


def test_partner_users_may_not_write(partner_admin):
    with pytest.raises(PermissionDenied):
        reach_scenario_create(actor=partner_admin, name="No", **INPUTS)


def test_database_refuses_ramp_not_shorter_than_period(manager):
    with pytest.raises(IntegrityError), transaction.atomic():
        ReachScenario.objects.create(
            name="Raw", created_by=manager, **(INPUTS | {"ramp_months": 12})
        )


@pytest.mark.django_db
def test_demo_seeds_three_scenarios():
    from django.core.management import call_command

    call_command("seed_demo", partners=2, force=True, stdout=io.StringIO())
    assert ReachScenario.objects.count() == 3
