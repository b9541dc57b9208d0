import datetime

import factory
from factory.django import DjangoModelFactory

from performance.models import BusinessPlan, PlanAction, Review
from tests.factories import PartnerFactory


class BusinessPlanFactory(DjangoModelFactory):
    class Meta:
        model = BusinessPlan

    partner = factory.SubFactory(PartnerFactory)
    year = factory.Sequence(lambda n: 2000 + n % 100)
    title = factory.Sequence(lambda n: f"Joint plan {n}")
    status = BusinessPlan.Status.ACTIVE


class PlanActionFactory(DjangoModelFactory):
    class Meta:
        model = PlanAction

    plan = factory.SubFactory(BusinessPlanFactory)
    title = factory.Sequence(lambda n: f"Action {n}")
    owner_side = PlanAction.Side.PARTNER
    owner_name = "Sam Partner"


class ReviewFactory(DjangoModelFactory):
    class Meta:
        model = Review

    partner = factory.SubFactory(PartnerFactory)
    kind = Review.Kind.QBR
    held_on = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=10))
