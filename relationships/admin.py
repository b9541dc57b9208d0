from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from prm.lib.versioning import VersionedAdmin

from . import services
from .culture import culture_profile
from .models import (
    CultureAssessment,
    CultureDescriptor,
    CultureGuideline,
    CultureRating,
    EngagementAction,
    Feedback,
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
class StakeholderAdmin(VersionedAdmin, admin.ModelAdmin):
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
class RelationshipPlanAdmin(VersionedAdmin, admin.ModelAdmin):
    list_display = ["stakeholder", "owner", "review_on", "updated_at"]
    list_filter = ["review_on"]
    search_fields = ["stakeholder__contact__last_name", "stakeholder__partner__name"]
    autocomplete_fields = ["stakeholder", "owner", "related_stakeholders"]
    list_select_related = ["stakeholder__contact", "owner"]


@admin.register(EngagementAction)
class EngagementActionAdmin(VersionedAdmin, admin.ModelAdmin):
    list_display = ["title", "partner", "owner", "due_on", "status"]
    list_filter = ["status", "due_on"]
    search_fields = ["title", "partner__name"]
    autocomplete_fields = ["partner", "owner", "stakeholders"]
    list_select_related = ["partner", "owner"]
    date_hierarchy = "due_on"


@admin.register(Interaction)
class InteractionAdmin(VersionedAdmin, admin.ModelAdmin):
    list_display = ["occurred_on", "partner", "channel", "sentiment", "logged_by"]
    list_filter = ["channel", "sentiment"]
    search_fields = ["partner__name", "notes"]
    autocomplete_fields = ["partner", "stakeholders", "logged_by"]
    list_select_related = ["partner", "logged_by"]
    date_hierarchy = "occurred_on"
    show_full_result_count = False


@admin.register(RelationshipObjective)
class RelationshipObjectiveAdmin(VersionedAdmin, admin.ModelAdmin):
    list_display = ["title", "partner", "stakeholder", "due_on", "status", "owner"]
    list_filter = ["status", "target_stance"]
    search_fields = ["title", "partner__name"]
    autocomplete_fields = ["partner", "stakeholder", "owner"]
    list_select_related = ["partner", "stakeholder__contact", "owner"]


# --- culture --------------------------------------------------------------------------------


class CultureRatingInline(admin.TabularInline):
    model = CultureRating
    extra = 0
    fields = ["dimension", "culture_type", "score"]


@admin.register(CultureAssessment)
class CultureAssessmentAdmin(VersionedAdmin, admin.ModelAdmin):
    list_display = ["subject", "assessed_on", "dominant_type", "validated", "is_current"]
    list_filter = ["is_own", "is_current", "validated", "assessed_on"]
    search_fields = ["partner__name"]
    autocomplete_fields = ["partner"]
    list_select_related = ["partner", "assessed_by"]
    # Validation is recorded through the service (pages, API), which sets who and when.
    readonly_fields = [
        "dominant_type", "assessed_by", "validated", "validated_by", "validated_on",
        "created_at", "updated_at",
    ]  # fmt: skip
    date_hierarchy = "assessed_on"
    inlines = [CultureRatingInline]
    actions = ["make_current"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("ratings")

    @admin.display(description="subject", ordering="partner__name")
    def subject(self, obj):
        return "Our culture" if obj.is_own else obj.partner

    @admin.display(description="dominant type")
    def dominant_type(self, obj):
        if obj.pk is None:
            return "—"
        ratings = [(r.dimension, r.culture_type, r.score) for r in obj.ratings.all()]
        return culture_profile(ratings).overall.dominant_label

    def save_model(self, request, obj, form, change):
        if not change:
            obj.assessed_by = request.user
        super().save_model(request, obj, form, change)

    @admin.action(description="Make current (our own culture)")
    def make_current(self, request, queryset):
        own = list(queryset.filter(is_own=True)[:2])
        if len(own) != 1 or queryset.exclude(is_own=True).exists():
            self.message_user(
                request, "Select exactly one profile of our own culture.", messages.ERROR
            )
            return
        try:
            services.culture_own_make_current(actor=request.user, assessment=own[0])
        except (ValidationError, PermissionDenied) as error:
            self.message_user(request, "; ".join(error.messages), messages.ERROR)
            return
        self.message_user(request, f"{own[0]} is now our current culture profile.")


class _CultureReferenceAdmin(VersionedAdmin, admin.ModelAdmin):
    """The 20 type × dimension pairs are fixed: their text is edited, never added or deleted."""

    list_filter = ["culture_type", "dimension"]
    readonly_fields = ["culture_type", "dimension", "updated_at"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        """Through the service, like every other write: it strips the text and audits it."""
        fields = {self.instance_argument: obj, self.text_field: form.cleaned_data[self.text_field]}
        self.update_service(actor=request.user, **fields)


@admin.register(CultureDescriptor)
class CultureDescriptorAdmin(_CultureReferenceAdmin):
    update_service = staticmethod(services.culture_descriptor_update)
    instance_argument, text_field = "descriptor", "text"
    list_display = ["dimension", "culture_type", "text"]
    fields = ["dimension", "culture_type", "text", "updated_at"]
    search_fields = ["text"]


@admin.register(CultureGuideline)
class CultureGuidelineAdmin(_CultureReferenceAdmin):
    update_service = staticmethod(services.culture_guideline_update)
    instance_argument, text_field = "guideline", "guidance"
    list_display = ["culture_type", "dimension", "guidance"]
    fields = ["culture_type", "dimension", "guidance", "updated_at"]
    search_fields = ["guidance"]


# --- partner surveys -------------------------------------------------------------------------
from .models import Survey, SurveyResponse  # noqa: E402


class SurveyResponseInline(admin.TabularInline):
    # Answers are the partner's words: read here, never edited on their behalf.
    model = SurveyResponse
    extra = 0
    can_delete = False
    fields = ["respondent", "trust", "fairness", "ease", "enablement", "communication", "support"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Survey)
class SurveyAdmin(VersionedAdmin, admin.ModelAdmin):
    list_display = ["partner", "reason", "period", "sent_on", "due_on", "last_reminded_on"]
    list_filter = ["reason", "period"]
    search_fields = ["partner__name"]
    list_select_related = ["partner"]
    autocomplete_fields = ["partner"]
    readonly_fields = ["sent_by", "last_reminded_on", "created_at", "updated_at"]
    inlines = [SurveyResponseInline]


@admin.register(SurveyResponse)
class SurveyResponseAdmin(admin.ModelAdmin):
    list_display = ["survey", "respondent", "trust", "fairness", "ease", "enablement",
                    "communication", "support", "created_at"]  # fmt: skip
    list_select_related = ["survey__partner", "respondent"]
    search_fields = ["survey__partner__name", "respondent__username"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Feedback)
class FeedbackAdmin(VersionedAdmin, admin.ModelAdmin):
    """Partners' feedback. What the partner wrote is theirs (read only here); assigning,
    answering and closing go through the services, from the staff pages or the action below."""

    list_display = ["partner", "category", "status", "author", "assignee", "created_at"]
    list_filter = ["status", "category"]
    search_fields = ["text", "answer", "partner__name", "author__username"]
    list_select_related = ["partner", "author", "assignee"]
    readonly_fields = [
        "partner", "author", "page_path", "category", "text", "status", "assignee", "answer",
        "answered_by", "answered_at", "closed_at", "created_at", "updated_at",
    ]  # fmt: skip
    actions = ["close_feedback"]

    def has_add_permission(self, request):
        return False  # partners send feedback from the portal

    @admin.action(description=_("Close the selected feedback"))
    def close_feedback(self, request, queryset):
        closed = 0
        for item in queryset.exclude(status=Feedback.Status.CLOSED):
            try:
                services.feedback_close(actor=request.user, feedback=item)
            except (ValidationError, PermissionDenied) as error:
                self.message_user(request, "; ".join(getattr(error, "messages", [str(error)])),
                                  messages.ERROR)  # fmt: skip
                return
            closed += 1
        message = ngettext("%(n)d piece of feedback closed.", "%(n)d pieces of feedback closed.",
                           closed) % {"n": closed}  # fmt: skip
        self.message_user(request, message)
