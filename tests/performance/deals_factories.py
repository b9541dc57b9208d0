"""Factory of deal registrations (inserted directly; use the service to test submission)."""

import datetime
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from performance.models import DealRegistration
from performance.services.deals import normalise_customer_name
from tests.factories import PartnerFactory, UserFactory


class DealRegistrationFactory(DjangoModelFactory):
    class Meta:
        model = DealRegistration

    partner = factory.SubFactory(PartnerFactory)
    registered_by = factory.SubFactory(UserFactory)
    customer_name = factory.Sequence(lambda n: f"Customer {n} Inc")
    customer_key = factory.LazyAttribute(lambda d: normalise_customer_name(d.customer_name))
    customer_domain = factory.Sequence(lambda n: f"customer{n}.example")
    country = "DE"
    value = Decimal("25000.00")
    currency = "EUR"
    expected_close_on = factory.LazyFunction(
        lambda: datetime.date.today() + datetime.timedelta(days=60)
    )
    products = "Platform licences, 100 seats"


def deal_fields(**overrides) -> dict:
    """Valid keyword arguments of `deal_submit` (without actor and partner)."""
    fields = {
        "customer_name": "Globex Corporation",
        "customer_domain": "https://www.globex.com/about",
        "country": "US",
        "value": Decimal("120000"),
        "currency": "USD",
        "expected_close_on": datetime.date.today() + datetime.timedelta(days=45),
        "products": "Platform licences, 500 seats",
        "notes": "",
    }
    fields.update(overrides)
    return fields
