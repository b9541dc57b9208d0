"""`/api/v1/perception-gaps/`: read-only, staff only. One row per partner with an answered
survey: its latest answers beside our view now, and the gap (see
performance.selectors.perception). `?partner=<id>`, `?min_gap=<points>` and `?sort=` (gap,
blind, warmer, trust, name) narrow and order it; paginated like every list."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets

from prm.lib.access import IsVendorStaff
from prm.lib.exports import ExportListMixin

from ..forms.perception import SORTS, sort_rows
from ..models import PartnerScore
from ..selectors.perception import portfolio_perceptions


class PerceptionGapSerializer(serializers.Serializer):
    partner = serializers.IntegerField(source="partner_id")
    partner_name = serializers.CharField()
    survey = serializers.IntegerField(source="survey_id")
    period = serializers.DateField()
    answers = serializers.IntegerField()
    partner_trust = serializers.FloatField(help_text="Mean trust answer, 1–5.")
    partner_overall = serializers.FloatField(help_text="Mean of all six answers, 1–5.")
    partner_trust_value = serializers.FloatField(help_text="The trust answer as 0–100.")
    our_view = serializers.FloatField(allow_null=True, help_text="0–100; null: no view of ours.")
    stance = serializers.FloatField(source="ours.stance", allow_null=True)
    levels = serializers.FloatField(source="ours.levels", allow_null=True)
    audit_trust = serializers.IntegerField(source="ours.audit_trust_answer", allow_null=True)
    gap = serializers.FloatField(allow_null=True, help_text="Our view minus the partner's trust.")


class PerceptionQuerySerializer(serializers.Serializer):
    partner = serializers.IntegerField(required=False, min_value=1)
    min_gap = serializers.IntegerField(required=False, min_value=0, max_value=100)
    sort = serializers.ChoiceField(required=False, choices=[key for key, _label in SORTS])
    page = serializers.IntegerField(required=False, min_value=1)
    format = serializers.CharField(required=False)


class _PagedList:
    """The computed rows as a page of the list (GenericViewSet has no `list` of its own)."""

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self._rows())
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class PerceptionGapViewSet(ExportListMixin, _PagedList, viewsets.GenericViewSet):
    permission_classes = [IsVendorStaff]
    serializer_class = PerceptionGapSerializer
    # Rows are computed per partner, not read from one model: the schema generator still asks
    # for a queryset (its model names the path parameters; there are none).
    queryset = PartnerScore.objects.none()
    filter_backends = []

    @extend_schema(parameters=[PerceptionQuerySerializer],
                   responses=PerceptionGapSerializer(many=True))  # fmt: skip
    def list(self, request, *args, **kwargs):
        # `?export=csv|xlsx` (ExportListMixin) answers every row the query keeps.
        return super().list(request, *args, **kwargs)

    def _rows(self) -> list:
        query = PerceptionQuerySerializer(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        options = query.validated_data
        partner = options.get("partner")
        rows = portfolio_perceptions(partner_ids=None if partner is None else [partner])
        least = options.get("min_gap")
        if least:
            rows = [row for row in rows if row.gap is not None and abs(row.gap) >= least]
        return sort_rows(rows, options.get("sort", "gap"))

    def export_rows(self):
        return self._rows()


def register(router) -> None:
    router.register("perception-gaps", PerceptionGapViewSet, basename="perception-gap")
