"""Demo notifications of performance: the latest events of the demo portal users' partners
(deals registered and decided, target proposals) and today's reminders, replayed through the
event functions the services call, in the app only (nobody is emailed about demo history)."""

from django.utils import timezone

from prm.notifications.demo import replay

from .. import notifications as events
from ..models import DealRegistration, DealStatus, Target

DEMO_PORTAL_USERS = ("portal-a", "portal-b")
DEALS_PER_PARTNER = 4
TARGETS_PER_PARTNER = 3
KINDS = ("deal_registered", "deal_approved", "deal_rejected", "target_proposed",
         "target_countered", "target_agreed")  # fmt: skip


def seed(state) -> None:
    partner_ids = [
        state.users[name].partner_membership.partner_id
        for name in DEMO_PORTAL_USERS
        if name in state.users
    ]

    def events_of_the_demo_partners():
        for partner_id in partner_ids:
            _replay_deals(partner_id)
            _replay_targets(partner_id)
        events.reminders_send(today=timezone.localdate())

    replay(state, what="performance", kinds=KINDS, events=events_of_the_demo_partners)


def _replay_deals(partner_id: int) -> None:
    deals = (
        DealRegistration.objects.filter(partner_id=partner_id)
        .select_related("partner", "registered_by", "decided_by")
        .order_by("created_at", "pk")
    )
    for deal in list(deals)[-DEALS_PER_PARTNER:]:
        events.deal_registered(deal=deal, actor=deal.registered_by)
        if deal.status in (DealStatus.APPROVED, DealStatus.REJECTED) and deal.decided_by:
            events.deal_decided(deal=deal, actor=deal.decided_by)


def _replay_targets(partner_id: int) -> None:
    targets = (
        Target.objects.filter(partner_id=partner_id)
        .select_related("partner", "metric")
        .order_by("-year", "-quarter", "pk")[:TARGETS_PER_PARTNER]
    )
    for target in targets:
        proposals = target.proposals.select_related("proposed_by").order_by("created_at", "pk")
        proposal = proposals.last()
        if proposal is not None:
            events.target_proposal_made(target=target, proposal=proposal,
                                        actor=proposal.proposed_by)  # fmt: skip
