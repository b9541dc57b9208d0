"""Business plan panels: the partner page's "Plans & reviews" tab and the overdue reviews panel."""

import datetime

from django.core.cache import cache

from prm import panels

from ..forms.plans import BusinessPlanForm, PlanActionForm, ReviewForm
from ..models.plans import PlanAction
from ..selectors import plans as selectors

OVERDUE_PANEL_LIMIT = 5
OVERDUE_PANEL_CACHE_SECONDS = 60


def plans_tab_context(request, partner, *, plan_form=None, action_form=None,
                      review_form=None) -> dict:  # fmt: skip
    """The tab's plans, reviews and forms; a view that failed to save passes its invalid form."""
    plans = selectors.partner_plans(partner=partner)
    reviews = list(selectors.partner_reviews(partner=partner))
    last_held_on = reviews[0].held_on if reviews else None
    status = selectors.review_status(partner=partner, last_held_on=last_held_on)
    today = datetime.date.today()
    return {
        "partner": partner,
        "plans": plans,
        "reviews": reviews,
        "review_status": status,
        "plan_form": plan_form or BusinessPlanForm(initial={"year": today.year}),
        "action_form": action_form,
        "blank_action_form": PlanActionForm(partner=partner),
        "review_form": review_form or ReviewForm(partner=partner, initial={"held_on": today}),
        "action_statuses": PlanAction.Status.choices,
    }


def dashboard_overdue_context(request) -> dict:
    """Overdue reviews across every partner. Finding them means the latest review of each of
    thousands of partners (a fifth of a second at 10,000), so the panel is kept a minute."""
    key = "performance:dashboard-overdue-reviews"
    context = cache.get(key)
    if context is None:
        overdue = selectors.overdue_reviews()
        today = datetime.date.today()
        rows = list(overdue[:OVERDUE_PANEL_LIMIT])
        for partner in rows:
            partner.days_overdue = (
                (today - partner.review_due_on).days if partner.review_due_on else None
            )
        context = {"count": overdue.count(), "rows": rows}
        cache.set(key, context, OVERDUE_PANEL_CACHE_SECONDS)
    return context


def register() -> None:
    panels.register_tab(
        "partner",
        key="plans",
        label="Plans & reviews",
        order=58,
        template="performance/plan_partner_tab.html",
        context=plans_tab_context,
    )
    panels.register_panel(
        "dashboard",
        key="overdue-reviews",
        order=45,
        template="performance/review_dashboard_panel.html",
        context=dashboard_overdue_context,
    )
