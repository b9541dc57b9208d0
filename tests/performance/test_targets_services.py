from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from performance.models import ProposalAction, Target, TargetStatus
from performance.services.targets import (
    actual_record,
    attainment,
    challenge_check,
    target_accept,
    target_counter,
    target_propose,
)
from tests.factories import PartnerFactory, ProgramTierFactory
from tests.performance.targets_factories import ActualFactory, metric

pytestmark = pytest.mark.django_db


def _propose(actor, partner, value=1000, **kwargs):
    params = {"metric": metric(), "year": 2026, "quarter": 1} | kwargs
    return target_propose(actor=actor, partner=partner, value=value, **params)


def test_metrics_defaults_exist():
    keys = {"revenue", "new-customers", "certified-people", "pipeline", "registered-deals"}
    assert keys <= set(metric().__class__.objects.values_list("key", flat=True))


def test_target_propose_by_manager_opens_negotiation(manager, partner):
    target = _propose(manager, partner)
    assert target.status == TargetStatus.NEGOTIATING and target.agreed_value is None
    step = target.proposals.get()
    assert (step.side, step.action, step.value) == ("vendor", "propose", Decimal("1000"))


def test_target_accept_by_other_side_agrees(manager, partner, partner_admin):
    target = _propose(manager, partner)
    target_counter(actor=partner_admin, target=target, value=800, comment="Too high")
    target = target_accept(actor=manager, target=target)
    assert target.status == TargetStatus.AGREED and target.agreed_value == Decimal("800")
    assert [p.action for p in target.proposals.all()] == [
        ProposalAction.PROPOSE, ProposalAction.COUNTER, ProposalAction.ACCEPT,
    ]  # fmt: skip
    assert target.proposals.last().proposed_by == manager


def test_target_accept_own_proposal_refused(manager, other_manager, partner):
    target = _propose(manager, partner)
    with pytest.raises(ValidationError):
        target_accept(actor=other_manager, target=target)
    assert Target.objects.get().status == TargetStatus.NEGOTIATING


def test_target_counter_twice_by_same_side_refused(manager, partner, partner_admin):
    target = _propose(partner_admin, partner)
    with pytest.raises(ValidationError):
        target_counter(actor=partner_admin, target=target, value=5)


def test_target_accept_after_agreed_refused(manager, partner, partner_admin):
    target = target_accept(actor=partner_admin, target=_propose(manager, partner))
    with pytest.raises(ValidationError):
        target_counter(actor=partner_admin, target=target, value=5)


def test_target_propose_by_outsider_denied(outsider, partner):
    with pytest.raises(PermissionDenied):
        _propose(outsider, partner)
    assert not Target.objects.exists()


def test_target_accept_by_outsider_denied(manager, partner, outsider):
    target = _propose(manager, partner)
    with pytest.raises(PermissionDenied):
        target_accept(actor=outsider, target=target)


def test_target_propose_by_member_allowed_viewer_denied(partner_member, partner):
    """Members propose targets with their partner admin (issue #14's roles); a viewer reads."""
    from tests.partners.team_support import ROLE, member

    assert _propose(partner_member, partner) is not None
    viewer = member(partner, ROLE.VIEWER).user
    with pytest.raises(PermissionDenied):
        _propose(viewer, partner)


def test_target_propose_duplicate_keyed_at_metric(manager, partner):
    _propose(manager, partner)
    with pytest.raises(ValidationError) as error:
        _propose(manager, partner)
    assert "metric" in error.value.message_dict


def test_target_propose_negative_value_keyed_at_value(manager, partner):
    with pytest.raises(ValidationError) as error:
        _propose(manager, partner, value=-1)
    assert "value" in error.value.message_dict
    assert not Target.objects.exists()


def test_challenge_no_history(partner):
    result = challenge_check(partner=partner, metric=metric(), year=2026, quarter=1, value=100)
    assert result.flag == "no_history" and "No history" in result.reason


def test_challenge_too_easy_against_same_period_last_year(partner):
    ActualFactory(partner=partner, year=2025, quarter=1, value=1000)
    result = challenge_check(partner=partner, metric=metric(), year=2026, quarter=1, value=1020)
    assert result.flag == "too_easy" and "+2%" in result.reason and "2025 Q1" in result.reason


def test_challenge_out_of_reach_above_fifty_percent(partner):
    ActualFactory(partner=partner, year=2025, quarter=1, value=1000)
    result = challenge_check(partner=partner, metric=metric(), year=2026, quarter=1, value=1600)
    assert result.flag == "out_of_reach" and "+50 %" in result.reason


def test_challenge_ok_uses_average_of_last_four_periods(partner):
    for quarter, value in [(2, 900), (3, 1000), (4, 1100)]:
        ActualFactory(partner=partner, year=2025, quarter=quarter, value=value)
    result = challenge_check(partner=partner, metric=metric(), year=2026, quarter=1, value=1200)
    assert result.flag == "ok" and "average of the last 3 periods" in result.reason


def test_challenge_out_of_reach_above_tier_p90(partner):
    tier = ProgramTierFactory()
    partner.tier = tier
    partner.save()
    ActualFactory(partner=partner, year=2025, quarter=1, value=1000)
    for _ in range(4):  # peers grew 10 % last year
        peer = PartnerFactory(tier=tier)
        ActualFactory(partner=peer, year=2024, quarter=1, value=1000)
        ActualFactory(partner=peer, year=2025, quarter=1, value=1100)
    result = challenge_check(partner=partner, metric=metric(), year=2026, quarter=1, value=1300)
    assert result.flag == "out_of_reach" and "90th percentile" in result.reason
    fine = challenge_check(partner=partner, metric=metric(), year=2026, quarter=1, value=1080)
    assert fine.flag == "ok"


def test_proposal_records_challenge_flag(manager, partner):
    ActualFactory(partner=partner, year=2025, quarter=1, value=1000)
    target = _propose(manager, partner, value=1000)
    assert target.proposals.get().challenge_flag == "too_easy"


def test_attainment_only_agreed_value():
    assert attainment(agreed_value=None, actual_value=50) is None
    assert attainment(agreed_value=Decimal(200), actual_value=50) == Decimal("25.0")


def test_actual_record_staff_upserts(manager, partner):
    actual_record(actor=manager, partner=partner, metric=metric(), year=2026, quarter=None, value=5)
    actual = actual_record(
        actor=manager, partner=partner, metric=metric(), year=2026, quarter=None, value=7
    )
    assert actual.value == 7 and actual.source == "entered"
    assert actual.__class__.objects.count() == 1


def test_actual_record_partner_denied(partner_admin, partner):
    with pytest.raises(PermissionDenied):
        actual_record(
            actor=partner_admin, partner=partner, metric=metric(), year=2026, quarter=1, value=5
        )


def test_actual_record_bad_quarter_keyed(manager, partner):
    with pytest.raises(ValidationError) as error:
        actual_record(
            actor=manager, partner=partner, metric=metric(), year=2026, quarter=5, value=1
        )
    assert "quarter" in error.value.message_dict
