from django.db import migrations


def add_weights(apps, schema_editor):
    ScoringWeights = apps.get_model("performance", "ScoringWeights")
    if not ScoringWeights.objects.filter(is_current=True).exists():
        ScoringWeights.objects.create(note="The defaults: relationship 40, performance 35, "
                                           "engagement 25.")  # fmt: skip


def remove_weights(apps, schema_editor):
    ScoringWeights = apps.get_model("performance", "ScoringWeights")
    ScoringWeights.objects.filter(runs__isnull=True, created_by__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("performance", "0008_create_scoring")]

    operations = [migrations.RunPython(add_weights, remove_weights)]
