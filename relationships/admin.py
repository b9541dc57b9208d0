from django.contrib import admin

from .models import (
    EngagementAction,
    Interaction,
    RelationshipObjective,
    RelationshipPlan,
    Stakeholder,
)


class PlanInline(admin.StackedInline):
    model = RelationshipPlan
    extra = 0
    autocomplete_fields = ["owner", "related_stakeholders"]


@admin.register(Stakeholder)
class StakeholderAdmin(admin.ModelAdmin):
    list_display = [
        "contact", "partner", "influence", "stance", "strategy_label", "relationship_level",
        "decision_orientation", "adaptability", "is_champion", "last_interaction_on",
    ]  # fmt: skip
    list_filter = ["stance", "influence", "relationship_level", "decision_orientation",
                   "adaptability", "is_champion"]  # fmt: skip
    search_fields = ["contact__first_name", "contact__last_name", "contact__email", "partner__name"]
    autocomplete_fields = ["contact", "partner", "owners"]
    list_select_related = ["contact", "partner"]
    readonly_fields = ["last_interaction_on", "created_at", "updated_at"]
    inlines = [PlanInline]

    @admin.display(description="strategy")
    def strategy_label(self, obj):
        return obj.get_strategy_display()


@admin.register(RelationshipPlan)
class RelationshipPlanAdmin(admin.ModelAdmin):
    list_display = ["stakeholder", "owner", "review_on", "updated_at"]
    list_filter = ["review_on"]
    search_fields = ["stakeholder__contact__last_name", "stakeholder__partner__name"]
    autocomplete_fields = ["stakeholder", "owner", "related_stakeholders"]
    list_select_related = ["stakeholder__contact", "owner"]


@admin.register(EngagementAction)
class EngagementActionAdmin(admin.ModelAdmin):
    list_display = ["title", "partner", "owner", "due_on", "status"]
    list_filter = ["status", "due_on"]
    search_fields = ["title", "partner__name"]
    autocomplete_fields = ["partner", "owner", "stakeholders"]
    list_select_related = ["partner", "owner"]
    date_hierarchy = "due_on"


@admin.register(Interaction)
class InteractionAdmin(admin.ModelAdmin):
    list_display = ["occurred_on", "partner", "channel", "sentiment", "logged_by"]
    list_filter = ["channel", "sentiment"]
    search_fields = ["partner__name", "notes"]
    autocomplete_fields = ["partner", "stakeholders", "logged_by"]
    list_select_related = ["partner", "logged_by"]
    date_hierarchy = "occurred_on"
    show_full_result_count = False


@admin.register(RelationshipObjective)
class RelationshipObjectiveAdmin(admin.ModelAdmin):
    list_display = ["title", "partner", "stakeholder", "due_on", "status", "owner"]
    list_filter = ["status", "target_stance"]
    search_fields = ["title", "partner__name"]
    autocomplete_fields = ["partner", "stakeholder", "owner"]
    list_select_related = ["partner", "stakeholder__contact", "owner"]
