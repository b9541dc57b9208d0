"""What every write of this app shares: who may write, and how a row is checked and saved."""

from django.core.exceptions import ValidationError

from partners.models import Partner
from prm.lib.audit import acting_as

STAFF_ONLY = "Relationship management is for the vendor's channel team."


def assign_fields(instance, fields: dict, allowed: set) -> None:
    unknown = set(fields) - allowed
    if unknown:
        raise ValidationError(f"Unknown fields: {', '.join(sorted(unknown))}.")
    for key, value in fields.items():
        setattr(instance, key, value)


def save_audited(instance, actor, *, many: dict | None = None):
    instance.full_clean()
    with acting_as(actor):
        instance.save()
        for key, values in (many or {}).items():
            getattr(instance, key).set(values)
    return instance


def check_same_partner(partner: Partner, stakeholders, field: str) -> None:
    strangers = [s for s in stakeholders if s.partner_id != partner.pk]
    if strangers:
        names = ", ".join(str(s) for s in strangers)
        raise ValidationError({field: f"Not people of {partner}: {names}."})
