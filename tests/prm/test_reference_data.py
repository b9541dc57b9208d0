import pytest
from django.core.management import call_command

from performance.models import Metric
from relationships.models import CultureDescriptor, CultureGuideline


@pytest.mark.django_db(transaction=True)
def test_flush_keeps_the_reference_rows_data_migrations_create():
    call_command("flush", interactive=False, verbosity=0)
    assert CultureDescriptor.objects.count() == 20
    assert CultureGuideline.objects.count() == 20
    assert {"revenue", "new-customers"} <= set(Metric.objects.values_list("key", flat=True))
