"""Set-based reads for the scoring engine: each takes a chunk of partner ids and the as-of date
and issues a fixed number of queries, whatever the chunk's size. Only what was known on `as_of`
counts: analyses recorded by then, interactions that occurred by then, assessments made by then.
A stakeholder's stance, influence, level and owners are our current judgement (no history of
them is kept), so a rebuilt past score uses today's judgement of the people known then."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, Max, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from ..culture import culture_compare
from ..culture import culture_profile as profile_from_ratings
from ..models import CultureAssessment, CultureRating, Interaction, RelationshipPlan, Stakeholder


@dataclass(frozen=True)
class StakeholderFacts:
    partner_id: int
    stakeholder_id: int
    name: str
    influence: int
    stance: str
    relationship_level: int
    cadence_days: int
    is_champion: bool
    has_left: bool  # the contact had left the partner by `as_of`
    owner_count: int
    last_interaction_on: datetime.date | None  # the latest on or before `as_of`
    has_plan: bool = False  # an individual relationship plan made by `as_of`


@dataclass(frozen=True)
class InteractionFacts:
    last_on: datetime.date | None
    stakeholders_in_window: int  # distinct stakeholders met since the window's start
    our_people_in_window: int  # distinct people of ours who logged them


def _last_met_by_stakeholder(*, partner_ids, as_of: datetime.date) -> dict[int, tuple]:
    """`{stakeholder id: (partner id, latest interaction on or before as_of)}` of the
    stakeholders met in these partners' interactions: one aggregating pass over the links."""
    Links = Interaction.stakeholders.through
    rows = (
        # Both sides bounded by the chunk (its stakeholders' links through their index, its
        # interactions through theirs): never a scan of every link, which grows with the data
        # rather than with the chunk.
        Links.objects.filter(stakeholder__partner_id__in=partner_ids,
                             interaction__partner_id__in=partner_ids,
                             interaction__occurred_on__lte=as_of)
        .order_by()
        .values("stakeholder_id", "interaction__partner_id")
        .annotate(last_on=Max("interaction__occurred_on"))
        .values_list("stakeholder_id", "interaction__partner_id", "last_on")
    )  # fmt: skip
    return {stakeholder_id: (partner_id, last_on) for stakeholder_id, partner_id, last_on in rows}


def stakeholder_facts(
    *, partner_ids, as_of: datetime.date, last_met: dict | None = None
) -> list[StakeholderFacts]:
    """Every stakeholder analysed by `as_of` of these partners, those who left included (a
    champion who left matters), with their owner count and latest interaction: two queries
    (one when `last_met`, from `_last_met_by_stakeholder`, is given)."""
    if last_met is None:
        last_met = _last_met_by_stakeholder(partner_ids=partner_ids, as_of=as_of)
    owner_count = (
        Stakeholder.owners.through.objects.filter(stakeholder_id=OuterRef("pk"))
        .order_by()
        .values("stakeholder_id")
        .annotate(count=Count("pk"))
        .values("count")
    )
    rows = (
        Stakeholder.objects.filter(partner_id__in=partner_ids, created_at__date__lte=as_of)
        .annotate(owners_n=Coalesce(Subquery(owner_count), 0),
                  planned=Exists(RelationshipPlan.objects.filter(
                      stakeholder=OuterRef("pk"), created_at__date__lte=as_of)))
        .order_by("partner_id", "-influence", "contact__last_name")
        .values_list(
            "partner_id", "pk", "contact__first_name", "contact__last_name", "influence", "stance",
            "relationship_level", "cadence_days", "is_champion", "contact__left_on", "owners_n",
            "planned",
        )
    )  # fmt: skip
    return [
        StakeholderFacts(
            partner_id=partner_id, stakeholder_id=pk, name=f"{first} {last}".strip(),
            influence=influence,
            stance=stance, relationship_level=level, cadence_days=cadence,
            is_champion=champion, has_left=left_on is not None and left_on <= as_of,
            owner_count=owners, last_interaction_on=last_met.get(pk, (None, None))[1],
            has_plan=planned,
        )
        for (partner_id, pk, first, last, influence, stance, level, cadence, champion, left_on,
             owners, planned) in rows
    ]  # fmt: skip


