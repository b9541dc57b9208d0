"""`/api/v1/notifications/` (the signed-in user's own, read and marked read) and
`/api/v1/notification-preferences/` (their channel per kind). Nobody reaches anyone else's."""

from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from prm.lib.access import IsVendorStaffOrPartnerUser
from prm.lib.api import FILTER_BACKENDS, StrictSerializer, call_service, is_schema_request
from prm.lib.exports import PARAMETER, ExportListMixin
from prm.models import Notification

from . import selectors, services
from .kinds import Channel, kind_label, kinds_for


class NotificationSerializer(serializers.ModelSerializer):
    kind_label = serializers.SerializerMethodField()
    read = serializers.BooleanField(source="is_read", read_only=True)

    class Meta:
        model = Notification
        fields = [
            "id", "kind", "kind_label", "actor_label", "verb", "object_label", "partner_label",
            "url", "read", "read_at", "email_status", "in_digest", "created_at",
        ]  # fmt: skip
        read_only_fields = fields

    def get_kind_label(self, notification) -> str:
        return kind_label(notification.kind)


class ReadAllSerializer(serializers.Serializer):
    marked_read = serializers.IntegerField(help_text="How many notifications were unread.")


class NotificationFilter(filters.FilterSet):
    kind = filters.CharFilter(field_name="kind")
    unread = filters.BooleanFilter(
        field_name="read_at", lookup_expr="isnull", label="Unread (true) or read (false)"
    )

    class Meta:
        model = Notification
        fields = ["kind", "unread"]


class NotificationViewSet(ExportListMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = NotificationSerializer
    permission_classes = [IsVendorStaffOrPartnerUser]
    filter_backends = FILTER_BACKENDS
    filterset_class = NotificationFilter
    ordering_fields = ["created_at"]
    search_fields = ["object_label", "verb", "actor_label", "partner_label"]

    def get_queryset(self):
        if is_schema_request(self):
            return Notification.objects.none()
        return selectors.notifications_of(user=self.request.user)

    @extend_schema(request=None, responses=NotificationSerializer)
    @action(detail=True, methods=["post"])
    def read(self, request, pk=None):
        notification = call_service(
            services.notification_mark_read, user=request.user, notification=self.get_object()
        )
        return Response(self.get_serializer(notification).data)

    @extend_schema(request=None, responses=ReadAllSerializer)
    @action(detail=False, methods=["post"], url_path="read-all")
    def read_all(self, request):
        count = services.notifications_mark_all_read(user=request.user)
        return Response({"marked_read": count})


class PreferenceSerializer(serializers.Serializer):
    kind = serializers.CharField(read_only=True)
    label = serializers.CharField(read_only=True)
    group = serializers.CharField(read_only=True)
    default = serializers.ChoiceField(choices=Channel.choices, read_only=True)
    delivery = serializers.ChoiceField(choices=Channel.choices, read_only=True)


class PreferenceUpdateSerializer(StrictSerializer):
    delivery = serializers.ChoiceField(choices=Channel.choices)


def _row(kind, channel) -> dict:
    return {
        "kind": kind.key, "label": kind.label, "group": kind.group,
        "default": kind.default, "delivery": channel,
    }  # fmt: skip


class NotificationPreferenceViewSet(
    ExportListMixin, mixins.ListModelMixin, viewsets.GenericViewSet
):
    """A row per kind of notification offered to you, with the channel you chose (or the
    default); `PUT`/`PATCH …/{kind}/` with `{"delivery": …}` changes it."""

    serializer_class = PreferenceSerializer
    permission_classes = [IsVendorStaffOrPartnerUser]
    filter_backends = []
    lookup_field = "kind"
    lookup_value_regex = "[a-z0-9_]+"

    def export_rows(self):
        return self._rows(self.request)

    def _rows(self, request):
        return [
            _row(kind, channel) for kind, channel in selectors.preferences_of(user=request.user)
        ]

    def list(self, request, *args, **kwargs):
        if PARAMETER in request.query_params:  # ExportListMixin answers ?export=
            return super().list(request, *args, **kwargs)
        page = self.paginate_queryset(self._rows(request))
        return self.get_paginated_response(PreferenceSerializer(page, many=True).data)

    def _kind(self, request, kind_key):
        for kind in kinds_for(request.user):
            if kind.key == kind_key:
                return kind
        raise NotFound("No such kind of notification.")

    def retrieve(self, request, kind=None):
        kind_ = self._kind(request, kind)
        channel = selectors.channel_of(user=request.user, kind=kind_.key)
        return Response(PreferenceSerializer(_row(kind_, channel)).data)

    @extend_schema(request=PreferenceUpdateSerializer, responses=PreferenceSerializer)
    def update(self, request, kind=None):
        kind_ = self._kind(request, kind)
        payload = PreferenceUpdateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        preference = call_service(
            services.preference_set, user=request.user, kind=kind_.key,
            channel=payload.validated_data["delivery"],
        )  # fmt: skip
        return Response(PreferenceSerializer(_row(kind_, preference.channel)).data)

    @extend_schema(request=PreferenceUpdateSerializer, responses=PreferenceSerializer)
    def partial_update(self, request, kind=None):
        return self.update(request, kind=kind)


def register(router) -> None:
    router.register("notifications", NotificationViewSet, basename="notification")
    router.register(
        "notification-preferences",
        NotificationPreferenceViewSet,
        basename="notification-preference",
    )
