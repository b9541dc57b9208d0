"""Reads of the partner's timeline: interactions, actions, objectives and plan reviews as one
list of dated events, newest first."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from ..models import EngagementAction, RelationshipObjective, RelationshipPlan
from .engagement import OPEN_ACTIONS, interaction_list

TIMELINE_KINDS = {
    "interaction": "Interactions",
    "action": "Actions",
    "objective": "Objectives",
    "plan": "Plan reviews",
}
TIMELINE_PAGE = 30
TIMELINE_MAX = 600


@dataclass
class TimelineEvent:
    on: datetime.date
    kind: str  # one of TIMELINE_KINDS
    what: str  # e.g. "Action done"
    title: str
    obj: object
    tone: str = ""  # "ok", "warn", "bad" or ""
    upcoming: bool = False
    # Within a day, what happened (interactions 3, completions 2) above what falls due (1)
    # and what was planned (0).
    rank: int = 1


def _timeline_interactions(partner, limit):
    for interaction in interaction_list(partner=partner)[:limit]:
        tone = {1: "ok", -1: "bad"}.get(interaction.sentiment, "")
        yield TimelineEvent(
            interaction.occurred_on, "interaction", interaction.get_channel_display(),
            ", ".join(str(p) for p in interaction.contacts.all()), interaction, tone, rank=3,
        )  # fmt: skip


def _timeline_actions(partner, limit, today):
    actions = EngagementAction.objects.filter(partner=partner).select_related("owner")
    for action in actions.order_by("-created_at", "-pk")[:limit]:
        on = timezone.localdate(action.created_at)
        yield TimelineEvent(on, "action", "Action planned", action.title, action, rank=0)
    done = actions.filter(status=EngagementAction.Status.DONE, completed_on__isnull=False)
    for action in done.order_by("-completed_on", "-pk")[:limit]:
        yield TimelineEvent(
            action.completed_on, "action", "Action done", action.title, action, "ok", rank=2
        )
    for action in actions.filter(status__in=OPEN_ACTIONS).order_by("-due_on", "-pk")[:limit]:
        late = action.due_on < today
        yield TimelineEvent(
            action.due_on, "action", "Action overdue" if late else "Action due", action.title,
            action, "bad" if late else "", upcoming=action.due_on > today,
        )  # fmt: skip


def _timeline_objectives(partner, limit, today):
    objectives = RelationshipObjective.objects.filter(partner=partner).select_related(
        "stakeholder__contact"
    )
    for objective in objectives.order_by("-created_at", "-pk")[:limit]:
        on = timezone.localdate(objective.created_at)
        yield TimelineEvent(on, "objective", "Objective set", objective.title, objective, rank=0)
    tones = {"achieved": "ok", "missed": "bad", "dropped": ""}
    for objective in objectives.order_by("-due_on", "-pk")[:limit]:
        yield TimelineEvent(
            objective.due_on, "objective", f"Objective due · {objective.get_status_display()}",
            objective.title, objective, tones.get(objective.status, ""),
            upcoming=objective.due_on > today,
        )  # fmt: skip


def _timeline_plans(partner, limit, today):
    plans = RelationshipPlan.objects.filter(stakeholder__partner=partner).select_related(
        "stakeholder__contact", "owner"
    )
    for plan in plans.order_by("-review_on", "-pk")[:limit]:
        late = plan.review_on < today
        yield TimelineEvent(
            plan.review_on, "plan", "Plan review overdue" if late else "Plan review",
            str(plan.stakeholder), plan, "warn" if late else "", upcoming=plan.review_on > today,
        )  # fmt: skip


def timeline(*, partner, kind: str = "", limit: int = TIMELINE_PAGE, today=None):
    """The newest `limit` events of the chosen kinds, and whether there are more.

    Each source is read newest first with a SQL LIMIT, so the cost does not grow with a
    partner's thousands of interactions; the merged list is cut to `limit` again.
    """
    today = today or timezone.localdate()
    sources = {
        "interaction": lambda: _timeline_interactions(partner, limit + 1),
        "action": lambda: _timeline_actions(partner, limit + 1, today),
        "objective": lambda: _timeline_objectives(partner, limit + 1, today),
        "plan": lambda: _timeline_plans(partner, limit + 1, today),
    }
    chosen = [kind] if kind in sources else list(sources)
    events = [event for name in chosen for event in sources[name]()]
    events.sort(key=lambda e: (e.on, e.rank, e.obj.pk), reverse=True)
    return events[:limit], len(events) > limit
