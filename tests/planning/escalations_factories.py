import datetime
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from planning.models import Escalation
from tests.factories import PartnerFactory


class EscalationFactory(DjangoModelFactory):
    class Meta:
        model = Escalation

    partner = factory.SubFactory(PartnerFactory)
    customer = factory.Sequence(lambda n: f"Customer {n}")
    summary = "The upgrade failed halfway."
    severity = "high"
    opened_on = datetime.date(2026, 1, 15)
    effort_hours = Decimal("4")


def escalation_fields(**overrides) -> dict:
    fields = {
        "customer": "Harbor Dental Group",
        "summary": "Licence keys did not activate.",
        "severity": "high",
        "opened_on": datetime.date(2026, 3, 2),
        "effort_hours": Decimal("6.5"),
    }
    return {**fields, **overrides}
