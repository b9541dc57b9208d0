from datetime import timedelta

from django.db import migrations


def fill_next_contact_due(apps, schema_editor):
    Stakeholder = apps.get_model("relationships", "Stakeholder")
    batch = []
    for stakeholder in (
        Stakeholder.objects.filter(last_interaction_on__isnull=False)
        .only("pk", "last_interaction_on", "cadence_days")
        .iterator(chunk_size=2000)
    ):
        stakeholder.next_contact_due_on = stakeholder.last_interaction_on + timedelta(
            days=stakeholder.cadence_days
        )
        batch.append(stakeholder)
        if len(batch) >= 2000:
            Stakeholder.objects.bulk_update(batch, ["next_contact_due_on"])
            batch = []
    Stakeholder.objects.bulk_update(batch, ["next_contact_due_on"])


class Migration(migrations.Migration):
    dependencies = [("relationships", "0002_add_stakeholder_next_contact_due")]

    operations = [migrations.RunPython(fill_next_contact_due, migrations.RunPython.noop)]
