"""ROI of incentive programs: attributed revenue against the amount paid, and the change in the
behaviour each program targets over its period against the same length of time before it.
`incentives` knows nothing of this: performance reads incentives, never the other way.

Query counts are constant in the number of programs and claims: the programs, one aggregate of
the claims, and at most one query per kind of measure the programs need (revenue actuals,
registered deals by day, certifications by day), bucketed into each program's windows here."""

import datetime
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.core.cache import cache
from django.db.models import Max, Min, Q, Sum
from django.utils import timezone

from incentives.models import ClaimStatus, IncentiveProgram, TargetedBehaviour
from incentives.selectors import claims as incentive_claims
from incentives.selectors import enablement

from ..models import Actual, DealRegistration

REVENUE, DEALS, CERTIFICATIONS = "revenue", "deals", "certifications"
LABELS = {REVENUE: "Revenue", DEALS: "Registered deals", CERTIFICATIONS: "Newly certified people"}


@dataclass
class Roi:
    program: IncentiveProgram
    paid: Decimal
    attributed_revenue: Decimal
    roi: Decimal | None  # (attributed − paid) / paid; None while nothing is paid
    behaviour_label: str
    before: Decimal | None  # None: not measurable yet
    during: Decimal | None
    windows: "Windows | None" = None  # the equal spans before and during that were compared

    @property
    def change(self) -> Decimal | None:
        if self.before is None or self.during is None:
            return None
        return self.during - self.before

    @property
    def roi_percent(self) -> Decimal | None:
        return None if self.roi is None else self.roi * 100


def roi_ratio(*, attributed: Decimal, paid: Decimal) -> Decimal | None:
    if not paid:
        return None
    return ((attributed - paid) / paid).quantize(Decimal("0.01"))


@dataclass(frozen=True)
class Windows:
    """The two equal spans of days a program's behaviour is compared over (inclusive)."""

    before_start: datetime.date
    before_end: datetime.date
    during_start: datetime.date
    during_end: datetime.date
    program_end: datetime.date

    @property
    def days(self) -> int:
        return (self.during_end - self.during_start).days + 1

    @property
    def running(self) -> bool:
        return self.during_end < self.program_end


def windows(program, today: datetime.date | None = None) -> Windows | None:
    """The "during" window is the program's days so far (all of them once it has ended); the
    "before" window is as many days just before its start, so a program running 45 days is
    compared with the 45 days before it, not with a whole program's length. None before it
    starts: nothing to compare."""
    today = today or timezone.localdate()
    if today < program.starts_on:
        return None
    during_end = min(program.ends_on, today)
    length = during_end - program.starts_on
    before_end = program.starts_on - datetime.timedelta(days=1)
    return Windows(before_end - length, before_end, program.starts_on, during_end,
                   program.ends_on)  # fmt: skip


def _span_start(program) -> datetime.date:
    """The earliest day any window of the program may need (its whole length before it)."""
    return program.starts_on - (program.ends_on - program.starts_on) - datetime.timedelta(days=1)


def _period_middle(year: int, quarter: int | None) -> datetime.date:
    """The middle of an actual's quarter (or year): it counts in the window holding it."""
    if quarter is None:
        return datetime.date(year, 7, 1)
    return datetime.date(year, 3 * (quarter - 1) + 2, 15)


def _measure(program) -> str:
    if program.targeted_behaviour == TargetedBehaviour.RESULTS:
        return REVENUE
    if program.targeted_behaviour == TargetedBehaviour.REQUIREMENTS:
        return CERTIFICATIONS
    return DEALS  # focus and loyalty show in the deals partners register


class _ByPartnerDay:
    """(partner, day, value) rows, sorted by day per partner, so a date window is two bisects."""

    def __init__(self, rows):
        grouped = defaultdict(list)
        for partner_id, day, value in rows:
            grouped[partner_id].append((day, value))
        self._rows = {partner_id: sorted(entries) for partner_id, entries in grouped.items()}
        self._days = {
            partner_id: [day for day, _ in entries] for partner_id, entries in self._rows.items()
        }

    def values_between(self, partner_ids, start, end):
        for partner_id in partner_ids:
            days = self._days.get(partner_id)
            if days:
                window = self._rows[partner_id][bisect_left(days, start) : bisect_right(days, end)]
                yield from (value for _, value in window)


