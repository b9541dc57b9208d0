"""`/api/v1/scores/` and `/api/v1/score-runs/`, read-only.

Scores: by default each partner's latest scores (the latest finished run that scored it) with
the change since the run before; `?run=<id>` gives one run's rows. Staff read all four scores
and every component. A partner user reads only their own partner's performance and engagement
scores and those scores' components: never relationship or health, whatever they ask (the
filters on those two do not exist for them). Runs: staff only, with their progress."""

from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers, viewsets

from partners.selectors import membership_for_user
from prm.lib.access import IsVendorStaff, IsVendorStaffOrPartnerUser
from prm.lib.api import FILTER_BACKENDS, IdFilter, is_schema_request, serves_partner_user
from prm.lib.exports import ExportListMixin

from ..models.scoring import SCORES, PartnerScore, ScoreRun
from ..selectors import scoring as selectors

CHANGE_HELP = "Change since the partner's previous finished run; null when there was none."


def _change_field():
    return serializers.DecimalField(
        max_digits=5, decimal_places=1, read_only=True, allow_null=True, help_text=CHANGE_HELP
    )


class ComponentSerializer(serializers.Serializer):
    """One part of a score: what it measured (0–100), its weight and the points it adds."""

    score = serializers.CharField()
    key = serializers.CharField()
    label = serializers.CharField()
    value = serializers.FloatField(help_text="0–100.")
    weight = serializers.FloatField(help_text="Percent of its score.")
    points = serializers.FloatField(help_text="What it adds to its score.")
    evidence = serializers.CharField(help_text="Why, in a sentence.")
    fix = serializers.CharField(help_text="The partner page's tab where the cause is fixed, or ''.")


class PartnerScoreSerializer(serializers.ModelSerializer):
    as_of = serializers.DateField(source="run.as_of", read_only=True)
    partner_name = serializers.CharField(source="partner.name", read_only=True)
    relationship_change = _change_field()
    performance_change = _change_field()
    engagement_change = _change_field()
    health_change = _change_field()
    components = ComponentSerializer(many=True, read_only=True)

    class Meta:
        model = PartnerScore
        fields = ["id", "run", "as_of", "partner", "partner_name",
                  "relationship", "performance", "engagement", "health",
                  "relationship_change", "performance_change", "engagement_change",
                  "health_change", "components"]  # fmt: skip
        read_only_fields = fields


class PortalScoreSerializer(serializers.ModelSerializer):
    """A partner user's own scores: performance and engagement, and only their components."""

    as_of = serializers.DateField(source="run.as_of", read_only=True)
    performance_change = _change_field()
    engagement_change = _change_field()
    components = serializers.SerializerMethodField()

    class Meta:
        model = PartnerScore
        fields = ["id", "run", "as_of", "partner", "performance", "engagement",
                  "performance_change", "engagement_change", "components"]  # fmt: skip
        read_only_fields = fields

    @extend_schema_field(ComponentSerializer(many=True))
    def get_components(self, score):
        return ComponentSerializer(selectors.portal_components(score.components), many=True).data


def _bounds(keys) -> dict:
    return {
        f"{bound}_{key}": filters.NumberFilter(
            field_name=key, lookup_expr=lookup, min_value=0, max_value=100,
            label=f"{label} {word} (0–100)",
        )
        for key, label in SCORES if key in keys
        for bound, lookup, word in (("min", "gte", "at least"), ("max", "lte", "at most"))
    }  # fmt: skip


class _ScoreFilterBase(filters.FilterSet):
    partner = IdFilter(field_name="partner_id")
    # Chosen in get_queryset (one run's rows instead of the latest); declared here so it is
    # validated (a bad value is a 400) and documented.
    run = IdFilter(method="run_chosen", label="A run's rows instead of the latest per partner.")

    def run_chosen(self, queryset, name, value):
        return queryset


def _score_filterset(name: str, keys) -> type[filters.FilterSet]:
    """The filters of the scores in `keys`: a partner user's leave out the scores they may not
    see, so no filter on them can tell anything either."""
    meta = type("Meta", (), {"model": PartnerScore, "fields": []})
    return type(name, (_ScoreFilterBase,), {**_bounds(keys), "Meta": meta})


ScoreFilter = _score_filterset("ScoreFilter", selectors.SCORE_KEYS)
PortalScoreFilter = _score_filterset("PortalScoreFilter", selectors.PORTAL_SCORE_KEYS)


def _requested_run(request) -> int | None:
    """`?run=` when it is a whole number; anything else is refused by the filter (400)."""
    value = request.query_params.get("run", "")
    return int(value) if value.isdigit() else None


class PartnerScoreViewSet(ExportListMixin, viewsets.ReadOnlyModelViewSet):
    permission_classes = [IsVendorStaffOrPartnerUser]
    filter_backends = FILTER_BACKENDS
    ordering_fields = [*selectors.SCORE_KEYS, *(f"{k}_change" for k in selectors.SCORE_KEYS),
                       "partner__name", "run__as_of"]  # fmt: skip
    ordering = ["partner__name", "partner_id"]
    lookup_value_regex = r"\d+"

    def _keys(self):
        return selectors.PORTAL_SCORE_KEYS if serves_partner_user(self) else selectors.SCORE_KEYS

    def get_queryset(self):
        if is_schema_request(self):
            return PartnerScore.objects.none()
        keys = self._keys()
        run = _requested_run(self.request)
        if self.action == "retrieve":
            queryset = selectors.scores_for_detail(keys=keys)
        elif run is not None:
            queryset = selectors.run_scores(run_id=run, keys=keys)
        else:
            queryset = selectors.latest_scores(keys=keys)
        if self.request.user.is_vendor_staff:
            return queryset
        partner_id = membership_for_user(user=self.request.user).partner_id
        finished = queryset.filter(run__status=ScoreRun.Status.DONE)
        return finished.filter(partner_id=partner_id)

    def get_serializer_class(self):
        return PortalScoreSerializer if serves_partner_user(self) else PartnerScoreSerializer

    @property
    def filterset_class(self):
        return PortalScoreFilter if serves_partner_user(self) else ScoreFilter


class ScoreRunSerializer(serializers.ModelSerializer):
    progress_percent = serializers.IntegerField(read_only=True, help_text="0–100.")

    class Meta:
        model = ScoreRun
        fields = ["id", "as_of", "status", "weights", "started_by", "started_at", "finished_at",
                  "partners_total", "partners_done", "progress_percent", "statements", "error",
                  "created_at", "updated_at"]  # fmt: skip
        read_only_fields = fields


class ScoreRunViewSet(ExportListMixin, viewsets.ReadOnlyModelViewSet):
    """Scoring runs and their progress: vendor staff only."""

    serializer_class = ScoreRunSerializer
    permission_classes = [IsVendorStaff]
    filter_backends = FILTER_BACKENDS
    filterset_fields = ["status", "as_of"]
    ordering_fields = ["as_of", "created_at"]
    ordering = ["-as_of"]
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        if is_schema_request(self):
            return ScoreRun.objects.none()
        return selectors.runs()


def register(router) -> None:
    router.register("scores", PartnerScoreViewSet, basename="score")
    router.register("score-runs", ScoreRunViewSet, basename="score-run")
