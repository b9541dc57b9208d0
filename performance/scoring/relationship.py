"""The relationship score: how well we stand with the people who decide, 0–100.

Components and their weights (percent of the score), with the value each gives:

- stance (20): influence-weighted stance of the stakeholders still there: a supporter counts
  1, a neutral ½, a non-supporter 0, each weighted by influence (1–5). So one supporter of
  influence 5 beside one neutral of influence 5 gives 75; both supporters give 100.
- coverage (20): share of key people (influence ≥ 4) who have an owner on our side and were
  met within their contact cadence.
- levels (15): influence-weighted relationship level, 1 none → 0 … 5 advocate → 100.
- champion (10): 100 with a champion still there; 0 without one or when they left.
- recency (10): 100 × ½^(days since the last interaction / half-life), the half-life from
  ScoringWeights.interaction_half_life_days: yesterday ≈ 100, one half-life ago 50.
- threads (10): against single-threading: half from how many stakeholders we met in the last
  180 days (3 or more: full), half from how many of our people met them (2 or more: full).
- culture (5): 100 − the culture distance between the partner's latest assessment and ours
  (relationships.culture computes it).
- partner_trust (10): the partner's own voice: the mean trust answer (1–5) of its latest survey
  answered by `as_of`, 1 → 0 … 5 → 100, so a mean of 4 gives 75.

Missing data gives a defined value and says so: no stakeholders → stance, coverage, levels 0;
no interaction → recency and threads 0; no culture assessment → culture 50 (unknown is
neither close nor far); no survey answered → partner_trust 50 (neutral: silence is neither
trust nor distrust).
"""

import datetime
from dataclasses import dataclass

from relationships.models import Stance
from relationships.selectors import scoring as relationship_reads
from relationships.selectors import surveys as survey_reads

from .components import ago, check_weights, component, days_between, plural

SCORE = "relationship"
FIX = "relationships"
WEIGHTS = check_weights(
    {"stance": 20, "coverage": 20, "levels": 15, "champion": 10, "recency": 10, "threads": 10,
     "culture": 5, "partner_trust": 10}
)  # fmt: skip
KEY_INFLUENCE = 4
THREAD_WINDOW_DAYS = 180
ENOUGH_STAKEHOLDERS_MET = 3
ENOUGH_OF_OUR_PEOPLE = 2
UNKNOWN_CULTURE_VALUE = 50
# The evidence of stance and levels when nobody is analysed (the perception gap reads it as
# "no view of ours", not as a view of 0).
NO_STAKEHOLDERS = "No stakeholders analysed yet."
NO_ANSWERS_TRUST_VALUE = 50
STANCES = tuple(Stance)
STANCE_VALUE = {Stance.SUPPORTER: 1.0, Stance.NEUTRAL: 0.5, Stance.NON_SUPPORTER: 0.0}
NAMES_SHOWN = 3


@dataclass
class RelationshipInputs:
    stakeholders: dict  # partner id → [StakeholderFacts]
    interactions: dict  # partner id → InteractionFacts
    culture: dict | None  # partner id → distance; None: no profile of our own
    half_life_days: int
    surveys: dict  # partner id → [SurveyMeans of the surveys answered by as_of, newest first]


def gather(*, partner_ids, as_of: datetime.date, half_life_days: int) -> RelationshipInputs:
    """Everything the score needs for a chunk: six queries, whatever the chunk's size."""
    people, interactions = relationship_reads.relationship_facts(
        partner_ids=partner_ids, as_of=as_of, window_days=THREAD_WINDOW_DAYS
    )
    stakeholders: dict = {}
    for facts in people:
        stakeholders.setdefault(facts.partner_id, []).append(facts)
    culture = relationship_reads.culture_distances(partner_ids=partner_ids, as_of=as_of)
    surveys = survey_reads.answered_surveys(partner_ids=partner_ids, as_of=as_of)
    return RelationshipInputs(stakeholders, interactions, culture, half_life_days, surveys)


def components(partner_id: int, inputs: RelationshipInputs, as_of: datetime.date) -> list[dict]:
    everyone = inputs.stakeholders.get(partner_id, [])
    present = [person for person in everyone if not person.has_left]
    interactions = inputs.interactions.get(partner_id)
    return [
        _stance(present),
        _coverage(present, as_of),
        _levels(present),
        _champion(everyone),
        _recency(interactions, as_of, inputs.half_life_days),
        _threads(interactions),
        _culture(None if inputs.culture is None else inputs.culture.get(partner_id),
                 our_profile_known=inputs.culture is not None),
        _partner_trust(inputs.surveys.get(partner_id, [])),
    ]  # fmt: skip


def _entry(key, label, value, evidence):
    return component(score=SCORE, key=key, label=label, value=value, weight=WEIGHTS[key],
                     evidence=evidence, fix=FIX)  # fmt: skip


def _names(people) -> str:
    names = [person.name for person in people[:NAMES_SHOWN]]
    more = len(people) - len(names)
    return ", ".join(names) + (f" and {more} more" if more else "")


def _stance(present) -> dict:
    label = "Influence-weighted stance"
    influence = sum(person.influence for person in present)
    if not influence:
        return _entry("stance", label, 0, NO_STAKEHOLDERS)
    by_stance = {
        stance: sum(p.influence for p in present if p.stance == stance) for stance in STANCES
    }
    value = 100 * sum(STANCE_VALUE[s] * points for s, points in by_stance.items()) / influence
    evidence = (
        f"Supporters hold {by_stance[Stance.SUPPORTER]} of {influence} influence points, "
        f"non-supporters {by_stance[Stance.NON_SUPPORTER]}."
    )
    return _entry("stance", label, value, evidence)


