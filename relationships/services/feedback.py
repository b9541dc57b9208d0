"""Writes of partners' feedback: a partner user sends it; our people assign it, answer it and
close it. Each change tells the person it concerns (relationships.notifications)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from prm.lib.access import require_vendor_staff
from prm.lib.audit import acting_as

from .. import notifications
from ..models import Feedback, FeedbackCategory, FeedbackStatus
from ..models.feedback import PAGE_PATH_MAX
from ..selectors.feedback import may_send_feedback


def _staff_only(actor) -> None:
    require_vendor_staff(actor, _("Partner feedback is answered by the vendor's channel team."))


def clean_page_path(page_path: str) -> str:
    """The page the feedback came from: a path of this site (never another site's address),
    without its query string; "" when it is not one."""
    path = (page_path or "").strip().split("?", 1)[0].split("#", 1)[0]
    if not path.startswith("/") or path.startswith("//") or "\\" in path:
        return ""
    return path[:PAGE_PATH_MAX]


@transaction.atomic
def feedback_send(*, actor, membership, category: str, text: str, page_path: str = "") -> Feedback:
    """A partner user tells us what is in their way. Partner admins and members may; a
    read-only portal role may not."""
    if membership is None or membership.user_id != actor.pk or not actor.is_partner_user:
        raise PermissionDenied(_("Feedback is sent by a partner's portal users."))
    if not may_send_feedback(membership):
        raise PermissionDenied(_("Your portal access is read-only: you cannot send feedback."))
    text = (text or "").strip()
    errors = {}
    if not text:
        errors["text"] = _("Say what is in your way.")
    if category not in FeedbackCategory.values:
        errors["category"] = _("Choose a topic.")
    if errors:
        raise ValidationError(errors)
    feedback = Feedback(
        partner=membership.partner, author=actor, category=category, text=text,
        page_path=clean_page_path(page_path),
    )  # fmt: skip
    feedback.full_clean()
    with acting_as(actor):
        feedback.save()
    notifications.feedback_sent(feedback=feedback, actor=actor)
    return feedback


@transaction.atomic
def feedback_assign(*, actor, feedback: Feedback, assignee) -> Feedback:
    """Give the feedback to one of our people (oneself or a colleague), or to nobody."""
    _staff_only(actor)
    if assignee is not None and not assignee.is_vendor_staff:
        raise ValidationError({"assignee": _("Assign feedback to someone of the channel team.")})
    if feedback.is_closed:
        raise ValidationError(_("This feedback is closed."))
    changed = feedback.assignee_id != getattr(assignee, "pk", None)
    feedback.assignee = assignee
    if feedback.is_open:
        feedback.status = FeedbackStatus.ASSIGNED if assignee else FeedbackStatus.NEW
    with acting_as(actor):
        feedback.save(update_fields=["assignee", "status", "updated_at"])
    if changed:
        notifications.feedback_assigned(feedback=feedback, actor=actor)
    return feedback


@transaction.atomic
def feedback_answer(*, actor, feedback: Feedback, answer: str) -> Feedback:
    """Answer the partner (or change the answer): the author hears of it. Unassigned feedback
    becomes the answerer's."""
    _staff_only(actor)
    answer = (answer or "").strip()
    if not answer:
        raise ValidationError({"answer": _("Write the answer the partner will read.")})
    if feedback.is_closed:
        raise ValidationError(_("This feedback is closed."))
    feedback.answer, feedback.answered_by, feedback.answered_at = answer, actor, timezone.now()
    feedback.status = FeedbackStatus.ANSWERED
    if feedback.assignee_id is None:
        feedback.assignee = actor
    feedback.full_clean(exclude=["partner", "author", "page_path"])
    with acting_as(actor):
        feedback.save(update_fields=["answer", "answered_by", "answered_at", "status",
                                     "assignee", "updated_at"])  # fmt: skip
    notifications.feedback_answered(feedback=feedback, actor=actor)
    return feedback


@transaction.atomic
def feedback_close(*, actor, feedback: Feedback) -> Feedback:
    """Nothing more to do: answered, or not needing an answer (a duplicate, say)."""
    _staff_only(actor)
    if feedback.is_closed:
        raise ValidationError(_("This feedback is closed already."))
    feedback.status, feedback.closed_at = FeedbackStatus.CLOSED, timezone.now()
    with acting_as(actor):
        feedback.save(update_fields=["status", "closed_at", "updated_at"])
    return feedback
