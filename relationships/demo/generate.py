"""Generate our relationship with one partner's people, as unsaved objects: analyses, the
champion, plans, engagement actions, objectives and a year of interactions."""

import datetime
from bisect import bisect
from dataclasses import dataclass, field
from itertools import accumulate
from random import Random

from partners.models import Partner

from ..models import EngagementAction, RelationshipObjective, RelationshipPlan, Stakeholder, Stance
from . import text
from .people import Person

BIG_ORG_STAKEHOLDERS = 500
INTERACTIONS_PER_STAKEHOLDER = 24  # a year; gives ~500 per partner on average


def _cumulative(weights) -> list[float]:
    """Cumulative shares for `bisect(shares, random())`: the index drawn with those weights."""
    total = sum(weights)
    return list(accumulate(w / total for w in weights))[:-1]


SENTIMENT = {stance: _cumulative(w) for stance, w in text.SENTIMENT.items()}  # -1, 0, +1
CHANNELS = _cumulative(text.CHANNEL_WEIGHTS)
PARTICIPANTS = _cumulative([70, 22, 8])  # others besides the first: 0, 1 or 2
WITH_SOMEONE_UNANALYSED = 0.1  # a colleague we have not analysed joins one meeting in ten
ACTIVITY = {"prospect": 0.4, "onboarding": 0.8, "active": 1.0, "at_risk": 0.9,
            "exiting": 0.5, "exited": 0.1}  # fmt: skip


@dataclass(eq=False)
class PartnerPlan:
    """Everything generated for one partner, as unsaved objects linked to each other."""

    partner: Partner
    people: list = field(default_factory=list)  # Person
    plans: list = field(default_factory=list)  # (RelationshipPlan, [related Person])
    actions: list = field(default_factory=list)  # (EngagementAction, [Person])
    objectives: list = field(default_factory=list)
    interactions: list = field(default_factory=list)  # INTERACTION_COLUMNS + ([Person],)


# --- our judgement ----------------------------------------------------------------------------


def _analysis(person: Person, rng: Random, climate: list, owners: list) -> Stakeholder:
    influence = {0: 5, 1: 4, 2: 3, 3: 2}.get(person.level, 1)
    if person.department == "Finance" and person.role == "head":
        influence += 1  # the CFO signs off every vendor contract
    if person.role == "ic":
        influence = min(influence, 2)  # an assistant near the CEO is no decision maker
    influence += rng.choices([-1, 0, 1], weights=[20, 55, 25])[0]
    influence = min(5, max(1, influence))
    if person.level <= 1:
        orientation = rng.choices(["strategic", "tactical"], weights=[85, 15])[0]
    elif person.level == 2:
        orientation = rng.choices(["strategic", "tactical", "operational"], [15, 70, 15])[0]
    else:
        orientation = rng.choices(["tactical", "operational"], weights=[40, 60])[0]
    stance = rng.choices(list(Stance.values), weights=climate)[0]
    level = rng.choices(*text.LEVEL_FOR_STANCE[stance])[0]
    person.owners = [owners[0]] + ([rng.choice(owners[1:])] if rng.random() < 0.3 else [])
    return Stakeholder(
        contact_id=person.contact_id, partner_id=person.partner_id,
        formal_responsibilities=text.responsibilities(person),
        business_objectives=rng.choice(text.objectives(person.department)),
        decides_alone=text.DECIDES_ALONE[person.role], influences=text.INFLUENCES[person.role],
        influence=influence, decision_orientation=orientation,
        adaptability=rng.choices(text.ADAPTABILITY, weights=text.ADOPTION_CURVE)[0],
        relationship_level=level, stance=stance,
        cadence_days=text.CADENCE[influence],
    )  # fmt: skip


def _analyses(plan: PartnerPlan, rng: Random, owners: list, big: bool) -> list[Person]:
    climate = rng.choice(text.CLIMATES)
    if big:
        current = sorted((p for p in plan.people if p.is_current),
                         key=lambda p: p.level)  # fmt: skip
        chosen = current[:BIG_ORG_STAKEHOLDERS]
    else:
        chosen = [
            p for p in plan.people
            if (p.level <= 2 or rng.random() < 0.75)
            and (p.is_current or rng.random() < 0.5)
        ]  # fmt: skip
    for person in chosen:
        person.analysis = _analysis(person, rng, climate, owners)
    _champion(chosen, rng)
    return chosen


def _champion(analysed: list[Person], rng: Random) -> None:
    candidates = [
        p for p in analysed
        if p.is_current and p.analysis.stance == Stance.SUPPORTER
        and p.analysis.influence >= 4 and p.analysis.relationship_level >= 4
    ]  # fmt: skip
    if candidates and rng.random() < 0.75:
        best = max(candidates, key=lambda p: (p.analysis.influence, -p.level))
        best.analysis.is_champion = True
        best.analysis.champion_reason = rng.choice(text.CHAMPION_REASONS).format(
            first=best.first, title=best.title
        )


