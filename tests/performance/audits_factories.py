"""Factories of the performance audits area."""

import datetime

import factory
from factory.django import DjangoModelFactory

from performance.models import CRITERIA, PerformanceAudit, PerformanceAuditAction
from tests.factories import PartnerFactory, UserFactory

# Fifteen scores of 3 (and a note each) unless a test says otherwise.
PerformanceAuditFactory = type(
    "PerformanceAuditFactory",
    (DjangoModelFactory,),
    {
        "Meta": type("Meta", (), {"model": PerformanceAudit}),
        "partner": factory.SubFactory(PartnerFactory),
        "audited_by": factory.SubFactory(UserFactory),
        "audited_on": factory.LazyFunction(datetime.date.today),
        **{name: 3 for name in CRITERIA},
        **{f"{name}_note": f"Note on {name}" for name in CRITERIA},
    },
)


class PerformanceAuditActionFactory(DjangoModelFactory):
    class Meta:
        model = PerformanceAuditAction

    audit = factory.SubFactory(PerformanceAuditFactory)
    what = factory.Sequence(lambda n: f"Follow-up {n}")
    owner = factory.SubFactory(UserFactory)


def scores(value=3, **overrides) -> dict:
    return {name: value for name in CRITERIA} | overrides
