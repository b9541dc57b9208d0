"""What a run as of today finds that needs a person: the causes of alerts, from the inputs the
chunk already gathered for its scores (no query of its own), the partner's new scores and its
health in the previous run. performance.services.alerts keeps the Alert rows in step.

A cause is (kind, subject, message, fix): the subject tells two causes of one kind apart
within a partner (a stakeholder), "" when the partner itself is the subject.

The tier alerts (early warning, promotion eligible) are computed by the same functions as the
tier progress and outlook of the partner page and the portal (performance.selectors.program),
from facts read for the whole chunk. `program_causes` finds what is about the program itself,
not one partner: the run's finish step looks for it once per run.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import F

from incentives.selectors import scoring as program_reads
from prm.lib.money import format_money
from relationships.models import Stance

from ..audit_result import classify
from ..models import AlertKind, DealRegistration, DealStatus
from ..models.plans import DEFAULT_REVIEW_CADENCE_DAYS
from ..selectors import program as tier_reads
from .components import days_between, plural
from .relationship import KEY_INFLUENCE, THREAD_WINDOW_DAYS

EXPIRING_WITHIN_DAYS = 30
# A fall of a whole point on the 1–5 scale between two surveys (4.2 → 3.2, say) is a change a
# person should look into: smaller moves between small groups of respondents are mostly noise.
TRUST_DROP_ALERT = 1.0
# Partners on their way out are not worth a tier alert.
LEAVING_STATUSES = ("exiting", "exited")
RULES_SUBJECT = "rules_of_engagement"
VERSIONS_NAMED = 5


@dataclass(frozen=True)
class Cause:
    kind: str
    subject: str
    message: str
    fix: str


@dataclass
class AlertInputs:
    """What only the alerts read, beyond the scores' inputs: seven queries per chunk (two for
    expiries, one for the program's tiers and four for the partners' tier facts)."""

    certifications: dict = field(default_factory=dict)  # partner id → [(id, who, course, on)]
    deals: dict = field(default_factory=dict)  # partner id → [(id, customer, until, close)]
    ladder: list = field(default_factory=list)  # every tier with its requirements, by rank
    tiers: dict = field(default_factory=dict)  # partner id → TierFacts


def gather(*, partner_ids, as_of: datetime.date) -> AlertInputs:
    inputs = AlertInputs(
        ladder=program_reads.tier_ladder(),
        tiers=tier_reads.tier_facts(partner_ids=partner_ids, as_of=as_of),
    )
    for partner_id, pk, first, last, course, expires_on in program_reads.certifications_expiring(
        partner_ids=partner_ids, as_of=as_of, days=EXPIRING_WITHIN_DAYS
    ):
        who = f"{first} {last}".strip()
        inputs.certifications.setdefault(partner_id, []).append((pk, who, course, expires_on))
    deals = DealRegistration.objects.filter(
        partner_id__in=partner_ids, status=DealStatus.APPROVED, protection_until__gte=as_of,
        protection_until__lte=as_of + datetime.timedelta(days=EXPIRING_WITHIN_DAYS),
        protection_until__lt=F("expected_close_on"), created_at__date__lte=as_of,
    ).order_by("protection_until", "pk")  # fmt: skip
    for row in deals.values_list("partner_id", "pk", "customer_name", "protection_until",
                                 "expected_close_on"):  # fmt: skip
        inputs.deals.setdefault(row[0], []).append(row[1:])
    return inputs


def _expiry_causes(partner_id: int, inputs: AlertInputs) -> list[Cause]:
    causes = [
        Cause(AlertKind.CERTIFICATION_EXPIRING, f"certification:{pk}",
              f"{who}'s {course} certification expires on {expires_on:%d %b %Y}.", "program")
        for pk, who, course, expires_on in inputs.certifications.get(partner_id, [])
    ]  # fmt: skip
    causes += [
        Cause(AlertKind.DEAL_PROTECTION_EXPIRING, f"deal:{pk}",
              f"Protection of the {customer} registration ends {until:%d %b %Y}, before its "
              f"expected close on {close:%d %b %Y}.", "deals")
        for pk, customer, until, close in inputs.deals.get(partner_id, [])
    ]  # fmt: skip
    return causes


def _stakeholder_causes(people, as_of: datetime.date) -> list[Cause]:
    causes = []
    for person in people:
        subject = f"stakeholder:{person.stakeholder_id}"
        if person.is_champion and person.has_left:
            causes.append(Cause(AlertKind.CHAMPION_LEFT, subject,
                                f"Champion {person.name} has left the partner.",
                                "relationships"))  # fmt: skip
        if person.has_left or person.influence < KEY_INFLUENCE:
            continue
        last = person.last_interaction_on
        if last is None or days_between(last, as_of) > person.cadence_days:
            when = "never met" if last is None else f"last met {days_between(last, as_of)} days ago"
            causes.append(Cause(AlertKind.KEY_OUT_OF_CADENCE, subject,
                                f"{person.name} (influence {person.influence}) is out of "
                                f"cadence: {when}, every {person.cadence_days} days agreed.",
                                "relationships"))  # fmt: skip
        if person.stance == Stance.NON_SUPPORTER and not person.has_plan:
            causes.append(Cause(AlertKind.NON_SUPPORTER_WITHOUT_PLAN, subject,
                                f"{person.name} (influence {person.influence}) does not support "
                                "us and has no relationship plan.", "relationships"))  # fmt: skip
    return causes


def _relationship_causes(people, interactions) -> list[Cause]:
    causes = []
    present = [person for person in people if not person.has_left]
    # A champion who left is its own alert ("champion left"); this one is for never having one.
    if present and not any(person.is_champion for person in people):
        among = plural(len(present), "stakeholder")
        causes.append(Cause(AlertKind.NO_CHAMPION, "", f"No champion named among {among}.",
                            "relationships"))  # fmt: skip
    met = interactions.stakeholders_in_window if interactions else 0
    ours = interactions.our_people_in_window if interactions else 0
    if met == 1 or ours == 1:
        carrier = "one stakeholder" if met == 1 else "one of our people"
        causes.append(Cause(AlertKind.SINGLE_THREADED, "",
                            f"Single-threaded: {carrier} carries the relationship (last "
                            f"{THREAD_WINDOW_DAYS} days).", "relationships"))  # fmt: skip
    return causes


def _review_cause(last_held_on, place, as_of) -> list[Cause]:
    cadence = place.get("review_cadence_days") or DEFAULT_REVIEW_CADENCE_DAYS
    if last_held_on is None:
        if place.get("status") not in (None, "active"):
            return []
        return [Cause(AlertKind.REVIEW_OVERDUE, "", f"No review held yet; one is due every "
                      f"{cadence} days.", "plans")]  # fmt: skip
    late = days_between(last_held_on, as_of) - cadence
    if late <= 0:
        return []
    return [Cause(AlertKind.REVIEW_OVERDUE, "", f"Review {late} days overdue (last held "
                  f"{last_held_on:%d %b %Y}, every {cadence} days).", "plans")]  # fmt: skip


def _underperformer_cause(attainment: dict, periods, audits, weights) -> list[Cause]:
    """Attainment below the threshold in the last N closed quarters in a row, and/or the latest
    audit in the "review" class."""
    needed = weights.underperformer_periods
    recent = [attainment.get(period) for period in periods[:needed]]
    reasons = []
    measured = len(recent) == needed and all(value is not None for value in recent)
    if measured and all(value < weights.underperformer_attainment for value in recent):
        shown = ", ".join(f"{value:.0f}%" for value in recent)
        reasons.append(f"attainment below {weights.underperformer_attainment}% in the last "
                       f"{needed} closed quarters ({shown})")  # fmt: skip
    if audits and classify(audits[0][1]) == "review":
        reasons.append(f"latest audit total {audits[0][1]:.0f}, class review")
    if not reasons:
        return []
    message = "Under-performer candidate: " + " and ".join(reasons) + "."
    return [Cause(AlertKind.UNDERPERFORMER, "", message, "targets")]


def _tier_causes(partner_id: int, place: dict, inputs: AlertInputs, as_of) -> list[Cause]:
    """The early warning (on course to fall below the tier at its next evaluation, with the
    what-if that would keep it) and promotion eligible (meets the next tier now)."""
    facts, tier_id = inputs.tiers.get(partner_id), place.get("tier_id")
    if facts is None or place.get("status") in LEAVING_STATUSES:
        return []
    causes = []
    outlook = tier_reads.outlook_from(tier_id=tier_id, facts=facts, ladder=inputs.ladder,
                                      as_of=as_of)  # fmt: skip
    if outlook is not None and outlook.at_risk:
        causes.append(Cause(AlertKind.TIER_AT_RISK, f"tier:{outlook.tier.tier_id}",
                            outlook.message(), "program"))  # fmt: skip
    progress = tier_reads.progress_from(tier_id=tier_id, facts=facts, ladder=inputs.ladder)
    if progress.qualifies:
        causes.append(Cause(AlertKind.PROMOTION_ELIGIBLE, f"tier:{progress.next_tier.tier_id}",
                            _promotion_message(progress), "program"))  # fmt: skip
    return causes


def _promotion_message(progress) -> str:
    evidence = []
    for row in progress.requirements:
        if row.key == "revenue":
            actual, required = (
                format_money(amount, row.unit) for amount in (row.actual, row.required)
            )
            evidence.append(f"revenue {actual} over the last four quarters (needs {required})")
        elif row.key == "certified_people":
            people = plural(row.actual, "certified person", "certified people")
            evidence.append(f"{people} (needs {row.required})")
        else:
            evidence.append(f"latest audit {row.actual:.1f} (needs {row.required})")
    return f"Meets every requirement of {progress.next_tier.name} now: {', '.join(evidence)}."


def program_causes(*, as_of: datetime.date, weights) -> list[Cause]:
    """What is about the whole program, not one partner: the rules of engagement changing too
    often (more new versions published in the window than the weights allow). One query."""
    since = as_of - datetime.timedelta(days=weights.rules_change_window_days)
    versions = program_reads.rules_published_between(since=since, until=as_of)
    if len(versions) <= weights.rules_change_limit:
        return []
    shown = ", ".join(f"v{version} on {published_on:%d %b}"
                      for version, published_on in versions[-VERSIONS_NAMED:])  # fmt: skip
    if len(versions) > VERSIONS_NAMED:
        shown += f" and {len(versions) - VERSIONS_NAMED} before"
    message = (f"The rules of engagement changed {len(versions)} times in the last "
               f"{weights.rules_change_window_days} days ({shown}); more than "
               f"{weights.rules_change_limit} unsettles partners, who pull investment from "
               "vendors that keep changing their rules.")  # fmt: skip
    return [Cause(AlertKind.RULES_CHANGING, RULES_SUBJECT, message, "rules")]


def _trust_drop_cause(surveys) -> list[Cause]:
    """The partner's mean trust answer fell by TRUST_DROP_ALERT or more from one answered survey
    to the next (`surveys`: newest first)."""
    if len(surveys) < 2 or surveys[1].trust - surveys[0].trust < TRUST_DROP_ALERT:
        return []
    latest, before = surveys[0], surveys[1]
    return [Cause(AlertKind.TRUST_DROP, f"survey:{latest.survey_id}",
                  f"The partner's trust answer fell from {before.trust:.1f} (survey of "
                  f"{before.sent_on:%d %b %Y}, {plural(before.answers, 'answer')}) to "
                  f"{latest.trust:.1f} (survey of {latest.sent_on:%d %b %Y}, "
                  f"{plural(latest.answers, 'answer')}).", "surveys")]  # fmt: skip


def _health_drop_cause(health: Decimal, previous: Decimal | None, weights) -> list[Cause]:
    if previous is None or previous - health < weights.health_drop_alert:
        return []
    return [Cause(AlertKind.HEALTH_DROP, "", f"Health fell {previous - health:.1f} points since "
                  f"the last run ({previous} → {health}).", "")]  # fmt: skip


def causes(*, partner_id: int, inputs: dict, score, previous_health, as_of, weights) -> list:
    """Every cause of an alert for one partner, from its chunk's inputs and its new score."""
    relationship = inputs["relationship"]
    people = relationship.stakeholders.get(partner_id, [])
    engagement, performance = inputs["engagement"], inputs["performance"]
    return [
        *_stakeholder_causes(people, as_of),
        *_relationship_causes(people, relationship.interactions.get(partner_id)),
        *_review_cause(engagement.last_review.get(partner_id),
                       engagement.places.get(partner_id, {}), as_of),
        *_underperformer_cause(performance.attainment.get(partner_id, {}), performance.periods,
                               performance.audits.get(partner_id, []), weights),
        *_health_drop_cause(score.health, previous_health, weights),
        *_trust_drop_cause(relationship.surveys.get(partner_id, [])),
        *_expiry_causes(partner_id, inputs["alerts"]),
        *_tier_causes(partner_id, engagement.places.get(partner_id, {}), inputs["alerts"],
                      as_of),
    ]  # fmt: skip
