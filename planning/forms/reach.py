"""The reach calculator's inputs (a GET form: the page and its htmx updates read the query
string) and the form that saves them as a named scenario."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from prm.lib.money import Currency

from .. import reach as math

SPLIT_PREFIX = "split_"
SPLIT_ERROR = _("The split across territories must add up to 100 %% (it adds up to %(total)s %%).")

MONEY = {"max_digits": 14, "decimal_places": 2}
PERCENT = {"max_digits": 5, "decimal_places": 2}


def split_field_name(territory: dict) -> str:
    return f"{SPLIT_PREFIX}{territory['key']}"


def split_problem(split: dict) -> str | None:
    """Why the split cannot be used (None: it sums to 100 or there are no territories)."""
    if not split:
        return None
    total = sum(split.values(), Decimal(0))
    if total != 100:
        return str(SPLIT_ERROR) % {"total": f"{total:g}"}
    return None


class ReachForm(forms.Form):
    """Every input of the calculator; `territories` (planning.selectors.reach.territory_capacity)
    gives one split field per territory, `tiers` (tier_ladder) the tier choice."""

    goal = forms.DecimalField(label=_("Revenue growth goal"), **MONEY)
    currency = forms.ChoiceField(label=_("Currency"), choices=Currency.choices)
    period_months = forms.IntegerField(label=_("Period (months)"), min_value=1, max_value=120)
    average_revenue = forms.DecimalField(
        label=_("Average revenue of a productive partner (per year)"), **MONEY
    )
    productive_share = forms.DecimalField(label=_("Recruits who become productive (%)"), **PERCENT)
    ramp_months = forms.IntegerField(label=_("Ramp-up time (months)"), min_value=0, max_value=120)
    attrition = forms.DecimalField(label=_("Annual attrition (%)"), **PERCENT)
    training_cost = forms.DecimalField(label=_("Training cost per partner"), min_value=0, **MONEY)
    incentive_cost = forms.DecimalField(label=_("Incentive cost per partner"), min_value=0, **MONEY)
    tier = forms.TypedChoiceField(
        label=_("Tier productive partners reach"), coerce=int, required=False, empty_value=None,
        help_text=_("Certified people are counted from this tier's requirement."),
    )  # fmt: skip

    def __init__(self, *args, territories=(), tiers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.territories = list(territories)
        self.fields["tier"].choices = [("", _("None"))] + [
            (tier.tier_id, tier.name) for tier in tiers
        ]
        for territory in self.territories:
            self.fields[split_field_name(territory)] = forms.DecimalField(
                label=territory["name"], min_value=0, max_value=100, **PERCENT,
                help_text=_("%(current)s of %(capacity)s partners now") % territory,
            )  # fmt: skip

    def split_fields(self):
        return [self[split_field_name(territory)] for territory in self.territories]

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        for name, message in math.problems(self.inputs(data)).items():
            self.add_error(name, message)
        problem = split_problem(self.split(data))
        if problem and self.territories:
            self.add_error(split_field_name(self.territories[0]), problem)
        return data

    @staticmethod
    def inputs(data) -> math.ReachInputs:
        return math.ReachInputs(
            goal=data["goal"], period_months=data["period_months"],
            average_revenue=data["average_revenue"], productive_share=data["productive_share"],
            ramp_months=data["ramp_months"], attrition=data["attrition"],
            training_cost=data["training_cost"], incentive_cost=data["incentive_cost"],
            currency=data["currency"],
        )  # fmt: skip

    def split(self, data=None) -> dict:
        data = self.cleaned_data if data is None else data
        return {
            territory["key"]: data.get(split_field_name(territory)) or Decimal(0)
            for territory in self.territories
        }


class ReachScenarioSaveForm(forms.Form):
    name = forms.CharField(label=_("Scenario name"), max_length=120)
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
