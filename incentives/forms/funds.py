from django import forms
from django.utils.translation import gettext_lazy as _

from prm.lib.validators import plausible_date

from ..models import FundRequestStatus, IncentiveProgram, ProgramKind

DATE = forms.DateInput(attrs={"type": "date"})
PROOF_ACCEPT = ".pdf,.png,.jpg,.jpeg,.csv,application/pdf,image/png,image/jpeg,text/csv"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files under one name; the service checks each (type by content, size)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": PROOF_ACCEPT}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(item, initial) for item in data]
        return [super().clean(data, initial)] if data else []


PROOF_HELP = _("Invoices, photos, attendee lists: PDF, PNG, JPEG or CSV; several files at once.")


class FundRequestForm(forms.Form):
    program = forms.ModelChoiceField(
        queryset=IncentiveProgram.objects.none(), required=False,
        empty_label=_("Choose an MDF program"), label=_("MDF program"),
    )  # fmt: skip
    activity = forms.CharField(max_length=200, required=False, label=_("Activity"))
    description = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, label=_("Description"),
        max_length=10_000,
    )  # fmt: skip
    starts_on = forms.DateField(
        widget=DATE, required=False, label=_("Starts on"), validators=[plausible_date]
    )
    ends_on = forms.DateField(
        widget=DATE, required=False, label=_("Ends on"), validators=[plausible_date]
    )
    expected_results = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=10_000,
        label=_("Expected results"),
        help_text=_("Leads, registrations, pipeline: what you expect."),
    )  # fmt: skip
    amount = forms.DecimalField(
        max_digits=14, decimal_places=2, required=False, label=_("Amount requested")
    )

    def __init__(self, *args, programs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["program"].queryset = programs


class FundClaimForm(forms.Form):
    amount = forms.DecimalField(
        max_digits=14, decimal_places=2, required=False, label=_("Amount claimed")
    )
    attributed_revenue = forms.DecimalField(
        max_digits=16, decimal_places=2, required=False, label=_("Attributed revenue"),
        help_text=_("Revenue the activity brought in, if you know it."),
    )  # fmt: skip
    description = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=10_000,
        label=_("What was done and what it brought"),
    )  # fmt: skip
    files = MultipleFileField(required=False, label=_("Proof of performance"), help_text=PROOF_HELP)


class ProofUploadForm(forms.Form):
    files = MultipleFileField(required=False, label=_("More proof"), help_text=PROOF_HELP)


class FundRequestDecisionForm(forms.Form):
    approved_amount = forms.DecimalField(
        max_digits=14, decimal_places=2, required=False, label=_("Approved amount")
    )
    reason = forms.CharField(required=False, max_length=2000, label=_("Reason"))


class FundRequestFilterForm(forms.Form):
    status = forms.ChoiceField(
        choices=[("", _("All")), *FundRequestStatus.choices], required=False, label=_("Status")
    )
    program = forms.ModelChoiceField(
        queryset=IncentiveProgram.objects.filter(kind=ProgramKind.MDF).order_by(
            "-starts_on", "name"
        ),
        required=False, empty_label=_("All MDF programs"), label=_("Program"),
    )  # fmt: skip
