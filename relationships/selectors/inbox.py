"""What relationships leaves waiting for our people, for the work inbox (`prm.inbox`):
partners' feedback to answer. "Mine" is what is assigned to the user, or unassigned on the
partners they own; "team" is every piece still waiting. Two queries (one when `limit` is 0)."""

from django.db.models import F
from django.utils.translation import gettext as _

from prm import inbox
from prm.inbox import InboxItem, Link, in_waiting_order, moment, waiting

from ..models import OPEN_FEEDBACK_STATUSES, Feedback
from .feedback import mine


def feedback_to_answer(*, user, scope, today, limit) -> inbox.Waiting:
    items = Feedback.objects.filter(status__in=OPEN_FEEDBACK_STATUSES)
    if scope != "team":
        items = items.filter(mine(user))
    items = in_waiting_order(
        items.select_related("partner", "author", "assignee"), since=F("created_at"), today=today
    )

    def build(item):
        who = (item.assignee.get_full_name() or item.assignee.username) if item.assignee else ""
        whose = _("assigned to %(person)s") % {"person": who} if who else _("unassigned")
        return InboxItem(
            kind="feedback", pk=item.pk, partner=item.partner.name, action=_("Answer"),
            what=f"{item.get_category_display()}: {item.text[:120]}",
            detail=f"{item.author_label} · {whose}",
            since=moment(item.created_at), link=Link("relationships:feedback-detail", (item.pk,)),
        )  # fmt: skip

    return waiting(items, limit=limit, build=build)
