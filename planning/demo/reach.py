"""Three named reach scenarios from the demo's own defaults: the plan, a cautious and a bold
variant. A rerun keeps the ones already there."""

from decimal import Decimal

from django.contrib.auth import get_user_model

from prm.lib.money import default_currency

from ..models import ReachScenario
from ..selectors import reach as selectors
from ..services.reach import reach_scenario_create

SCENARIOS = (
    ("Plan: +2m in 18 months", Decimal("2000000"), 18, Decimal("1"),
     "The growth target as agreed in the annual plan."),
    ("Cautious: slower ramp", Decimal("2000000"), 18, Decimal("0.8"),
     "Fewer recruits turn productive and they take longer to get there."),
    ("Bold: +5m in 24 months", Decimal("5000000"), 24, Decimal("1.1"),
     "Stretch goal if the new territories open as planned."),
)  # fmt: skip


def _owner(state):
    user = state.users.get("manager")
    if user is None:
        user = get_user_model().objects.filter(role="channel_manager").order_by("pk").first()
    return user


def seed(state) -> None:
    owner = _owner(state)
    if owner is None:
        return
    defaults = selectors.reach_defaults()
    territories = selectors.territory_capacity()
    split = selectors.default_split(territories)
    by_id = {row.pk: row for row in selectors.partner_reads.territories()}
    tiers = selectors.certification_tiers()
    terms = selectors.default_tier(tiers)
    tier = selectors.partner_reads.tiers().filter(pk=terms.tier_id).first() if terms else None
    made = 0
    for name, goal, months, optimism, notes in SCENARIOS:
        if ReachScenario.objects.filter(created_by=owner, name=name).exists():
            continue
        share = min(defaults["productive_share"].value * optimism, Decimal(100))
        ramp = min(round(defaults["ramp_months"].value / optimism), months - 1)
        reach_scenario_create(
            actor=owner, name=name, notes=notes, goal=goal, period_months=months,
            currency=default_currency(), tier=tier,
            average_revenue=defaults["average_revenue"].value, productive_share=share,
            ramp_months=ramp, attrition=defaults["attrition"].value,
            training_cost=Decimal("6000"), incentive_cost=Decimal("3000"),
            split={by_id[key]: percent for key, percent in split.items()},
        )  # fmt: skip
        made += 1
    state.report("reach scenarios", made)
