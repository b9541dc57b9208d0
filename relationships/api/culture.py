"""Culture assessments (a partner's and our own, with the profile computed from the ratings)
and the culture reference text: descriptors and assimilation guidelines."""

import django_filters
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import exceptions, serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from prm.lib.api import FixedOnUpdate, StrictSerializer, call_service
from prm.models import LONG_TEXT

from .. import services
from ..culture import culture_profile
from ..models import (
    CultureAssessment,
    CultureDescriptor,
    CultureDimension,
    CultureGuideline,
    CultureType,
)
from ..models.culture import RATING_MAX, RATING_MIN
from ..selectors import access
from .common import RelationshipViewSet, partner_filter, partners


class CultureRatingSerializer(StrictSerializer):
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


class CultureAssessmentSerializer(FixedOnUpdate, serializers.ModelSerializer):
    """One assessment; `profile`, `dominant_type`, `clarity`, `is_mixed` and `by_dimension`
    are computed from the ratings by `relationships.culture.culture_profile`."""

    fixed_on_update = ("partner", "is_own")

    partner = serializers.PrimaryKeyRelatedField(
        queryset=partners(), allow_null=True, required=False,
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


class CultureValidationSerializer(StrictSerializer):
    validated = serializers.BooleanField(help_text="Whether the validation confirmed it.")
    outcome = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=LONG_TEXT,
        help_text="What the validation showed; required when validated.",
    )  # fmt: skip
    tactics = serializers.CharField(
        required=False, allow_blank=True, max_length=LONG_TEXT,
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
    partner = partner_filter()
    assessed_after = django_filters.DateFilter(field_name="assessed_on", lookup_expr="gte")
    assessed_before = django_filters.DateFilter(field_name="assessed_on", lookup_expr="lte")

    class Meta:
        model = CultureAssessment
        fields = [
            "partner", "is_own", "is_current", "validated", "assessed_after", "assessed_before",
        ]  # fmt: skip


class CultureAssessmentViewSet(RelationshipViewSet):
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


class _CultureReferenceViewSet(RelationshipViewSet):
    """Reference text for the 20 type × dimension pairs: read and edit the text, nothing else."""

    http_method_names = ["get", "put", "patch", "head", "options"]
    search_fields = []
    ordering_fields = ["culture_type", "dimension", "updated_at"]
    text_field = ""

    def get_queryset(self):
        return self.serializer_class.Meta.model.objects.order_by("culture_type", "dimension")

    def update_data(self, serializer) -> dict:
        # A PATCH without the text keeps it: the service always takes the whole text.
        text = serializer.validated_data.get(self.text_field)
        current = getattr(serializer.instance, self.text_field)
        return {self.text_field: current if text is None else text}


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
