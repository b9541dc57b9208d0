"""What the services that write a model from keyword fields share (audits, plans, reviews)."""

from django.core.exceptions import ValidationError

from prm.lib.audit import acting_as


def assign(instance, fields: dict, allowed: set) -> None:
    """Set `fields` on `instance`; a name outside `allowed` is a ValidationError, not a write."""
    unknown = set(fields) - allowed
    if unknown:
        raise ValidationError(f"Unknown fields: {', '.join(sorted(unknown))}.")
    for key, value in fields.items():
        setattr(instance, key, value)


def save_checked(instance, actor):
    """Validate the model, then save it with `actor` on its audit trail entry."""
    instance.full_clean()
    with acting_as(actor):
        instance.save()
    return instance
