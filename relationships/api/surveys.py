"""`/api/v1/surveys/` and `/api/v1/survey-responses/`: partner surveys and their answers.

Unlike the rest of this app's API, partner users reach these: their own partner's surveys, and
the answers their role may read (a partner admin: the colleagues'; a member: their own). Staff
see all and send surveys (POST to surveys); partner users answer (POST to survey-responses).
Both writes go through relationships.services.surveys; neither is ever updated or deleted."""

import django_filters
from django.utils.translation import gettext as _
from rest_framework import exceptions, serializers

from prm.lib.access import IsVendorStaffOrPartnerUser
from prm.lib.api import ServiceModelViewSet, is_schema_request, serves_partner_user

from ..models import QUESTION_KEYS, Survey, SurveyResponse
from ..models.surveys import ANSWER_MAX, ANSWER_MIN
from ..selectors import surveys as selectors
from ..services import surveys as services
from .common import partner_filter, partners

CREATE_AND_READ = ["get", "post", "head", "options"]


class SurveySerializer(serializers.ModelSerializer):
    partner = serializers.PrimaryKeyRelatedField(queryset=partners())
    response_count = serializers.SerializerMethodField()
    mean_trust = serializers.SerializerMethodField()
    mean_overall = serializers.SerializerMethodField()

    class Meta:
        model = Survey
        fields = ["id", "partner", "reason", "period", "sent_on", "due_on", "last_reminded_on",
                  "response_count", "mean_trust", "mean_overall", "created_at"]  # fmt: skip
        read_only_fields = ["period", "sent_on", "due_on", "last_reminded_on", "created_at"]
        extra_kwargs = {"reason": {"required": False}}

    # Annotated by the list's selector; a survey just sent has no answers yet.
    def get_response_count(self, survey) -> int:
        return getattr(survey, "response_count", 0)

    def get_mean_trust(self, survey) -> float | None:
        return getattr(survey, "mean_trust", None)

    def get_mean_overall(self, survey) -> float | None:
        return getattr(survey, "mean_overall", None)


class PortalSurveySerializer(serializers.ModelSerializer):
    """A partner user's view: when it was sent and is due, and whether they answered."""

    answered = serializers.BooleanField(read_only=True)

    class Meta:
        model = Survey
        fields = ["id", "partner", "reason", "period", "sent_on", "due_on", "answered"]
        read_only_fields = fields


class SurveyFilter(django_filters.FilterSet):
    partner = partner_filter()

    class Meta:
        model = Survey
        fields = ["partner", "reason", "period"]


class SurveyViewSet(ServiceModelViewSet):
    # Staff send (POST; a partner user's POST is 403); nobody updates or deletes a survey.
    http_method_names = CREATE_AND_READ
    permission_classes = [IsVendorStaffOrPartnerUser]
    lookup_value_regex = r"\d+"
    create_service = services.survey_send
    filterset_class = SurveyFilter
    ordering_fields = ["sent_on", "due_on"]
    search_fields = ["partner__name"]

    def get_serializer_class(self):
        return PortalSurveySerializer if serves_partner_user(self) else SurveySerializer

    def create_data(self, serializer) -> dict:
        if not self.request.user.is_vendor_staff:
            raise exceptions.PermissionDenied(_("Surveys are sent by the vendor's channel team."))
        return dict(serializer.validated_data)

    def get_queryset(self):
        if is_schema_request(self):
            return Survey.objects.none()
        user = self.request.user
        if user.is_vendor_staff:
            return selectors.staff_surveys()
        return selectors.portal_surveys(user=user)


class SurveyResponseSerializer(serializers.ModelSerializer):
    survey = serializers.PrimaryKeyRelatedField(queryset=Survey.objects.none())
    respondent = serializers.StringRelatedField()

    class Meta:
        model = SurveyResponse
        fields = ["id", "survey", "respondent",
                  *(name for key in QUESTION_KEYS for name in (key, f"{key}_comment")),
                  "created_at"]  # fmt: skip
        read_only_fields = ["respondent", "created_at"]
        extra_kwargs = {key: {"min_value": ANSWER_MIN, "max_value": ANSWER_MAX}
                        for key in QUESTION_KEYS}  # fmt: skip

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        if request is not None and request.user.is_authenticated:
            # Only a survey the user sees can be named: another partner's is "does not exist".
            fields["survey"].queryset = selectors.surveys_visible_to(user=request.user)
        return fields


class SurveyResponseFilter(django_filters.FilterSet):
    survey = django_filters.NumberFilter(field_name="survey")
    partner = partner_filter("survey__partner")

    class Meta:
        model = SurveyResponse
        fields = ["survey", "partner"]


class SurveyResponseViewSet(ServiceModelViewSet):
    # Partner users answer (POST); answers are never changed or deleted through the API.
    http_method_names = CREATE_AND_READ
    permission_classes = [IsVendorStaffOrPartnerUser]
    lookup_value_regex = r"\d+"
    serializer_class = SurveyResponseSerializer
    create_service = services.survey_respond
    filterset_class = SurveyResponseFilter
    ordering_fields = ["created_at"]

    def get_queryset(self):
        if is_schema_request(self):
            return SurveyResponse.objects.none()
        return (
            selectors.responses_visible_to(user=self.request.user)
            .select_related("respondent", "survey")
            .order_by("-created_at", "-pk")
        )
