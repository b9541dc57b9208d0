"""Optimistic locking: every row users edit carries a `version` (prm.models.VersionedModel), an
edit says which version it started from, and an edit of a version that is no longer current is
refused with the current values instead of silently overwriting someone else's change.

Forms say it with a hidden `version` field (`VersionedForm`), the API with `If-Match` or a
`version` in the body (prm.lib.api), the admin through `VersionedAdmin`. The database has the
last word: the UPDATE itself only matches the version the instance was read at.
"""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.forms.models import model_to_dict
from django.forms.utils import ErrorDict

MISSING_VERSION = (
    "This form is out of date (it does not say which version it edits); reload the page and "
    "save again."
)


def stale_message(instance) -> str:
    name = instance._meta.verbose_name
    return (
        f"Someone else changed this {name} since you opened it; here are the current values, "
        "review and save again."
    )


class StaleVersion(ValidationError):
    """An edit based on a version of `instance` that is no longer the current one."""

    def __init__(self, instance):
        self.instance = instance
        super().__init__(stale_message(instance), code="stale")


def parse_version(raw) -> int | None:
    """A version as sent by a client (`3`, `"3"`, `W/"3"`); None if it is not one."""
    text = str(raw).strip()
    if text.startswith("W/"):
        text = text[2:]
    text = text.strip('"')
    return int(text) if text.isdigit() and int(text) > 0 else None


def check_version(instance, expected) -> None:
    """Raise StaleVersion unless `expected` is the version `instance` was read at."""
    if expected != instance.version:
        raise StaleVersion(instance)


def etag(instance) -> str:
    return f'W/"{instance.version}"'


class VersionedForm:
    """Form mixin for a form that edits a row: it carries the row's version in a hidden field,
    and a submission based on another version is refused; the form then shows the current
    values (unbound, with the message) so the user can review them and save again.

    A ModelForm edits its `instance`; a plain form names the row it edits with `versioned=`.
    A form that creates a row has no version field. A plain form whose field names are not the
    model's says how the current row becomes its initial data: `initial_for=` (a function of
    the row), or an `initial_for(row)` method.
    """

    def __init__(self, *args, versioned=None, initial_for=None, **kwargs):
        super().__init__(*args, **kwargs)
        self._initial_for = initial_for or getattr(self, "initial_for", None)
        row = versioned if versioned is not None else getattr(self, "instance", None)
        self.versioned = row if row is not None and row.pk is not None else None
        if self.versioned is not None:
            # A CharField checked in clean(): an IntegerField's own errors would land on a field
            # nobody sees.
            self.fields["version"] = forms.CharField(widget=forms.HiddenInput, required=False)
            self.initial["version"] = self.versioned.version

    def clean(self):
        cleaned = super().clean()
        if self.versioned is not None:
            expected = parse_version(cleaned.pop("version", None) or "")
            if expected is None:
                raise ValidationError(MISSING_VERSION, code="stale")
            check_version(self.versioned, expected)
        return cleaned

    def full_clean(self):
        super().full_clean()
        if self.versioned is not None and self.has_error(NON_FIELD_ERRORS, "stale"):
            self.show_current()

    def show_current(self, message=None) -> None:
        """Turn the form into the current row's values, unbound, carrying only `message` (by
        default the form's own stale error)."""
        errors = self._errors.get(NON_FIELD_ERRORS) if self._errors else None
        message = message or (errors[0] if errors else stale_message(self.versioned))
        self.versioned.refresh_from_db()
        if self._initial_for is not None:
            initial = self._initial_for(self.versioned)
        else:
            initial = model_to_dict(self.versioned, fields=list(self.fields))
        self.initial = {**initial, "version": self.versioned.version}
        self.is_bound = False
        self.data, self.files = {}, {}
        self._bound_fields_cache.clear()
        self._errors = ErrorDict({NON_FIELD_ERRORS: self.error_class([message])})
        self.cleaned_data = {}


def versioned_form_class(form_class):
    """`form_class` with VersionedForm mixed in (for the admin, which builds its forms)."""
    if issubclass(form_class, VersionedForm):
        return form_class
    return type(form_class.__name__, (VersionedForm, form_class), {})


class VersionedAdmin:
    """ModelAdmin mixin: the change form carries the version, and a stale change is refused with
    the current values, as in the app's own forms."""

    change_form_template = "admin/versioned_change_form.html"

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return versioned_form_class(form) if obj is not None else form
