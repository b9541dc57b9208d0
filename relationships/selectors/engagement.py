"""Reads of the engagement plan and log: actions, interactions, objectives and what the
partner's Relationships tab shows of them.

Cadence checks use `Stakeholder.last_interaction_on` (kept by `interaction_log`), never an
aggregate over interactions, so they stay one comparison per row at a million interactions.
"""

import datetime
from dataclasses import dataclass, field

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

from partners import selectors as partner_selectors

from ..models import (
    EngagementAction,
    Interaction,
    RelationshipLevel,
    RelationshipObjective,
    RelationshipPlan,
    Stakeholder,
    Stance,
)

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


BY_NAME = ("last_name", "first_name", "pk")


def stakeholders_with_contact():
    return Stakeholder.objects.select_related("contact")


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
        .prefetch_related(Prefetch("stakeholders", queryset=stakeholders_with_contact()))
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
        .prefetch_related(
            Prefetch(
                "contacts",
                queryset=partner_selectors.contacts().order_by("last_name", "first_name"),
            )
        )
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


# --- The partner's Relationships tab --------------------------------------------------------


def influential_non_supporters_without_plan():
    """Key people still at their partner who do not support us and have no plan yet."""
    return (
        Stakeholder.objects.current()
        .influential(KEY_INFLUENCE)
        .filter(stance=Stance.NON_SUPPORTER, plan__isnull=True)
    )


def stakeholder_summary(*, partner, today: datetime.date) -> dict:
    """How many of the partner's current stakeholders are key, supporters, non-supporters and
    out of cadence (one aggregate)."""
    return (
        Stakeholder.objects.current()
        .filter(partner=partner)
        .aggregate(
            total=Count("pk"),
            key=Count("pk", filter=Q(influence__gte=KEY_INFLUENCE)),
            supporters=Count("pk", filter=Q(stance=Stance.SUPPORTER)),
            non_supporters=Count("pk", filter=Q(stance=Stance.NON_SUPPORTER)),
            out_of_cadence=Count("pk", filter=out_of_cadence_q(today)),
        )
    )


def key_people(*, partner, today: datetime.date, limit: int) -> list[Stakeholder]:
    """The partner's most influential current people, with their owners, unit, whether they
    have a plan and whether they are out of cadence."""
    people = list(
        Stakeholder.objects.current()
        .filter(partner=partner)
        .influential(KEY_INFLUENCE)
        .select_related("contact", "contact__org_unit")
        .prefetch_related("owners")
        .annotate(has_plan=Exists(RelationshipPlan.objects.filter(stakeholder=OuterRef("pk"))))
        .order_by("-influence", "contact__last_name", "pk")[:limit]
    )
    for person in people:
        person.out_of_cadence = is_out_of_cadence(person, today)
    return people


def partner_champion(*, partner) -> Stakeholder | None:
    return (
        Stakeholder.objects.current()
        .filter(partner=partner, is_champion=True)
        .select_related("contact")
        .first()
    )


def needs_plan(*, partner, limit: int) -> list[Stakeholder]:
    return list(
        influential_non_supporters_without_plan()
        .filter(partner=partner)
        .select_related("contact")
        .order_by("-influence", "contact__last_name", "pk")[:limit]
    )
