from django.db import migrations
from django.db.models import Q, Sum


def backfill(apps, schema_editor):
    """Existing programs' ledgers: the approved and paid claims they already hold."""
    program_model = apps.get_model("incentives", "IncentiveProgram")
    committed = program_model.objects.annotate(
        total=Sum("claims__amount", filter=Q(claims__status__in=["approved", "paid"]))
    ).filter(total__isnull=False)
    for program in committed:
        program_model.objects.filter(pk=program.pk).update(committed_total=program.total)


def clear(apps, schema_editor):
    apps.get_model("incentives", "IncentiveProgram").objects.update(committed_total=0)


class Migration(migrations.Migration):
    dependencies = [("incentives", "0004_add_program_committed_total")]

    operations = [migrations.RunPython(backfill, clear)]
