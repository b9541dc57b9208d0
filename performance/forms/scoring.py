"""Forms of the score pages: the partner scores list's query string (a minimum and maximum per
score, the sort, the page), starting a scoring run and the run page's query string."""

from django import forms

from partners.selectors import partners

from ..models.scoring import SCORES

SORT_COLUMNS = [key for key, _label in SCORES] + [f"{key}_change" for key, _label in SCORES]
DEFAULT_SORT = "-health"


def _bound(label: str) -> forms.DecimalField:
    return forms.DecimalField(
        required=False, label=label, min_value=0, max_value=100, max_digits=4, decimal_places=1,
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
    )  # fmt: skip


class ScoreFilterForm(forms.Form):
    sort = forms.ChoiceField(
        required=False,
        choices=[(key, key) for key in SORT_COLUMNS] + [(f"-{key}", key) for key in SORT_COLUMNS],
    )
    page = forms.IntegerField(required=False, min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, _label in SCORES:
            self.fields[f"min_{key}"] = _bound("At least")
            self.fields[f"max_{key}"] = _bound("At most")

    def bound_pairs(self):
        """The min and max fields of each score, for the template: (label, min, max)."""
        return [(label, self[f"min_{key}"], self[f"max_{key}"]) for key, label in SCORES]

    def limits(self, prefix: str) -> dict:
        data = self.cleaned_data
        return {
            key: data[f"{prefix}_{key}"]
            for key, _label in SCORES
            if data.get(f"{prefix}_{key}") is not None
        }


class ScoreRunStartForm(forms.Form):
    """The "Recompute now" button: every partner, or one (its slug); as of today unless a date
    is given (trying a failed run of another date again)."""

    partner = forms.ModelChoiceField(
        queryset=partners(), to_field_name="slug", required=False, widget=forms.HiddenInput,
        error_messages={"invalid_choice": "That partner does not exist (any more)."},
    )  # fmt: skip
    as_of = forms.DateField(required=False, widget=forms.HiddenInput)


class ScoreRunPageForm(forms.Form):
    """The run page's query string: the partner whose Scores tab it links back to, if any."""

    partner = forms.ModelChoiceField(
        queryset=partners(), to_field_name="slug", required=False, widget=forms.HiddenInput
    )

    def partner_or_none(self):
        return self.cleaned_data.get("partner") if self.is_valid() else None