def _revenue_by_day(partner_ids, start, end) -> _ByPartnerDay:
    actuals = Actual.objects.filter(
        metric__key="revenue", partner_id__in=partner_ids, year__range=(start.year, end.year)
    ).values_list("partner_id", "year", "quarter", "value")
    return _ByPartnerDay(
        (partner_id, _period_middle(year, quarter), value)
        for partner_id, year, quarter, value in actuals
    )


def _deals_by_day(partner_ids, start, end) -> _ByPartnerDay:
    """Registered deals per partner and local day. The window is an index-friendly range of
    instants; days are counted here rather than by a per-row date function in the database."""
    zone = timezone.get_current_timezone()
    since = datetime.datetime.combine(start, datetime.time.min, tzinfo=zone)
    until = datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min,
                                      tzinfo=zone)  # fmt: skip
    created = (
        DealRegistration.objects.filter(
            partner_id__in=partner_ids, created_at__gte=since, created_at__lt=until
        )
        .order_by()
        .values_list("partner_id", "created_at")
    )
    counts = Counter((partner_id, timezone.localtime(when, zone).date())
                     for partner_id, when in created)  # fmt: skip
    return _ByPartnerDay((partner_id, day, count) for (partner_id, day), count in counts.items())


def _certified_by_day(partner_ids, start, end) -> _ByPartnerDay:
    """Approved certifications by the day earned, naming the person."""
    return _ByPartnerDay(
        enablement.certifications()
        .filter(
            contact__partner_id__in=partner_ids, status="approved",
            earned_on__range=(start, end),
        )
        .order_by()
        .values_list("contact__partner_id", "earned_on", "contact_id")
        .distinct()
    )  # fmt: skip


LOADERS = {REVENUE: _revenue_by_day, DEALS: _deals_by_day, CERTIFICATIONS: _certified_by_day}


def _load_measures(programs, partners_by_program) -> dict:
    """One query per kind of measure the programs need, over the span of all their windows."""
    needed = defaultdict(list)
    for program in programs:
        needed[_measure(program)].append(program)
    loaded = {}
    for measure, group in needed.items():
        partner_ids = set().union(*(partners_by_program[program.pk] for program in group))
        start = min(_span_start(program) for program in group)
        end = max(program.ends_on for program in group)
        loaded[measure] = LOADERS[measure](partner_ids, start, end)
    return loaded


def _behaviour(program, partner_ids, loaded) -> tuple:
    """(label, before, during, windows) of the behaviour the program targets, for the claiming
    partners; before and during are None for a program not started yet."""
    measure = _measure(program)
    rows = loaded[measure]
    spans = windows(program)
    if spans is None:
        return LABELS[measure], None, None, None

    def between(start, end) -> Decimal:
        values = rows.values_between(partner_ids, start, end)
        if measure == REVENUE:
            return sum(values, Decimal("0"))
        if measure == CERTIFICATIONS:
            return Decimal(len(set(values)))  # people, not certificates
        return Decimal(sum(values))

    return (
        LABELS[measure],
        between(spans.before_start, spans.before_end),
        between(spans.during_start, spans.during_end),
        spans,
    )


def _programs(*, kind: str = "", behaviour: str = "", year: int | None = None):
    programs = incentive_claims.programs().order_by("-starts_on", "name")
    if kind:
        programs = programs.filter(kind=kind)
    if behaviour:
        programs = programs.filter(targeted_behaviour=behaviour)
    if year:
        programs = programs.filter(
            starts_on__lte=datetime.date(year, 12, 31), ends_on__gte=datetime.date(year, 1, 1)
        )
    return list(programs)


