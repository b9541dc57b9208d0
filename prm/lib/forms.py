from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models


def https_formfield(field: models.Field, **kwargs):
    """ModelForm `formfield_callback`: a bare domain typed in a URL field means https://."""
    if isinstance(field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return field.formfield(**kwargs)


def apply_service_errors(form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form fields it names (or on the form)."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            target = field if field in form.fields else None
            for message in messages:
                form.add_error(None if field == NON_FIELD_ERRORS else target, message)
    else:
        for message in error.messages:
            form.add_error(None, message)
