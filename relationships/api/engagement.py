"""The engagement plan and log: engagement actions, interactions, relationship objectives."""

import datetime

import django_filters
from django.db.models import Q
from rest_framework import serializers

from partners import selectors as partner_selectors
from prm.lib.api import FixedOnUpdate

from .. import services
from ..models import EngagementAction, Interaction, RelationshipObjective, Stakeholder
from ..selectors import access
from .common import (
    RelationshipViewSet,
    owner_filter,
    partner_filter,
    partners,
    stakeholder_filter,
)


class EngagementActionSerializer(FixedOnUpdate, serializers.ModelSerializer):
    fixed_on_update = ("partner",)

    partner = serializers.PrimaryKeyRelatedField(queryset=partners())
    stakeholders = serializers.PrimaryKeyRelatedField(
        queryset=Stakeholder.objects.all(), many=True, required=False
    )
    owner = serializers.PrimaryKeyRelatedField(queryset=partner_selectors.channel_managers())
    is_overdue = serializers.SerializerMethodField()

    class Meta:
        model = EngagementAction
        fields = [
            "id", "partner", "title", "notes", "stakeholders", "owner", "due_on", "status",
            "completed_on", "is_overdue", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = ["completed_on", "created_at", "updated_at"]

    def get_is_overdue(self, obj) -> bool:
        return obj.is_open and obj.due_on < datetime.date.today()


class InteractionSerializer(FixedOnUpdate, serializers.ModelSerializer):
    fixed_on_update = ("partner",)

    partner = serializers.PrimaryKeyRelatedField(queryset=partners())
    # Who took part: any of the partner's people (`contacts`), or named by their analysis
    # (`stakeholders`); either is enough. Reading, `stakeholders` lists the analysed ones.
    contacts = serializers.PrimaryKeyRelatedField(
        queryset=partner_selectors.contacts(), many=True, required=False
    )
    stakeholders = serializers.PrimaryKeyRelatedField(
        queryset=Stakeholder.objects.all(), many=True, allow_empty=False, required=False
    )
    logged_by = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = Interaction
        fields = [
            "id", "partner", "occurred_on", "contacts", "stakeholders", "channel", "sentiment",
            "notes", "logged_by", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = ["created_at", "updated_at"]


class RelationshipObjectiveSerializer(FixedOnUpdate, serializers.ModelSerializer):
    fixed_on_update = ("partner",)

    partner = serializers.PrimaryKeyRelatedField(queryset=partners())
    stakeholder = serializers.PrimaryKeyRelatedField(
        queryset=Stakeholder.objects.all(), allow_null=True, required=False
    )
    owner = serializers.PrimaryKeyRelatedField(queryset=partner_selectors.channel_managers())

    class Meta:
        model = RelationshipObjective
        fields = [
            "id", "partner", "title", "stakeholder", "target_stance", "target_level", "due_on",
            "status", "owner", "notes", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = ["created_at", "updated_at"]


class EngagementActionFilter(django_filters.FilterSet):
    partner = partner_filter()
    stakeholder = stakeholder_filter()
    owner = owner_filter()
    overdue = django_filters.BooleanFilter(method="filter_overdue", label="Open and past due")
    due_after = django_filters.DateFilter(field_name="due_on", lookup_expr="gte")
    due_before = django_filters.DateFilter(field_name="due_on", lookup_expr="lte")

    class Meta:
        model = EngagementAction
        fields = ["partner", "status", "owner", "overdue", "stakeholder", "due_after", "due_before"]

    def filter_overdue(self, queryset, name, value):
        overdue = Q(status__in=EngagementAction.OPEN_STATUSES, due_on__lt=datetime.date.today())
        return queryset.filter(overdue) if value else queryset.exclude(overdue)


class InteractionFilter(django_filters.FilterSet):
    partner = partner_filter()
    stakeholder = stakeholder_filter()
    logged_by = owner_filter("logged_by")
    occurred_after = django_filters.DateFilter(field_name="occurred_on", lookup_expr="gte")
    occurred_before = django_filters.DateFilter(field_name="occurred_on", lookup_expr="lte")

    class Meta:
        model = Interaction
        fields = [
            "partner", "channel", "sentiment", "stakeholder", "logged_by", "occurred_after",
            "occurred_before",
        ]  # fmt: skip


class RelationshipObjectiveFilter(django_filters.FilterSet):
    partner = partner_filter()
    stakeholder = stakeholder_filter("stakeholder")
    owner = owner_filter()
    due_after = django_filters.DateFilter(field_name="due_on", lookup_expr="gte")
    due_before = django_filters.DateFilter(field_name="due_on", lookup_expr="lte")

    class Meta:
        model = RelationshipObjective
        fields = ["partner", "status", "stakeholder", "owner", "due_after", "due_before"]


class EngagementActionViewSet(RelationshipViewSet):
    serializer_class = EngagementActionSerializer
    filterset_class = EngagementActionFilter
    search_fields = ["title", "notes"]
    ordering_fields = ["due_on", "status", "created_at", "completed_on"]
    access_function = staticmethod(access.action_get)
    create_service = staticmethod(services.action_create)
    update_service = staticmethod(services.action_update)
    delete_service = staticmethod(services.action_delete)
    instance_argument = "action"

    def get_queryset(self):
        return EngagementAction.objects.prefetch_related("stakeholders").order_by("due_on", "pk")


class InteractionViewSet(RelationshipViewSet):
    """The engagement log. `logged_by` is whoever logs it; the stakeholders' latest-interaction
    dates follow every change."""

    serializer_class = InteractionSerializer
    filterset_class = InteractionFilter
    search_fields = ["notes"]
    ordering_fields = ["occurred_on", "created_at"]
    access_function = staticmethod(access.interaction_get)
    create_service = staticmethod(services.interaction_log)
    update_service = staticmethod(services.interaction_update)
    delete_service = staticmethod(services.interaction_delete)
    instance_argument = "interaction"

    def get_queryset(self):
        return Interaction.objects.prefetch_related("contacts", "stakeholders").order_by(
            "-occurred_on", "-pk"
        )


class RelationshipObjectiveViewSet(RelationshipViewSet):
    serializer_class = RelationshipObjectiveSerializer
    filterset_class = RelationshipObjectiveFilter
    search_fields = ["title", "notes"]
    ordering_fields = ["due_on", "status", "created_at"]
    access_function = staticmethod(access.objective_get)
    create_service = staticmethod(services.objective_create)
    update_service = staticmethod(services.objective_update)
    delete_service = staticmethod(services.objective_delete)
    instance_argument = "objective"

    def get_queryset(self):
        return RelationshipObjective.objects.order_by("due_on", "pk")
