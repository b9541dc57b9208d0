"""What every write of this app shares: who may write, and that people belong to the partner."""

from django.core.exceptions import ValidationError

from partners.models import Partner

STAFF_ONLY = "Relationship management is for the vendor's channel team."


def check_same_partner(partner: Partner, stakeholders, field: str) -> None:
    strangers = [s for s in stakeholders if s.partner_id != partner.pk]
    if strangers:
        names = ", ".join(str(s) for s in strangers)
        raise ValidationError({field: f"Not people of {partner}: {names}."})
