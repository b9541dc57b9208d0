"""What the partner registry leaves waiting for someone, for the work inbox (`prm.inbox`):
people corrections partner admins proposed, for the partner's owner ("mine") or the whole
team. Two queries (one when `limit` is 0), whatever the amount of data."""

from django.db.models import F

from prm import inbox
from prm.inbox import InboxItem, Link, in_waiting_order, moment, waiting

from ..models import ContactCorrection, CorrectionStatus


def corrections_to_review(*, user, scope, today, limit) -> inbox.Waiting:
    corrections = ContactCorrection.objects.filter(status=CorrectionStatus.PROPOSED)
    if scope != "team":
        corrections = corrections.filter(partner__owner=user)
    corrections = in_waiting_order(
        corrections.select_related("partner", "contact"), since=F("created_at"), today=today
    )

    def build(correction):
        return InboxItem(
            kind="people-corrections", pk=correction.pk, partner=correction.partner.name,
            action="Accept or reject", what=str(correction),
            detail=correction.note[:200], since=moment(correction.created_at),
            link=Link("partners:correction-queue", query="status=proposed",
                      fragment=f"correction-{correction.pk}"),
        )  # fmt: skip

    return waiting(corrections, limit=limit, build=build)
