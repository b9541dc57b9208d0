"""Forms for culture assessments: evidence, the 5 × 4 rating grid, validation.

The forms validate input and shape it for the services; they never save (the services do).
Range and "at least one rating" are the service's rules: the grid passes what was typed.
"""

import datetime

from django import forms

from prm.lib.versioning import VersionedForm

from ..culture import DIMENSIONS, TYPES
from ..models import CultureDimension, CultureType
from ..selectors.culture import PORTFOLIO_SORTS

EVIDENCE = {"rows": 3}
SCALE = [("", "–"), (0, "0"), (1, "1"), (2, "2"), (3, "3"), (4, "4")]
SCALE_MEANING = "0 = does not fit · 1 = hardly · 2 = partly · 3 = largely · 4 = fits fully"


def rating_field_name(dimension: str, culture_type: str) -> str:
    return f"rating__{dimension}__{culture_type}"


class CultureAssessmentForm(VersionedForm, forms.Form):
    assessed_on = forms.DateField(
        label="Assessed on", widget=forms.DateInput(attrs={"type": "date"})
    )
    values = forms.CharField(
        label="Values", required=False, widget=forms.Textarea(attrs=EVIDENCE),
        help_text="What they say matters: mission, priorities, what gets praised.",
    )  # fmt: skip
    behaviours = forms.CharField(
        label="Behaviours", required=False, widget=forms.Textarea(attrs=EVIDENCE),
        help_text="How people act: who speaks in meetings, how fast they answer, risk appetite.",
    )  # fmt: skip
    practices = forms.CharField(
        label="Practices", required=False, widget=forms.Textarea(attrs=EVIDENCE),
        help_text="How work is organised: approvals, planning, reporting, incentives.",
    )  # fmt: skip
    symbols = forms.CharField(
        label="Symbols", required=False, widget=forms.Textarea(attrs=EVIDENCE),
        help_text="What you see: offices, titles, dress, rituals, stories they tell.",
    )  # fmt: skip
    # Never rendered as an input: carries the service's messages about the grid as a whole.
    ratings = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, descriptors=None, with_current=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.descriptors = descriptors or {}
        for d in DIMENSIONS:
            for t in TYPES:
                self.fields[rating_field_name(d, t)] = forms.CharField(
                    label=f"{CultureDimension(d).label} — {CultureType(t).label}",
                    required=False,
                    widget=forms.RadioSelect(choices=SCALE),
                )
        if with_current:
            self.fields["is_current"] = forms.BooleanField(
                label="Make this our current profile",
                required=False,
                help_text="Partners are compared with the current profile. Only one is current.",
            )

    def clean(self):
        """A cell outside 0–4 is marked where it is; the service checks the same rule again."""
        cleaned = super().clean()
        for d in DIMENSIONS:
            for t in TYPES:
                name = rating_field_name(d, t)
                value = (cleaned.get(name) or "").strip()
                if value and value not in {"0", "1", "2", "3", "4"}:
                    self.add_error(name, f"{value} is outside the scale: rate from 0 to 4.")
        if any(rating_field_name(d, t) in self.errors for d in DIMENSIONS for t in TYPES):
            self.add_error(
                "ratings",
                "A rating goes from 0 (does not fit) to 4 (fits fully): see the marked cells.",
            )
        return cleaned

    def grid(self) -> list[dict]:
        """Rows of the grid for the template: each dimension with its four cells."""
        return [
            {
                "label": CultureDimension(d).label,
                "dimension": d,
                "cells": [
                    {
                        "type_label": CultureType(t).label,
                        "type": t,
                        "text": self.descriptors.get((d, t), ""),
                        "field": self[rating_field_name(d, t)],
                    }
                    for t in TYPES
                ],
            }
            for d in DIMENSIONS
        ]

    def service_data(self) -> dict:
        """cleaned_data shaped for culture_assessment_create/update."""
        data = {
            key: self.cleaned_data[key]
            for key in ("assessed_on", "values", "behaviours", "practices", "symbols")
        }
        data["ratings"] = {
            (d, t): self.cleaned_data[rating_field_name(d, t)].strip()
            for d in DIMENSIONS
            for t in TYPES
            if self.cleaned_data[rating_field_name(d, t)].strip() != ""
        }
        if "is_current" in self.fields:
            data["is_current"] = self.cleaned_data["is_current"]
        return data


def assessment_initial(assessment=None, ratings=None) -> dict:
    if assessment is None:
        return {"assessed_on": datetime.date.today()}
    initial = {
        key: getattr(assessment, key)
        for key in ("assessed_on", "values", "behaviours", "practices", "symbols")
    }
    for (d, t), score in (ratings or {}).items():
        initial[rating_field_name(d, t)] = str(score)
    return initial


class CultureValidationForm(forms.Form):
    validation_tactics = forms.CharField(
        label="Tactics to confirm the conclusion", required=False,
        widget=forms.Textarea(attrs=EVIDENCE),
        help_text="E.g. observe a decision meeting, ask how a recent exception was approved.",
    )  # fmt: skip
    validation_outcome = forms.CharField(
        label="Outcome", required=False, widget=forms.Textarea(attrs=EVIDENCE),
        help_text="What the validation showed.",
    )  # fmt: skip
    validated = forms.BooleanField(label="The conclusion is validated", required=False)

    def service_data(self) -> dict:
        return {
            "tactics": self.cleaned_data["validation_tactics"],
            "outcome": self.cleaned_data["validation_outcome"],
            "validated": self.cleaned_data["validated"],
        }


def validation_initial(assessment) -> dict:
    return {
        "validation_tactics": assessment.validation_tactics,
        "validation_outcome": assessment.validation_outcome,
        "validated": assessment.validated,
    }


class PortfolioFilterForm(forms.Form):
    """The culture portfolio's query string. A value that is not one of the choices counts as
    not given: every partner, sorted by distance from us, first page."""

    sort = forms.ChoiceField(required=False, choices=[(key, key) for key in PORTFOLIO_SORTS])
    type = forms.ChoiceField(required=False, choices=[(t, t) for t in TYPES] + [("mixed", "mixed")])
    page = forms.IntegerField(required=False)

    def value(self, name: str, default=None):
        self.is_valid()
        return self.cleaned_data.get(name) or default
