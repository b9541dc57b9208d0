"""Won deals feed actuals (revenue won and deals registered per quarter)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from performance.models import Actual
from performance.services.targets import actuals_derive_from_won_deals
from tests.performance.deals_factories import DealRegistrationFactory
from tests.performance.targets_factories import ActualFactory, metric

Q1_2026 = datetime.datetime(2026, 2, 10, 12, 0, tzinfo=datetime.UTC)


def won(partner, value, currency="USD", closed_at=Q1_2026, **kwargs):
    deal = DealRegistrationFactory(
        partner=partner, value=Decimal(value), currency=currency, status="won",
        decided_at=closed_at, closed_at=closed_at,
        protection_until=closed_at.date() + datetime.timedelta(days=90), **kwargs,
    )  # fmt: skip
    deal.__class__.objects.filter(pk=deal.pk).update(created_at=closed_at)
    return deal


@pytest.fixture
def metrics(db):
    return metric("revenue"), metric("registered-deals")


def test_won_deals_become_revenue_and_registered_deals_actuals(manager, partner, metrics):
    revenue, registered = metrics
    won(partner, "100000", decided_by=manager)
    won(partner, "50000", decided_by=manager)
    won(partner, "70000", decided_by=manager, closed_at=Q1_2026 + datetime.timedelta(days=90))
    summary = actuals_derive_from_won_deals(actor=manager, year=2026, quarter=1)
    actual = Actual.objects.get(partner=partner, metric=revenue, year=2026, quarter=1)
    assert actual.value == Decimal("150000") and actual.source == "deals"
    assert Actual.objects.get(partner=partner, metric=registered, quarter=1).value == 2
    assert summary["written"] == 2


def test_entered_actuals_take_precedence_and_other_currencies_are_left_out(
    manager, partner, other_partner, metrics
):
    revenue, _ = metrics
    ActualFactory(partner=partner, metric=revenue, year=2026, quarter=1, value=Decimal("5"))
    won(partner, "100000", decided_by=manager)
    won(other_partner, "80000", currency="EUR", decided_by=manager)
    summary = actuals_derive_from_won_deals(actor=manager, year=2026, quarter=1)
    assert Actual.objects.get(partner=partner, metric=revenue, quarter=1).value == Decimal("5")
    assert not Actual.objects.filter(partner=other_partner, metric=revenue).exists()
    assert summary["kept_entered_or_imported"] == 1
    assert summary["other_currency_deals"] == 1


def test_deriving_twice_changes_nothing(manager, partner, metrics):
    won(partner, "100000", decided_by=manager)
    actuals_derive_from_won_deals(actor=manager, year=2026, quarter=1)
    before = list(Actual.objects.values_list("metric__key", "value", "source"))
    actuals_derive_from_won_deals(actor=manager, year=2026, quarter=1)
    assert list(Actual.objects.values_list("metric__key", "value", "source")) == before


def test_deriving_needs_staff_and_a_quarter(partner_admin, manager, metrics):
    with pytest.raises(PermissionDenied):
        actuals_derive_from_won_deals(actor=partner_admin, year=2026, quarter=1)
    with pytest.raises(ValidationError):
        actuals_derive_from_won_deals(actor=manager, year=2026, quarter=5)


def test_derive_actuals_command(admin_user, partner, metrics, capsys):
    won(partner, "100000", decided_by=admin_user)
    call_command("derive_actuals", "2026", "1", "--user", admin_user.username)
    assert "2 actuals written from deals" in capsys.readouterr().out
