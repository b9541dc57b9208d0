from django.db import migrations

DEFAULT_METRICS = [
    ("revenue", "Revenue", "USD", "money"),
    ("new-customers", "New customers", "customers", "count"),
    ("certified-people", "Certified people", "people", "count"),
    ("pipeline", "Pipeline", "USD", "money"),
    ("registered-deals", "Registered deals", "deals", "count"),
]


def add_metrics(apps, schema_editor):
    Metric = apps.get_model("performance", "Metric")
    for key, name, unit, kind in DEFAULT_METRICS:
        Metric.objects.get_or_create(key=key, defaults={"name": name, "unit": unit, "kind": kind})


def remove_metrics(apps, schema_editor):
    Metric = apps.get_model("performance", "Metric")
    Metric.objects.filter(key__in=[key for key, *_ in DEFAULT_METRICS]).delete()


class Migration(migrations.Migration):
    dependencies = [("performance", "0003_create_targets_and_actuals")]

    operations = [migrations.RunPython(add_metrics, remove_metrics)]
