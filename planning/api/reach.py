"""`GET /api/v1/reach/`: the calculator as a resource (inputs as query parameters, every result
and the formula out; 400 with field errors for impossible inputs). `/api/v1/reach-scenarios/`:
saved scenarios, CRUD through the services. Staff only."""

from decimal import Decimal

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.response import Response

from partners.selectors import registry as partner_reads
from prm.lib.access import IsVendorStaff
from prm.lib.api import ServiceModelViewSet
from prm.lib.money import Currency, default_currency

from .. import reach as math
from ..forms.reach import split_problem
from ..models import ReachScenario
from ..selectors import reach as selectors
from ..services.reach import (
    INPUT_FIELDS,
    reach_scenario_create,
    reach_scenario_delete,
    reach_scenario_update,
)

MONEY = {"max_digits": 14, "decimal_places": 2}
PERCENT = {"max_digits": 5, "decimal_places": 2}


class ReachQuerySerializer(serializers.Serializer):
    goal = serializers.DecimalField(**MONEY)
    period_months = serializers.IntegerField(min_value=1, max_value=120)
    currency = serializers.ChoiceField(choices=Currency.choices, required=False)
    average_revenue = serializers.DecimalField(
        required=False, help_text="Per year; default: from our revenue actuals.", **MONEY
    )
    productive_share = serializers.DecimalField(
        required=False, help_text="%; default: from our partners' history.", **PERCENT
    )
    ramp_months = serializers.IntegerField(required=False, min_value=0, max_value=120)
    attrition = serializers.DecimalField(required=False, help_text="% a year.", **PERCENT)
    training_cost = serializers.DecimalField(required=False, default=Decimal(0), **MONEY)
    incentive_cost = serializers.DecimalField(required=False, default=Decimal(0), **MONEY)
    tier = serializers.IntegerField(required=False, min_value=1)
    split = serializers.CharField(
        required=False,
        help_text="Territory id:percent pairs, comma-separated (e.g. 3:60,5:40), summing to "
        "100; default: proportional to free capacity.",
    )

    def validate_split(self, value):
        split = {}
        for part in value.split(","):
            key, _sep, percent = part.partition(":")
            try:
                split[int(key)] = Decimal(percent)
            except (ValueError, ArithmeticError):
                raise serializers.ValidationError("Write territory id:percent pairs.") from None
        problem = split_problem(split)
        if problem:
            raise serializers.ValidationError(problem)
        return split

    def validate(self, attrs):
        defaults = self.context["defaults"]
        for name, default in defaults.items():
            attrs.setdefault(name, default.value)
        attrs.setdefault("currency", default_currency())
        inputs = {name: attrs[name] for name in INPUT_FIELDS}
        errors = math.problems(math.ReachInputs(**inputs))
        if errors:
            raise serializers.ValidationError(errors)
        return attrs


class ReachViewSet(viewsets.GenericViewSet):
    # One calculated answer, not a list of rows: nothing to page or export.
    one_answer = True
    permission_classes = [IsVendorStaff]
    queryset = ReachScenario.objects.none()
    filter_backends = []
    pagination_class = None

    @extend_schema(parameters=[ReachQuerySerializer], responses={200: dict})
    def list(self, request):
        defaults = selectors.reach_defaults()
        query = ReachQuerySerializer(data=request.query_params, context={"defaults": defaults})
        query.is_valid(raise_exception=True)
        data = query.validated_data
        territories = selectors.territory_capacity()
        split = data.get("split") or selectors.default_split(territories)
        tiers = selectors.certification_tiers()
        tier = data.get("tier") or getattr(selectors.default_tier(tiers), "tier_id", None)
        report = selectors.reach_report(
            inputs=math.ReachInputs(**{name: data[name] for name in INPUT_FIELDS}),
            split=split, tier_id=tier, territories=territories, tiers=tiers,
        )  # fmt: skip
        return Response(report_json(report, defaults=defaults, used=set(query.initial_data)))


