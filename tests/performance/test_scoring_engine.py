"""The scoring engine's components on hand-built cases: each moves its score by the stated
amount, decays over time, and gives a defined value when data is missing."""

import datetime

import pytest

from performance.models import PartnerScore, TargetProposal
from performance.services.scoring import score_run_foreground
from tests.factories import InteractionFactory, PartnerFactory, StakeholderFactory, UserFactory
from tests.performance.audits_factories import PerformanceAuditFactory, scores
from tests.performance.targets_factories import ActualFactory, TargetFactory

AS_OF = datetime.date(2026, 5, 15)  # Q1 2026 closed; Q2 not


def score_of(partner, as_of=AS_OF) -> PartnerScore:
    run = score_run_foreground(as_of=as_of)
    return run.scores.get(partner=partner)


def component(score: PartnerScore, key: str) -> dict:
    return next(entry for entry in score.components if entry["key"] == key)


@pytest.fixture
def acme(db):
    partner = PartnerFactory(name="Acme")
    partner.created_at = datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)
    partner.save(update_fields=["created_at"])
    return partner


def backdate(obj, day=datetime.date(2025, 1, 1)):
    type(obj).objects.filter(pk=obj.pk).update(
        created_at=datetime.datetime.combine(day, datetime.time(9), tzinfo=datetime.UTC)
    )
    return obj


def test_relationship_supporter_of_influence_5_adds_its_stance_points(acme):
    backdate(StakeholderFactory(contact__partner=acme, influence=5, stance="neutral"))
    person = backdate(StakeholderFactory(contact__partner=acme, influence=5, stance="neutral"))
    before = score_of(acme)

    type(person).objects.filter(pk=person.pk).update(stance="supporter")
    after = score_of(acme)

    # Stance weighs 20%: 10 influence points half-supporting (50) → 5 of 10 fully (75).
    assert component(before, "stance")["value"] == 50.0
    assert component(after, "stance")["value"] == 75.0
    assert float(after.relationship - before.relationship) == pytest.approx(5.0)
    assert "Supporters hold 5 of 10 influence points" in component(after, "stance")["evidence"]


@pytest.mark.parametrize(("days_ago", "value"), [(0, 100.0), (45, 50.0), (90, 25.0)])
def test_relationship_recency_halves_every_half_life(acme, days_ago, value):
    InteractionFactory(partner=acme, occurred_on=AS_OF - datetime.timedelta(days=days_ago))

    recency = component(score_of(acme), "recency")

    assert recency["value"] == value
    assert recency["points"] == round(value * 10 / 100, 1)


def test_relationship_key_person_out_of_cadence_is_named(acme):
    owner = UserFactory(role="channel_manager")
    stale = backdate(StakeholderFactory(
        contact__partner=acme, contact__first_name="Ada", contact__last_name="Stale",
        influence=5, cadence_days=30, owners=[owner],
    ))  # fmt: skip
    fresh = backdate(StakeholderFactory(contact__partner=acme, influence=4, owners=[owner]))
    InteractionFactory(partner=acme, occurred_on=AS_OF - datetime.timedelta(days=60),
                       stakeholders=[stale])  # fmt: skip
    InteractionFactory(partner=acme, occurred_on=AS_OF - datetime.timedelta(days=5),
                       stakeholders=[fresh])  # fmt: skip

    coverage = component(score_of(acme), "coverage")

    assert coverage["value"] == 50.0
    assert coverage["evidence"] == "1 of 2 key people out of cadence: Ada Stale."
    assert coverage["fix"] == "relationships"


def test_missing_data_gives_defined_values_with_evidence(acme):
    score = score_of(acme)

    # Only "unknown" defaults give points: culture 50 (5%), no survey answered 50 (10%),
    # trend 50 (20%), no rules (10%).
    assert float(score.relationship) == pytest.approx(7.5)
    assert float(score.performance) == pytest.approx(10.0)
    assert float(score.engagement) == pytest.approx(10.0)
    assert float(score.health) == pytest.approx(7.5 * 0.40 + 10 * 0.35 + 10 * 0.25, abs=0.05)
    evidence = {entry["key"]: entry["evidence"] for entry in score.components}
    assert evidence["stance"] == "No stakeholders analysed yet."
    assert evidence["recency"] == "No interaction logged."
    assert evidence["partner_trust"] == "No survey answered yet: neutral 50."
    assert evidence["attainment"] == "No agreed targets in the last 4 closed quarters."
    assert evidence["audit"] == "No performance audit yet."
    assert evidence["deals"].startswith("Register deals: 0 in 90 days")