def _plans_and_actions(plan: PartnerPlan, analysed: list, rng: Random, today, big: bool):
    current = [p for p in analysed if p.is_current]
    key = sorted((p for p in current if p.analysis.influence >= 4),
                 key=lambda p: (-p.analysis.influence, p.level))[: 40 if big else 8]  # fmt: skip
    for person in key:
        others = [p for p in key if p is not person]
        plan.plans.append((
            RelationshipPlan(
                stakeholder=person.analysis, owner_id=person.owners[0],
                review_on=today + datetime.timedelta(days=rng.randint(-30, 90)),
                **text.plan_answers(person, rng),
            ),
            rng.sample(others, k=min(len(others), rng.randint(0, 2))),
        ))  # fmt: skip
    for _ in range(min(12, 3 + len(key)) if current else 0):
        who = rng.sample(current, k=min(len(current), rng.choice([1, 1, 2])))
        plan.actions.append((_action(who, rng, today), who))
    for _ in range(rng.randint(1, 3) if current else 0):
        plan.objectives.append(_objective(plan.partner, current, rng, today))


def _action(who: list, rng: Random, today) -> EngagementAction:
    status = rng.choices(["planned", "in_progress", "done", "cancelled"], [40, 20, 33, 7])[0]
    if status == "done":
        due = today - datetime.timedelta(days=rng.randint(1, 150))
        completed = due - datetime.timedelta(days=rng.randint(0, 6))
    else:
        due, completed = today + datetime.timedelta(days=rng.randint(-30, 75)), None
    return EngagementAction(
        partner_id=who[0].partner_id,
        title=rng.choice(text.ACTIONS).format(first=who[0].first, title=who[0].title),
        notes=rng.choice(text.ACTION_NOTES), owner_id=who[0].owners[0], due_on=due, status=status,
        completed_on=completed,
    )  # fmt: skip


def _objective(partner, current: list, rng: Random, today) -> RelationshipObjective:
    status = rng.choices(["open", "achieved", "missed", "dropped"], [60, 20, 12, 8])[0]
    due = today + datetime.timedelta(days=rng.randint(-90, 180) if status == "open" else
                                     -rng.randint(1, 200))  # fmt: skip
    movable = [p for p in current if p.analysis.stance != Stance.SUPPORTER]
    objective = RelationshipObjective(partner=partner, due_on=due, status=status,
                                      owner_id=current[0].owners[0])  # fmt: skip
    if movable and rng.random() < 0.8:
        person = max(movable, key=lambda p: (p.analysis.influence, rng.random()))
        objective.stakeholder = person.analysis
        objective.target_stance = Stance.SUPPORTER
        objective.target_level = min(5, person.analysis.relationship_level + 1)
        objective.title = (
            f"Move {person.name} ({person.title}) from "
            f"{person.analysis.get_stance_display().lower()} to supporter"
        )
        objective.notes = rng.choice(text.OBJECTIVE_NOTES)
    else:
        objective.title = rng.choice(text.PARTNER_OBJECTIVES)
    return objective


def _interactions(plan: PartnerPlan, analysed: list, rng: Random, today) -> None:
    current = [p for p in analysed if p.is_current]
    if not current:
        return
    for person in current:
        neglected = rng.random() < 0.12
        person.weight = (
            0.05
            if neglected
            else {5: 3.0, 4: 2.0, 3: 1.0, 2: 0.5, 1: 0.3}[person.analysis.influence]
        )
    # Draw by bisecting cumulative weights made once per partner: `random.choices` would
    # re-add them for each of a million interactions.
    cumulative = list(accumulate(p.weight for p in current))
    total, top, draw = cumulative[-1], len(current) - 1, rng.random
    activity = ACTIVITY.get(plan.partner.status, 1.0) * rng.uniform(0.6, 1.4)
    count = round(len(current) * INTERACTIONS_PER_STAKEHOLDER * activity)
    dates = [today - datetime.timedelta(days=days) for days in range(366)]
    unanalysed = [p for p in plan.people if p.is_current and p.analysis is None]
    for _ in range(count):
        who = [current[bisect(cumulative, draw() * total, 0, top)]]
        for _ in range(bisect(PARTICIPANTS, draw())):
            other = current[bisect(cumulative, draw() * total, 0, top)]
            if other not in who:
                who.append(other)
        if unanalysed and draw() < WITH_SOMEONE_UNANALYSED:
            who.append(unanalysed[int(draw() * len(unanalysed))])
        occurred = dates[int(rng.triangular(0, 365, 0))]
        sentiment = bisect(SENTIMENT[who[0].analysis.stance], draw()) - 1
        channel = text.CHANNELS[bisect(CHANNELS, draw())]
        # A plain row, not a model instance: there are a million of them.
        plan.interactions.append((
            plan.partner.pk, occurred, channel, sentiment,
            rng.choice(text.NOTES[channel]).format(first=who[0].first), who[0].owners[0], who,
        ))  # fmt: skip
        for person in who:
            if person.analysis is None:
                continue
            last = person.analysis.last_interaction_on
            if last is None or occurred > last:
                person.analysis.set_last_interaction(occurred)


# --- one partner ------------------------------------------------------------------------------


def partner_plan(partner, people: list[Person], rng, *, today, managers) -> PartnerPlan:
    """Our relationship with `people`: a big organisation (BIG_ORG_STAKEHOLDERS people or more
    still there) has its first BIG_ORG_STAKEHOLDERS by level analysed, any other most of them."""
    plan = PartnerPlan(partner=partner, people=people)
    big = sum(person.is_current for person in people) >= BIG_ORG_STAKEHOLDERS
    owners = [partner.owner_id] if partner.owner_id else []
    owners += [m.pk for m in managers if m.pk not in owners]
    analysed = _analyses(plan, rng, owners, big)
    _plans_and_actions(plan, analysed, rng, today, big)
    _interactions(plan, analysed, rng, today)
    return plan
