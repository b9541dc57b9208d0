"""Admin of scoring: the weights (saving makes a new current set; the old one stays as history,
in the audit trail and on the runs that used it), and runs and scores, read-only."""

from django import forms
from django.contrib import admin

from prm.lib.versioning import VersionedAdmin

from ..models.scoring import PartnerScore, ScoreRun, ScoringWeights
from ..services.scoring import scoring_weights_set

WEIGHT_FIELDS = [
    "relationship", "performance", "engagement", "interaction_half_life_days",
    "underperformer_attainment", "underperformer_periods", "health_drop_alert",
    "rules_change_limit", "rules_change_window_days", "note",
]  # fmt: skip


class ScoringWeightsForm(forms.ModelForm):
    class Meta:
        model = ScoringWeights
        fields = WEIGHT_FIELDS

    def clean(self):
        data = super().clean()
        parts = ("relationship", "performance", "engagement")
        if sum(data.get(name) or 0 for name in parts) != 100:
            raise forms.ValidationError("The three health weights must add up to 100.")
        return data


@admin.register(ScoringWeights)
class ScoringWeightsAdmin(VersionedAdmin, admin.ModelAdmin):
    list_display = ["__str__", "interaction_half_life_days", "is_current", "created_by",
                    "created_at"]  # fmt: skip
    list_filter = ["is_current"]
    form = ScoringWeightsForm
    fields = WEIGHT_FIELDS

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        saved = scoring_weights_set(actor=request.user, **form.cleaned_data)
        obj.pk, obj.is_current = saved.pk, True


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ScoreRun)
class ScoreRunAdmin(ReadOnlyAdmin):
    list_display = ["as_of", "status", "partners_done", "partners_total", "statements",
                    "started_by", "started_at", "finished_at"]  # fmt: skip
    list_filter = ["status", "as_of"]
    date_hierarchy = "as_of"


@admin.register(PartnerScore)
class PartnerScoreAdmin(ReadOnlyAdmin):
    list_display = ["partner", "run", "relationship", "performance", "engagement", "health"]
    list_filter = ["run__as_of", "run__status"]
    search_fields = ["partner__name"]
    list_select_related = ["partner", "run"]
