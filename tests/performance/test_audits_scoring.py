import pytest
from django.db import IntegrityError, transaction

from performance.audit_result import audit_result, classify
from performance.models import AREAS, AuditWeights
from tests.performance.audits_factories import scores


def test_audit_result_all_ones_is_zero_review():
    result = audit_result(scores(1))
    assert result.total == 0
    assert result.classification == "review"


def test_audit_result_all_fives_is_hundred_strategic():
    result = audit_result(scores(5))
    assert result.total == 100
    assert result.classification == "strategic"


def test_audit_result_all_threes_is_fifty_develop():
    assert audit_result(scores(3)).total == 50


def test_audit_result_explains_area_components():
    # Ability to deliver averages (5+5+5+5+1)/5 = 4.2 → 80 % of the area.
    result = audit_result(scores(1, deliver_scale=5, deliver_interest=5, deliver_energy=5,
                                 deliver_trust=5))  # fmt: skip
    deliver = result.area("deliver")
    assert deliver.average == 4.2
    assert deliver.percent == 80
    assert deliver.weight == 25
    assert deliver.points == 20
    assert result.total == 20
    assert [area.key for area in result.areas] == [key for key, _, _ in AREAS]


def test_audit_result_weights_change_total():
    good_revenue = scores(1, revenue_quarter=5, revenue_year=5, revenue_scale=5)
    assert audit_result(good_revenue).total == 25
    weights = {"deliver": 10, "sweet_spot": 10, "territory": 10, "revenue": 70}
    result = audit_result(good_revenue, weights)
    assert result.total == 70
    assert result.classification == "core"


@pytest.mark.parametrize(
    "total, expected",
    [(100, "strategic"), (80, "strategic"), (79.9, "core"), (60, "core"), (59.9, "develop"),
     (40, "develop"), (39.9, "review"), (0, "review")],
)  # fmt: skip
def test_classify_boundaries(total, expected):
    assert classify(total) == expected


def test_audit_result_rejects_out_of_range_scores():
    with pytest.raises(ValueError):
        audit_result(scores(3, territory_location=6))


def test_audit_result_rejects_all_zero_weights():
    with pytest.raises(ValueError):
        audit_result(scores(3), {"deliver": 0, "sweet_spot": 0, "territory": 0, "revenue": 0})


@pytest.mark.django_db
def test_audit_weights_defaults_are_25_each():
    weights = AuditWeights.objects.create()
    assert weights.as_dict() == {"deliver": 25, "sweet_spot": 25, "territory": 25, "revenue": 25}


@pytest.mark.django_db
def test_audit_weights_database_allows_one_current_set():
    AuditWeights.objects.create()
    with pytest.raises(IntegrityError), transaction.atomic():
        AuditWeights.objects.create()


@pytest.mark.django_db
def test_audit_weights_database_requires_sum_of_100():
    with pytest.raises(IntegrityError), transaction.atomic():
        AuditWeights.objects.create(deliver=50)
