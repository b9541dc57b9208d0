"""`manage.py import_contacts PARTNER_SLUG FILE`: the contacts CSV import, from the shell.

All rows or none, exactly as the import page: each problem is printed with its row and column,
and the command exits with status 1 if there is any.
"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from partners.imports import COLUMNS, contact_import
from partners.models import Partner


class Command(BaseCommand):
    help = f"Import a partner's contacts from a UTF-8 CSV file (columns: {', '.join(COLUMNS)})."

    def add_arguments(self, parser):
        parser.add_argument("partner_slug")
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--user",
            help="Username recorded in the audit trail (default: the partner's owner).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the file and report; write nothing."
        )

    def handle(self, *args, partner_slug, file, user=None, dry_run=False, **options):
        partner = Partner.objects.select_related("owner").filter(slug=partner_slug).first()
        if partner is None:
            raise CommandError(f"No partner with the slug “{partner_slug}”.")
        actor = self._actor(user, partner)
        try:
            content = file.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.") from error
        report = contact_import(actor=actor, partner=partner, content=content, dry_run=dry_run)
        for error in report.errors:
            self.stderr.write(str(error))
        if not report.ok:
            raise CommandError(
                f"{len(report.errors)} problem(s) in {file.name}: nothing was imported."
            )
        if dry_run:
            summary = (
                f"The file is fine: {report.rows} people for {partner}, {report.created} new, "
                f"{report.updated} already known by their email, "
                f"{len(report.new_units)} new unit(s). Nothing was written."
            )
        else:
            summary = (
                f"Imported {report.rows} people for {partner}: {report.created} new, "
                f"{report.updated} updated, {report.unchanged} unchanged, "
                f"{len(report.new_units)} new unit(s)."
            )
        self.stdout.write(self.style.SUCCESS(summary))

    def _actor(self, username, partner):
        if username is None:
            if partner.owner is None:
                raise CommandError(f"{partner} has no owner: say who imports with --user.")
            return partner.owner
        actor = get_user_model().objects.filter(username=username).first()
        if actor is None or not actor.is_vendor_staff:
            raise CommandError(f"“{username}” is not a member of the channel team.")
        return actor
