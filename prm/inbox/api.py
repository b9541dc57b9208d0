"""`GET /api/v1/inbox/`: the items waiting for the signed-in user, as on the inbox page.

`?kind=` one source's key, `?scope=mine|team` (staff; a partner user always gets their own
partner's items), `?page=`. Each item has its kind, partner, what waits, its age or how
overdue it is, and the URL of the page where it is done; `counts` has every kind's count."""

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param
from rest_framework.views import APIView

from prm.lib.access import IsVendorStaffOrPartnerUser

from . import SCOPES, audience_of, sources_for
from .pages import read_page

PAGE_SIZE = 50
# Each source reads the items of every page up to the one asked: deeper pages are refused.
MAX_PAGE = 100


class InboxQuerySerializer(serializers.Serializer):
    kind = serializers.CharField(required=False, allow_blank=True, max_length=40)
    scope = serializers.ChoiceField(choices=SCOPES, required=False, default="mine")
    page = serializers.IntegerField(required=False, min_value=1, max_value=MAX_PAGE, default=1)

    def validate_kind(self, value):
        keys = {source.key for source in sources_for(self.context["audience"])}
        if value and value not in keys:
            raise serializers.ValidationError(f"Choose one of: {', '.join(sorted(keys))}.")
        return value


class InboxItemSerializer(serializers.Serializer):
    kind = serializers.CharField(source="item.kind")
    kind_label = serializers.CharField()
    partner = serializers.CharField(source="item.partner")
    what = serializers.CharField(source="item.what")
    detail = serializers.CharField(source="item.detail")
    action = serializers.CharField(source="item.action")
    since = serializers.DateTimeField(source="item.since")
    due = serializers.DateField(source="item.due", allow_null=True)
    age_days = serializers.IntegerField()
    overdue_days = serializers.IntegerField(allow_null=True)
    urgency = serializers.ChoiceField(choices=["overdue", "due", "waiting"])
    url = serializers.SerializerMethodField()

    def get_url(self, row) -> str:
        return self.context["request"].build_absolute_uri(row.url)


RESPONSE = inline_serializer(
    "InboxPage",
    {
        "count": serializers.IntegerField(),
        "next": serializers.URLField(allow_null=True),
        "previous": serializers.URLField(allow_null=True),
        "counts": serializers.DictField(child=serializers.IntegerField()),
        "results": InboxItemSerializer(many=True),
    },
)


class InboxView(APIView):
    permission_classes = [IsVendorStaffOrPartnerUser]

    @extend_schema(
        operation_id="inbox_list",
        parameters=[
            OpenApiParameter("kind", str, description="One kind of item (a source's key)."),
            OpenApiParameter("scope", str, enum=list(SCOPES), description="Staff: mine or team."),
            OpenApiParameter("page", int),
        ],
        responses={200: RESPONSE},
    )
    def get(self, request):
        audience = audience_of(request.user)
        if audience is None:
            raise PermissionDenied("The inbox is for the channel team and partner users.")
        query = InboxQuerySerializer(data=request.query_params, context={"audience": audience})
        query.is_valid(raise_exception=True)
        kind, number = query.validated_data.get("kind", ""), query.validated_data["page"]
        scope = query.validated_data["scope"] if audience == "staff" else "mine"
        page = read_page(user=request.user, audience=audience, scope=scope, kind=kind,
                         number=number, size=PAGE_SIZE, today=timezone.localdate())  # fmt: skip
        if page.number != number:
            raise NotFound("Invalid page.")
        pages, total, rows, gathered = page.pages, page.total, page.rows, page.gathered
        return Response({
            "count": total,
            "next": self._link(request, number + 1) if number < pages else None,
            "previous": self._link(request, number - 1) if number > 1 else None,
            "counts": gathered.counts,
            "results": InboxItemSerializer(rows, many=True, context={"request": request}).data,
        })  # fmt: skip

    @staticmethod
    def _link(request, number) -> str:
        url = request.build_absolute_uri()
        return replace_query_param(url, "page", number) if number > 1 else remove_query_param(
            url, "page")  # fmt: skip
