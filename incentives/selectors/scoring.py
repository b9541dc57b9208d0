"""Set-based reads for the scoring engine: a chunk of partner ids as of a date, a fixed number
of queries whatever the chunk's size. Only what was known on `as_of` counts."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Max, Q

from partners import selectors as partner_selectors

from ..models import (
    Acknowledgement,
    Certification,
    CertificationStatus,
    RulesOfEngagement,
    TierRequirement,
)


def _current(*, partner_ids, as_of: datetime.date):
    """Approved certifications, not expired on `as_of`, of these partners' people still there
    that day: what the reads below narrow further."""
    still_there = Q(contact__left_on__isnull=True) | Q(contact__left_on__gt=as_of)
    return Certification.objects.filter(
        still_there, contact__partner_id__in=partner_ids,
        status=CertificationStatus.APPROVED, expires_on__gte=as_of,
    )  # fmt: skip


def certified_people_counts(*, partner_ids, as_of: datetime.date) -> dict[int, int]:
    """`{partner id: people still there holding a certification current on `as_of`}`: earned
    and approved by then, not yet expired. One aggregating query."""
    rows = (
        _current(partner_ids=partner_ids, as_of=as_of)
        .filter(decided_at__date__lte=as_of, earned_on__lte=as_of)
        .order_by()
        .values("contact__partner_id")
        .annotate(people=Count("contact_id", distinct=True))
        .values_list("contact__partner_id", "people")
    )
    return dict(rows)


def certifications_expiring(*, partner_ids, as_of: datetime.date, days: int) -> list[tuple]:
    """`(partner id, certification id, person, course, expires on)` of the certifications of
    people still there that are current on `as_of` and expire within `days`. One query."""
    return list(
        _current(partner_ids=partner_ids, as_of=as_of)
        .filter(decided_at__date__lte=as_of,
                expires_on__lte=as_of + datetime.timedelta(days=days))
        .order_by("expires_on", "pk")
        .values_list("contact__partner_id", "pk", "contact__first_name", "contact__last_name",
                     "course__name", "expires_on")
    )  # fmt: skip


def certified_people_required() -> dict[int, int | None]:
    """`{tier id: certified people the tier requires}` (None: no such requirement)."""
    return dict(TierRequirement.objects.values_list("tier_id", "min_certified_people"))


@dataclass(frozen=True)
class TierTerms:
    """A tier of the program and what it requires (None: not required)."""

    tier_id: int
    name: str
    rank: int
    min_annual_revenue: Decimal | None
    min_certified_people: int | None
    min_audit_score: int | None

    @property
    def requires_anything(self) -> bool:
        return any(
            value is not None
            for value in (self.min_annual_revenue, self.min_certified_people, self.min_audit_score)
        )


def tier_ladder() -> list[TierTerms]:
    """Every tier, entry tier first, with its requirements (a tier without any recorded
    requires nothing). One query."""
    rows = partner_selectors.tiers().values_list(
        "pk", "name", "rank", "requirement__min_annual_revenue",
        "requirement__min_certified_people", "requirement__min_audit_score",
    )  # fmt: skip
    return [TierTerms(*row) for row in rows]


@dataclass(frozen=True)
class CertifiedPerson:
    """Someone at a partner holding a current certification: until when (the latest expiry of
    their current certifications) and the day they leave, when it is known."""

    partner_id: int
    name: str
    until: datetime.date
    leaves_on: datetime.date | None


def certified_people_until(*, partner_ids, as_of: datetime.date) -> list[CertifiedPerson]:
    """The people of these partners still there on `as_of` who hold an approved certification
    current that day, each with the latest expiry among them. One aggregating query."""
    rows = (
        _current(partner_ids=partner_ids, as_of=as_of)
        .values("contact_id", "contact__partner_id", "contact__first_name",
                "contact__last_name", "contact__left_on")
        .annotate(until=Max("expires_on"))
        .order_by("until", "contact_id")
    )  # fmt: skip
    return [
        CertifiedPerson(
            row["contact__partner_id"],
            f"{row['contact__first_name']} {row['contact__last_name']}".strip(),
            row["until"],
            row["contact__left_on"],
        )
        for row in rows
    ]


def rules_published_between(*, since: datetime.date, until: datetime.date) -> list[tuple]:
    """`(version, published on)` of the versions of the rules published in (since, until],
    oldest first. One query."""
    return [
        (version, published_at.date())
        for version, published_at in RulesOfEngagement.objects.filter(
            published_at__date__gt=since, published_at__date__lte=until
        )
        .order_by("published_at", "version")
        .values_list("version", "published_at")
    ]


def rules_in_effect(*, as_of: datetime.date) -> RulesOfEngagement | None:
    """The version of the rules of engagement in effect on `as_of`, if any was published."""
    return (
        RulesOfEngagement.objects.filter(effective_on__lte=as_of, published_at__date__lte=as_of)
        .order_by("-effective_on", "-version")
        .first()
    )


def partners_acknowledging(*, rules, partner_ids, as_of: datetime.date) -> set[int]:
    """Ids of these partners that had acknowledged `rules` by `as_of`."""
    return set(
        Acknowledgement.objects.filter(
            rules=rules, partner_id__in=partner_ids, acknowledged_at__date__lte=as_of
        ).values_list("partner_id", flat=True)
    )


def users_acknowledging_between(*, partner_ids, since, until) -> set[int]:
    """Ids of the (portal) users who acknowledged rules for these partners in (since, until]:
    a portal action, for the engagement score's portal activity."""
    return set(
        Acknowledgement.objects.filter(
            partner_id__in=partner_ids,
            acknowledged_at__date__gt=since,
            acknowledged_at__date__lte=until,
        ).values_list("acknowledged_by_id", flat=True)
    )
