"""Demo feedback: what the portal users of the demo's partners told us, in every status (new,
assigned, answered, closed), so the staff list, the inbox, the partner tab and the portal's
list all have something to show. Only partners with portal users send feedback; a partner that
has some already gets none again (a rerun adds nothing)."""

import datetime

from django.utils import timezone

from partners import selectors as partner_selectors

from ..models import Feedback, FeedbackCategory, FeedbackStatus

# topic, what is in their way, the page it came from, our answer (for answered and closed)
ITEMS = [
    (
        FeedbackCategory.DEALS,
        "Registering a deal asks for the customer's domain, but many of our "
        "public-sector customers have none yet. Can the field be optional?",
        "/portal/performance/deals/new/",
        "",
    ),
    (
        FeedbackCategory.CLAIMS,
        "Our MDF claim from the spring event has been waiting three weeks. "
        "Who can tell us where it stands?",
        "/portal/program/claims/",
        "",
    ),
    (
        FeedbackCategory.TARGETS,
        "The new-customer target for Q3 counts renewals of lapsed "
        "customers as existing. Could they count as new?",
        "/portal/performance/targets/",
        "Good point: from next quarter a customer lapsed for more than a year counts as new. We "
        "changed your Q3 target's history accordingly.",
    ),
    (
        FeedbackCategory.PORTAL,
        "On the phone the deal list cuts off the protection date.",
        "/portal/performance/deals/",
        "Thank you, fixed: the date now wraps below the customer on narrow screens.",
    ),
    (
        FeedbackCategory.PROGRAM,
        "We would like a technical onboarding session for our two new "
        "pre-sales engineers before the certification exam.",
        "/portal/program/",
        "",
    ),
    (
        FeedbackCategory.OTHER,
        "Please send the QBR invitations to our alliances mailbox as well.",
        "/portal/",
        "Done: the alliances mailbox is on the invitation list from the next QBR on.",
    ),
]
# The status each item ends in, in order: every status at least once.
STATUSES = [
    FeedbackStatus.NEW, FeedbackStatus.ASSIGNED, FeedbackStatus.ANSWERED,
    FeedbackStatus.CLOSED, FeedbackStatus.NEW, FeedbackStatus.ANSWERED,
]  # fmt: skip


def _row(partner_id, author_id, index, *, managers, now) -> Feedback:
    category, text, page, answer = ITEMS[index]
    status = STATUSES[index]
    sent = now - datetime.timedelta(days=2 + 4 * (len(ITEMS) - index), hours=index)
    row = Feedback(
        partner_id=partner_id, author_id=author_id, category=category, text=text,
        page_path=page, status=status, created_at=sent,
    )  # fmt: skip
    staff = managers[index % len(managers)] if managers else None
    if status != FeedbackStatus.NEW and staff is not None:
        row.assignee = staff
    if status in (FeedbackStatus.ANSWERED, FeedbackStatus.CLOSED) and staff is not None:
        row.answer = answer or "Thank you for telling us. We have taken it up with the team."
        row.answered_by, row.answered_at = staff, sent + datetime.timedelta(days=1)
    if status == FeedbackStatus.CLOSED:
        row.closed_at = sent + datetime.timedelta(days=2)
    if staff is None and status != FeedbackStatus.NEW:
        row.status = FeedbackStatus.NEW  # nobody to have it: it waits
    return row


def seed(state, *, managers) -> None:
    authors = {
        partner_id: [m.user_id for m in partner_selectors.portal_memberships(partner=partner_id)]
        for partner_id in partner_selectors.portal_users_by_partner()
    }
    have_some = set(Feedback.objects.values_list("partner_id", flat=True).distinct())
    now = timezone.now()
    rows = []
    for partner_id, user_ids in sorted(authors.items()):
        if partner_id in have_some:
            continue
        for index in range(len(ITEMS)):
            author = user_ids[index % len(user_ids)]
            rows.append(_row(partner_id, author, index, managers=managers, now=now))
    created = Feedback.objects.bulk_create(rows)
    # created_at is auto_now_add: set the demo's dates after the insert.
    for row in created:
        Feedback.objects.filter(pk=row.pk).update(created_at=row.created_at)
    if created:
        state.report("feedback", len(created))
