"""REST resources of relationship management. Vendor staff only: a partner user gets 403 on
every endpoint, list and detail alike. Writes go through `relationships.services`."""

import datetime

import django_filters
from django import forms
from django.db.models import Count, F, Q
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import exceptions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from partners.models import Contact, Partner
from partners.selectors import channel_managers
from prm.lib.access import IsVendorStaff
from prm.lib.api import FILTER_BACKENDS, call_service

from . import services
from .culture import culture_profile
from .models import (
    STRATEGY_FOR_STANCE,
    CultureAssessment,
    CultureDescriptor,
    CultureDimension,
    CultureGuideline,
    CultureType,
    EngagementAction,
    Interaction,
    RelationshipObjective,
    RelationshipPlan,
    Stakeholder,
    Stance,
    Strategy,
)
from .models.culture import RATING_MAX, RATING_MIN
from .selectors import access

STANCE_FOR_STRATEGY = {strategy: stance for stance, strategy in STRATEGY_FOR_STANCE.items()}


def _staff_users():
    return channel_managers()


def _partners():
    return Partner.objects.all()


# --- serializers ------------------------------------------------------------------------------


class _FixedOnUpdate:
    """Fields that choose where an object belongs (its partner, contact, stakeholder) are set
    on create only; sending another value on update is a field error, not a silent move."""

    fixed_on_update: tuple[str, ...] = ()

    def validate(self, attrs):
        attrs = super().validate(attrs)
        if self.instance is None:
            return attrs
        errors = {}
        for name in self.fixed_on_update:
            if name in attrs and attrs.pop(name) != getattr(self.instance, name):
                errors[name] = "This cannot be changed; create a new record instead."
        if errors:
            raise serializers.ValidationError(errors)
        return attrs


class StakeholderSerializer(_FixedOnUpdate, serializers.ModelSerializer):
    fixed_on_update = ("contact",)

    contact = serializers.PrimaryKeyRelatedField(queryset=Contact.objects.all())
    contact_name = serializers.CharField(source="contact.full_name", read_only=True)
    contact_title = serializers.CharField(source="contact.title", read_only=True)
    partner = serializers.PrimaryKeyRelatedField(read_only=True)
    strategy = serializers.ChoiceField(choices=Strategy.choices, read_only=True)
    owners = serializers.PrimaryKeyRelatedField(queryset=_staff_users(), many=True, required=False)

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


class ChampionSerializer(serializers.Serializer):
    reason = serializers.CharField(help_text="Why this person is the partner's champion.")


class PartnerStakeholderSummarySerializer(serializers.Serializer):
    partner = serializers.IntegerField()
    partner_name = serializers.CharField()
    partner_slug = serializers.CharField()
    stakeholders = serializers.IntegerField()
    supporters = serializers.IntegerField()
    neutrals = serializers.IntegerField()
    non_supporters = serializers.IntegerField()
    has_champion = serializers.BooleanField()


class RelationshipPlanSerializer(_FixedOnUpdate, serializers.ModelSerializer):
    fixed_on_update = ("stakeholder",)

    stakeholder = serializers.PrimaryKeyRelatedField(queryset=Stakeholder.objects.all())
    partner = serializers.PrimaryKeyRelatedField(source="stakeholder.partner", read_only=True)
    related_stakeholders = serializers.PrimaryKeyRelatedField(
        queryset=Stakeholder.objects.all(), many=True, required=False
    )
    owner = serializers.PrimaryKeyRelatedField(queryset=_staff_users())

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


class EngagementActionSerializer(_FixedOnUpdate, serializers.ModelSerializer):
    fixed_on_update = ("partner",)

    partner = serializers.PrimaryKeyRelatedField(queryset=_partners())
    stakeholders = serializers.PrimaryKeyRelatedField(
        queryset=Stakeholder.objects.all(), many=True, required=False
    )
    owner = serializers.PrimaryKeyRelatedField(queryset=_staff_users())
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


