from django import forms

from ..models import IncentiveProgram


class ClaimRequestForm(forms.Form):
    program = forms.ModelChoiceField(
        queryset=IncentiveProgram.objects.none(), required=False,
        empty_label="Choose a program", label="Incentive program",
    )  # fmt: skip
    amount = forms.DecimalField(max_digits=14, decimal_places=2, required=False)
    attributed_revenue = forms.DecimalField(
        max_digits=16, decimal_places=2, required=False, label="Attributed revenue",
        help_text="Revenue the activity brought in, if you know it.",
    )  # fmt: skip
    description = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), required=False,
        label="What did you do?",
    )  # fmt: skip

    def __init__(self, *args, programs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["program"].queryset = programs


class ClaimDecisionForm(forms.Form):
    reason = forms.CharField(required=False, max_length=1000)
    payment_reference = forms.CharField(required=False, max_length=80)
