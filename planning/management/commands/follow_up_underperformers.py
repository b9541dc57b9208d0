import datetime

from django.core.management.base import BaseCommand

from planning.services.review import underperformers_follow_up


class Command(BaseCommand):
    help = (
        "Follow up under-performer decisions whose date has come (the daily job): judge "
        "remediations at their deadline, complete exits on their date."
    )

    def add_arguments(self, parser):
        parser.add_argument("--today", type=datetime.date.fromisoformat,
                            help="Act as of this day (YYYY-MM-DD); today by default.")  # fmt: skip

    def handle(self, *args, **options):
        counts = underperformers_follow_up(today=options["today"])
        self.stdout.write(
            f"Remediations worked: {counts.get('worked', 0)}, did not work: "
            f"{counts.get('did_not_work', 0)}; exits completed: {counts.get('exited', 0)}."
        )
