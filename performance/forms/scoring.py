"""Forms of the score pages: the query string of the pages that sort and filter partners by
their scores (the partner scores list, the target and audit portfolios: a minimum and maximum
per score, the sort, the page), starting a scoring run and the run page's query string."""

from django import forms
from django.http import QueryDict

from partners.selectors import partners

from ..models.scoring import SCORES

SORT_COLUMNS = [key for key, _label in SCORES] + [f"{key}_change" for key, _label in SCORES]
DEFAULT_SORT = "-health"


def _sort_label(sort: str) -> str:
    key = sort.lstrip("-")
    label = dict(SCORES)[key.removesuffix("_change")]
    label = f"{label} change" if key.endswith("_change") else label
    return f"{label}, {'highest' if sort.startswith('-') else 'lowest'} first"


SORT_CHOICES = [(f"-{key}", _sort_label(f"-{key}")) for key in SORT_COLUMNS] + [
    (key, _sort_label(key)) for key in SORT_COLUMNS
]


def _bound(label: str) -> forms.DecimalField:
    return forms.DecimalField(
        required=False, label=label, min_value=0, max_value=100, max_digits=4, decimal_places=1,
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
    )  # fmt: skip


class ScoreFilterForm(forms.Form):
    """`own_order`: the label of the page's own order, offered first (empty sort) on pages that
    have one; without it an empty sort means `DEFAULT_SORT`."""

    sort = forms.ChoiceField(required=False, choices=SORT_CHOICES)
    page = forms.IntegerField(required=False, min_value=1)

    def __init__(self, *args, own_order: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if own_order:
            self.fields["sort"].choices = [("", own_order), *SORT_CHOICES]
            self.fields["sort"].label = "Order"
        for key, _label in SCORES:
            self.fields[f"min_{key}"] = _bound("At least")
            self.fields[f"max_{key}"] = _bound("At most")

    def clean(self):
        cleaned = super().clean()
        for key, _label in SCORES:
            low, high = cleaned.get(f"min_{key}"), cleaned.get(f"max_{key}")
            if low is not None and high is not None and low > high:
                self.add_error(f"max_{key}", f"Can't be below the minimum ({low}).")
        return cleaned

    def bound_pairs(self):
        """The min and max fields of each score, for the template: (label, min, max)."""
        return [(label, self[f"min_{key}"], self[f"max_{key}"]) for key, label in SCORES]

    def column_filter_groups(self) -> list[dict]:
        """The same fields grouped as templates/components/column_filters.html draws them."""
        return [{"label": label, "fields": [low, high]} for label, low, high in self.bound_pairs()]

    def column_filters_used(self) -> bool:
        names = [f"{prefix}_{key}" for key, _label in SCORES for prefix in ("min", "max")]
        return any(
            name in self.errors or self.cleaned_data.get(name) is not None for name in names
        )  # fmt: skip

    def limits(self, prefix: str) -> dict:
        data = self.cleaned_data
        return {
            key: data[f"{prefix}_{key}"]
            for key, _label in SCORES
            if data.get(f"{prefix}_{key}") is not None
        }

    def canonical_query(self, *leave_out: str) -> str:
        """The query string of the valid, non-empty values, without `leave_out`."""
        query = QueryDict(mutable=True)
        for key, value in self.data.items():
            kept = key in self.fields and key not in self.errors and key not in leave_out
            if kept and value not in ("", None):
                query[key] = value
        return query.urlencode()


def score_filters(query, *, own_order: str = "") -> ScoreFilterForm:
    """The form with its invalid values left out: a bad filter in the URL narrows nothing, and
    the form says what was wrong."""
    form = ScoreFilterForm(query, own_order=own_order)
    if not form.is_valid():
        form.cleaned_data = {k: v for k, v in form.cleaned_data.items() if k not in form.errors}
    return form


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
