from django.core.management.base import BaseCommand

from performance.services.deals import deals_lapse_expired


class Command(BaseCommand):
    help = "Lapse approved deal registrations whose protection has ended (the daily job)."

    def handle(self, *args, **options):
        count = deals_lapse_expired()
        self.stdout.write(f"Lapsed {count} deal registration{'s' if count != 1 else ''}.")
