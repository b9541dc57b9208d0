"""Reads of announcements: which partners an audience reaches, and what a partner sees."""

from django.db.models import Exists, OuterRef, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from prm.lib.access import is_vendor_staff

from ..models import Announcement, AnnouncementAudience, Partner
from .registry import membership_of

Tiers = Announcement.tiers.through
Territories = Announcement.territories.through
Segments = Announcement.segments.through


def announcement_list():
    """Every announcement for the channel team, newest publication first, with its targets."""
    return (
        Announcement.objects.select_related("created_by")
        .prefetch_related("tiers", "territories", "segments")
        .order_by("-publish_at", "-pk")
    )


def _reaches(partner: Partner):
    """A filter: announcements for every partner, or targeting one of `partner`'s tier,
    territories or segments."""
    territory_ids = Partner.territories.through.objects.filter(partner_id=partner.pk).values(
        "territory_id"
    )
    segment_ids = Partner.segments.through.objects.filter(partner_id=partner.pk).values(
        "segment_id"
    )
    by_tier = Tiers.objects.filter(announcement_id=OuterRef("pk"), programtier_id=partner.tier_id)
    by_territory = Territories.objects.filter(
        announcement_id=OuterRef("pk"), territory_id__in=territory_ids
    )
    by_segment = Segments.objects.filter(announcement_id=OuterRef("pk"), segment_id__in=segment_ids)
    return Q(audience=AnnouncementAudience.ALL) | Q(
        Exists(by_tier) | Exists(by_territory) | Exists(by_segment),
        audience=AnnouncementAudience.TARGETED,
    )


def announcements_for_partner(*, partner: Partner, now=None):
    """Published, unexpired announcements for `partner`, newest first."""
    now = now or timezone.now()
    return (
        Announcement.objects.published(now=now)
        .filter(_reaches(partner))
        .order_by("-publish_at", "-pk")
    )


def announcements_visible_to(*, user, now=None):
    """Staff: every announcement; a partner user: those published for their partner; else
    none."""
    if is_vendor_staff(user):
        return announcement_list()
    membership = membership_of(user=user)
    if membership is None:
        return Announcement.objects.none()
    return announcements_for_partner(partner=membership.partner, now=now)


def announcement_get(*, user, pk) -> Announcement:
    return get_object_or_404(announcements_visible_to(user=user), pk=pk)


def _targeted(tier_ids, territory_ids, segment_ids):
    """Partners of any of the tiers, territories or segments (ids, or subqueries of ids)."""
    by_territory = Partner.territories.through.objects.filter(territory_id__in=territory_ids)
    by_segment = Partner.segments.through.objects.filter(segment_id__in=segment_ids)
    return Partner.objects.filter(
        Q(tier_id__in=tier_ids)
        | Q(pk__in=by_territory.values("partner_id"))
        | Q(pk__in=by_segment.values("partner_id"))
    )


def partners_reached(*, audience: str, tiers=(), territories=(), segments=()):
    """The partners an audience reaches (any match of tier, territory or segment)."""
    if audience == AnnouncementAudience.ALL:
        return Partner.objects.all()
    return _targeted(
        [getattr(t, "pk", t) for t in tiers],
        [getattr(t, "pk", t) for t in territories],
        [getattr(s, "pk", s) for s in segments],
    )


def partner_ids_reached(*, announcement: Announcement) -> list[int]:
    """Ids of the partners an announcement reaches (one query)."""
    if announcement.audience == AnnouncementAudience.ALL:
        return list(Partner.objects.values_list("pk", flat=True))
    partners = _targeted(
        Tiers.objects.filter(announcement=announcement).values("programtier_id"),
        Territories.objects.filter(announcement=announcement).values("territory_id"),
        Segments.objects.filter(announcement=announcement).values("segment_id"),
    )
    return list(partners.values_list("pk", flat=True))


def announcements_to_notify(*, now):
    """Published, unexpired announcements whose partners have not been told yet."""
    return (
        Announcement.objects.published(now=now)
        .filter(notified_at__isnull=True)
        .order_by("publish_at", "pk")
    )
