"""Set-based reads for the scoring engine: one query for a whole chunk of partners, whatever its
size, never one per partner."""

import datetime

from django.db.models import Q

from ..models import Partner, PartnerMembership


def partner_ids_to_score(*, as_of: datetime.date, partner_id: int | None = None) -> list[int]:
    """Ids of the partners we knew on `as_of` (all of them, or the one asked for): recorded by
    then, or joined by then (a partner entered later with its real joining date counts from
    that date, so a rebuilt history includes it)."""
    queryset = Partner.objects.filter(Q(created_at__date__lte=as_of) | Q(joined_on__lte=as_of))
    if partner_id is not None:
        queryset = queryset.filter(pk=partner_id)
    return list(queryset.order_by("pk").values_list("pk", flat=True))


def program_places(*, partner_ids) -> dict[int, dict]:
    """`{partner id: {"tier_id", "tier_name", "review_cadence_days", "status"}}`; tier fields
    are None for a partner outside the program."""
    rows = Partner.objects.filter(pk__in=partner_ids).values_list(
        "pk", "tier_id", "tier__name", "tier__review_cadence_days", "status"
    )
    return {
        pk: {"tier_id": tier_id, "tier_name": name, "review_cadence_days": cadence,
             "status": status}
        for pk, tier_id, name, cadence, status in rows
    }  # fmt: skip


def portal_users_as_of(*, partner_ids, as_of: datetime.date) -> list[tuple[int, int, object]]:
    """`(partner id, user id, last login)` of every portal login a partner had on `as_of`.
    A last login after `as_of` is reported as None: it tells nothing about that day."""
    rows = (
        PartnerMembership.objects.filter(partner_id__in=partner_ids, created_at__date__lte=as_of)
        .filter(Q(user__is_active=True))
        .values_list("partner_id", "user_id", "user__last_login")
    )
    return [
        (partner_id, user_id, last_login if last_login and last_login.date() <= as_of else None)
        for partner_id, user_id, last_login in rows
    ]
