"""Admin of the operations maturity: the channel processes and what each level looks like for
them (reference data, edited here), and the assessments to look at (they are made on the
maturity page or through the API, where the service checks them, and kept as history)."""

from django.contrib import admin

from ..models import ChannelProcess, OperationsAssessment, ProcessRating


@admin.register(ChannelProcess)
class ChannelProcessAdmin(admin.ModelAdmin):
    list_display = ["name", "key", "position", "active"]
    list_editable = ["position", "active"]
    list_filter = ["active"]
    search_fields = ["name", "key", "description"]
    prepopulated_fields = {"key": ("name",)}
    fieldsets = [
        (None, {"fields": ["name", "key", "position", "active", "description"]}),
        ("What each level looks like", {
            "fields": ["level_1", "level_2", "level_3", "level_4", "level_5"]}),
    ]  # fmt: skip

    def has_delete_permission(self, request, obj=None):
        # A rated process is history (PROTECT); retire it with `active` instead.
        return obj is None or not obj.ratings.exists()


class ProcessRatingInline(admin.TabularInline):
    model = ProcessRating
    fields = ["process", "level", "evidence", "action", "action_owner", "action_due",
              "action_done_on"]  # fmt: skip
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(OperationsAssessment)
class OperationsAssessmentAdmin(admin.ModelAdmin):
    list_display = ["assessed_on", "assessed_by", "created_at"]
    list_select_related = ["assessed_by"]
    date_hierarchy = "assessed_on"
    readonly_fields = ["assessed_on", "assessed_by", "notes", "created_at", "updated_at"]
    inlines = [ProcessRatingInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