def test_every_score_is_the_sum_of_its_components_points(acme):
    backdate(StakeholderFactory(contact__partner=acme, influence=4, stance="supporter"))
    InteractionFactory(partner=acme, occurred_on=AS_OF - datetime.timedelta(days=12))
    PerformanceAuditFactory(partner=acme, audited_on=AS_OF - datetime.timedelta(days=30))

    score = score_of(acme)

    for key in ("relationship", "performance", "engagement", "health"):
        points = sum(entry["points"] for entry in score.components if entry["score"] == key)
        assert float(getattr(score, key)) == pytest.approx(points, abs=0.01)
        assert sum(e["weight"] for e in score.components if e["score"] == key) == 100


def agreed_target(partner, year, quarter, value, agreed_on=datetime.date(2025, 1, 2)):
    target = TargetFactory(partner=partner, year=year, quarter=quarter, status="agreed",
                           agreed_value=value)  # fmt: skip
    accepted = TargetProposal.objects.create(
        target=target, side="partner", proposed_by=UserFactory(role="partner_user"),
        action="accept", value=value,
    )  # fmt: skip
    backdate(accepted, agreed_on)
    return target


def test_performance_attainment_weighs_the_recent_quarter_most(acme):
    for (year, quarter), actual in {(2026, 1): 100, (2025, 4): 50}.items():
        agreed_target(acme, year, quarter, 100)
        backdate(ActualFactory(partner=acme, year=year, quarter=quarter, value=actual),
                 datetime.date(2026, 4, 5))  # fmt: skip

    score = score_of(acme)

    # (4 × 100% + 3 × 50%) / 7; the latest quarter is 50 points up on the one before.
    assert component(score, "attainment")["value"] == 78.6
    assert component(score, "trend")["value"] == 75.0
    assert "latest, Q1 2026: 100%" in component(score, "attainment")["evidence"]


def test_performance_target_agreed_after_as_of_does_not_count(acme):
    agreed_target(acme, 2026, 1, 100, agreed_on=AS_OF + datetime.timedelta(days=3))
    backdate(ActualFactory(partner=acme, year=2026, quarter=1, value=100), AS_OF)

    attained = component(score_of(acme), "attainment")

    assert attained["value"] == 0.0
    assert attained["evidence"] == "No agreed targets in the last 4 closed quarters."


def test_performance_audit_and_trend_from_the_last_two_audits(acme):
    PerformanceAuditFactory(partner=acme, audited_on=datetime.date(2026, 1, 10), **scores(3))
    PerformanceAuditFactory(partner=acme, audited_on=datetime.date(2026, 4, 10), **scores(4))

    score = score_of(acme)

    assert component(score, "audit")["value"] == 75.0  # all 4s → 75 of 100
    # Audit up 25 points: trend 50 + 25 / 2.
    assert component(score, "trend")["value"] == 62.5
    assert "Audit up 25 points" in component(score, "trend")["evidence"]


def test_as_of_excludes_records_dated_later(acme):
    InteractionFactory(partner=acme, occurred_on=AS_OF + datetime.timedelta(days=1))
    PerformanceAuditFactory(partner=acme, audited_on=AS_OF + datetime.timedelta(days=1))
    later = StakeholderFactory(contact__partner=acme, influence=5, stance="supporter")
    backdate(later, AS_OF + datetime.timedelta(days=1))

    score = score_of(acme)

    assert component(score, "recency")["evidence"] == "No interaction logged."
    assert component(score, "audit")["evidence"] == "No performance audit yet."
    assert component(score, "stance")["evidence"] == "No stakeholders analysed yet."
