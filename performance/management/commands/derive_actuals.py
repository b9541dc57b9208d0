from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from performance.services.targets import actuals_derive_from_won_deals


class Command(BaseCommand):
    help = (
        "Write actuals from won deals for one quarter (revenue won, deals registered). Entered "
        "or imported actuals are kept."
    )

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)
        parser.add_argument("quarter", type=int)
        parser.add_argument("--user", default="admin", help="Staff user recorded as the actor.")

    def handle(self, *args, year, quarter, user, **options):
        actor = get_user_model().objects.filter(username=user).first()
        if actor is None or not actor.is_vendor_staff:
            raise CommandError(f"No vendor staff user named {user!r}.")
        try:
            summary = actuals_derive_from_won_deals(actor=actor, year=year, quarter=quarter)
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        self.stdout.write(
            f"Q{quarter} {year}: {summary['written']} actuals written from deals, "
            f"{summary['kept_entered_or_imported']} entered or imported actuals kept, "
            f"{summary['other_currency_deals']} won deals in another currency left out."
        )