def _in_cadence(person, as_of) -> bool:
    last = person.last_interaction_on
    return last is not None and days_between(last, as_of) <= person.cadence_days


def _coverage(present, as_of) -> dict:
    label = "Key people covered"
    key_people = [person for person in present if person.influence >= KEY_INFLUENCE]
    if not key_people:
        return _entry("coverage", label, 0, "No key people (influence 4 or 5) identified.")
    unowned = [person for person in key_people if not person.owner_count]
    out_of_cadence = [p for p in key_people if p.owner_count and not _in_cadence(p, as_of)]
    covered = len(key_people) - len(unowned) - len(out_of_cadence)
    sentences = []
    if out_of_cadence:
        sentences.append(f"{len(out_of_cadence)} of {len(key_people)} key people out of "
                         f"cadence: {_names(out_of_cadence)}.")  # fmt: skip
    if unowned:
        sentences.append(f"{len(unowned)} without an owner on our side: {_names(unowned)}.")
    evidence = " ".join(sentences) or f"All {len(key_people)} key people covered within cadence."
    return _entry("coverage", label, 100 * covered / len(key_people), evidence)


def _levels(present) -> dict:
    label = "Relationship levels"
    influence = sum(person.influence for person in present)
    if not influence:
        return _entry("levels", label, 0, NO_STAKEHOLDERS)
    level = sum(p.relationship_level * p.influence for p in present) / influence
    trusted = sum(1 for person in present if person.relationship_level >= 4)
    evidence = (f"Influence-weighted level {level:.1f} of 5; trusted or better with "
                f"{trusted} of {len(present)}.")  # fmt: skip
    return _entry("levels", label, (level - 1) / 4 * 100, evidence)


def _champion(everyone) -> dict:
    label = "Champion"
    champion = next((person for person in everyone if person.is_champion), None)
    if champion is None:
        return _entry("champion", label, 0, "No champion named.")
    if champion.has_left:
        return _entry("champion", label, 0, f"Champion {champion.name} has left the partner.")
    return _entry("champion", label, 100, f"{champion.name} is our champion.")


def _recency(interactions, as_of, half_life_days) -> dict:
    label = "Interaction recency"
    if interactions is None or interactions.last_on is None:
        return _entry("recency", label, 0, "No interaction logged.")
    days = days_between(interactions.last_on, as_of)
    value = 100 * 0.5 ** (days / half_life_days)
    evidence = (f"Last interaction {ago(days)}; it counts {value:.0f}% at a "
                f"{half_life_days}-day half-life.")  # fmt: skip
    return _entry("recency", label, value, evidence)


def _threads(interactions) -> dict:
    label = "Several threads"
    met = interactions.stakeholders_in_window if interactions else 0
    ours = interactions.our_people_in_window if interactions else 0
    if not met:
        return _entry("threads", label, 0, f"No stakeholder met in the last {THREAD_WINDOW_DAYS} "
                                            "days.")  # fmt: skip
    value = (50 * min(met, ENOUGH_STAKEHOLDERS_MET) / ENOUGH_STAKEHOLDERS_MET
             + 50 * min(ours, ENOUGH_OF_OUR_PEOPLE) / ENOUGH_OF_OUR_PEOPLE)  # fmt: skip
    if met == 1 or ours == 1:
        carrier = "one stakeholder" if met == 1 else "one of our people"
        evidence = (
            f"Single-threaded: {carrier} carries it ({plural(met, 'stakeholder')} met by "
            f"{plural(ours, 'person', 'people')} of ours in {THREAD_WINDOW_DAYS} days)."
        )
    else:
        evidence = (f"{met} stakeholders met by {ours} of our people in the last "
                    f"{THREAD_WINDOW_DAYS} days.")  # fmt: skip
    return _entry("threads", label, value, evidence)


def _culture(distance, *, our_profile_known: bool) -> dict:
    label = "Culture distance"
    if not our_profile_known:
        return _entry(
            "culture",
            label,
            UNKNOWN_CULTURE_VALUE,
            "Our own culture is not assessed yet, so no partner can be compared.",
        )
    if distance is None:
        return _entry("culture", label, UNKNOWN_CULTURE_VALUE, "Culture not assessed yet.")
    return _entry("culture", label, 100 - distance,
                  f"Culture distance from us {distance:.0f} of 100.")  # fmt: skip


def trust_value(mean_trust: float) -> float:
    """A mean trust answer on the 1–5 scale as 0–100."""
    return (mean_trust - 1) / 4 * 100


def _partner_trust(surveys) -> dict:
    label = "Partner's trust (survey)"
    if not surveys:
        return _entry("partner_trust", label, NO_ANSWERS_TRUST_VALUE,
                      "No survey answered yet: neutral 50.")  # fmt: skip
    latest = surveys[0]
    evidence = (f"Trust {latest.trust:.1f} of 5 from {plural(latest.answers, 'answer')} to the "
                f"survey of {latest.sent_on:%d %b %Y}.")  # fmt: skip
    return _entry("partner_trust", label, trust_value(latest.trust), evidence)
