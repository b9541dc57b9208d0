"""The engagement parts of pages the core owns: the partner page's Relationships and Timeline
tabs, and the relationship alerts on the dashboard."""

from django.core.cache import cache
from django.utils import timezone

from ..forms.engagement import TimelineFilterForm
from ..selectors import engagement, portfolio
from ..selectors.timeline import TIMELINE_KINDS, TIMELINE_MAX, TIMELINE_PAGE, timeline

KEY_PEOPLE_SHOWN = 25
TAB_LIST_SHOWN = 8
ALERTS_CACHE_SECONDS = 60


def relationships_tab_context(request, partner) -> dict:
    today = timezone.localdate()
    summary = engagement.stakeholder_summary(partner=partner, today=today)
    key_people = engagement.key_people(partner=partner, today=today, limit=KEY_PEOPLE_SHOWN)
    open_actions = engagement.action_list(partner=partner, show="open", today=today)
    objectives = engagement.objective_list(partner=partner, show="open")
    return {
        "today": today,
        "summary": summary,
        "champion": engagement.partner_champion(partner=partner),
        "key_people": key_people,
        "key_people_more": max(0, summary["key"] - len(key_people)),
        "needs_plan": engagement.needs_plan(partner=partner, limit=TAB_LIST_SHOWN),
        "open_actions": engagement.mark_overdue(list(open_actions[:TAB_LIST_SHOWN]), today),
        "action_counts": engagement.action_counts(partner=partner, today=today),
        "objectives": engagement.with_progress(list(objectives[:TAB_LIST_SHOWN]), today),
        "recent_interactions": list(engagement.interaction_list(partner=partner)[:5]),
    }


def timeline_tab_context(request, partner) -> dict:
    form = TimelineFilterForm(request.GET)
    kind, limit = form.choice()
    events, has_more = timeline(partner=partner, kind=kind, limit=limit)
    return {
        "form": form,
        "kind": kind,
        "kinds": TIMELINE_KINDS,
        "events": events,
        "has_more": has_more and limit < TIMELINE_MAX,
        "next_limit": min(TIMELINE_MAX, limit + TIMELINE_PAGE),
        "today": timezone.localdate(),
    }


def dashboard_alerts_context(request) -> dict:
    """The relationship alerts on the logged-in manager's partners and stakeholders.

    Counting a large portfolio (tens of thousands of stakeholders) takes a tenth of a second,
    too slow for every dashboard view; the counts are kept for a minute per user, and the
    portfolio page they link to always shows the live lists.
    """
    key = f"relationships:dashboard-alerts:{request.user.pk}"
    counts = cache.get(key)
    if counts is None:
        counts = portfolio.portfolio_counts(owner=request.user)
        cache.set(key, counts, ALERTS_CACHE_SECONDS)
    return {"counts": counts}
