"""Reads of the engagement plan and log: actions, interactions, objectives, the partner's
Relationships and Timeline tabs, the cross-partner portfolio lists and the dashboard alerts.

Cadence checks use `Stakeholder.last_interaction_on` (kept by `interaction_log`), never an
aggregate over interactions, so they stay one comparison per row at a million interactions.
"""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db.models import (
    Case,
    Count,
    DateField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Value,
    When,
)
from django.utils import timezone

from partners.models import Partner

from ..models import (
    EngagementAction,
    Interaction,
    RelationshipLevel,
    RelationshipObjective,
    RelationshipPlan,
    Stakeholder,
    Stance,
)

User = get_user_model()

KEY_INFLUENCE = 4  # influence from which a stakeholder is a key person
OPEN_ACTIONS = EngagementAction.OPEN_STATUSES
STANCE_RANK = {Stance.NON_SUPPORTER: 0, Stance.NEUTRAL: 1, Stance.SUPPORTER: 2}


def out_of_cadence_q(today: datetime.date, prefix: str = "") -> Q:
    """Never contacted, or the next contact was due before today (an indexed date)."""
    return Q(**{f"{prefix}next_contact_due_on__isnull": True}) | Q(
        **{f"{prefix}next_contact_due_on__lt": today}
    )


def is_out_of_cadence(stakeholder: Stakeholder, today: datetime.date) -> bool:
    return stakeholder.is_out_of_cadence(today)


def is_overdue(action: EngagementAction, today: datetime.date) -> bool:
    return action.status in OPEN_ACTIONS and action.due_on < today


def _stakeholders_with_contact():
    return Stakeholder.objects.select_related("contact")


def partner_stakeholders(*, partner):
    """The people of a partner one can pick in a form: still there, by influence."""
    return (
        Stakeholder.objects.current()
        .filter(partner=partner)
        .select_related("contact")
        .order_by("-influence", "contact__last_name", "contact__first_name")
    )


def staff_users():
    return User.objects.filter(
        is_active=True, role__in=[User.Role.ADMINISTRATOR, User.Role.CHANNEL_MANAGER]
    ).order_by("username")


# --- Engagement actions ------------------------------------------------------------------------

ACTION_VIEWS = {
    "all": Q(),
    "open": Q(status__in=OPEN_ACTIONS),
    "overdue": Q(status__in=OPEN_ACTIONS),  # plus the due date, which depends on today
    "closed": ~Q(status__in=OPEN_ACTIONS),
}


