"""Forms of partner surveys: the portal's answer form and the staff list's query string."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import QUESTIONS, Survey
from ..models.surveys import ANSWER_MAX, ANSWER_MIN

SCALE = [(value, str(value)) for value in range(ANSWER_MIN, ANSWER_MAX + 1)]


class SurveyAnswerForm(forms.Form):
    """One answer 1–5 per question, each with an optional comment (fields built from QUESTIONS,
    so the form, the model and the API never disagree)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, label, text in QUESTIONS:
            self.fields[key] = forms.TypedChoiceField(
                label=label, help_text=text, choices=SCALE, coerce=int,
                widget=forms.RadioSelect(attrs={"class": "scale"}),
            )  # fmt: skip
            self.fields[f"{key}_comment"] = forms.CharField(
                label=_("Comment (optional)"), required=False, max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )  # fmt: skip

    def questions(self):
        """(answer field, comment field) per question, for the template."""
        return [(self[key], self[f"{key}_comment"]) for key, _label, _text in QUESTIONS]


class SurveyListFilterForm(forms.Form):
    q = forms.CharField(label=_("Partner"), required=False, max_length=100)
    reason = forms.ChoiceField(
        label=_("Reason"), required=False, choices=[("", _("Any reason")), *Survey.Reason.choices]
    )
    page = forms.IntegerField(required=False, min_value=1)

    def query(self) -> str:
        """The filters as a query string, without the page (for page links and exports)."""
        from django.http import QueryDict

        query = QueryDict(mutable=True)
        for name in ("q", "reason"):
            if self.is_valid() and self.cleaned_data.get(name):
                query[name] = self.cleaned_data[name]
        return query.urlencode()


class SurveySendForm(forms.Form):
    """Staff send a survey by hand (the reason is always "manual" from this form)."""
