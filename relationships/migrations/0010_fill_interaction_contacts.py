"""Every logged interaction names its people as contacts too: the stakeholders it was with."""

from django.db import migrations

BATCH = 5000


def fill_contacts(apps, schema_editor):
    Interaction = apps.get_model("relationships", "Interaction")
    StakeholderLinks = Interaction.stakeholders.through
    ContactLinks = Interaction.contacts.through
    links = (
        StakeholderLinks.objects.order_by("pk")
        .values_list("interaction_id", "stakeholder__contact_id")
        .iterator(chunk_size=BATCH)
    )
    batch = []
    for interaction_id, contact_id in links:
        batch.append(ContactLinks(interaction_id=interaction_id, contact_id=contact_id))
        if len(batch) == BATCH:
            ContactLinks.objects.bulk_create(batch, ignore_conflicts=True)
            batch = []
    ContactLinks.objects.bulk_create(batch, ignore_conflicts=True)


def empty_contacts(apps, schema_editor):
    Interaction = apps.get_model("relationships", "Interaction")
    Interaction.contacts.through.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("relationships", "0009_interaction_contacts")]

    operations = [migrations.RunPython(fill_contacts, empty_contacts)]
