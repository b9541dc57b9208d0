"""Reach scenarios: a named set of the reach calculator's inputs, saved to compare and chart."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from prm.lib.money import currency_field
from prm.models import LONG_TEXT, LimitedTextField, TimeStampedModel, VersionedModel

__all__ = ["ReachScenario", "ReachScenarioSplit"]

MONEY = {"max_digits": 14, "decimal_places": 2}
PERCENT = {"max_digits": 5, "decimal_places": 2}


class ReachScenario(VersionedModel, TimeStampedModel):
    """What a revenue growth goal needs in partners, under stated assumptions. The results are
    computed from the inputs each time (planning.reach), never stored."""

    name = models.CharField(_("name"), max_length=120)
    goal = models.DecimalField(_("revenue growth goal"), **MONEY)
    period_months = models.PositiveSmallIntegerField(
        _("period (months)"), validators=[MinValueValidator(1), MaxValueValidator(120)]
    )
    currency = currency_field(verbose_name=_("currency"))
    average_revenue = models.DecimalField(
        _("average revenue of a productive partner (per year)"), **MONEY
    )
    productive_share = models.DecimalField(
        _("share of recruits becoming productive (%)"), **PERCENT
    )
    ramp_months = models.PositiveSmallIntegerField(_("ramp-up (months)"))
    attrition = models.DecimalField(_("annual attrition (%)"), **PERCENT)
    training_cost = models.DecimalField(_("training cost per partner"), default=Decimal(0), **MONEY)
    incentive_cost = models.DecimalField(
        _("incentive cost per partner"), default=Decimal(0), **MONEY
    )
    tier = models.ForeignKey(
        "partners.ProgramTier", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("tier productive partners reach"),
    )  # fmt: skip
    notes = LimitedTextField(_("notes"), max_length=LONG_TEXT, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reach_scenarios"
    )

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["created_by", "name"],
                name="reach_scenario_name_unique_per_owner",
                violation_error_message=_("You already have a scenario with this name."),
            ),  # fmt: skip
            models.CheckConstraint(condition=Q(goal__gt=0), name="reach_scenario_goal_positive"),
            models.CheckConstraint(
                condition=Q(period_months__gte=1), name="reach_scenario_period_positive"
            ),
            models.CheckConstraint(
                condition=Q(average_revenue__gt=0), name="reach_scenario_revenue_positive"
            ),
            models.CheckConstraint(
                condition=Q(productive_share__gt=0, productive_share__lte=100),
                name="reach_scenario_share_range",
            ),
            models.CheckConstraint(
                condition=Q(ramp_months__lt=F("period_months")),
                name="reach_scenario_ramp_within_period",
                violation_error_message=_("Ramp-up must be shorter than the period."),
            ),
            models.CheckConstraint(
                condition=Q(attrition__gte=0, attrition__lt=100),
                name="reach_scenario_attrition_range",
            ),
            models.CheckConstraint(
                condition=Q(training_cost__gte=0, incentive_cost__gte=0),
                name="reach_scenario_costs_not_negative",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("planning:reach-compare") + f"?ids={self.pk}"


class ReachScenarioSplit(TimeStampedModel):
    """The share of a scenario's recruits meant for one territory (the shares sum to 100)."""

    scenario = models.ForeignKey(ReachScenario, on_delete=models.CASCADE, related_name="splits")
    territory = models.ForeignKey("partners.Territory", on_delete=models.CASCADE, related_name="+")
    percent = models.DecimalField(_("share of recruits (%)"), **PERCENT)

    class Meta:
        ordering = ["territory__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["scenario", "territory"], name="reach_split_one_per_territory"
            ),
            models.CheckConstraint(
                condition=Q(percent__gte=0, percent__lte=100), name="reach_split_percent_range"
            ),
        ]

    def __str__(self):
        return f"{self.territory}: {self.percent} %"
