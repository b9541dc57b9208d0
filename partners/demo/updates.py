"""Demo people corrections and announcements.

Each portal partner (whose admin logs in as portal-a or portal-b) gets corrections waiting for
the channel team (a new colleague, a new title, someone who left) and some already decided
(one accepted and applied, one rejected with its reason). The program gets a few announcements
published to every partner or to some tiers, and one scheduled for next week. A rerun adds
nothing: partners that have corrections, and a program that has announcements, are skipped.
"""

import datetime

from django.utils import timezone

from ..models import (
    Announcement,
    AnnouncementAudience,
    Contact,
    ContactCorrection,
    CorrectionKind,
    CorrectionStatus,
    PartnerMembership,
    ProgramTier,
)

ANNOUNCEMENTS = [
    # title, body, days from now, audience is every partner, top tiers only
    (
        "Partner summit in March",
        "Our yearly partner summit takes place on 12–13 March in Berlin. Registration opens next "
        "week; every partner may send two people.",
        -20,
        True,
    ),
    (
        "New deal registration rules",
        "From next quarter, registered deals are protected for the days your tier gives. See the "
        "rules of engagement for the details.",
        -6,
        True,
    ),
    (
        "Early access: the analytics add-on",
        "Partners of our top tiers can now demo the analytics add-on to customers. Ask your "
        "channel manager for a demo licence.",
        -2,
        False,
    ),
    (
        "Holiday support hours",
        "Between 24 December and 2 January our partner desk answers from 9:00 to 13:00.",
        7,
        True,
    ),
]


def _announcements(state, now) -> int:
    if Announcement.objects.exists():
        return 0
    author = state.users.get("manager")
    if author is None:
        return 0
    top_tiers = list(ProgramTier.objects.order_by("-rank")[:2])
    for title, body, days, to_all in ANNOUNCEMENTS:
        publish_at = now + datetime.timedelta(days=days)
        announcement = Announcement.objects.create(
            title=title, body=body, publish_at=publish_at, created_by=author,
            audience=AnnouncementAudience.ALL if to_all else AnnouncementAudience.TARGETED,
            notified_at=publish_at if days <= 0 else None,
        )  # fmt: skip
        if not to_all:
            announcement.tiers.set(top_tiers)
    return len(ANNOUNCEMENTS)


def _corrections_for(membership, owner, now) -> list[ContactCorrection]:
    partner, admin = membership.partner, membership.user
    people = list(
        Contact.objects.current().filter(partner=partner)
        .exclude(portal_membership__isnull=False).select_related("org_unit").order_by("-pk")[:4]
    )  # fmt: skip
    if len(people) < 4 or owner is None:
        return []
    moved, leaver, renamed, rejected = people
    decided = {"decided_by": owner, "decided_at": now - datetime.timedelta(days=12)}
    common = {"partner": partner, "proposed_by": admin}
    unit_name = moved.org_unit.name if moved.org_unit else "Sales"
    renamed_title = f"Senior {renamed.title}"[:150] if renamed.title else "Team Lead"
    Contact.objects.filter(pk=renamed.pk).update(title=renamed_title)
    return [
        ContactCorrection(kind=CorrectionKind.NEW_PERSON, first_name="Lena", last_name="Hoffmann",
                          title="Partner Sales Engineer", org_unit=moved.org_unit,
                          email=f"lena.hoffmann.{partner.pk}@{partner.slug}.example",
                          note="Joined last month, takes over our pre-sales for you.",
                          **common),
        ContactCorrection(kind=CorrectionKind.NEW_TITLE, contact=moved,
                          title=f"Head of {unit_name}"[:150], **common),
        ContactCorrection(kind=CorrectionKind.LEFT, contact=leaver,
                          left_on=now.date() - datetime.timedelta(days=5),
                          note="Moved to another company.", **common),
        ContactCorrection(kind=CorrectionKind.NEW_TITLE, contact=renamed, title=renamed_title,
                          status=CorrectionStatus.ACCEPTED, **decided, **common),
        ContactCorrection(kind=CorrectionKind.LEFT, contact=rejected,
                          left_on=now.date() - datetime.timedelta(days=30),
                          status=CorrectionStatus.REJECTED,
                          rejection_reason="We met them last week: still there, on leave.",
                          **decided, **common),
    ]  # fmt: skip


def seed(state) -> None:
    now = timezone.now()
    memberships = (
        PartnerMembership.objects.filter(role=PartnerMembership.Role.PARTNER_ADMIN)
        .exclude(partner__contact_corrections__isnull=False)
        .select_related("partner", "partner__owner", "user")
        .order_by("partner__name", "pk")
    )
    corrections, seen = [], set()
    for membership in memberships:
        if membership.partner_id in seen:
            continue
        seen.add(membership.partner_id)
        corrections += _corrections_for(membership, membership.partner.owner, now)
    ContactCorrection.objects.bulk_create(corrections)
    state.report("people corrections", len(corrections))
    state.report("announcements", _announcements(state, now))
