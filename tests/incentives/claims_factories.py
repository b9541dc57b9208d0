"""Factories of incentive programs and claims (inserted directly; use the services to test
requests and decisions)."""

import datetime
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from incentives.models import IncentiveClaim, IncentiveProgram
from tests.factories import PartnerFactory, UserFactory


class IncentiveProgramFactory(DjangoModelFactory):
    class Meta:
        model = IncentiveProgram

    name = factory.Sequence(lambda n: f"Program {n:04d}")
    kind = "rebate"
    targeted_behaviour = "focus"
    budget = Decimal("10000.00")
    currency = "EUR"
    starts_on = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=30))
    ends_on = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=60))


class IncentiveClaimFactory(DjangoModelFactory):
    class Meta:
        model = IncentiveClaim

    program = factory.SubFactory(IncentiveProgramFactory)
    partner = factory.SubFactory(PartnerFactory)
    amount = Decimal("1000.00")
    currency = "EUR"
    description = "Joint webinar with 40 attendees"
    requested_by = factory.SubFactory(UserFactory)