def report_json(report, *, defaults=None, used=()) -> dict:
    result = report.result
    return {
        "inputs": {name: getattr(report.inputs, name) for name in INPUT_FIELDS},
        "defaults": {
            name: {"value": default.value, "source": default.source, "from_data": default.from_data,
                   "used": name not in used}
            for name, default in (defaults or {}).items()
        },
        "productive_months": result.productive_months,
        "revenue_per_productive_partner": result.revenue_per_partner,
        "productive_partners_needed": result.productive_needed,
        "retention_over_period": result.retention,
        "recruits_needed": result.recruits_needed,
        "training_total": result.training_total,
        "incentive_total": result.incentive_total,
        "investment": result.investment,
        "certified_people": {
            "tier": report.tier.name if report.tier else None,
            "per_productive_partner": report.certified_per_partner,
            "needed": report.certified_needed,
        },
        "formula": result.formula,
        "steps": result.steps,
        "territories": [
            {"territory": load.key, "name": load.name, "split_percent": load.share,
             "recruits": load.recruits, "current": load.current, "load": load.load,
             "capacity": load.capacity, "over_capacity_by": load.over}
            for load in report.loads
        ],
        "over_distribution": bool(report.overloaded),
        "sensitivity": report.sensitivity,
    }  # fmt: skip


class ReachScenarioSplitSerializer(serializers.Serializer):
    territory = serializers.PrimaryKeyRelatedField(queryset=partner_reads.territories())
    percent = serializers.DecimalField(min_value=0, max_value=100, **PERCENT)


class ReachScenarioSerializer(serializers.ModelSerializer):
    split = ReachScenarioSplitSerializer(many=True, required=False, source="splits")
    created_by = serializers.PrimaryKeyRelatedField(read_only=True)
    results = serializers.SerializerMethodField()

    class Meta:
        model = ReachScenario
        fields = ["id", "name", *INPUT_FIELDS, "tier", "notes", "split", "created_by",
                  "created_at", "updated_at", "version", "results"]  # fmt: skip
        read_only_fields = ["version"]

    def validate(self, attrs):
        attrs = super().validate(attrs)
        merged = {name: getattr(self.instance, name, None) for name in INPUT_FIELDS}
        merged |= {name: attrs[name] for name in INPUT_FIELDS if name in attrs}
        if self.instance is None:
            merged["currency"] = merged["currency"] or default_currency()
            merged["training_cost"] = merged["training_cost"] or Decimal(0)
            merged["incentive_cost"] = merged["incentive_cost"] or Decimal(0)
        if None not in merged.values():
            errors = math.problems(math.ReachInputs(**merged))
            if errors:
                raise serializers.ValidationError(errors)
        if "splits" in attrs:
            problem = split_problem(
                {row["territory"].pk: row["percent"] for row in attrs["splits"]}
            )
            if problem:
                raise serializers.ValidationError({"split": problem})
        return attrs

    def get_results(self, scenario) -> dict:
        territories = self.context.setdefault("territories", selectors.territory_capacity())
        tiers = self.context.setdefault("tiers", selectors.certification_tiers())
        report = selectors.scenario_report(scenario, territories=territories, tiers=tiers)
        return report_json(report)


class ReachScenarioViewSet(ServiceModelViewSet):
    permission_classes = [IsVendorStaff]
    serializer_class = ReachScenarioSerializer
    filterset_fields = ["created_by", "currency"]
    search_fields = ["name", "notes"]
    ordering_fields = ["name", "created_at", "goal"]
    create_service = staticmethod(reach_scenario_create)
    update_service = staticmethod(reach_scenario_update)
    delete_service = staticmethod(reach_scenario_delete)
    instance_argument = "scenario"

    def get_queryset(self):
        return selectors.reach_scenarios().order_by("name", "pk")

    @staticmethod
    def _split(data: dict) -> dict:
        if "splits" in data:
            data["split"] = {row["territory"]: row["percent"] for row in data.pop("splits")}
        return data

    def create_data(self, serializer) -> dict:
        return self._split(dict(serializer.validated_data))

    def update_data(self, serializer) -> dict:
        return self._split(dict(serializer.validated_data))


def register(router) -> None:
    router.register("reach", ReachViewSet, basename="reach")
    router.register("reach-scenarios", ReachScenarioViewSet, basename="reach-scenario")
