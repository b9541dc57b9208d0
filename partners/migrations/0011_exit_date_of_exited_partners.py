"""Partners already exited get an exit date: the day of their last change. The reverse leaves
the dates: harmless."""

from django.db import migrations


def set_exit_dates(apps, schema_editor):
    Partner = apps.get_model("partners", "Partner")
    for partner in Partner.objects.filter(status="exited", exited_on__isnull=True).iterator():
        partner.exited_on = partner.updated_at.date()
        partner.save(update_fields=["exited_on"])


class Migration(migrations.Migration):
    dependencies = [("partners", "0010_team_roles_invitations_exit_date")]

    operations = [migrations.RunPython(set_exit_dates, migrations.RunPython.noop)]
