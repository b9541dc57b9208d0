"""ROI of incentive programs: attributed revenue against the amount paid, and the change in the
behaviour each program targets over its period against the same length of time before it.
`incentives` knows nothing of this: performance reads incentives, never the other way."""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.apps import apps
from django.db.models import Count, Q, Sum

from incentives.models import ClaimStatus, IncentiveClaim, IncentiveProgram, TargetedBehaviour

from ..models import Actual, DealRegistration


@dataclass
class Roi:
    program: IncentiveProgram
    paid: Decimal
    attributed_revenue: Decimal
    roi: Decimal | None  # (attributed − paid) / paid; None while nothing is paid
    behaviour_label: str
    before: Decimal | None  # None: not measurable yet
    during: Decimal | None

    @property
    def change(self) -> Decimal | None:
        if self.before is None or self.during is None:
            return None
        return self.during - self.before


def roi_ratio(*, attributed: Decimal, paid: Decimal) -> Decimal | None:
    if not paid:
        return None
    return ((attributed - paid) / paid).quantize(Decimal("0.01"))


def _previous_period(program) -> tuple[datetime.date, datetime.date]:
    length = program.ends_on - program.starts_on
    before_end = program.starts_on - datetime.timedelta(days=1)
    return before_end - length, before_end


def _period_middle(year: int, quarter: int | None) -> datetime.date:
    """The middle of an actual's quarter (or year): it counts in the window holding it."""
    if quarter is None:
        return datetime.date(year, 7, 1)
    return datetime.date(year, 3 * (quarter - 1) + 2, 15)


def _revenue_between(actuals, partner_ids, start, end) -> Decimal:
    return sum(
        (a.value for a in actuals if a.partner_id in partner_ids
         and start <= _period_middle(a.year, a.quarter) <= end),
        Decimal("0"),
    )  # fmt: skip


def _behaviour(program, partner_ids, actuals) -> tuple[str, Decimal | None, Decimal | None]:
    """(label, before, during) of the behaviour the program targets, for the claiming partners."""
    before_start, before_end = _previous_period(program)
    if program.targeted_behaviour == TargetedBehaviour.RESULTS:
        return (
            "Revenue",
            _revenue_between(actuals, partner_ids, before_start, before_end),
            _revenue_between(actuals, partner_ids, program.starts_on, program.ends_on),
        )
    if program.targeted_behaviour == TargetedBehaviour.REQUIREMENTS:
        try:
            certification = apps.get_model("incentives", "Certification")
        except LookupError:
            return "Certified people (not measurable yet)", None, None
        people = certification.objects.filter(
            contact__partner_id__in=partner_ids, status="approved"
        )

        def certified(start, end):
            return Decimal(
                people.filter(earned_on__range=(start, end)).values("contact").distinct().count()
            )

        return (
            "Newly certified people",
            certified(before_start, before_end),
            certified(program.starts_on, program.ends_on),
        )
    deals = DealRegistration.objects.filter(partner_id__in=partner_ids).aggregate(
        before=Count("pk", filter=Q(created_at__date__range=(before_start, before_end))),
        during=Count("pk", filter=Q(created_at__date__range=(program.starts_on, program.ends_on))),
    )
    return "Registered deals", Decimal(deals["before"]), Decimal(deals["during"])


def program_rois() -> list[Roi]:
    """One row per program, newest first. Queries: programs, claims, actuals, and one per
    program for deals or certifications (bounded by the number of programs, not claims)."""
    programs = list(IncentiveProgram.objects.order_by("-starts_on", "name"))
    sums = defaultdict(lambda: {"paid": Decimal("0"), "revenue": Decimal("0"), "partners": set()})
    claims = IncentiveClaim.objects.exclude(status=ClaimStatus.REJECTED).values(
        "program_id", "partner_id", "status"
    ).annotate(paid=Sum("amount", filter=Q(status=ClaimStatus.PAID)),
               revenue=Sum("attributed_revenue", filter=Q(status=ClaimStatus.PAID)))  # fmt: skip
    for row in claims:
        entry = sums[row["program_id"]]
        entry["paid"] += row["paid"] or 0
        entry["revenue"] += row["revenue"] or 0
        entry["partners"].add(row["partner_id"])
    actuals = list(Actual.objects.filter(metric__key="revenue").only(
        "partner_id", "year", "quarter", "value"))  # fmt: skip
    rows = []
    for program in programs:
        entry = sums[program.pk]
        label, before, during = _behaviour(program, entry["partners"], actuals)
        rows.append(Roi(program, entry["paid"], entry["revenue"],
                        roi_ratio(attributed=entry["revenue"], paid=entry["paid"]),
                        label, before, during))  # fmt: skip
    return rows


def partner_rois(*, partner) -> list[Roi]:
    """The same per program, for one partner's paid claims only."""
    claims = IncentiveClaim.objects.filter(partner=partner, status=ClaimStatus.PAID).values(
        "program_id"
    ).annotate(paid=Sum("amount"), revenue=Sum("attributed_revenue"))  # fmt: skip
    by_program = {row["program_id"]: row for row in claims}
    actuals = list(Actual.objects.filter(metric__key="revenue", partner=partner))
    rows = []
    for program in IncentiveProgram.objects.filter(pk__in=by_program):
        row = by_program[program.pk]
        paid, revenue = row["paid"] or Decimal("0"), row["revenue"] or Decimal("0")
        label, before, during = _behaviour(program, {partner.pk}, actuals)
        rows.append(Roi(program, paid, revenue, roi_ratio(attributed=revenue, paid=paid),
                        label, before, during))  # fmt: skip
    return rows
