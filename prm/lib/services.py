"""What services that write a model from keyword fields share: which fields they take, and how
a row is checked and saved with the actor on its audit trail."""

from django.core.exceptions import ValidationError

from .audit import acting_as


def assign_fields(instance, fields: dict, allowed: set) -> None:
    """Set `fields` on `instance`; a name outside `allowed` is a ValidationError, not a write."""
    unknown = set(fields) - allowed
    if unknown:
        raise ValidationError(f"Unknown fields: {', '.join(sorted(unknown))}.")
    for key, value in fields.items():
        setattr(instance, key, value)


def save_audited(instance, actor, *, many: dict | None = None):
    """Validate the model, then save it (and its many-to-many `many`) with `actor` on its audit
    trail entry."""
    instance.full_clean()
    with acting_as(actor):
        instance.save()
        for key, values in (many or {}).items():
            getattr(instance, key).set(values)
    return instance
