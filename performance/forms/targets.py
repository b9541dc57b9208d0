"""Forms of targets and actuals. Services do the checks that need the database."""

from django import forms
from django.utils.translation import gettext_lazy as _

from prm.lib.uploads import validate_upload
from prm.models import SHORT_TEXT

from ..models import Metric
from .portfolios import PartnerScopeForm

QUARTER_CHOICES = [("", _("Whole year")), ("1", "Q1"), ("2", "Q2"), ("3", "Q3"), ("4", "Q4")]


class PeriodFields(forms.Form):
    metric = forms.ModelChoiceField(queryset=Metric.objects.all(), empty_label=None)
    year = forms.IntegerField(min_value=2000, max_value=2100)
    quarter = forms.TypedChoiceField(
        choices=QUARTER_CHOICES, required=False, coerce=int, empty_value=None
    )
    value = forms.DecimalField(min_value=0, max_digits=16, decimal_places=2)


class TargetProposeForm(PeriodFields):
    comment = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=SHORT_TEXT,
        help_text=_("Why this value: the other side sees it."),
    )  # fmt: skip


class TargetCounterForm(forms.Form):
    value = forms.DecimalField(min_value=0, max_digits=16, decimal_places=2)
    comment = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=SHORT_TEXT
    )


class TargetAcceptForm(forms.Form):
    comment = forms.CharField(required=False, max_length=1000)


class ActualForm(PeriodFields):
    pass


class TargetPortfolioForm(PartnerScopeForm):
    """The portfolio's year (without a valid one, the latest agreed) and the partner list's
    filters, from the query string."""

    year = forms.IntegerField(required=False, min_value=1, max_value=9999)


class ActualsImportForm(forms.Form):
    file = forms.FileField(
        help_text=_("CSV, UTF-8, columns: partner, year, quarter, metric, value (≤ 5 MB).")
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 5 * 1024 * 1024:
            raise forms.ValidationError("The file is larger than 5 MB.")
        # The import itself reports the content's problems at their rows.
        validate_upload(upload, kinds=("csv", "txt"), max_size=5 * 1024 * 1024, structure=False)
        return upload
