"""Forms of performance audits: the audit (grouped by area, with hints) and its actions."""

import datetime

from django import forms

from partners.selectors import channel_managers
from prm.lib.versioning import VersionedForm

from ..audit_result import CLASSES
from ..models.audits import AREAS, SCORE_MAX, SCORE_MIN
from .portfolios import PartnerScopeForm

SCORE_CHOICES = [("", "–")] + [(str(n), str(n)) for n in range(SCORE_MIN, SCORE_MAX + 1)]


UNAUDITED = "unaudited"


class AuditPortfolioFilterForm(PartnerScopeForm):
    """The audit portfolio's filters: the partner list's, and the class of the latest audit
    (or partners never audited)."""

    audit_class = forms.ChoiceField(
        required=False,
        label="Class",
        choices=[("", "Any class"), *((c, c.title()) for c in CLASSES), (UNAUDITED, "Not audited")],
    )

    def keeps(self, row) -> bool:
        """Whether a ranking row `(partner id, name, revenue, audit id, total, class)` passes
        the class filter."""
        wanted = self.cleaned_data.get("audit_class")
        if not wanted:
            return True
        return row[3] is None if wanted == UNAUDITED else row[5] == wanted


class AuditForm(VersionedForm, forms.Form):
    audited_on = forms.DateField(label="Audited on", widget=forms.DateInput(attrs={"type": "date"}))
    summary = forms.CharField(
        label="Summary", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    share_with_partner = forms.BooleanField(
        label="Share the scores with the partner (never the notes)", required=False
    )

    def __init__(self, *args, hints=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.hints = hints or {}
        for _, _, criteria in AREAS:
            for name, label in criteria:
                self.fields[name] = forms.TypedChoiceField(
                    label=label, choices=SCORE_CHOICES, coerce=int, empty_value=None,
                    widget=forms.RadioSelect(attrs={"class": "score-choice"}),
                    error_messages={"required": f"Score it from {SCORE_MIN} to {SCORE_MAX}."},
                )  # fmt: skip
                self.fields[name].choices = SCORE_CHOICES[1:]
                self.fields[f"{name}_note"] = forms.CharField(
                    label=f"Note on {label.lower()}", required=False,
                    widget=forms.Textarea(attrs={"rows": 2, "placeholder": "Why this score?"}),
                )  # fmt: skip

    def clean_audited_on(self):
        value = self.cleaned_data["audited_on"]
        if value > datetime.date.today():
            raise forms.ValidationError("An audit cannot be dated in the future.")
        return value

    def areas(self):
        """For the template: each area with its criteria as (score field, note field, hint)."""
        return [
            {
                "key": key,
                "label": label,
                "criteria": [
                    {
                        "score": self[name],
                        "note": self[f"{name}_note"],
                        "hint": self.hints.get(name, ""),
                    }
                    for name, _ in criteria
                ],  # fmt: skip
            }
            for key, label, criteria in AREAS
        ]


class AuditActionForm(forms.Form):
    what = forms.CharField(label="Follow-up action", max_length=300)
    owner = forms.ModelChoiceField(label="Owner", queryset=None)
    due = forms.DateField(
        label="Due", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = channel_managers()


class AuditShareForm(forms.Form):
    share = forms.BooleanField(required=False)


class AuditActionDoneForm(forms.Form):
    done = forms.BooleanField(required=False)
