"""Stakeholder analyses (with the champion and a summary per partner) and individual plans."""

import django_filters
from django.db.models import Count, F, Q
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from partners import selectors as partner_selectors
from prm.lib.api import FixedOnUpdate, StrictSerializer, call_service
from prm.models import SHORT_TEXT

from .. import services
from ..models import STRATEGY_FOR_STANCE, RelationshipPlan, Stakeholder, Stance, Strategy
from ..selectors import access
from .common import (
    RelationshipViewSet,
    owner_filter,
    partner_filter,
    stakeholder_filter,
)

STANCE_FOR_STRATEGY = {strategy: stance for stance, strategy in STRATEGY_FOR_STANCE.items()}


class StakeholderSerializer(FixedOnUpdate, serializers.ModelSerializer):
    fixed_on_update = ("contact",)

    contact = serializers.PrimaryKeyRelatedField(queryset=partner_selectors.contacts())
    contact_name = serializers.CharField(source="contact.full_name", read_only=True)
    contact_title = serializers.CharField(source="contact.title", read_only=True)
    partner = serializers.PrimaryKeyRelatedField(read_only=True)
    strategy = serializers.ChoiceField(choices=Strategy.choices, read_only=True)
    owners = serializers.PrimaryKeyRelatedField(
        queryset=partner_selectors.channel_managers(), many=True, required=False
    )

    class Meta:
        model = Stakeholder
        fields = [
            "id", "contact", "contact_name", "contact_title", "partner",
            "formal_responsibilities", "business_objectives", "decides_alone", "influences",
            "influence", "decision_orientation", "adaptability", "relationship_level", "stance",
            "strategy", "owners", "cadence_days", "is_champion", "champion_reason",
            "last_interaction_on", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = [
            "is_champion", "champion_reason", "last_interaction_on", "created_at", "updated_at",
        ]  # fmt: skip
        # The database's check constraint would only answer with a form-wide error.
        extra_kwargs = {"cadence_days": {"min_value": 1, "max_value": 365}}
        # One analysis per contact is checked at `contact` (below); the service re-checks.
        validators = []

    def validate_contact(self, contact):
        if self.instance is not None:
            return contact
        if contact.left_on is not None:
            raise serializers.ValidationError(f"{contact} has left the partner.")
        if Stakeholder.objects.filter(contact=contact).exists():
            raise serializers.ValidationError(f"{contact} already has a stakeholder analysis.")
        return contact


class ChampionSerializer(StrictSerializer):
    reason = serializers.CharField(
        max_length=SHORT_TEXT, help_text="Why this person is the partner's champion."
    )


class PartnerStakeholderSummarySerializer(serializers.Serializer):
    partner = serializers.IntegerField()
    partner_name = serializers.CharField()
    partner_slug = serializers.CharField()
    stakeholders = serializers.IntegerField()
    supporters = serializers.IntegerField()
    neutrals = serializers.IntegerField()
    non_supporters = serializers.IntegerField()
    has_champion = serializers.BooleanField()


class RelationshipPlanSerializer(FixedOnUpdate, serializers.ModelSerializer):
    fixed_on_update = ("stakeholder",)

    stakeholder = serializers.PrimaryKeyRelatedField(queryset=Stakeholder.objects.all())
    partner = serializers.PrimaryKeyRelatedField(source="stakeholder.partner", read_only=True)
    related_stakeholders = serializers.PrimaryKeyRelatedField(
        queryset=Stakeholder.objects.all(), many=True, required=False
    )
    owner = serializers.PrimaryKeyRelatedField(queryset=partner_selectors.channel_managers())

    class Meta:
        model = RelationshipPlan
        fields = [
            "id", "stakeholder", "partner", "position_and_responsibilities",
            "business_objectives", "value_we_provide", "how_to_build_more_value",
            "decisions_and_influence", "current_relationship", "communication_frequency",
            "value_communication", "related_stakeholders", "owner", "review_on",
            "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = ["created_at", "updated_at"]
        validators = []

    def validate_stakeholder(self, stakeholder):
        planned = RelationshipPlan.objects.filter(stakeholder=stakeholder).exists()
        if self.instance is None and planned:
            raise serializers.ValidationError(f"{stakeholder} already has a plan; edit it instead.")
        return stakeholder


class StakeholderFilter(django_filters.FilterSet):
    partner = partner_filter()
    owner = owner_filter("owners")
    strategy = django_filters.ChoiceFilter(choices=Strategy.choices, method="filter_strategy")
    influence_min = django_filters.NumberFilter(field_name="influence", lookup_expr="gte")
    current = django_filters.BooleanFilter(
        field_name="contact__left_on", lookup_expr="isnull", label="Still at the partner"
    )

    class Meta:
        model = Stakeholder
        fields = [
            "partner", "stance", "strategy", "influence", "influence_min",
            "decision_orientation", "adaptability", "relationship_level", "is_champion",
            "owner", "current",
        ]  # fmt: skip

    def filter_strategy(self, queryset, name, value):
        return queryset.filter(stance=STANCE_FOR_STRATEGY[Strategy(value)])


class RelationshipPlanFilter(django_filters.FilterSet):
    partner = partner_filter("stakeholder__partner")
    stakeholder = stakeholder_filter("stakeholder")
    owner = owner_filter()
    review_after = django_filters.DateFilter(field_name="review_on", lookup_expr="gte")
    review_before = django_filters.DateFilter(field_name="review_on", lookup_expr="lte")

    class Meta:
        model = RelationshipPlan
        fields = ["partner", "stakeholder", "owner", "review_after", "review_before"]


class StakeholderViewSet(RelationshipViewSet):
    """Stakeholder analyses. `strategy` follows from `stance`; champions are designated through
    the `champion` action, at most one per partner."""

    serializer_class = StakeholderSerializer
    filterset_class = StakeholderFilter
    search_fields = ["contact__first_name", "contact__last_name", "contact__title"]
    ordering_fields = [
        "influence", "relationship_level", "last_interaction_on", "contact__last_name",
        "created_at",
    ]  # fmt: skip
    access_function = staticmethod(access.stakeholder_get)
    create_service = staticmethod(services.stakeholder_create)
    update_service = staticmethod(services.stakeholder_update)
    delete_service = staticmethod(services.stakeholder_delete)
    instance_argument = "stakeholder"

    def get_queryset(self):
        return (
            Stakeholder.objects.select_related("contact")
            .prefetch_related("owners")
            .order_by("-influence", "contact__last_name", "pk")
        )

    @extend_schema(
        methods=["POST"], request=ChampionSerializer, responses=StakeholderSerializer,
        summary="Designate this stakeholder as the partner's champion (replaces any other).",
    )  # fmt: skip
    @extend_schema(
        methods=["DELETE"], request=None, responses=StakeholderSerializer,
        summary="Clear this stakeholder's champion designation.",
    )  # fmt: skip
    @action(detail=True, methods=["post", "delete"])
    def champion(self, request, pk=None):
        stakeholder = self.get_object()
        if request.method == "DELETE":
            call_service(services.champion_clear, actor=request.user, stakeholder=stakeholder)
        else:
            body = ChampionSerializer(data=request.data)
            body.is_valid(raise_exception=True)
            call_service(
                services.champion_designate,
                actor=request.user,
                stakeholder=stakeholder,
                reason=body.validated_data["reason"],
            )
        return Response(StakeholderSerializer(stakeholder).data)

    @extend_schema(
        responses=PartnerStakeholderSummarySerializer(many=True),
        summary="Stakeholders per partner, the partners with the most first.",
    )
    @action(detail=False, url_path="by-partner", filter_backends=[DjangoFilterBackend])
    def by_partner(self, request):
        rows = (
            self.filter_queryset(Stakeholder.objects.order_by())
            .values("partner", partner_name=F("partner__name"), partner_slug=F("partner__slug"))
            .annotate(
                stakeholders=Count("pk"),
                supporters=Count("pk", filter=Q(stance=Stance.SUPPORTER)),
                neutrals=Count("pk", filter=Q(stance=Stance.NEUTRAL)),
                non_supporters=Count("pk", filter=Q(stance=Stance.NON_SUPPORTER)),
                champions=Count("pk", filter=Q(is_champion=True)),
            )
            .order_by("-stakeholders", "partner")
        )
        page = self.paginate_queryset(rows)
        for row in page:
            row["has_champion"] = row.pop("champions") > 0
        summary = PartnerStakeholderSummarySerializer(page, many=True)
        return self.get_paginated_response(summary.data)


class RelationshipPlanViewSet(RelationshipViewSet):
    serializer_class = RelationshipPlanSerializer
    filterset_class = RelationshipPlanFilter
    search_fields = [
        "stakeholder__contact__first_name", "stakeholder__contact__last_name",
        "position_and_responsibilities",
    ]  # fmt: skip
    ordering_fields = ["review_on", "created_at", "updated_at"]
    access_function = staticmethod(access.plan_get)
    create_service = staticmethod(services.plan_create)
    update_service = staticmethod(services.plan_update)
    delete_service = staticmethod(services.plan_delete)
    instance_argument = "plan"

    def get_queryset(self):
        return (
            RelationshipPlan.objects.select_related("stakeholder")
            .prefetch_related("related_stakeholders")
            .order_by("review_on", "pk")
        )
