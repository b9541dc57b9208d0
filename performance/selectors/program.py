"""Tier standing: where a partner stands against the program's tiers. Progress to the next tier
(what it has met of it and what is missing, and whether it qualifies now) and the outlook for
its current tier at the next evaluation (on course to keep it, or what it lacks and the
what-if that would keep it).

A measurement, so it lives in `performance`. The facts are revenue (actuals of the "revenue"
metric per quarter over the last four quarters, the current one included), the people holding
a current certification (from `incentives`) and the latest audit total. `tier_facts` reads them
for any number of partners in four queries; `progress_from` and `outlook_from` compute from
them without a query. The partner page, the portal and the scoring engine's tier alerts all go
through these same functions, so an alert and the page it points to tell the same numbers.

The next evaluation: the program keeps no cadence of its own for re-rating tiers (a tier's
`review_cadence_days` is how often the joint business reviews happen), and a tier's revenue
requirement is over the last four quarters, so a tier is evaluated when a quarter closes: the
next evaluation is the last day of the current calendar quarter (`next_evaluation`).
"""

import datetime
from dataclasses import dataclass, replace
from decimal import ROUND_CEILING, Decimal

from django.db.models import F, Q, Sum, Window
from django.db.models.functions import RowNumber
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext, gettext_noop, ngettext, pgettext

from incentives.selectors import scoring as program_reads
from incentives.selectors.scoring import CertifiedPerson, TierTerms
from partners.models import Partner
from prm.lib.money import default_currency, format_money

from ..audit_result import audit_result
from ..models import CRITERIA, Actual, PerformanceAudit
from .audits import current_weights

REVENUE_METRIC = "revenue"
# Revenue with us from actuals, never the partner's own company revenue (the Overview's).
# Labels are plain strings (alert texts use them); the pages translate them as they show them.
REVENUE_LABEL = gettext_noop("Revenue with us, last four quarters")
PEOPLE_LABEL = gettext_noop("Certified people")
AUDIT_LABEL = gettext_noop("Audit score")
LAPSES_NAMED = 3
# With less than a month to go, a monthly pace says nothing the amount itself does not.
MONTHLY_FROM_DAYS = 31


# --- quarters and the evaluation date ----------------------------------------------------------


