"""`/api/v1/courses/`, `/api/v1/certifications/`, `/api/v1/rules-of-engagement/`,
`/api/v1/acknowledgements/`. Staff see and manage all; partner users read courses and the
published rules, and see and create only their own partner's certifications and
acknowledgements. Writes go through the services."""

from rest_framework import exceptions, mixins, permissions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from partners import selectors as partner_selectors
from prm.lib.access import IsVendorStaffOrPartnerReadOnly, IsVendorStaffOrPartnerUser
from prm.lib.api import (
    FILTER_BACKENDS,
    RefuseUnknownFields,
    ServiceModelViewSet,
    call_service,
    is_schema_request,
)
from prm.lib.exports import ExportListMixin

from ..models import Acknowledgement, Certification, Course, RulesOfEngagement
from ..selectors import enablement as selectors
from ..services import enablement as services


class CourseSerializer(serializers.ModelSerializer):
    class Meta:
        model = Course
        fields = ["id", "name", "product", "level", "validity_months", "created_at", "updated_at"]
        read_only_fields = ["created_at", "updated_at"]
        # The range of the course_validity_range constraint, as a field error first.
        extra_kwargs = {"validity_months": {"min_value": 1, "max_value": 120}}


class CourseViewSet(ServiceModelViewSet):
    """Courses: the channel team manages them; partner users read them."""

    queryset = Course.objects.order_by("product", "name", "pk")
    serializer_class = CourseSerializer
    permission_classes = [IsVendorStaffOrPartnerReadOnly]
    filterset_fields = ["level", "product"]
    search_fields = ["name", "product"]
    ordering_fields = ["name", "product", "level"]
    create_service = services.course_create
    update_service = services.course_update
    delete_service = services.course_delete
    instance_argument = "course"


class CertificationSerializer(serializers.ModelSerializer):
    contact = serializers.PrimaryKeyRelatedField(queryset=partner_selectors.contacts())
    partner = serializers.IntegerField(source="contact.partner_id", read_only=True)
    requested_by = serializers.StringRelatedField(allow_null=True)
    decided_by = serializers.StringRelatedField(allow_null=True)

    class Meta:
        model = Certification
        fields = [
            "id", "contact", "partner", "course", "earned_on", "expires_on", "status",
            "requested_by", "decided_by", "decided_at", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = [
            "expires_on", "status", "decided_at", "created_at", "updated_at",
        ]  # fmt: skip


class CertificationViewSet(
    ExportListMixin,
    RefuseUnknownFields,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = CertificationSerializer
    permission_classes = [IsVendorStaffOrPartnerUser]
    filter_backends = FILTER_BACKENDS
    filterset_fields = ["status", "course", "contact"]
    ordering_fields = ["earned_on", "expires_on", "created_at"]

    def get_queryset(self):
        if is_schema_request(self):
            return Certification.objects.none()
        return selectors.certifications_visible_to(user=self.request.user)

    def perform_create(self, serializer):
        user = self.request.user
        service = (
            services.certification_record
            if user.is_vendor_staff
            else services.certification_request
        )
        serializer.instance = call_service(service, actor=user, **serializer.validated_data)

    def _decide(self, request, service):
        if not request.user.is_vendor_staff:
            raise exceptions.PermissionDenied("Only the channel team decides on certifications.")
        certification = call_service(service, actor=request.user, certification=self.get_object())
        return Response(self.get_serializer(certification).data)

    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self._decide(request, services.certification_approve)

    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        return self._decide(request, services.certification_reject)


class RulesSerializer(serializers.ModelSerializer):
    published_by = serializers.StringRelatedField(allow_null=True)

    class Meta:
        model = RulesOfEngagement
        fields = [
            "id", "version", "effective_on", "significant", "summary", "full_text",
            "published_by", "published_at", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = ["version", "published_at", "created_at", "updated_at"]


class RulesViewSet(ServiceModelViewSet):
    """Published versions are history: created through the service, never edited."""

    serializer_class = RulesSerializer
    permission_classes = [IsVendorStaffOrPartnerReadOnly]
    http_method_names = ["get", "post", "head", "options"]
    create_service = services.rules_publish
    filterset_fields = ["significant"]
    ordering_fields = ["version", "effective_on"]

    def get_queryset(self):
        if is_schema_request(self):
            return RulesOfEngagement.objects.none()
        return selectors.rules_published_to(user=self.request.user)


class AcknowledgementSerializer(serializers.ModelSerializer):
    acknowledged_by = serializers.StringRelatedField(allow_null=True)

    class Meta:
        model = Acknowledgement
        fields = ["id", "partner", "rules", "acknowledged_by", "acknowledged_at", "created_at"]
        read_only_fields = ["partner", "acknowledged_at", "created_at"]


class IsPartnerUserForWrites(IsVendorStaffOrPartnerUser):
    def has_permission(self, request, view):
        if not super().has_permission(request, view):
            return False
        return request.method in permissions.SAFE_METHODS or request.user.is_partner_user


class AcknowledgementViewSet(ServiceModelViewSet):
    """Partner users acknowledge the current rules for their company; staff read who did."""

    serializer_class = AcknowledgementSerializer
    permission_classes = [IsPartnerUserForWrites]
    http_method_names = ["get", "post", "head", "options"]
    create_service = services.rules_acknowledge  # of `rules`, for the user's own partner
    filterset_fields = ["rules", "partner"]
    ordering_fields = ["acknowledged_at"]

    def get_queryset(self):
        if is_schema_request(self):
            return Acknowledgement.objects.none()
        return selectors.acknowledgements_visible_to(user=self.request.user)


def register(router) -> None:
    """API resources of the enablement area."""
    router.register("courses", CourseViewSet, basename="course")
    router.register("certifications", CertificationViewSet, basename="certification")
    router.register("rules-of-engagement", RulesViewSet, basename="rules-of-engagement")
    router.register("acknowledgements", AcknowledgementViewSet, basename="acknowledgement")
