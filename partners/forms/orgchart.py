"""Forms of the org chart: people and units of one partner, the chart's query string and the
CSV import. They validate input only; the services decide (same partner, reporting cycles,
unit cycles, duplicate emails)."""

import datetime

from django import forms

from prm.lib.uploads import validate_upload
from prm.lib.versioning import VersionedForm

from ..imports import COLUMNS
from ..models import Contact, OrgUnit
from ..selectors import org_units, partner_contacts

MAX_IMPORT_BYTES = 5 * 1024 * 1024


class OrgChartFilterForm(forms.Form):
    """The chart's query string: one unit (and its sub-units), every branch open or not."""

    unit = forms.IntegerField(required=False)
    expand = forms.ChoiceField(required=False, choices=[("", "Folded"), ("all", "Everything")])
    # A person to open the chart at and highlight (the one just added or moved).
    highlight = forms.IntegerField(required=False, min_value=1)

    # Each value on its own: a bad `unit` in a shared link does not undo `expand`.
    def unit_id(self) -> int | None:
        self.is_valid()
        return self.cleaned_data.get("unit")

    def expand_all(self) -> bool:
        self.is_valid()
        return self.cleaned_data.get("expand") == "all"

    def highlight_id(self) -> int | None:
        self.is_valid()
        return self.cleaned_data.get("highlight")


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, unit):
        return unit.name


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, person):
        return f"{person.full_name} — {person.title}" if person.title else person.full_name


def _units(partner, exclude=None):
    units = org_units(partner=partner)
    return units.exclude(pk=exclude.pk) if exclude is not None else units


def _managers(partner, exclude=None):
    people = partner_contacts(partner=partner)
    return people.exclude(pk=exclude.pk) if exclude is not None else people


class _PlacementMixin:
    """A manager and a unit chosen among the partner's own (a person is not their own manager)."""

    def _place(self, partner, contact=None):
        self.fields["reports_to"].queryset = _managers(partner, exclude=contact)
        self.fields["org_unit"].queryset = _units(partner)
        # Long lists (a hundred people): type to find (static/js/ui.js; a plain select without).
        self.fields["reports_to"].widget.attrs["data-searchable"] = "Type a name…"
        self.fields["org_unit"].widget.attrs["data-searchable"] = "Type a unit…"


class ContactForm(VersionedForm, _PlacementMixin, forms.Form):
    first_name = forms.CharField(max_length=80)
    last_name = forms.CharField(max_length=80)
    title = forms.CharField(label="Job title", max_length=150, required=False)
    email = forms.EmailField(required=False)
    phone = forms.CharField(max_length=40, required=False)
    org_unit = UnitChoiceField(
        label="Unit", queryset=OrgUnit.objects.none(), required=False, empty_label="No unit"
    )
    reports_to = PersonChoiceField(
        label="Reports to",
        queryset=Contact.objects.none(),
        required=False,
        empty_label="Nobody (top of the chart)",
    )

    def __init__(self, *args, partner, contact=None, **kwargs):
        kwargs["versioned"] = contact
        if contact is not None:
            kwargs.setdefault(
                "initial",
                {
                    "first_name": contact.first_name,
                    "last_name": contact.last_name,
                    "title": contact.title,
                    "email": contact.email,
                    "phone": contact.phone,
                    "org_unit": contact.org_unit_id,
                    "reports_to": contact.reports_to_id,
                },
            )
        super().__init__(*args, **kwargs)
        self._place(partner, contact)


class ContactMoveForm(_PlacementMixin, forms.Form):
    reports_to = PersonChoiceField(
        label="New manager",
        queryset=Contact.objects.none(),
        required=False,
        empty_label="Nobody (top of the chart)",
    )
    org_unit = UnitChoiceField(
        label="Unit", queryset=OrgUnit.objects.none(), required=False, empty_label="No unit"
    )

    def __init__(self, *args, contact, **kwargs):
        kwargs.setdefault(
            "initial", {"reports_to": contact.reports_to_id, "org_unit": contact.org_unit_id}
        )
        super().__init__(*args, **kwargs)
        self._place(contact.partner, contact)


class ContactLeftForm(forms.Form):
    left_on = forms.DateField(
        label="Left on", widget=forms.DateInput(attrs={"type": "date"}), initial=datetime.date.today
    )

    def clean_left_on(self):
        left_on = self.cleaned_data["left_on"]
        if left_on > datetime.date.today():
            raise forms.ValidationError("Record a departure once it has happened.")
        return left_on


class OrgUnitForm(VersionedForm, forms.Form):
    name = forms.CharField(max_length=120)
    parent = UnitChoiceField(
        label="Part of",
        queryset=OrgUnit.objects.none(),
        required=False,
        empty_label="Nothing (a top-level unit)",
    )

    def __init__(self, *args, partner, unit=None, **kwargs):
        kwargs["versioned"] = unit
        if unit is not None:
            kwargs.setdefault("initial", {"name": unit.name, "parent": unit.parent_id})
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = _units(partner, exclude=unit)


class ContactImportForm(forms.Form):
    file = forms.FileField(
        label="CSV file",
        help_text=f"UTF-8, with a header row. Columns: {', '.join(COLUMNS)}.",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError("The file is larger than 5 MB: split it in parts.")
        # The import itself reports the content's problems at their rows.
        validate_upload(upload, kinds=("csv", "txt"), max_size=MAX_IMPORT_BYTES, structure=False)
        return upload
