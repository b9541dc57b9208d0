"""Admin of reach scenarios: read and delete (they are made, checked and changed through the
calculator, the API and the services)."""

from django.contrib import admin

from ..models import ReachScenario, ReachScenarioSplit


class ReachScenarioSplitInline(admin.TabularInline):
    model = ReachScenarioSplit
    extra = 0
    can_delete = False
    readonly_fields = ["territory", "percent"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ReachScenario)
class ReachScenarioAdmin(admin.ModelAdmin):
    list_display = ["name", "goal", "currency", "period_months", "created_by", "updated_at"]
    list_filter = ["currency"]
    search_fields = ["name", "notes"]
    list_select_related = ["created_by"]
    inlines = [ReachScenarioSplitInline]

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in ReachScenario._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
