"""Reads of partners' feedback: who may send it, the staff list with its filters, one piece for
our people, a partner's own on the portal and the partner page's latest.

Who sees what on the portal: a partner admin sees all of their partner's feedback (they speak
for the company); a member sees what they sent themselves. A read-only portal role sees its own
(none: it sends nothing). Every portal read starts from the user's membership, never an id."""

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404

from partners.models import PartnerMembership
from prm.lib.access import require_vendor_staff

from ..models import OPEN_FEEDBACK_STATUSES, Feedback, FeedbackStatus

# The portal roles that may write to us; a read-only role (a viewer) may not.
SENDING_ROLES = (PartnerMembership.Role.PARTNER_ADMIN, PartnerMembership.Role.MEMBER)
STATUS_FILTERS = ("open", *FeedbackStatus.values, "all")


def may_send_feedback(membership) -> bool:
    """Whether a portal user (their membership) may send feedback: partner admins and members."""
    return membership is not None and membership.role in SENDING_ROLES


def feedback():
    return Feedback.objects.select_related("partner", "author", "assignee", "answered_by")


def narrow_status(queryset, status: str):
    if status == "open":
        return queryset.filter(status__in=OPEN_FEEDBACK_STATUSES)
    if status in FeedbackStatus.values:
        return queryset.filter(status=status)
    return queryset


def narrow_assignee(queryset, *, user, assignee: str):
    """ "me": assigned to the user; "mine": assigned to them or unassigned on their partners;
    "none": unassigned; an id: that person's."""
    if assignee == "me":
        return queryset.filter(assignee=user)
    if assignee == "mine":
        return queryset.filter(mine(user))
    if assignee == "none":
        return queryset.filter(assignee__isnull=True)
    if str(assignee).isdigit():
        return queryset.filter(assignee_id=int(assignee))
    return queryset


def mine(user) -> Q:
    """What is a staff member's to answer: assigned to them, or unassigned on their partners."""
    return Q(assignee=user) | Q(assignee__isnull=True, partner__owner=user)


def feedback_list(*, user, status: str = "open", assignee: str = "", partner=None):
    """Staff: feedback of a status ("open": new or assigned; "all"), assignee and partner,
    oldest waiting first among the open, newest first otherwise."""
    require_vendor_staff(user, hide=True)
    queryset = narrow_assignee(narrow_status(feedback(), status), user=user, assignee=assignee)
    if partner is not None:
        queryset = queryset.filter(partner=partner)
    if status == "open":
        return queryset.order_by("created_at", "pk")
    return queryset.order_by("-created_at", "-pk")


def feedback_get(*, user, pk) -> Feedback:
    """One piece of feedback for our people; 404 for anyone else."""
    require_vendor_staff(user, hide=True)
    return get_object_or_404(feedback(), pk=pk)


def portal_feedback(*, membership):
    """What a portal user sees of their partner's feedback (see the module's doc), newest first.
    Nothing of who of us has it: the assignee stays out of the portal's select."""
    queryset = Feedback.objects.filter(partner=membership.partner_id).select_related(
        "author", "answered_by"
    )
    if membership.role != PartnerMembership.Role.PARTNER_ADMIN:
        queryset = queryset.filter(author=membership.user_id)
    return queryset.order_by("-created_at", "-pk")


def feedback_visible_to(*, user, membership=None):
    """The API's scope: every piece for staff, a portal user's as on the portal, else none."""
    if user.is_vendor_staff:
        return feedback()
    if membership is None:
        return Feedback.objects.none()
    return portal_feedback(membership=membership)


def partner_feedback(*, partner):
    """A partner's feedback for its page, newest first."""
    return feedback().filter(partner=partner).order_by("-created_at", "-pk")


def partner_feedback_counts(*, partner) -> dict:
    """How many pieces a partner sent, and how many wait for an answer: one query."""
    rows = Feedback.objects.filter(partner=partner).values("status").annotate(n=Count("pk"))
    counts = {row["status"]: row["n"] for row in rows.order_by()}
    return {
        "open": sum(counts.get(status, 0) for status in OPEN_FEEDBACK_STATUSES),
        "total": sum(counts.values()),
    }
