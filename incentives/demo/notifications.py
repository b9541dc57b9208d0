"""Demo notifications of the partner program: the demo portal users' partners' latest claims
and certification requests, the current rules of engagement, and today's certification
reminders, replayed through the event functions the services call, in the app only."""

from prm.notifications.demo import replay

from .. import notifications as events
from ..models import Certification, ClaimStatus, IncentiveClaim, RulesOfEngagement

DEMO_PORTAL_USERS = ("portal-a", "portal-b")
PER_PARTNER = 3
KINDS = ("claim_requested", "claim_approved", "claim_rejected", "claim_paid",
         "certification_requested", "certification_approved", "rules_published")  # fmt: skip


def seed(state) -> None:
    partner_ids = [
        state.users[name].partner_membership.partner_id
        for name in DEMO_PORTAL_USERS
        if name in state.users
    ]

    def events_of_the_program():
        for partner_id in partner_ids:
            _replay(partner_id)
        rules = RulesOfEngagement.objects.select_related("published_by").order_by("-version")
        if rules.first() is not None:
            events.rules_published(rules=rules.first(), actor=rules.first().published_by)
        events.certifications_expiring()

    replay(state, what="program", kinds=KINDS, events=events_of_the_program)


def _replay(partner_id: int) -> None:
    claims = (
        IncentiveClaim.objects.filter(partner_id=partner_id)
        .select_related("partner", "program", "requested_by", "decided_by")
        .order_by("-created_at", "-pk")[:PER_PARTNER]
    )
    for claim in reversed(claims):
        events.claim_requested(claim=claim, actor=claim.requested_by)
        if claim.status != ClaimStatus.REQUESTED and claim.decided_by:
            events.claim_decided(claim=claim, actor=claim.decided_by)
    certifications = (
        Certification.objects.filter(contact__partner_id=partner_id)
        .select_related("contact__partner", "course", "requested_by", "decided_by")
        .order_by("-created_at", "-pk")[:PER_PARTNER]
    )
    for certification in reversed(certifications):
        if certification.requested_by.is_partner_user:
            events.certification_requested(certification=certification,
                                           actor=certification.requested_by)  # fmt: skip
        if certification.status == Certification.Status.APPROVED and certification.decided_by:
            events.certification_approved(certification=certification,
                                          actor=certification.decided_by)  # fmt: skip
