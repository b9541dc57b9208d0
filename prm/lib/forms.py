from django.core.exceptions import NON_FIELD_ERRORS, ValidationError


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
