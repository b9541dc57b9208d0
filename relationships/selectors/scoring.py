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


def stakeholder_facts(*, partner_ids, as_of: datetime.date) -> list[StakeholderFacts]:
    """Every stakeholder analysed by `as_of` of these partners, those who left included (a
    champion who left matters), with their owner count and latest interaction: one query."""
    owner_count = (
        Stakeholder.owners.through.objects.filter(stakeholder_id=OuterRef("pk"))
        .order_by()
        .values("stakeholder_id")
        .annotate(count=Count("pk"))
        .values("count")
    )
    last_interaction = (
        Interaction.objects.filter(stakeholders=OuterRef("pk"), occurred_on__lte=as_of)
        .order_by("-occurred_on")
        .values("occurred_on")[:1]
    )
    rows = (
        Stakeholder.objects.filter(partner_id__in=partner_ids, created_at__date__lte=as_of)
        .annotate(owners_n=Coalesce(Subquery(owner_count), 0), last_on=Subquery(last_interaction),
                  planned=Exists(RelationshipPlan.objects.filter(
                      stakeholder=OuterRef("pk"), created_at__date__lte=as_of)))
        .order_by("partner_id", "-influence", "contact__last_name")
        .values_list(
            "partner_id", "pk", "contact__first_name", "contact__last_name", "influence", "stance",
            "relationship_level", "cadence_days", "is_champion", "contact__left_on", "owners_n",
            "last_on", "planned",
        )
    )  # fmt: skip
    return [
        StakeholderFacts(
            partner_id=partner_id, stakeholder_id=pk, name=f"{first} {last}".strip(),
            influence=influence,
            stance=stance, relationship_level=level, cadence_days=cadence,
            is_champion=champion, has_left=left_on is not None and left_on <= as_of,
            owner_count=owners, last_interaction_on=last_on, has_plan=planned,
        )
        for (partner_id, pk, first, last, influence, stance, level, cadence, champion, left_on,
             owners, last_on, planned) in rows
    ]  # fmt: skip


def interaction_facts(
    *, partner_ids, as_of: datetime.date, window_days: int
) -> dict[int, InteractionFacts]:
    """Per partner: the latest interaction on or before `as_of`, and how many stakeholders and
    people of ours were in touch during the `window_days` before it. One aggregating query."""
    since = as_of - datetime.timedelta(days=window_days)
    in_window = Q(occurred_on__gt=since)
    rows = (
        Interaction.objects.filter(partner_id__in=partner_ids, occurred_on__lte=as_of)
        .order_by()
        .values("partner_id")
        .annotate(
            last_on=Max("occurred_on"),
            stakeholders_n=Count("stakeholders", distinct=True, filter=in_window),
            people_n=Count("logged_by", distinct=True, filter=in_window),
        )
        .values_list("partner_id", "last_on", "stakeholders_n", "people_n")
    )
    return {pid: InteractionFacts(last, met, ours) for pid, last, met, ours in rows}


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
