"""Set-based reads for the scoring engine: a chunk of partner ids as of a date, a fixed number
of queries whatever the chunk's size. Only what was known on `as_of` counts."""

import datetime

from django.db.models import Count, Q

from ..models import (
    Acknowledgement,
    Certification,
    CertificationStatus,
    RulesOfEngagement,
    TierRequirement,
)


def certified_people_counts(*, partner_ids, as_of: datetime.date) -> dict[int, int]:
    """`{partner id: people still there holding a certification current on `as_of`}`: earned
    and approved by then, not yet expired. One aggregating query."""
    still_there = Q(contact__left_on__isnull=True) | Q(contact__left_on__gt=as_of)
    rows = (
        Certification.objects.filter(
            still_there,
            contact__partner_id__in=partner_ids,
            status=CertificationStatus.APPROVED,
            decided_at__date__lte=as_of,
            earned_on__lte=as_of,
            expires_on__gte=as_of,
        )
        .order_by()
        .values("contact__partner_id")
        .annotate(people=Count("contact_id", distinct=True))
        .values_list("contact__partner_id", "people")
    )
    return dict(rows)


def certifications_expiring(*, partner_ids, as_of: datetime.date, days: int) -> list[tuple]:
    """`(partner id, certification id, person, course, expires on)` of the certifications of
    people still there that are current on `as_of` and expire within `days`. One query."""
    still_there = Q(contact__left_on__isnull=True) | Q(contact__left_on__gt=as_of)
    return list(
        Certification.objects.filter(
            still_there,
            contact__partner_id__in=partner_ids,
            status=CertificationStatus.APPROVED,
            decided_at__date__lte=as_of,
            expires_on__gte=as_of,
            expires_on__lte=as_of + datetime.timedelta(days=days),
        )
        .order_by("expires_on", "pk")
        .values_list("contact__partner_id", "pk", "contact__first_name", "contact__last_name",
                     "course__name", "expires_on")
    )  # fmt: skip


def certified_people_required() -> dict[int, int | None]:
    """`{tier id: certified people the tier requires}` (None: no such requirement)."""
    return dict(TierRequirement.objects.values_list("tier_id", "min_certified_people"))


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