def program_rois(*, kind: str = "", behaviour: str = "", year: int | None = None) -> list[Roi]:
    """One row per program, newest first; optionally only programs of a kind, targeting a
    behaviour, or running at some time in `year`. Queries: constant (see the module's doc)."""
    programs = _programs(kind=kind, behaviour=behaviour, year=year)
    if not programs:
        return []
    sums = defaultdict(lambda: {"paid": Decimal("0"), "revenue": Decimal("0"), "partners": set()})
    claims = incentive_claims.claims().filter(program__in=programs).exclude(
        status=ClaimStatus.REJECTED
    ).order_by().values("program_id", "partner_id", "status").annotate(
        paid=Sum("amount", filter=Q(status=ClaimStatus.PAID)),
        revenue=Sum("attributed_revenue", filter=Q(status=ClaimStatus.PAID)),
    )  # fmt: skip
    for row in claims:
        entry = sums[row["program_id"]]
        entry["paid"] += row["paid"] or 0
        entry["revenue"] += row["revenue"] or 0
        entry["partners"].add(row["partner_id"])
    loaded = _load_measures(programs, {p.pk: sums[p.pk]["partners"] for p in programs})
    rows = []
    for program in programs:
        entry = sums[program.pk]
        label, before, during, spans = _behaviour(program, entry["partners"], loaded)
        rows.append(Roi(program, entry["paid"], entry["revenue"],
                        roi_ratio(attributed=entry["revenue"], paid=entry["paid"]),
                        label, before, during, spans))  # fmt: skip
    return rows


def partner_rois(*, partner) -> list[Roi]:
    """The same per program, for one partner's paid claims only. Queries: four, always."""
    paid_here = Q(claims__partner=partner, claims__status=ClaimStatus.PAID)
    programs = list(
        incentive_claims.programs()
        .filter(paid_here)
        .annotate(paid=Sum("claims__amount"), revenue=Sum("claims__attributed_revenue"))
        .order_by("-starts_on", "name")
    )
    # Every kind of measure is read, needed or not: the queries do not depend on which
    # behaviours the partner's programs target, nor on whether it has any.
    today = timezone.localdate()
    start = min((_span_start(program) for program in programs), default=today)
    end = max((program.ends_on for program in programs), default=today)
    loaded = {measure: load({partner.pk}, start, end) for measure, load in LOADERS.items()}
    rows = []
    for program in programs:
        paid, revenue = program.paid or Decimal("0"), program.revenue or Decimal("0")
        label, before, during, spans = _behaviour(program, {partner.pk}, loaded)
        rows.append(Roi(program, paid, revenue, roi_ratio(attributed=revenue, paid=paid),
                        label, before, during, spans))  # fmt: skip
    return rows


def rank_by_roi(rows: list[Roi], *, highest_first: bool = True) -> list[Roi]:
    """By ROI; programs with nothing paid yet last either way (newest first among equals)."""
    measured = [row for row in rows if row.roi is not None]
    measured.sort(key=lambda row: row.roi, reverse=highest_first)
    return measured + [row for row in rows if row.roi is None]


def program_years() -> list[int]:
    """Every year some program runs in, newest first (the period filter's choices)."""
    span = incentive_claims.programs().aggregate(first=Min("starts_on"), last=Max("ends_on"))
    if span["first"] is None:
        return []
    return list(range(span["last"].year, span["first"].year - 1, -1))


ROI_CACHE_SECONDS = 60


def program_rois_recent(*, kind: str = "", behaviour: str = "", year: int | None = None):
    """`program_rois` as of at most a minute ago: the comparison reads every claiming
    partner's revenue, deals and certifications (about 170 ms cold at 10,000 partners on the
    benchmark machine), while its figures move with payments, not by the second."""
    key = f"incentive-roi:{kind}:{behaviour}:{year or ''}"
    return cache.get_or_set(
        key, lambda: program_rois(kind=kind, behaviour=behaviour, year=year), ROI_CACHE_SECONDS
    )
