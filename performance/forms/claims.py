"""The filters of the incentive ROI comparison (a query string, validated like any input)."""

from django import forms

from incentives.models import ProgramKind, TargetedBehaviour

ORDER_CHOICES = [("highest", "Highest first"), ("lowest", "Lowest first")]


class IncentiveRoiFilterForm(forms.Form):
    kind = forms.ChoiceField(required=False, choices=[("", "Any kind"), *ProgramKind.choices])
    behaviour = forms.ChoiceField(
        required=False, label="Behaviour targeted",
        choices=[("", "Any behaviour"), *TargetedBehaviour.choices],
    )  # fmt: skip
    year = forms.TypedChoiceField(
        required=False, label="Running in", coerce=int, empty_value=None, choices=[]
    )
    order = forms.ChoiceField(required=False, label="Sort by ROI", choices=ORDER_CHOICES)

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", "Any year"), *((year, year) for year in years)]

    @property
    def is_filtered(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return any(data.get(name) for name in ("kind", "behaviour", "year"))