def action_list(*, partner, show: str = "all", today: datetime.date | None = None):
    """A partner's actions: open ones first (soonest due first), then closed (latest first)."""
    today = today or timezone.localdate()
    queryset = (
        EngagementAction.objects.filter(partner=partner)
        .filter(ACTION_VIEWS.get(show, Q()))
        .select_related("owner")
        .prefetch_related(Prefetch("stakeholders", queryset=_stakeholders_with_contact()))
        .annotate(
            closed=Case(
                When(status__in=OPEN_ACTIONS, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            ),
            open_due=Case(
                When(status__in=OPEN_ACTIONS, then=F("due_on")), output_field=DateField()
            ),
        )
    )
    if show == "overdue":
        queryset = queryset.filter(due_on__lt=today)
    return queryset.order_by("closed", F("open_due").asc(nulls_last=True), "-due_on", "-pk")


def action_counts(*, partner, today: datetime.date | None = None) -> dict:
    today = today or timezone.localdate()
    open_q = Q(status__in=OPEN_ACTIONS)
    return EngagementAction.objects.filter(partner=partner).aggregate(
        all=Count("pk"),
        open=Count("pk", filter=open_q),
        overdue=Count("pk", filter=open_q & Q(due_on__lt=today)),
        closed=Count("pk", filter=~open_q),
    )


def mark_overdue(actions, today: datetime.date | None = None):
    """Set `overdue` on each action of a page (the template highlights them)."""
    today = today or timezone.localdate()
    for action in actions:
        action.overdue = is_overdue(action, today)
    return actions


# --- Interactions ------------------------------------------------------------------------------


def interaction_list(*, partner):
    return (
        Interaction.objects.filter(partner=partner)
        .select_related("logged_by")
        .prefetch_related(Prefetch("stakeholders", queryset=_stakeholders_with_contact()))
        .order_by("-occurred_on", "-pk")
    )


# --- Objectives --------------------------------------------------------------------------------


@dataclass
class Progress:
    """Where a linked stakeholder stands against an objective's targets."""

    stance: str | None = None
    stance_label: str = ""
    target_stance_label: str = ""
    stance_reached: bool = False
    level: int | None = None
    level_label: str = ""
    target_level: int | None = None
    target_level_label: str = ""
    level_reached: bool = False
    level_percent: int = 0
    parts: list = field(default_factory=list)

    @property
    def reached(self) -> bool:
        return all(self.parts) if self.parts else False


def objective_progress(objective: RelationshipObjective) -> Progress | None:
    stakeholder = objective.stakeholder
    if stakeholder is None:
        return None
    progress = Progress(
        stance=stakeholder.stance,
        stance_label=stakeholder.get_stance_display(),
        level=stakeholder.relationship_level,
        level_label=stakeholder.get_relationship_level_display(),
    )
    if objective.target_stance:
        progress.target_stance_label = Stance(objective.target_stance).label
        progress.stance_reached = (
            STANCE_RANK[stakeholder.stance] >= STANCE_RANK[objective.target_stance]
        )
        progress.parts.append(progress.stance_reached)
    if objective.target_level:
        progress.target_level = objective.target_level
        progress.target_level_label = RelationshipLevel(objective.target_level).label
        progress.level_reached = stakeholder.relationship_level >= objective.target_level
        progress.level_percent = min(
            100, round(100 * stakeholder.relationship_level / objective.target_level)
        )
        progress.parts.append(progress.level_reached)
    return progress


def objective_list(*, partner, show: str = "all"):
    """Open objectives first (soonest first), then the others (latest first)."""
    queryset = RelationshipObjective.objects.filter(partner=partner).select_related(
        "stakeholder__contact", "owner"
    )
    if show == "open":
        queryset = queryset.filter(status=RelationshipObjective.Status.OPEN)
    elif show == "closed":
        queryset = queryset.exclude(status=RelationshipObjective.Status.OPEN)
    return queryset.annotate(
        closed=Case(
            When(status=RelationshipObjective.Status.OPEN, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
    ).order_by("closed", "due_on", "pk")


def with_progress(objectives, today: datetime.date | None = None):
    today = today or timezone.localdate()
    for objective in objectives:
        objective.progress = objective_progress(objective)
        objective.late = (
            objective.status == RelationshipObjective.Status.OPEN and objective.due_on < today
        )
    return objectives


# --- The partner's Relationships tab -----------------------------------------------------------

KEY_PEOPLE_SHOWN = 25
TAB_LIST_SHOWN = 8


def _non_supporters_without_plan():
    return (
        Stakeholder.objects.current()
        .influential(KEY_INFLUENCE)
        .filter(stance=Stance.NON_SUPPORTER, plan__isnull=True)
    )


def relationships_tab_context(request, partner) -> dict:
    today = timezone.localdate()
    people = Stakeholder.objects.current().filter(partner=partner)
    summary = people.aggregate(
        total=Count("pk"),
        key=Count("pk", filter=Q(influence__gte=KEY_INFLUENCE)),
        supporters=Count("pk", filter=Q(stance=Stance.SUPPORTER)),
        non_supporters=Count("pk", filter=Q(stance=Stance.NON_SUPPORTER)),
        out_of_cadence=Count("pk", filter=out_of_cadence_q(today)),
    )
    key_people = list(
        people.influential(KEY_INFLUENCE)
        .select_related("contact", "contact__org_unit")
        .prefetch_related("owners")
        .annotate(has_plan=Exists(RelationshipPlan.objects.filter(stakeholder=OuterRef("pk"))))
        .order_by("-influence", "contact__last_name", "pk")[:KEY_PEOPLE_SHOWN]
    )
    for person in key_people:
        person.out_of_cadence = is_out_of_cadence(person, today)
    open_actions = mark_overdue(
        list(action_list(partner=partner, show="open", today=today)[:TAB_LIST_SHOWN]), today
    )
    objectives = with_progress(
        list(objective_list(partner=partner, show="open")[:TAB_LIST_SHOWN]), today
    )
    return {
        "today": today,
        "summary": summary,
        "champion": people.filter(is_champion=True).select_related("contact").first(),
        "key_people": key_people,
        "key_people_more": max(0, summary["key"] - len(key_people)),
        "needs_plan": list(
            _non_supporters_without_plan()
            .filter(partner=partner)
            .select_related("contact")
            .order_by("-influence", "contact__last_name", "pk")[:TAB_LIST_SHOWN]
        ),
        "open_actions": open_actions,
        "action_counts": action_counts(partner=partner, today=today),
        "objectives": objectives,
        "recent_interactions": list(interaction_list(partner=partner)[:5]),
    }


# --- The partner's Timeline tab ----------------------------------------------------------------

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
            ", ".join(str(s) for s in interaction.stakeholders.all()), interaction, tone, rank=3,
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


def timeline_tab_context(request, partner) -> dict:
    from ..forms.engagement import TimelineFilterForm

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


# --- Portfolio across partners -----------------------------------------------------------------


def _owned_stakeholders_q(user) -> Q:
    owns = Stakeholder.owners.through.objects.filter(stakeholder_id=OuterRef("pk"), user=user)
    return Q(partner__owner=user) | Q(Exists(owns))


def _live_partner_stakeholders():
    return Stakeholder.objects.current().exclude(partner__status=Partner.Status.EXITED)


def portfolio_non_supporters(*, owner=None):
    """Influential non-supporters still at the partner, without an individual plan."""
    queryset = _non_supporters_without_plan().exclude(partner__status=Partner.Status.EXITED)
    if owner is not None:
        queryset = queryset.filter(_owned_stakeholders_q(owner))
    return (
        queryset.select_related("contact", "partner")
        .prefetch_related("owners")
        .order_by("-influence", "partner__name", "contact__last_name", "pk")
    )


def portfolio_out_of_cadence(*, owner=None, today=None):
    """Stakeholders not contacted within their cadence (or never); key people first."""
    today = today or timezone.localdate()
    queryset = _live_partner_stakeholders().filter(out_of_cadence_q(today))
    if owner is not None:
        queryset = queryset.filter(_owned_stakeholders_q(owner))
    return (
        queryset.select_related("contact", "partner")
        .prefetch_related("owners")
        .order_by(
            "-influence",
            F("last_interaction_on").asc(nulls_first=True),
            "partner__name",
            "pk",
        )
    )


def portfolio_without_champion(*, owner=None):
    """Partners (not exited) without a champion; active partners first."""
    champions = Stakeholder.objects.filter(partner=OuterRef("pk"), is_champion=True)
    queryset = Partner.objects.exclude(status=Partner.Status.EXITED).filter(~Exists(champions))
    if owner is not None:
        queryset = queryset.filter(owner=owner)
    return (
        queryset.select_related("owner", "tier")
        .annotate(
            not_active=Case(
                When(status=Partner.Status.ACTIVE, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("not_active", "name", "pk")
    )


def portfolio_overdue_actions(*, owner=None, today=None):
    today = today or timezone.localdate()
    queryset = EngagementAction.objects.filter(status__in=OPEN_ACTIONS, due_on__lt=today)
    if owner is not None:
        queryset = queryset.filter(Q(owner=owner) | Q(partner__owner=owner))
    return (
        queryset.select_related("partner", "owner")
        .prefetch_related(Prefetch("stakeholders", queryset=_stakeholders_with_contact()))
        .order_by("due_on", "partner__name", "pk")
    )


PORTFOLIO_SECTIONS = {
    "non-supporters": portfolio_non_supporters,
    "cadence": portfolio_out_of_cadence,
    "champions": portfolio_without_champion,
    "overdue": portfolio_overdue_actions,
}


def portfolio_counts(*, owner=None) -> dict:
    """One count per portfolio section (four queries)."""
    return {
        key.replace("-", "_"): function(owner=owner).order_by().count()
        for key, function in PORTFOLIO_SECTIONS.items()
    }


# --- Dashboard panel ---------------------------------------------------------------------------


ALERTS_CACHE_SECONDS = 60


def dashboard_alerts_context(request) -> dict:
    """The relationship alerts on the logged-in manager's partners and stakeholders.

    Counting a large portfolio (tens of thousands of stakeholders) takes a tenth of a second,
    too slow for every dashboard view; the counts are kept for a minute per user, and the
    portfolio page they link to always shows the live lists.
    """
    key = f"relationships:dashboard-alerts:{request.user.pk}"
    counts = cache.get(key)
    if counts is None:
        counts = portfolio_counts(owner=request.user)
        cache.set(key, counts, ALERTS_CACHE_SECONDS)
    return {"counts": counts}
