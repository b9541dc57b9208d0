"""Admin of incentive programs and claims. Programs are saved through their services, so the
admin applies the same rules as the pages and the API, with the messages at their fields.
Claims are requested in the portal or the API and change only through their decisions: here
they are read, and approved in bulk with an action that calls `claim_approve` for each."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from prm.lib.forms import apply_service_errors
from prm.lib.versioning import VersionedAdmin

from ..models import IncentiveClaim, IncentiveProgram
from ..selectors.claims import programs_with_usage
from ..services import claims as services

__all__ = []

PROGRAM_FIELDS = [*services.PROGRAM_FIELDS, "eligible_tiers"]


class IncentiveProgramAdminForm(forms.ModelForm):
    """Validates by saving through the service (inside the admin's transaction): its errors
    land at the fields they name, and the admin's own save has nothing left to do."""

    actor = None  # set per request by IncentiveProgramAdmin.get_form

    class Meta:
        model = IncentiveProgram
        fields = PROGRAM_FIELDS

    def _post_clean(self):
        # Instead of the model's validation: the service's is the same and more (a budget
        # below what is approved), and it names the field where a constraint would not.
        if self.errors:
            return
        data = dict(self.cleaned_data)
        tiers = list(data.pop("eligible_tiers"))
        try:
            if self.instance.pk is None:
                self.instance = services.incentive_program_create(
                    actor=self.actor, eligible_tiers=tiers, **data
                )
            else:
                self.instance = services.incentive_program_update(
                    actor=self.actor, program=self.instance, eligible_tiers=tiers, **data
                )
        except ValidationError as error:
            apply_service_errors(self, error)
        except PermissionDenied as error:
            self.add_error(None, str(error))


class RunningFilter(admin.SimpleListFilter):
    title = "running"
    parameter_name = "running"

    def lookups(self, request, model_admin):
        return [("running", "Running today"), ("upcoming", "Upcoming"), ("ended", "Ended")]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "running":
            return queryset.active_on(today)
        if self.value() == "upcoming":
            return queryset.filter(starts_on__gt=today)
        if self.value() == "ended":
            return queryset.filter(ends_on__lt=today)
        return queryset


@admin.register(IncentiveProgram)
class IncentiveProgramAdmin(VersionedAdmin, admin.ModelAdmin):
    form = IncentiveProgramAdminForm
    list_display = ["name", "kind", "targeted_behaviour", "budget_shown", "period", "committed"]
    list_filter = [RunningFilter, "kind", "targeted_behaviour", "currency", "eligible_tiers"]
    search_fields = ["name", "behaviour_description"]
    filter_horizontal = ["eligible_tiers"]
    fields = [*PROGRAM_FIELDS, "committed", "created_at", "updated_at"]
    readonly_fields = ["committed", "created_at", "updated_at"]

    def get_queryset(self, request):
        return programs_with_usage()

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.actor = request.user  # a new form class per request: nothing shared
        return form

    def save_model(self, request, obj, form, change):
        """Saved by the form, through the service."""

    def save_related(self, request, form, formsets, change):
        """The service set the eligible tiers; there are no inlines."""

    @admin.display(description="budget", ordering="budget")
    def budget_shown(self, program):
        return f"{program.budget:,.2f} {program.currency}"

    @admin.display(description="period", ordering="starts_on")
    def period(self, program):
        return f"{program.starts_on:%Y-%m-%d} – {program.ends_on:%Y-%m-%d}"

    @admin.display(description="committed (approved + paid)", ordering="committed")
    def committed(self, program):
        if program.pk is None:
            return "—"
        return f"{getattr(program, 'committed', None) or 0:,.2f} {program.currency}"


@admin.register(IncentiveClaim)
class IncentiveClaimAdmin(VersionedAdmin, admin.ModelAdmin):
    """Read only: requests go through the portal or the API (eligibility and budget checks);
    decisions through the claim queue, the API or the approve action here. Rejecting needs a
    reason and paying a payment reference: those are made on the claim queue page."""

    list_display = [
        "partner", "program", "amount", "currency", "status", "created_at", "decided_at",
        "paid_at",
    ]  # fmt: skip
    list_filter = ["status", "program__kind", "program", "created_at"]
    search_fields = ["partner__name", "program__name", "description", "payment_reference"]
    list_select_related = ["partner", "program"]
    date_hierarchy = "created_at"
    actions = ["approve_selected"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        # The changelist (and its action) yes; a claim's own form is read only.
        return obj is None and super().has_change_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False  # a deleted claim would give its budget back: history is kept

    @admin.action(description="Approve selected claims", permissions=["change"])
    def approve_selected(self, request, queryset):
        approved = 0
        # Oldest first: when the budget runs short, the first requested is the first served.
        for claim in queryset.select_related("partner", "program").order_by("created_at", "pk"):
            try:
                services.claim_approve(actor=request.user, claim=claim)
            except ValidationError as error:
                self.message_user(request, f"{claim}: {' '.join(error.messages)}", messages.ERROR)
            except PermissionDenied as error:
                self.message_user(request, f"{claim}: {error}", messages.ERROR)
            else:
                approved += 1
        if approved:
            noun = "claim" if approved == 1 else "claims"
            self.message_user(request, f"{approved} {noun} approved.", messages.SUCCESS)
