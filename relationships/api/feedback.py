"""`/api/v1/feedback/`: what partners tell us is in their way. Partner users list their own
partner's feedback (a partner admin all of it, a member their own) and send new feedback (not
a read-only portal role); vendor staff list every piece, assign, answer and close it. Never
edited or deleted: each change goes through its action and the services."""

import django_filters
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from partners.selectors import channel_managers, membership_of
from prm.lib.access import IsVendorStaffOrPartnerUser
from prm.lib.api import (
    IdFilter,
    ServiceModelViewSet,
    StrictSerializer,
    action_arguments,
    call_service,
    is_schema_request,
    serves_partner_user,
)
from prm.lib.list_filters import IdOrSlugFilter
from prm.models import SHORT_TEXT

from ..forms.feedback import STATUSES
from ..models import Feedback
from ..selectors import feedback as selectors
from ..services import feedback as services

CREATE_AND_READ = ["get", "post", "head", "options"]


class PortalFeedbackSerializer(serializers.ModelSerializer):
    """What a partner user sees: their feedback and our answer, never who of us has it."""

    author = serializers.StringRelatedField(allow_null=True)
    answered_by = serializers.StringRelatedField(allow_null=True)
    page_path = serializers.CharField(required=False, allow_blank=True, max_length=500)

    class Meta:
        model = Feedback
        fields = [
            "id", "category", "text", "page_path", "status", "author", "answer", "answered_by",
            "answered_at", "closed_at", "version", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = [
            "status", "author", "answer", "answered_by", "answered_at", "closed_at", "version",
            "created_at", "updated_at",
        ]  # fmt: skip


class FeedbackSerializer(PortalFeedbackSerializer):
    """Staff: the partner and who of us has it too."""

    partner_name = serializers.CharField(source="partner.name", read_only=True)
    assignee = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    assignee_name = serializers.SerializerMethodField()

    class Meta(PortalFeedbackSerializer.Meta):
        fields = [*PortalFeedbackSerializer.Meta.fields, "partner", "partner_name", "assignee",
                  "assignee_name"]  # fmt: skip
        read_only_fields = fields

    def get_assignee_name(self, item) -> str | None:
        person = item.assignee
        return (person.get_full_name() or person.username) if person else None


class FeedbackAssignSerializer(StrictSerializer):
    assignee = serializers.PrimaryKeyRelatedField(queryset=channel_managers(), allow_null=True)


class FeedbackAnswerSerializer(StrictSerializer):
    answer = serializers.CharField(max_length=SHORT_TEXT)


class FeedbackFilter(django_filters.FilterSet):
    """The staff list page's filters (status with "open" and "all", `assignee` as "me", "mine",
    "none" or an id, partner by id or slug), and `category`."""

    partner = IdOrSlugFilter(field_name="partner")
    status = django_filters.ChoiceFilter(choices=STATUSES, method="filter_status")
    assignee = django_filters.CharFilter(method="filter_assignee")
    assignee_id = IdFilter(field_name="assignee")
    category = django_filters.ChoiceFilter(choices=Feedback.Category.choices)

    class Meta:
        model = Feedback
        fields = ["partner", "status", "assignee", "assignee_id", "category"]

    def filter_status(self, queryset, name, value):
        return selectors.narrow_status(queryset, value)

    def filter_assignee(self, queryset, name, value):
        return selectors.narrow_assignee(queryset, user=self.request.user, assignee=value)


class FeedbackViewSet(ServiceModelViewSet):
    http_method_names = CREATE_AND_READ
    permission_classes = [IsVendorStaffOrPartnerUser]
    create_service = services.feedback_send
    filterset_class = FeedbackFilter
    search_fields = ["text", "answer"]
    ordering_fields = ["created_at", "status", "category"]

    def get_serializer_class(self):
        if serves_partner_user(self):
            return PortalFeedbackSerializer
        return FeedbackSerializer

    def get_queryset(self):
        if is_schema_request(self):  # schema generation: no user
            return Feedback.objects.none()
        user = self.request.user
        membership = None if user.is_vendor_staff else membership_of(user=user)
        queryset = selectors.feedback_visible_to(user=user, membership=membership)
        return queryset.order_by("-created_at", "-pk")

    def create_data(self, serializer) -> dict:
        """Feedback is sent by a partner's portal users, for their own partner."""
        user = self.request.user
        if user.is_vendor_staff:
            raise exceptions.PermissionDenied(_("Feedback is sent by a partner's portal users."))
        return {**serializer.validated_data, "membership": membership_of(user=user)}

    def _act(self, request, service, payload=None):
        if not request.user.is_vendor_staff:
            raise exceptions.PermissionDenied(
                _("Feedback is answered by the vendor's channel team.")
            )
        item = self.get_object()
        item = call_service(service, actor=request.user, feedback=item,
                            **action_arguments(request, payload))  # fmt: skip
        return Response(self.get_serializer(item).data)

    @extend_schema(request=FeedbackAssignSerializer, responses=FeedbackSerializer)
    @action(detail=True, methods=["post"])
    def assign(self, request, pk=None):
        return self._act(request, services.feedback_assign, FeedbackAssignSerializer)

    @extend_schema(request=FeedbackAnswerSerializer, responses=FeedbackSerializer)
    @action(detail=True, methods=["post"])
    def answer(self, request, pk=None):
        return self._act(request, services.feedback_answer, FeedbackAnswerSerializer)

    @extend_schema(request=None, responses=FeedbackSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        return self._act(request, services.feedback_close)
