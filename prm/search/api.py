"""`GET /api/v1/search/?q=`: the search's results grouped by kind, scoped as on the pages
(vendor staff: everything; a partner user: their own partner's people, deals and claims)."""

from urllib.parse import urlencode

from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from prm.lib.access import IsVendorStaffOrPartnerUser

from .registry import kinds_for, run_search
from .terms import MAX_LENGTH, MIN_LENGTH, SearchTerms

SHORT = f"Type at least {MIN_LENGTH} characters to search."
LONG = f"A search is at most {MAX_LENGTH} characters."
MAX_LIMIT = 50


class SearchQuerySerializer(serializers.Serializer):
    q = serializers.CharField(
        min_length=MIN_LENGTH, max_length=MAX_LENGTH,
        error_messages={"required": SHORT, "blank": SHORT, "min_length": SHORT, "max_length": LONG},
        help_text=f"What to look for: {MIN_LENGTH} to {MAX_LENGTH} characters; every word must "
        "match (on PostgreSQL, as the start of a word).",
    )  # fmt: skip
    kind = serializers.CharField(
        required=False, help_text="Only this kind: partners, people, deals or claims."
    )
    limit = serializers.IntegerField(
        required=False, default=10, min_value=1, max_value=MAX_LIMIT,
        help_text=f"Results per kind, at most {MAX_LIMIT}.",
    )  # fmt: skip

    def validate_q(self, value):
        text = " ".join(value.split())
        if len(text) < MIN_LENGTH:
            raise serializers.ValidationError(SHORT)
        return text

    def validate_kind(self, value):
        keys = [kind.key for kind in kinds_for(self.context["request"].user)]
        if value not in keys:
            raise serializers.ValidationError(f"Choose one of: {', '.join(keys)}.")
        return value


class SearchResultSerializer(serializers.Serializer):
    title = serializers.CharField()
    context = serializers.CharField(help_text="A short line saying what the result is.")
    url = serializers.CharField(help_text="Where it is: a page of the app (or mailto:, tel:).")


class SearchGroupSerializer(serializers.Serializer):
    kind = serializers.CharField()
    label = serializers.CharField()
    results = SearchResultSerializer(many=True)
    has_more = serializers.BooleanField(help_text="More results than the limit exist.")
    more_url = serializers.CharField(help_text="A page listing more of this kind.")


class SearchResponseSerializer(serializers.Serializer):
    query = serializers.CharField()
    groups = SearchGroupSerializer(many=True)


def _absolute(request, url: str) -> str:
    return request.build_absolute_uri(url) if url.startswith("/") else url


class SearchView(APIView):
    permission_classes = [IsVendorStaffOrPartnerUser]

    @extend_schema(
        operation_id="search", tags=["search"],
        parameters=[SearchQuerySerializer], responses=SearchResponseSerializer,
    )  # fmt: skip
    def get(self, request):
        params = SearchQuerySerializer(data=request.query_params, context={"request": request})
        params.is_valid(raise_exception=True)
        terms = SearchTerms.parse(params.validated_data["q"])
        kind = params.validated_data.get("kind", "")
        groups = run_search(request.user, terms, limit=params.validated_data["limit"], only=kind)
        page = reverse("search:page")
        return Response({
            "query": terms.text,
            "groups": [{
                "kind": group.kind.key,
                "label": group.kind.label,
                "results": [
                    {"title": r.title, "context": r.context, "url": _absolute(request, r.url)}
                    for r in group.results
                ],
                "has_more": group.has_more,
                "more_url": _absolute(
                    request, group.more_url or f"{page}?{_query(terms.text, group.kind.key)}"
                ),
            } for group in groups],
        })  # fmt: skip


def _query(text: str, kind: str) -> str:
    return urlencode({"q": text, "kind": kind})
