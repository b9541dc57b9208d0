"""Factories of scoring runs and partner scores (as the engine would write them)."""

import datetime
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from performance.models import PartnerScore, ScoreRun, ScoringWeights
from tests.factories import PartnerFactory


def current_weights() -> ScoringWeights:
    weights = ScoringWeights.objects.filter(is_current=True).first()
    return weights or ScoringWeights.objects.create()


class ScoreRunFactory(DjangoModelFactory):
    class Meta:
        model = ScoreRun

    as_of = factory.Sequence(lambda n: datetime.date(2024, 1, 1) + datetime.timedelta(days=n))
    status = ScoreRun.Status.DONE
    weights = factory.LazyFunction(current_weights)
    started_at = factory.LazyFunction(lambda: datetime.datetime.now(datetime.UTC))
    finished_at = factory.LazyFunction(lambda: datetime.datetime.now(datetime.UTC))
    partners_total = 1
    partners_done = 1


def component(score, key, *, value=50, weight=50, fix="", evidence=None) -> dict:
    points = Decimal(value) * Decimal(weight) / 100
    return {
        "score": score, "key": key, "label": key.replace("_", " ").capitalize(),
        "value": value, "weight": weight, "points": float(points),
        "evidence": evidence or f"Evidence for {score} {key}.", "fix": fix,
    }  # fmt: skip


def default_components() -> list[dict]:
    return [
        component("relationship", "stance", value=40, weight=60, fix="relationships",
                  evidence="2 of 5 key people are supporters (relationship evidence)."),
        component("relationship", "recency", value=80, weight=40, fix="relationships"),
        component("performance", "attainment", value=70, weight=70, fix="targets",
                  evidence="Met 70 % of agreed targets last quarter."),
        component("performance", "audit", value=50, weight=30, fix="audits"),
        component("engagement", "deals", value=0, weight=40, fix="deals",
                  evidence="Register deals: 0 in 90 days."),
        component("engagement", "plans", value=90, weight=60, fix="plans"),
        component("health", "weighted", value=55, weight=100, evidence="Weighted (health)."),
    ]  # fmt: skip


class PartnerScoreFactory(DjangoModelFactory):
    class Meta:
        model = PartnerScore

    run = factory.SubFactory(ScoreRunFactory)
    partner = factory.SubFactory(PartnerFactory)
    relationship = Decimal("56.0")
    performance = Decimal("64.0")
    engagement = Decimal("54.0")
    health = Decimal("58.3")
    components = factory.LazyFunction(default_components)
