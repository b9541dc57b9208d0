"""The assessment form: the day and notes, then one block per process (level, evidence and an
improvement action with its owner and due date). Field names are `<process key>__<field>`, the
names under which the service reports a rating's errors."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from prm.models import LONG_TEXT, SHORT_TEXT

from ..models import MaturityLevel
from ..selectors import maturity as selectors
from ..services import maturity as services
from ..services.maturity import RATING_FIELDS, field_key


class OwnerChoice(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return user.get_full_name() or user.get_username()


class AssessmentForm(forms.Form):
    assessed_on = forms.DateField(
        label=_("Assessed on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )  # fmt: skip

    def __init__(self, *args, processes, previous=None, **kwargs):
        kwargs.setdefault("initial", {"assessed_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.processes = list(processes)
        self.previous = {r.process_id: r for r in previous.ratings.all()} if previous else {}
        owners = selectors.action_owner_choices()
        for process in self.processes:
            self.fields.update(self._process_fields(process, owners))

    @staticmethod
    def _process_fields(process, owners) -> dict:
        return {
            field_key(process, "level"): forms.TypedChoiceField(
                label=_("Level"), choices=MaturityLevel.choices, coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose the level that fits best.")},
            ),
            field_key(process, "evidence"): forms.CharField(
                label=_("Evidence"), max_length=LONG_TEXT,
                widget=forms.Textarea(attrs={"rows": 2}),
                error_messages={"required": _("Say what the level rests on.")},
            ),
            field_key(process, "action"): forms.CharField(
                label=_("Improvement action"), required=False, max_length=SHORT_TEXT,
                widget=forms.Textarea(attrs={"rows": 2}),
            ),
            field_key(process, "action_owner"): OwnerChoice(
                label=_("Owner"), queryset=owners, required=False,
            ),
            field_key(process, "action_due"): forms.DateField(
                label=_("Due"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
            ),
        }  # fmt: skip

    @property
    def rows(self) -> list[dict]:
        """One block per process for the template: its bound fields, and each level's radio
        beside what that level looks like for the process."""
        rows = []
        for process in self.processes:
            fields = {name: self[field_key(process, name)] for name in RATING_FIELDS}
            options = list(zip(fields["level"].subwidgets, process.levels, strict=True))
            errors = any(field.errors for field in fields.values())
            rows.append(
                {
                    "process": process,
                    "fields": fields,
                    "options": options,
                    "previous": self.previous.get(process.pk),
                    "has_errors": errors,
                }
            )
        return rows

    @property
    def processes_with_errors(self) -> list:
        if not self.is_bound or not self.errors:
            return []
        return [p for p in self.processes
                if any(field_key(p, name) in self.errors for name in RATING_FIELDS)]  # fmt: skip

    def clean(self):
        """The service's checks of each rating (an action's owner and due date), so that every
        error shows at once, not one round after another; fields already in error keep theirs."""
        data = super().clean()
        ratings = self.service_data()["ratings"]
        errors = services.rating_errors(ratings=ratings, assessed_on=data.get("assessed_on"))
        for name, messages in errors.items():
            if name in self.fields and name not in self.errors:
                for message in messages:
                    self.add_error(name, message)
        return data

    def service_data(self) -> dict:
        data = self.cleaned_data
        ratings = [
            {"process": process,
             **{name: data.get(field_key(process, name)) for name in RATING_FIELDS}}
            for process in self.processes
        ]  # fmt: skip
        return {"assessed_on": data.get("assessed_on"), "notes": data.get("notes", ""),
                "ratings": ratings}  # fmt: skip
