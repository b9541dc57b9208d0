"""`/api/v1/announcements/`: staff read and write every announcement (through the services); a
partner user reads the published, unexpired ones for their partner, without the audience."""

import django_filters
from django.utils import timezone
from rest_framework import serializers

from prm.lib.access import IsVendorStaffOrPartnerReadOnly
from prm.lib.api import ServiceModelViewSet, is_schema_request, serves_partner_user

from .. import selectors, services
from ..models import Announcement, ProgramTier, Segment, Territory


class AnnouncementPortalSerializer(serializers.ModelSerializer):
    class Meta:
        model = Announcement
        fields = ["id", "title", "body", "publish_at", "expires_at"]
        read_only_fields = fields


class AnnouncementSerializer(serializers.ModelSerializer):
    tiers = serializers.PrimaryKeyRelatedField(
        queryset=ProgramTier.objects.all(), many=True, required=False
    )
    territories = serializers.PrimaryKeyRelatedField(
        queryset=Territory.objects.all(), many=True, required=False
    )
    segments = serializers.PrimaryKeyRelatedField(
        queryset=Segment.objects.all(), many=True, required=False
    )
    created_by = serializers.StringRelatedField()

    class Meta:
        model = Announcement
        fields = [
            *AnnouncementPortalSerializer.Meta.fields, "audience", "tiers", "territories",
            "segments", "created_by", "notified_at", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = ["created_by", "notified_at", "created_at", "updated_at"]


class AnnouncementFilter(django_filters.FilterSet):
    published = django_filters.BooleanFilter(method="filter_published", label="Published now")

    class Meta:
        model = Announcement
        fields = ["audience", "published"]

    def filter_published(self, queryset, name, value):
        published = Announcement.objects.published(now=timezone.now()).values("pk")
        if value:
            return queryset.filter(pk__in=published)
        return queryset.exclude(pk__in=published)


class AnnouncementViewSet(ServiceModelViewSet):
    permission_classes = [IsVendorStaffOrPartnerReadOnly]
    filterset_class = AnnouncementFilter
    search_fields = ["title", "body"]
    ordering_fields = ["publish_at", "expires_at", "created_at", "title"]
    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]
    create_service = services.announcement_create
    update_service = services.announcement_update
    delete_service = services.announcement_delete
    instance_argument = "announcement"

    def get_queryset(self):
        if is_schema_request(self):  # no user
            return Announcement.objects.none()
        return selectors.announcements_visible_to(user=self.request.user)

    def get_serializer_class(self):
        if serves_partner_user(self):
            return AnnouncementPortalSerializer
        return AnnouncementSerializer
