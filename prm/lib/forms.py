from django import forms
from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from .errors import place_constraint_errors
from .htmx import redirect_after_post, render_form_errors
from .versioning import StaleVersion


def https_formfield(field: models.Field, **kwargs):
    """ModelForm `formfield_callback`: a bare domain typed in a URL field means https://."""
    if isinstance(field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return field.formfield(**kwargs)


def apply_service_errors(form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form fields it names (or on the form)."""
    if hasattr(error, "error_dict"):
        for field, messages in place_constraint_errors(error.message_dict).items():
            target = field if field in form.fields else None
            for message in messages:
                form.add_error(None if field == NON_FIELD_ERRORS else target, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


def form_save(form, service):
    """Validate `form` and call `service(data)` with its cleaned data (or `form.service_data()`
    where the form shapes it). The service's result; on failure None, and `form.errors` says
    why. A versioned form (prm.lib.versioning.VersionedForm) whose row changed meanwhile, even
    while the service saved, comes back with the current values and the message."""
    if not form.is_valid():
        return None
    data = form.service_data() if hasattr(form, "service_data") else dict(form.cleaned_data)
    try:
        return service(data)
    except ValidationError as error:
        if isinstance(error, StaleVersion) and getattr(form, "versioned", None) is not None:
            form.show_current(error.message)
        else:
            apply_service_errors(form, error)
        return None


def form_submit(
    request, form, service, *, template, partial, context=None, success_url=None, message=None
):
    """The POST half of every form page: validate → service → redirect, or the form again.

    Success: `message` (text, or a function of the result) is flashed and the browser goes to
    `success_url` (a URL, a function of the result, or by default the result's own page) —
    a client redirect for htmx, a 302 otherwise. Invalid input or a service's ValidationError:
    `template`'s `partial` with the errors at their fields and status 422 (the whole page
    without htmx).
    """
    saved = form_save(form, service)
    if form.errors:
        return render_form_errors(request, template, partial, {**(context or {}), "form": form})
    if message:
        messages.success(request, message(saved) if callable(message) else message)
    if success_url is None:
        url = saved.get_absolute_url()
    else:
        url = success_url(saved) if callable(success_url) else success_url
    return redirect_after_post(request, url)


_LONG_SELECT_OPTIONS: dict = {}


class LongSelect(forms.Select):
    """A select for long lists (every partner): what Django's renders, with the options
    written in one pass instead of a template each (a thousand options cost ~40 ms that way).

    With `options_key` (a function returning what identifies the current choices, e.g. the
    partners' count and latest change: one small query), the options' HTML is kept per process
    and written again only when that key changes."""

    def __init__(self, attrs=None, choices=(), *, options_key=None):
        super().__init__(attrs, choices)
        self.options_key = options_key

    def _options_html(self) -> str:
        return format_html_join(
            "", '<option value="{}">{}</option>', ((key, label) for key, label in self.choices)
        )

    def render(self, name, value, attrs=None, renderer=None):
        final_attrs = {"name": name, **self.build_attrs(self.attrs, attrs)}
        if self.options_key is None:
            options = self._options_html()
        else:
            # Per process and per key function (forms copy their widgets for every request).
            key = self.options_key()
            cached_key, options = _LONG_SELECT_OPTIONS.get(self.options_key, (None, ""))
            if cached_key != key:
                options = self._options_html()
                _LONG_SELECT_OPTIONS[self.options_key] = (key, options)
        for chosen in self.format_value(value):
            if chosen != "":
                option = format_html('<option value="{}">', chosen)
                options = options.replace(option, option[:-1] + " selected>", 1)
        return format_html("<select{}>{}</select>", flatatt(final_attrs), mark_safe(options))