class InteractionSerializer(_FixedOnUpdate, serializers.ModelSerializer):
    fixed_on_update = ("partner",)

    partner = serializers.PrimaryKeyRelatedField(queryset=_partners())
    stakeholders = serializers.PrimaryKeyRelatedField(
        queryset=Stakeholder.objects.all(), many=True, allow_empty=False
    )
    logged_by = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = Interaction
        fields = [
            "id", "partner", "occurred_on", "stakeholders", "channel", "sentiment", "notes",
            "logged_by", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = ["created_at", "updated_at"]


class RelationshipObjectiveSerializer(_FixedOnUpdate, serializers.ModelSerializer):
    fixed_on_update = ("partner",)

    partner = serializers.PrimaryKeyRelatedField(queryset=_partners())
    stakeholder = serializers.PrimaryKeyRelatedField(
        queryset=Stakeholder.objects.all(), allow_null=True, required=False
    )
    owner = serializers.PrimaryKeyRelatedField(queryset=_staff_users())

    class Meta:
        model = RelationshipObjective
        fields = [
            "id", "partner", "title", "stakeholder", "target_stance", "target_level", "due_on",
            "status", "owner", "notes", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = ["created_at", "updated_at"]


# --- filters ----------------------------------------------------------------------------------


class IdFilter(django_filters.NumberFilter):
    """An id: no select of every partner or stakeholder in the browsable API's filter form."""

    field_class = forms.IntegerField


def _partner_filter(field_name="partner"):
    return IdFilter(field_name=field_name, label="Partner (id)")


def _stakeholder_filter(field_name="stakeholders"):
    return IdFilter(field_name=field_name, label="Stakeholder (id)")


def _owner_filter(field_name="owner"):
    return django_filters.ModelChoiceFilter(field_name=field_name, queryset=_staff_users())


class StakeholderFilter(django_filters.FilterSet):
    partner = _partner_filter()
    owner = _owner_filter("owners")
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
    partner = _partner_filter("stakeholder__partner")
    stakeholder = _stakeholder_filter("stakeholder")
    owner = _owner_filter()
    review_after = django_filters.DateFilter(field_name="review_on", lookup_expr="gte")
    review_before = django_filters.DateFilter(field_name="review_on", lookup_expr="lte")

    class Meta:
        model = RelationshipPlan
        fields = ["partner", "stakeholder", "owner", "review_after", "review_before"]


class EngagementActionFilter(django_filters.FilterSet):
    partner = _partner_filter()
    stakeholder = _stakeholder_filter()
    owner = _owner_filter()
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
    partner = _partner_filter()
    stakeholder = _stakeholder_filter()
    logged_by = _owner_filter("logged_by")
    occurred_after = django_filters.DateFilter(field_name="occurred_on", lookup_expr="gte")
    occurred_before = django_filters.DateFilter(field_name="occurred_on", lookup_expr="lte")

    class Meta:
        model = Interaction
        fields = [
            "partner", "channel", "sentiment", "stakeholder", "logged_by", "occurred_after",
            "occurred_before",
        ]  # fmt: skip


class RelationshipObjectiveFilter(django_filters.FilterSet):
    partner = _partner_filter()
    stakeholder = _stakeholder_filter("stakeholder")
    owner = _owner_filter()
    due_after = django_filters.DateFilter(field_name="due_on", lookup_expr="gte")
    due_before = django_filters.DateFilter(field_name="due_on", lookup_expr="lte")

    class Meta:
        model = RelationshipObjective
        fields = ["partner", "status", "stakeholder", "owner", "due_after", "due_before"]


# --- viewsets ---------------------------------------------------------------------------------


class _RelationshipViewSet(viewsets.ModelViewSet):
    """Staff-only CRUD: objects by id come from the access selectors, writes from services."""

    permission_classes = [IsVendorStaff]
    filter_backends = FILTER_BACKENDS
    lookup_value_regex = r"\d+"
    access_function = create_service = update_service = delete_service = None
    instance_argument = ""

    def get_object(self):
        instance = type(self).access_function(user=self.request.user, pk=self.kwargs["pk"])
        self.check_object_permissions(self.request, instance)
        return instance

    def perform_create(self, serializer):
        serializer.instance = call_service(
            type(self).create_service, actor=self.request.user, **serializer.validated_data
        )

    def perform_update(self, serializer):
        serializer.instance = call_service(
            type(self).update_service,
            actor=self.request.user,
            **{self.instance_argument: serializer.instance},
            **serializer.validated_data,
        )

    def perform_destroy(self, instance):
        call_service(
            type(self).delete_service,
            actor=self.request.user,
            **{self.instance_argument: instance},
        )


class StakeholderViewSet(_RelationshipViewSet):
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


class RelationshipPlanViewSet(_RelationshipViewSet):
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


class EngagementActionViewSet(_RelationshipViewSet):
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


class InteractionViewSet(_RelationshipViewSet):
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
        return Interaction.objects.prefetch_related("stakeholders").order_by("-occurred_on", "-pk")


class RelationshipObjectiveViewSet(_RelationshipViewSet):
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


def register(router) -> None:
    router.register("stakeholders", StakeholderViewSet, basename="stakeholder")
    router.register("relationship-plans", RelationshipPlanViewSet, basename="relationship-plan")
    router.register("engagement-actions", EngagementActionViewSet, basename="engagement-action")
    router.register("interactions", InteractionViewSet, basename="interaction")
    router.register(
        "relationship-objectives", RelationshipObjectiveViewSet, basename="relationship-objective"
    )
    router.register("culture-assessments", CultureAssessmentViewSet, basename="culture-assessment")
    router.register("culture-guidelines", CultureGuidelineViewSet, basename="culture-guideline")
    router.register("culture-descriptors", CultureDescriptorViewSet, basename="culture-descriptor")


# --- culture ------------------------------------------------------------------------------------


class CultureRatingSerializer(serializers.Serializer):
    dimension = serializers.ChoiceField(choices=CultureDimension.choices)
    culture_type = serializers.ChoiceField(choices=CultureType.choices)
    score = serializers.IntegerField(
        min_value=RATING_MIN, max_value=RATING_MAX,
        help_text="How well the type's descriptor fits: 0 (does not fit) to 4 (fits fully).",
    )  # fmt: skip


class CultureSharesSerializer(serializers.Serializer):
    """Percent of the total score per culture type (0 for every type when nothing is scored)."""

    bureaucratic = serializers.FloatField()
    collaborative = serializers.FloatField()
    entrepreneurial = serializers.FloatField()
    individualistic = serializers.FloatField()


class CultureLeaningSerializer(serializers.Serializer):
    shares = CultureSharesSerializer()
    dominant_type = serializers.ChoiceField(choices=CultureType.choices, allow_null=True)
    clarity = serializers.FloatField(help_text="Percentage points to the runner-up type.")
    is_mixed = serializers.BooleanField()


class CultureByDimensionSerializer(serializers.Serializer):
    decision_making = CultureLeaningSerializer()
    work_structure = CultureLeaningSerializer()
    communication = CultureLeaningSerializer()
    control = CultureLeaningSerializer()
    power = CultureLeaningSerializer()


def _leaning_data(leaning) -> dict:
    return {
        "shares": {t: round(leaning.shares[t], 1) for t in CultureType.values},
        "dominant_type": leaning.dominant,
        "clarity": leaning.clarity,
        "is_mixed": leaning.is_mixed,
    }


class CultureAssessmentSerializer(_FixedOnUpdate, serializers.ModelSerializer):
    """One assessment; `profile`, `dominant_type`, `clarity`, `is_mixed` and `by_dimension`
    are computed from the ratings by `relationships.culture.culture_profile`."""

    fixed_on_update = ("partner", "is_own")

    partner = serializers.PrimaryKeyRelatedField(
        queryset=_partners(), allow_null=True, required=False,
        help_text="The partner assessed; null for a profile of our own culture.",
    )  # fmt: skip
    is_current = serializers.BooleanField(
        required=False,
        help_text="Our own culture only: the profile partners are compared with. Set on create "
        "(the first own profile is current by default); change it with `make-current`.",
    )
    assessed_by = serializers.PrimaryKeyRelatedField(read_only=True)
    ratings = CultureRatingSerializer(many=True, allow_empty=False)
    profile = serializers.SerializerMethodField()
    dominant_type = serializers.SerializerMethodField()
    clarity = serializers.SerializerMethodField()
    is_mixed = serializers.SerializerMethodField()
    by_dimension = serializers.SerializerMethodField()

    class Meta:
        model = CultureAssessment
        fields = [
            "id", "partner", "is_own", "is_current", "assessed_on", "assessed_by", "values",
            "behaviours", "practices", "symbols", "ratings", "profile", "dominant_type",
            "clarity", "is_mixed", "by_dimension", "validation_tactics", "validation_outcome",
            "validated", "validated_by", "validated_on", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = [
            "validation_outcome", "validated", "validated_by", "validated_on", "created_at",
            "updated_at",
        ]  # fmt: skip
        validators = []  # one current own profile is checked by the service, at `is_current`

    def to_representation(self, instance):
        # One profile per assessment, shared by the computed fields below.
        self._profile = culture_profile(
            (r.dimension, r.culture_type, r.score) for r in instance.ratings.all()
        )
        data = super().to_representation(instance)
        data["ratings"] = [
            {"dimension": r.dimension, "culture_type": r.culture_type, "score": r.score}
            for r in instance.ratings.all()
        ]
        return data

    @extend_schema_field(CultureSharesSerializer)
    def get_profile(self, obj) -> dict:
        return _leaning_data(self._profile.overall)["shares"]

    @extend_schema_field(
        serializers.ChoiceField(choices=CultureType.choices, allow_null=True, read_only=True)
    )
    def get_dominant_type(self, obj):
        return self._profile.dominant_type

    def get_clarity(self, obj) -> float:
        return self._profile.clarity

    def get_is_mixed(self, obj) -> bool:
        return self._profile.is_mixed

    @extend_schema_field(CultureByDimensionSerializer)
    def get_by_dimension(self, obj) -> dict:
        return {d: _leaning_data(self._profile.by_dimension[d]) for d in CultureDimension.values}

    def validate_ratings(self, ratings):
        keyed = {}
        for rating in ratings:
            key = (rating["dimension"], rating["culture_type"])
            if key in keyed:
                raise serializers.ValidationError(
                    f"{CultureDimension(key[0]).label} — {CultureType(key[1]).label} is rated "
                    "twice; give each pair one score."
                )
            keyed[key] = rating["score"]
        return keyed

    def validate(self, attrs):
        if self.instance is not None:
            if "is_current" in attrs and attrs.pop("is_current") != self.instance.is_current:
                raise serializers.ValidationError(
                    {"is_current": "Make a profile current with the make-current action."}
                )
            return super().validate(attrs)
        attrs = super().validate(attrs)
        if attrs.get("is_own"):
            if attrs.get("partner") is not None:
                raise serializers.ValidationError(
                    {"partner": "A profile of our own culture is of no partner; leave it empty."}
                )
        else:
            if attrs.get("partner") is None:
                raise serializers.ValidationError(
                    {"partner": "Say which partner this assessment is of."}
                )
            if attrs.pop("is_current", True) is not True:
                raise serializers.ValidationError(
                    {"is_current": "Only a profile of our own culture can be set not current."}
                )
        return attrs


class CultureValidationSerializer(serializers.Serializer):
    validated = serializers.BooleanField(help_text="Whether the validation confirmed it.")
    outcome = serializers.CharField(
        required=False, allow_blank=True, default="",
        help_text="What the validation showed; required when validated.",
    )  # fmt: skip
    tactics = serializers.CharField(
        required=False, allow_blank=True,
        help_text="How the conclusion is confirmed; left as it is when omitted.",
    )  # fmt: skip


class CultureGuidelineSerializer(serializers.ModelSerializer):
    class Meta:
        model = CultureGuideline
        fields = ["id", "culture_type", "dimension", "guidance", "created_at", "updated_at"]
        read_only_fields = ["culture_type", "dimension", "created_at", "updated_at"]


class CultureDescriptorSerializer(serializers.ModelSerializer):
    class Meta:
        model = CultureDescriptor
        fields = ["id", "dimension", "culture_type", "text", "created_at", "updated_at"]
        read_only_fields = ["dimension", "culture_type", "created_at", "updated_at"]


class CultureAssessmentFilter(django_filters.FilterSet):
    partner = _partner_filter()
    assessed_after = django_filters.DateFilter(field_name="assessed_on", lookup_expr="gte")
    assessed_before = django_filters.DateFilter(field_name="assessed_on", lookup_expr="lte")

    class Meta:
        model = CultureAssessment
        fields = [
            "partner", "is_own", "is_current", "validated", "assessed_after", "assessed_before",
        ]  # fmt: skip


class CultureAssessmentViewSet(_RelationshipViewSet):
    """Culture assessments of partners and of our own culture. Ratings are replaced as a whole
    when sent; validation and the current own profile change through their actions."""

    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    serializer_class = CultureAssessmentSerializer
    filterset_class = CultureAssessmentFilter
    search_fields = ["partner__name"]
    ordering_fields = ["assessed_on", "validated_on", "created_at"]
    access_function = staticmethod(access.culture_assessment_get)
    create_service = staticmethod(services.culture_assessment_create)
    update_service = staticmethod(services.culture_assessment_update)
    instance_argument = "assessment"

    def get_queryset(self):
        return CultureAssessment.objects.prefetch_related("ratings").order_by("-assessed_on", "-pk")

    def _answer(self, pk):
        """The assessment as it is now, ratings included (after an action changed it)."""
        assessment = type(self).access_function(user=self.request.user, pk=pk)
        return Response(self.get_serializer(assessment).data)

    @extend_schema(
        request=CultureValidationSerializer, responses=CultureAssessmentSerializer,
        summary="Record the validation: tactics, outcome, validated yes or no (who and when "
        "are recorded).",
    )  # fmt: skip
    @action(detail=True, methods=["post"])
    def validate(self, request, pk=None):
        assessment = self.get_object()
        body = CultureValidationSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            call_service(
                services.culture_assessment_validate, actor=request.user, assessment=assessment,
                validated=body.validated_data["validated"],
                outcome=body.validated_data["outcome"],
                tactics=body.validated_data.get("tactics"),
            )  # fmt: skip
        except exceptions.ValidationError as error:
            # The service names the model field; the request calls it `outcome`.
            if isinstance(error.detail, dict) and "validation_outcome" in error.detail:
                error.detail["outcome"] = error.detail.pop("validation_outcome")
            raise
        return self._answer(assessment.pk)

    @extend_schema(
        request=None, responses=CultureAssessmentSerializer,
        summary="Make this profile of our own culture the current one (retires the previous).",
    )  # fmt: skip
    @action(detail=True, methods=["post"], url_path="make-current")
    def make_current(self, request, pk=None):
        assessment = self.get_object()
        call_service(services.culture_own_make_current, actor=request.user, assessment=assessment)
        return self._answer(assessment.pk)


class _CultureReferenceViewSet(_RelationshipViewSet):
    """Reference text for the 20 type × dimension pairs: read and edit the text, nothing else."""

    http_method_names = ["get", "put", "patch", "head", "options"]
    search_fields = []
    ordering_fields = ["culture_type", "dimension", "updated_at"]
    text_field = ""

    def get_queryset(self):
        return self.serializer_class.Meta.model.objects.order_by("culture_type", "dimension")

    def perform_update(self, serializer):
        text = serializer.validated_data.get(self.text_field)
        serializer.instance = call_service(
            type(self).update_service,
            actor=self.request.user,
            **{self.instance_argument: serializer.instance},
            **{self.text_field: getattr(serializer.instance, self.text_field) if text is None
               else text},
        )  # fmt: skip


class CultureGuidelineViewSet(_CultureReferenceViewSet):
    """Assimilation guidelines: how to work with a partner of a culture type, per dimension."""

    serializer_class = CultureGuidelineSerializer
    filterset_fields = ["culture_type", "dimension"]
    search_fields = ["guidance"]
    access_function = staticmethod(access.culture_guideline_get)
    update_service = staticmethod(services.culture_guideline_update)
    instance_argument = "guideline"
    text_field = "guidance"


class CultureDescriptorViewSet(_CultureReferenceViewSet):
    """How each culture type shows in each dimension: the text shown next to every rating."""

    serializer_class = CultureDescriptorSerializer
    filterset_fields = ["culture_type", "dimension"]
    search_fields = ["text"]
    access_function = staticmethod(access.culture_descriptor_get)
    update_service = staticmethod(services.culture_descriptor_update)
    instance_argument = "descriptor"
    text_field = "text"