def quarter_of(day: datetime.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def quarter_bounds(year: int, quarter: int) -> tuple[datetime.date, datetime.date]:
    """The first and the last day of a quarter."""
    first = datetime.date(year, 3 * quarter - 2, 1)
    after = (
        datetime.date(year + 1, 1, 1) if quarter == 4 else datetime.date(year, 3 * quarter + 1, 1)
    )
    return first, after - datetime.timedelta(days=1)


def last_four_quarters(today: datetime.date) -> list[tuple[int, int]]:
    """(year, quarter) of the current quarter and the three before it."""
    year, quarter = quarter_of(today)
    quarters = []
    for _ in range(4):
        quarters.append((year, quarter))
        year, quarter = (year - 1, 4) if quarter == 1 else (year, quarter - 1)
    return quarters


def next_evaluation(as_of: datetime.date) -> datetime.date:
    """When tiers are next evaluated: the last day of the current calendar quarter (see the
    module's docstring for why)."""
    return quarter_bounds(*quarter_of(as_of))[1]


# --- the facts ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class TierFacts:
    """What one partner has that its tier measures, as of a date."""

    revenue: dict  # (year, quarter) → Decimal, the last four quarters only
    certified: tuple[CertifiedPerson, ...]  # earliest expiry first
    audit_score: float | None

    @property
    def annual_revenue(self) -> Decimal:
        return sum(self.revenue.values(), Decimal("0"))


def tier_facts(
    *, partner_ids, as_of: datetime.date, shared_audits_only: bool = False
) -> dict[int, TierFacts]:
    """`{partner id: TierFacts}` for every one of these partners: four queries, whatever their
    number. The tier is about now, so unlike the scores' inputs what counts is what is recorded
    today, measured for `as_of` (its four quarters, the certifications current that day).
    `shared_audits_only`: as the partner may see it (an audit we keep to ourselves never
    counts)."""
    revenue = _revenue_by_quarter(partner_ids, as_of)
    certified: dict = {}
    for person in program_reads.certified_people_until(partner_ids=partner_ids, as_of=as_of):
        certified.setdefault(person.partner_id, []).append(person)
    audits = _latest_audit_scores(partner_ids, shared_only=shared_audits_only)
    return {
        partner_id: TierFacts(
            revenue.get(partner_id, {}),
            tuple(certified.get(partner_id, ())),
            audits.get(partner_id),
        )  # fmt: skip
        for partner_id in partner_ids
    }


def _revenue_by_quarter(partner_ids, as_of) -> dict:
    period = Q()
    for year, quarter in last_four_quarters(as_of):
        period |= Q(year=year, quarter=quarter)
    rows = (
        Actual.objects.filter(period, partner_id__in=partner_ids, metric__key=REVENUE_METRIC)
        .order_by()
        .values("partner_id", "year", "quarter")
        .annotate(total=Sum("value"))
        .values_list("partner_id", "year", "quarter", "total")
    )
    revenue: dict = {}
    for partner_id, year, quarter, total in rows:
        revenue.setdefault(partner_id, {})[(year, quarter)] = total
    return revenue


def _latest_audit_scores(partner_ids, *, shared_only: bool) -> dict[int, float]:
    """Each partner's latest audit total (the current audit weights): two queries."""
    weights = current_weights()
    audits = PerformanceAudit.objects.filter(partner_id__in=partner_ids)
    if shared_only:
        audits = audits.filter(share_with_partner=True)
    rows = (
        audits.annotate(
            recency=Window(
                RowNumber(),
                partition_by=[F("partner_id")],
                order_by=[F("audited_on").desc(), F("pk").desc()],
            )
        )
        .filter(recency=1)
        .values("partner_id", *CRITERIA)
    )
    return {
        row["partner_id"]: audit_result({name: row[name] for name in CRITERIA}, weights).total
        for row in rows
    }


# --- progress to the next tier -----------------------------------------------------------------


@dataclass(frozen=True)
class RequirementProgress:
    key: str
    label: str
    required: Decimal | int | float
    actual: Decimal | int | float
    unit: str

    @property
    def met(self) -> bool:
        return self.actual >= self.required

    @property
    def missing(self):
        return max(self.required - self.actual, 0)

    @property
    def percent(self) -> int:
        if not self.required:
            return 100
        return min(100, int(Decimal(str(self.actual)) * 100 / Decimal(str(self.required))))


@dataclass(frozen=True)
class TierProgress:
    tier: TierTerms | None
    next_tier: TierTerms | None
    requirements: tuple[RequirementProgress, ...]
    revenue: Decimal
    certified_people: int
    audit_score: float | None

    @property
    def all_met(self) -> bool:
        return all(requirement.met for requirement in self.requirements)

    @property
    def met_count(self) -> int:
        return sum(requirement.met for requirement in self.requirements)

    @property
    def qualifies(self) -> bool:
        """Meets every requirement of the next tier now (a tier that records none is no
        promotion anyone has earned)."""
        return self.next_tier is not None and bool(self.requirements) and self.all_met


def _progress_rows(terms: TierTerms, facts: TierFacts) -> tuple[RequirementProgress, ...]:
    rows = []
    if terms.min_annual_revenue is not None:
        rows.append(RequirementProgress("revenue", REVENUE_LABEL, terms.min_annual_revenue,
                                        facts.annual_revenue, default_currency()))  # fmt: skip
    if terms.min_certified_people is not None:
        rows.append(RequirementProgress("certified_people", PEOPLE_LABEL,
                                        terms.min_certified_people, len(facts.certified),
                                        "people"))  # fmt: skip
    if terms.min_audit_score is not None:
        rows.append(RequirementProgress("audit_score", AUDIT_LABEL, terms.min_audit_score,
                                        facts.audit_score or 0, "points"))  # fmt: skip
    return tuple(rows)


def progress_from(
    *, tier_id: int | None, facts: TierFacts, ladder: list[TierTerms]
) -> TierProgress:
    """The partner's tier, the next one by rank (the entry tier for a partner outside the
    program) and each of its requirements, met or by how much. No query."""
    tier = next((terms for terms in ladder if terms.tier_id == tier_id), None)
    above = [terms for terms in ladder if tier is None or terms.rank > tier.rank]
    next_tier = above[0] if above else None
    rows = _progress_rows(next_tier, facts) if next_tier is not None else ()
    return TierProgress(tier, next_tier, rows, facts.annual_revenue, len(facts.certified),
                        facts.audit_score)  # fmt: skip


# --- the outlook for the current tier ----------------------------------------------------------


@dataclass(frozen=True)
class Lapse:
    """Someone certified now who will not count at the evaluation."""

    name: str
    on: datetime.date
    leaves: bool  # they leave the partner (else their certification expires)


@dataclass(frozen=True)
class RequirementOutlook:
    """One requirement of the current tier: what the partner has now and what it is projected
    to have at the evaluation (None: no audit to project)."""

    key: str
    label: str
    required: Decimal | int
    now: Decimal | int | float | None
    projected: Decimal | int | float | None
    per_month: Decimal | None = None  # revenue: the shortfall a month, a month or more ahead
    lapsing: tuple[Lapse, ...] = ()  # certified people: who stop counting before then

    @property
    def met(self) -> bool:
        return self.projected is not None and self.projected >= self.required

    @property
    def short(self):
        """What more is needed by the evaluation: whole currency units (rounded up, so that
        much is enough), people, or audit points (None: no audit yet)."""
        if self.met:
            return 0
        if self.projected is None:
            return None
        if self.key == "revenue":
            return (self.required - self.projected).quantize(Decimal(1), ROUND_CEILING)
        if self.key == "audit_score":
            return round(self.required - self.projected, 1)
        return self.required - self.projected


@dataclass(frozen=True)
class TierOutlook:
    tier: TierTerms
    as_of: datetime.date
    evaluation_on: datetime.date
    requirements: tuple[RequirementOutlook, ...]
    run_rate: Decimal  # revenue per day in the latest closed quarter

    @property
    def days_left(self) -> int:
        return (self.evaluation_on - self.as_of).days

    @property
    def at_risk(self) -> bool:
        return any(not row.met for row in self.requirements)

    @property
    def shortfalls(self) -> list[RequirementOutlook]:
        return [row for row in self.requirements if not row.met]

    def what_if(self) -> str:
        """What would keep the tier, in numbers: "needs 45,000 EUR more revenue by 31 Mar 2027
        (≈ 18,750 EUR a month) and 1 more certified person (2 of 3; 1 expires 12 Feb)", in the
        reader's language."""
        needs = self.needs()
        return gettext("needs %(what)s") % {"what": needs} if needs else ""

    def needs(self) -> str:
        """What is missing without the verb: "45,000 EUR more revenue by … and 1 more certified
        person (…)", for sentences that put "needs" where their language wants it."""
        parts = [_shortfall_text(row, self.evaluation_on) for row in self.shortfalls]
        if not parts:
            return ""
        return _and_join(parts)

    def message(self) -> str:
        return (f"On course to fall below {self.tier.name} at the next tier evaluation on "
                f"{self.evaluation_on:%d %b %Y}: {self.what_if()}.")  # fmt: skip


def _money(amount) -> str:
    return format_money(amount, default_currency())


def _and_join(parts: list[str]) -> str:
    if len(parts) == 1:
        return parts[0]
    return gettext("%(first)s and %(last)s") % {"first": ", ".join(parts[:-1]), "last": parts[-1]}


def _short_day(value: datetime.date, year: bool = True) -> str:
    """ "05 Mar 2027" / "05 Mar" (German "5. März 2027" / "5. März")."""
    if year:
        return date_format(value, pgettext("shortfall date format", "d M Y"))
    return date_format(value, pgettext("shortfall day and month format", "d M"))


def _lapses_text(lapsing: tuple[Lapse, ...]) -> str:
    parts = []
    for leaves in (False, True):
        dates = [lapse.on for lapse in lapsing if lapse.leaves == leaves]
        if not dates:
            continue
        shown = [_short_day(day, year=False) for day in dates]
        if len(shown) == 1:
            when = shown[0]
        elif len(shown) > LAPSES_NAMED:
            when = gettext("from %(day)s") % {"day": shown[0]}
        else:
            when = _and_join(shown)
        count = len(dates)
        if leaves:
            text = ngettext("%(n)s leaves %(when)s", "%(n)s leave %(when)s", count)
        else:
            text = ngettext("%(n)s expires %(when)s", "%(n)s expire %(when)s", count)
        parts.append(text % {"n": count, "when": when})
    return "; ".join(parts)


def _shortfall_text(row: RequirementOutlook, evaluation_on: datetime.date) -> str:
    if row.key == "revenue":
        text = gettext("%(amount)s more revenue by %(day)s") % {
            "amount": _money(row.short), "day": _short_day(evaluation_on),
        }  # fmt: skip
        if row.per_month:
            text += gettext(" (≈ %(amount)s a month)") % {"amount": _money(row.per_month)}
        return text
    if row.key == "certified_people":
        lapses = f"; {_lapses_text(row.lapsing)}" if row.lapsing else ""
        return ngettext(
            "%(n)s more certified person (%(projected)s of %(required)s%(lapses)s)",
            "%(n)s more certified people (%(projected)s of %(required)s%(lapses)s)",
            row.short,
        ) % {"n": row.short, "projected": row.projected, "required": row.required,
             "lapses": lapses}  # fmt: skip
    if row.projected is None:
        return gettext("an audit total of at least %(required)s (no audit yet)") % {
            "required": row.required
        }
    return gettext("an audit total %(short)s points higher (%(projected)s of %(required)s)") % {
        "short": f"{row.short:.1f}", "projected": f"{row.projected:.1f}",
        "required": row.required,
    }  # fmt: skip


def _revenue_outlook(terms, facts, as_of, evaluation_on) -> tuple[RequirementOutlook, Decimal]:
    """Revenue over the four quarters that close at the evaluation (the current one and the
    three before it): what is recorded for them so far, plus the latest closed quarter's daily
    run-rate for the days no actual covers yet — the days after `as_of` when the current
    quarter has an actual (its revenue to date), the whole current quarter when it has none."""
    current, recent = last_four_quarters(as_of)[:2]
    recent_first, recent_last = quarter_bounds(*recent)
    run_rate = facts.revenue.get(recent, Decimal("0")) / ((recent_last - recent_first).days + 1)
    days_left = (evaluation_on - as_of).days
    if current in facts.revenue:
        uncovered = days_left
    else:
        uncovered = (evaluation_on - quarter_bounds(*current)[0]).days + 1
    known = facts.annual_revenue
    projected = (known + run_rate * uncovered).quantize(Decimal("0.01"))
    row = RequirementOutlook("revenue", REVENUE_LABEL, terms.min_annual_revenue, known,
                             projected)  # fmt: skip
    if not row.met and days_left >= MONTHLY_FROM_DAYS:
        # A month is 365/12 days: multiplied out first, so that no rounding creeps in.
        monthly = (row.short * 365 / (12 * days_left)).quantize(Decimal(1), ROUND_CEILING)
        row = replace(row, per_month=monthly)
    return row, run_rate


def _people_outlook(terms, facts, evaluation_on) -> RequirementOutlook:
    """People certified now who are still there and certified on the evaluation day; those
    whose every certification expires before then (or who leave by then) do not count."""
    lapsing = []
    for person in facts.certified:
        if person.leaves_on is not None and person.leaves_on <= min(person.until, evaluation_on):
            lapsing.append(Lapse(person.name, person.leaves_on, leaves=True))
        elif person.until < evaluation_on:
            lapsing.append(Lapse(person.name, person.until, leaves=False))
    now = len(facts.certified)
    lapsing.sort(key=lambda lapse: (lapse.on, lapse.name))
    return RequirementOutlook("certified_people", PEOPLE_LABEL, terms.min_certified_people,
                              now, now - len(lapsing), lapsing=tuple(lapsing))  # fmt: skip


def outlook_from(
    *, tier_id: int | None, facts: TierFacts, ladder: list[TierTerms], as_of: datetime.date
) -> TierOutlook | None:
    """The partner's current tier at the next evaluation, each requirement projected from what
    is known on `as_of`; None without a tier or when the tier requires nothing. No query."""
    tier = next((terms for terms in ladder if terms.tier_id == tier_id), None)
    if tier is None or not tier.requires_anything:
        return None
    evaluation_on = next_evaluation(as_of)
    rows, run_rate = [], Decimal("0")
    if tier.min_annual_revenue is not None:
        revenue, run_rate = _revenue_outlook(tier, facts, as_of, evaluation_on)
        rows.append(revenue)
    if tier.min_certified_people is not None:
        rows.append(_people_outlook(tier, facts, evaluation_on))
    if tier.min_audit_score is not None:
        rows.append(RequirementOutlook("audit_score", AUDIT_LABEL, tier.min_audit_score,
                                       facts.audit_score, facts.audit_score))  # fmt: skip
    return TierOutlook(tier, as_of, evaluation_on, tuple(rows), run_rate)


# --- one partner, for its pages ----------------------------------------------------------------


@dataclass(frozen=True)
class TierStanding:
    progress: TierProgress
    outlook: TierOutlook | None


def tier_standing(
    partner: Partner, *, today: datetime.date | None = None, for_partner: bool = False
) -> TierStanding:
    """The partner's progress to the next tier and the outlook for its own: five queries.
    `for_partner`: as the partner may see it (only audits shared with them count)."""
    today = today or timezone.localdate()
    ladder = program_reads.tier_ladder()
    facts = tier_facts(partner_ids=[partner.pk], as_of=today, shared_audits_only=for_partner)
    mine = facts[partner.pk]
    return TierStanding(
        progress_from(tier_id=partner.tier_id, facts=mine, ladder=ladder),
        outlook_from(tier_id=partner.tier_id, facts=mine, ladder=ladder, as_of=today),
    )


def tier_progress(
    partner: Partner, *, today: datetime.date | None = None, for_partner: bool = False
) -> TierProgress:
    return tier_standing(partner, today=today, for_partner=for_partner).progress


def tier_outlook(
    partner: Partner, *, today: datetime.date | None = None, for_partner: bool = False
) -> TierOutlook | None:
    return tier_standing(partner, today=today, for_partner=for_partner).outlook
