"""Feedback in pages the core owns: the partner page's Feedback tab, the portal's menu entry
and the Feedback button of every portal page (shown to the roles that may send it)."""

from ..selectors import feedback as selectors

TAB_SHOWN = 10


def may_send(context) -> bool:
    """The button and the form are for partner admins and members (never a read-only role).
    From the page's own `membership`: no query."""
    return selectors.may_send_feedback(context.get("membership"))


def feedback_tab_context(request, partner) -> dict:
    return {
        "items": list(selectors.partner_feedback(partner=partner)[:TAB_SHOWN]),
        "counts": selectors.partner_feedback_counts(partner=partner),
    }
