"""Tier progress: what a partner has met of the next tier's requirements, and what is missing.

A measurement, so it lives in `performance`: revenue (actuals of the "revenue" metric over the
last four quarters, the current one included), certified people (contacts holding a current
certification, from `incentives`) and the latest audit total. Its panels show it inside the
program's pages (the partner's Program tab, the portal's tier page).
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, Sum
from django.utils import timezone

from incentives.selectors import enablement
from partners import selectors as partner_selectors
from partners.models import Partner, ProgramTier
from prm.lib.money import default_currency

from ..models import Actual, PerformanceAudit
from .audits import result_for

REVENUE_METRIC = "revenue"


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
    partner: Partner
    tier: ProgramTier | None
    next_tier: ProgramTier | None
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


def last_four_quarters(today: datetime.date) -> list[tuple[int, int]]:
    """(year, quarter) of the current quarter and the three before it."""
    year, quarter = today.year, (today.month - 1) // 3 + 1
    quarters = []
    for _ in range(4):
        quarters.append((year, quarter))
        year, quarter = (year - 1, 4) if quarter == 1 else (year, quarter - 1)
    return quarters


def annual_revenue(partner: Partner, *, today: datetime.date) -> Decimal:
    period = Q()
    for year, quarter in last_four_quarters(today):
        period |= Q(year=year, quarter=quarter)
    total = Actual.objects.filter(period, partner=partner, metric__key=REVENUE_METRIC).aggregate(
        total=Sum("value")
    )["total"]
    return total or Decimal("0")


def certified_people(partner: Partner, *, today: datetime.date) -> int:
    """The partner's people holding a current certification."""
    return enablement.certified_people(partner, today=today).count()


def latest_audit_score(partner: Partner, *, shared_only: bool = False) -> float | None:
    """The total of the partner's latest audit; with `shared_only`, of the latest one shared
    with the partner (an audit we keep to ourselves never shows in the portal)."""
    audits = PerformanceAudit.objects.filter(partner=partner)
    if shared_only:
        audits = audits.filter(share_with_partner=True)
    audit = audits.order_by("-audited_on", "-pk").first()
    return result_for(audit).total if audit else None


def _next_tier(tier: ProgramTier | None) -> ProgramTier | None:
    tiers = partner_selectors.tiers().select_related("requirement")
    if tier is not None:
        tiers = tiers.filter(rank__gt=tier.rank)
    return tiers.first()


def tier_progress(
    partner: Partner, *, today: datetime.date | None = None, for_partner: bool = False
) -> TierProgress:
    """The partner's tier, the next one by rank and each of its requirements, met or by how much.
    `for_partner`: as the partner may see it (only audits shared with them count)."""
    today = today or timezone.localdate()
    next_tier = _next_tier(partner.tier)
    revenue = annual_revenue(partner, today=today)
    people = certified_people(partner, today=today)
    score = latest_audit_score(partner, shared_only=for_partner)
    requirement = getattr(next_tier, "requirement", None) if next_tier else None
    rows = []
    if requirement is not None:
        if requirement.min_annual_revenue is not None:
            rows.append(RequirementProgress(
                "revenue", "Annual revenue", requirement.min_annual_revenue, revenue,
                default_currency(),
            ))  # fmt: skip
        if requirement.min_certified_people is not None:
            rows.append(RequirementProgress(
                "certified_people", "Certified people", requirement.min_certified_people,
                people, "people",
            ))  # fmt: skip
        if requirement.min_audit_score is not None:
            rows.append(RequirementProgress(
                "audit_score", "Audit score", requirement.min_audit_score, score or 0, "points"
            ))  # fmt: skip
    return TierProgress(partner, partner.tier, next_tier, tuple(rows), revenue, people, score)
