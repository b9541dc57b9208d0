from django import forms
from django.utils.translation import gettext_lazy as _

from partners import selectors as partner_selectors
from prm.lib.money import Currency, default_currency
from prm.lib.validators import plausible_date
from prm.lib.versioning import VersionedForm

from ..models import ClaimStatus, IncentiveProgram, ProgramKind, TargetedBehaviour
from ..selectors.claims import PROGRAM_STATES

DATE = forms.DateInput(attrs={"type": "date"})


class ClaimRequestForm(forms.Form):
    program = forms.ModelChoiceField(
        queryset=IncentiveProgram.objects.none(), required=False,
        empty_label=_("Choose a program"), label=_("Incentive program"),
    )  # fmt: skip
    amount = forms.DecimalField(max_digits=14, decimal_places=2, required=False)
    attributed_revenue = forms.DecimalField(
        max_digits=16, decimal_places=2, required=False, label=_("Attributed revenue"),
        help_text=_("Revenue the activity brought in, if you know it."),
    )  # fmt: skip
    description = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), required=False,
        label=_("What did you do?"),
    )  # fmt: skip

    def __init__(self, *args, programs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["program"].queryset = programs


class ClaimDecisionForm(forms.Form):
    reason = forms.CharField(required=False, max_length=1000)
    payment_reference = forms.CharField(required=False, max_length=80)


class ClaimFilterForm(forms.Form):
    status = forms.ChoiceField(choices=[("", "All"), *ClaimStatus.choices], required=False)
    program = forms.ModelChoiceField(
        queryset=IncentiveProgram.objects.order_by("-starts_on", "name"), required=False,
        empty_label=_("All programs"),
    )  # fmt: skip


class IncentiveProgramForm(VersionedForm, forms.Form):
    name = forms.CharField(max_length=120)
    kind = forms.ChoiceField(choices=[("", "Choose a kind"), *ProgramKind.choices])
    targeted_behaviour = forms.ChoiceField(
        choices=[("", "Choose the behaviour"), *TargetedBehaviour.choices],
        label=_("Behaviour it targets"),
        help_text=_("Incentives exist to drive behaviour: ROI is measured against this one."),
    )
    behaviour_description = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False,
        label=_("What partners should do more of"),
    )  # fmt: skip
    budget = forms.DecimalField(max_digits=14, decimal_places=2)
    currency = forms.ChoiceField(choices=Currency.choices, initial=default_currency)
    starts_on = forms.DateField(widget=DATE, label=_("Starts on"), validators=[plausible_date])
    ends_on = forms.DateField(widget=DATE, label=_("Ends on"), validators=[plausible_date])
    eligible_tiers = forms.ModelMultipleChoiceField(
        queryset=partner_selectors.tiers(), required=False,
        widget=forms.CheckboxSelectMultiple, label=_("Eligible tiers"),
        help_text=_("Leave all unticked to open the program to every tier."),
    )  # fmt: skip

    def clean_budget(self):
        budget = self.cleaned_data["budget"]
        if budget <= 0:  # said here too, so it shows beside other missing fields
            raise forms.ValidationError("The budget must be more than zero.")
        return budget

    def clean(self):
        data = super().clean()
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", "The program cannot end before it starts.")
        return data


class ProgramFilterForm(forms.Form):
    kind = forms.ChoiceField(choices=[("", "All kinds"), *ProgramKind.choices], required=False)
    behaviour = forms.ChoiceField(
        choices=[("", "All behaviours"), *TargetedBehaviour.choices], required=False
    )
    state = forms.ChoiceField(
        choices=[("", "Any time"), *PROGRAM_STATES], required=False, label=_("Running")
    )