def interaction_facts(
    *, partner_ids, as_of: datetime.date, window_days: int, last_met: dict | None = None
) -> dict[int, InteractionFacts]:
    """Per partner: the latest interaction on or before `as_of`, and how many stakeholders and
    people of ours were in touch during the `window_days` before it. Two queries (one when
    `last_met` is given): a stakeholder was met in the window when their latest meeting was."""
    if last_met is None:
        last_met = _last_met_by_stakeholder(partner_ids=partner_ids, as_of=as_of)
    since = as_of - datetime.timedelta(days=window_days)
    met: dict[int, int] = {}
    for partner_id, last_on in last_met.values():
        if last_on > since:
            met[partner_id] = met.get(partner_id, 0) + 1
    rows = (
        Interaction.objects.filter(partner_id__in=partner_ids, occurred_on__lte=as_of)
        .order_by()
        .values("partner_id")
        .annotate(
            last_on=Max("occurred_on"),
            people_n=Count("logged_by", distinct=True, filter=Q(occurred_on__gt=since)),
        )
        .values_list("partner_id", "last_on", "people_n")
    )
    return {pid: InteractionFacts(last, met.get(pid, 0), ours) for pid, last, ours in rows}


def relationship_facts(*, partner_ids, as_of: datetime.date, window_days: int) -> tuple:
    """(stakeholder facts, interaction facts) of these partners, sharing their one pass over
    the interactions' links: four queries."""
    last_met = _last_met_by_stakeholder(partner_ids=partner_ids, as_of=as_of)
    return (
        stakeholder_facts(partner_ids=partner_ids, as_of=as_of, last_met=last_met),
        interaction_facts(partner_ids=partner_ids, as_of=as_of, window_days=window_days,
                          last_met=last_met),
    )  # fmt: skip


def _latest_ratings(assessments) -> dict[int, list]:
    """`{assessment id: [(dimension, type, score), …]}` of these assessments: one query."""
    ratings: dict[int, list] = {}
    rows = (
        CultureRating.objects.filter(assessment__in=assessments)
        .order_by()
        .values_list("assessment_id", "dimension", "culture_type", "score")
    )
    for assessment_id, dimension, culture_type, score in rows:
        ratings.setdefault(assessment_id, []).append((dimension, culture_type, score))
    return ratings


def culture_distances(*, partner_ids, as_of: datetime.date) -> dict[int, float] | None:
    """`{partner id: distance 0–100}` between each partner's latest culture assessment made by
    `as_of` and our own profile of then (relationships.culture does the arithmetic). None when
    we had no rated profile of our own: no partner can be compared then. Three queries."""
    own = (
        CultureAssessment.objects.filter(is_own=True, assessed_on__lte=as_of)
        .order_by("-assessed_on", "-pk")
        .values_list("pk", flat=True)[:1]
    )
    latest = CultureAssessment.objects.filter(
        partner_id=OuterRef("partner_id"), assessed_on__lte=as_of
    ).order_by("-assessed_on", "-pk")
    theirs = dict(
        CultureAssessment.objects.filter(partner_id__in=partner_ids, assessed_on__lte=as_of)
        .filter(pk=Subquery(latest.values("pk")[:1]))
        .values_list("pk", "partner_id")
    )
    own_ids = list(own)
    ratings = _latest_ratings([*own_ids, *theirs])
    if not own_ids or not ratings.get(own_ids[0]):
        return None
    ours = profile_from_ratings(ratings[own_ids[0]])
    return {
        partner_id: culture_compare(profile_from_ratings(ratings[pk]), ours).distance
        for pk, partner_id in theirs.items()
        if ratings.get(pk)
    }


def interactions_scan() -> int:
    """One aggregating scan of the interactions table grouped by partner (count and latest
    date per partner): the floor the scoring benchmark measures itself against. The number of
    partners with interactions."""
    return len(
        Interaction.objects.order_by()
        .values("partner_id")
        .annotate(count=Count("pk"), last_on=Max("occurred_on"))
        .values_list("partner_id", "count", "last_on")
    )


def size_summary() -> str:
    """The sizes the scoring benchmark reports: stakeholders and interactions."""
    return (f"{Stakeholder.objects.count():,} stakeholders, "
            f"{Interaction.objects.count():,} interactions")  # fmt: skip
