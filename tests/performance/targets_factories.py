from importlib import import_module

import factory
from factory.django import DjangoModelFactory

from performance.models import Actual, Metric, Target
from tests.factories import PartnerFactory


def metric(key="revenue") -> Metric:
    """A default metric; re-added if a live-server test flushed the data migration's rows."""
    if not Metric.objects.filter(key=key).exists():
        from django.apps import apps

        import_module("performance.migrations.0003b_add_default_metrics").add_metrics(apps, None)
    return Metric.objects.get(key=key)


class TargetFactory(DjangoModelFactory):
    class Meta:
        model = Target

    partner = factory.SubFactory(PartnerFactory)
    metric = factory.LazyFunction(metric)
    year = 2026
    quarter = 1


class ActualFactory(DjangoModelFactory):
    class Meta:
        model = Actual

    partner = factory.SubFactory(PartnerFactory)
    metric = factory.LazyFunction(metric)
    year = 2025
    quarter = 1
    value = 100
