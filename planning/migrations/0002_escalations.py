# The notes of an escalation split in two: what was `notes` stays ours (internal_notes, so
# nothing written before the split reaches the portal), and notes for the partner are new.

import prm.models
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("planning", "0001_create_escalations"),
    ]

    operations = [
        migrations.RenameField(
            model_name="escalation", old_name="notes", new_name="internal_notes"
        ),
        migrations.AlterField(
            model_name="escalation",
            name="internal_notes",
            field=prm.models.LimitedTextField(
                blank=True,
                help_text="Ours only: never shown to the partner.",
                max_length=10000,
                verbose_name="internal notes",
            ),
        ),
        migrations.AddField(
            model_name="escalation",
            name="partner_notes",
            field=prm.models.LimitedTextField(
                blank=True,
                help_text="Shown to the partner's users in the portal.",
                max_length=10000,
                verbose_name="notes for the partner",
            ),
        ),
    ]
