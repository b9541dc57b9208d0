"""Admin of market development funds. Fund requests are made in the portal or the API and
change only through their services (budget commitment, claim ledger): here they are read, with
their claims' proof listed, and approved in bulk (for the amount asked) by an action that calls
`fund_request_approve` for each. Proof files are read only and never deleted here."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from prm.lib.versioning import VersionedAdmin

from ..models import FundRequest, IncentiveClaim, ProofOfPerformance
from ..services import funds as services

__all__ = []


class ReadOnly:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False  # financial history: a deleted row would give budget back


class FundClaimInline(ReadOnly, admin.TabularInline):
    model = IncentiveClaim
    fields = ["amount", "currency", "status", "created_at", "description"]
    readonly_fields = fields
    extra = 0
    show_change_link = True


@admin.register(FundRequest)
class FundRequestAdmin(ReadOnly, VersionedAdmin, admin.ModelAdmin):
    list_display = [
        "partner", "activity", "program", "amount", "approved_amount", "claimed_total",
        "currency", "status", "created_at",
    ]  # fmt: skip
    list_filter = ["status", "program", "created_at"]
    search_fields = ["partner__name", "activity", "expected_results", "program__name"]
    list_select_related = ["partner", "program"]
    date_hierarchy = "created_at"
    inlines = [FundClaimInline]
    actions = ["approve_selected"]

    @admin.action(description=_("Approve selected fund requests (amount asked)"),
                  permissions=["change"])  # fmt: skip
    def approve_selected(self, request, queryset):
        approved = 0
        # Oldest first: when the budget runs short, the first requested is the first served.
        for fund_request in queryset.select_related("partner", "program").order_by("created_at"):
            try:
                services.fund_request_approve(actor=request.user, fund_request=fund_request)
            except (ValidationError, PermissionDenied) as error:
                text = " ".join(getattr(error, "messages", [str(error)]))
                self.message_user(request, f"{fund_request}: {text}", messages.ERROR)
            else:
                approved += 1
        if approved:
            self.message_user(
                request,
                ngettext("%(count)d fund request approved.", "%(count)d fund requests approved.",
                         approved) % {"count": approved},
                messages.SUCCESS,
            )  # fmt: skip


@admin.register(ProofOfPerformance)
class ProofOfPerformanceAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["original_name", "kind", "size", "claim", "uploaded_by", "created_at", "get"]
    list_filter = ["kind", "created_at"]
    search_fields = ["original_name", "claim__partner__name"]
    list_select_related = ["claim__partner", "claim__program", "uploaded_by"]

    @admin.display(description=_("download"))
    def get(self, proof):
        # Through the permission-checked view, never a storage URL.
        return format_html(
            '<a href="{}">{}</a>', reverse("incentives:proof-download", args=[proof.pk]),
            _("Download"),
        )  # fmt: skip
