"""Admin of under-performer reviews, read-only: reviews are opened, decided and followed up
through the services (the pages, the API and the follow-up job), which keep the partner's
status, its deals and the candidate's alert in step."""

from django.contrib import admin

from ..models import UnderperformerReview


@admin.register(UnderperformerReview)
class UnderperformerReviewAdmin(admin.ModelAdmin):
    list_display = ["partner", "status", "decision", "opened_on", "remediation_deadline",
                    "exit_on", "outcome", "decided_by"]  # fmt: skip
    list_filter = ["status", "decision", "outcome"]
    search_fields = ["partner__name", "reason", "candidate_reason"]
    list_select_related = ["partner", "decided_by"]
    date_hierarchy = "opened_on"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
