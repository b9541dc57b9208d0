"""Admin of targets: metrics are added here; targets and actuals are read-only (services write)."""

from django.contrib import admin

from prm.lib.versioning import VersionedAdmin

from ..models.targets import Actual, ActualsImport, Metric, Target, TargetProposal


@admin.register(Metric)
class MetricAdmin(VersionedAdmin, admin.ModelAdmin):
    list_display = ["name", "key", "unit", "kind"]
    prepopulated_fields = {"key": ["name"]}

    def has_delete_permission(self, request, obj=None):
        return False  # targets and actuals point at metrics


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class TargetProposalInline(admin.TabularInline):
    model = TargetProposal
    extra = 0
    can_delete = False
    readonly_fields = ["side", "proposed_by", "action", "value", "comment", "challenge_flag",
                       "created_at"]  # fmt: skip
    fields = readonly_fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Target)
class TargetAdmin(ReadOnlyAdmin):
    list_display = ["partner", "metric", "year", "quarter", "status", "agreed_value"]
    list_filter = ["status", "metric", "year"]
    search_fields = ["partner__name"]
    list_select_related = ["partner", "metric"]
    inlines = [TargetProposalInline]


@admin.register(Actual)
class ActualAdmin(ReadOnlyAdmin):
    list_display = ["partner", "metric", "year", "quarter", "value", "source"]
    list_filter = ["source", "metric", "year"]
    search_fields = ["partner__name"]
    list_select_related = ["partner", "metric"]


@admin.register(ActualsImport)
class ActualsImportAdmin(ReadOnlyAdmin):
    list_display = ["filename", "uploaded_by", "status", "total_rows", "written_rows", "created_at"]
    exclude = ["content"]
