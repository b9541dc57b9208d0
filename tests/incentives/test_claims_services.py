import datetime
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from incentives.models import ClaimStatus
from incentives.services import claims as services
from tests.factories import ProgramTierFactory

from .claims_factories import IncentiveClaimFactory, IncentiveProgramFactory


def _request(actor, partner, program, amount="1000", **extra):
    return services.claim_request(
        actor=actor, partner=partner, program=program, amount=Decimal(amount),
        description="Customer event", **extra,
    )  # fmt: skip


def test_claim_request_by_partner_user_for_own_partner(partner_admin, partner):
    program = IncentiveProgramFactory()
    claim = _request(partner_admin, partner, program, attributed_revenue=Decimal("5000"))
    assert claim.status == ClaimStatus.REQUESTED
    assert claim.currency == program.currency
    assert LogEntry.objects.get_for_object(claim).get().actor == partner_admin


def test_claim_request_for_another_partner_is_denied(outsider, partner):
    with pytest.raises(PermissionDenied):
        _request(outsider, partner, IncentiveProgramFactory())


def test_claim_request_ineligible_tier_is_a_program_error(partner_admin, partner):
    program = IncentiveProgramFactory()
    program.eligible_tiers.set([ProgramTierFactory(name="Gold", rank=3)])
    with pytest.raises(ValidationError) as error:
        _request(partner_admin, partner, program)
    assert "program" in error.value.message_dict


def test_claim_request_eligible_tier_is_accepted(partner_admin, partner):
    tier = ProgramTierFactory(name="Silver", rank=2)
    partner.tier = tier
    partner.save()
    program = IncentiveProgramFactory()
    program.eligible_tiers.set([tier])
    assert _request(partner_admin, partner, program).pk


def test_claim_request_ended_program_is_refused(manager, partner):
    today = datetime.date.today()
    program = IncentiveProgramFactory(
        starts_on=today - datetime.timedelta(days=90), ends_on=today - datetime.timedelta(days=1)
    )
    with pytest.raises(ValidationError) as error:
        _request(manager, partner, program)
    assert "program" in error.value.message_dict


def test_claim_request_bad_amount_and_over_budget(manager, partner):
    program = IncentiveProgramFactory(budget=Decimal("500"))
    for amount in ("0", "-5", "501"):
        with pytest.raises(ValidationError) as error:
            _request(manager, partner, program, amount=amount)
        assert "amount" in error.value.message_dict
    assert not program.claims.exists()


def test_claim_approve_refuses_second_approval_over_budget(manager, partner, other_partner):
    program = IncentiveProgramFactory(budget=Decimal("1500"))
    first = IncentiveClaimFactory(program=program, partner=partner, amount=Decimal("1000"))
    second = IncentiveClaimFactory(program=program, partner=other_partner, amount=Decimal("800"))
    services.claim_approve(actor=manager, claim=first)
    with pytest.raises(ValidationError) as error:
        services.claim_approve(actor=manager, claim=second)
    assert "amount" in error.value.message_dict
    second.refresh_from_db()
    assert second.status == ClaimStatus.REQUESTED


def test_claim_approve_by_partner_user_is_denied(partner_admin, partner):
    claim = IncentiveClaimFactory(partner=partner)
    with pytest.raises(PermissionDenied):
        services.claim_approve(actor=partner_admin, claim=claim)


def test_claim_reject_requires_reason(manager):
    claim = IncentiveClaimFactory()
    with pytest.raises(ValidationError) as error:
        services.claim_reject(actor=manager, claim=claim, reason="  ")
    assert "reason" in error.value.message_dict
    claim = services.claim_reject(actor=manager, claim=claim, reason="No proof of the event.")
    assert claim.status == ClaimStatus.REJECTED
    assert claim.rejection_reason == "No proof of the event."
    assert claim.decided_by == manager


def test_claim_pay_only_once(manager):
    claim = services.claim_approve(actor=manager, claim=IncentiveClaimFactory())
    claim = services.claim_pay(actor=manager, claim=claim, payment_reference="PAY-1")
    assert claim.status == ClaimStatus.PAID and claim.paid_at
    with pytest.raises(ValidationError) as error:
        services.claim_pay(actor=manager, claim=claim, payment_reference="PAY-2")
    assert "status" in error.value.message_dict
    claim.refresh_from_db()
    assert claim.payment_reference == "PAY-1"


def test_claim_pay_requires_approval_and_unique_reference(manager):
    with pytest.raises(ValidationError):
        services.claim_pay(actor=manager, claim=IncentiveClaimFactory(), payment_reference="X")
    paid = services.claim_approve(actor=manager, claim=IncentiveClaimFactory())
    services.claim_pay(actor=manager, claim=paid, payment_reference="PAY-9")
    other = services.claim_approve(actor=manager, claim=IncentiveClaimFactory())
    with pytest.raises(ValidationError) as error:
        services.claim_pay(actor=manager, claim=other, payment_reference="PAY-9")
    assert "payment_reference" in error.value.message_dict


def test_claim_db_refuses_duplicate_payment_reference(db):
    now = timezone.now()
    IncentiveClaimFactory(status=ClaimStatus.PAID, paid_at=now, payment_reference="DUP")
    with pytest.raises(IntegrityError), transaction.atomic():
        IncentiveClaimFactory(status=ClaimStatus.PAID, paid_at=now, payment_reference="DUP")


def test_claim_db_refuses_paid_without_payment(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        IncentiveClaimFactory(status=ClaimStatus.PAID)


def test_claim_db_refuses_rejection_without_reason(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        IncentiveClaimFactory(status=ClaimStatus.REJECTED)


def test_program_db_refuses_an_unknown_currency(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        IncentiveProgramFactory(currency="XXX")


def test_claim_db_refuses_an_unknown_currency(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        IncentiveClaimFactory(currency="XXX")


def test_incentive_program_create_validates_period(manager):
    today = datetime.date.today()
    with pytest.raises(ValidationError) as error:
        services.incentive_program_create(
            actor=manager, name="Q3 rebate", kind="rebate", targeted_behaviour="results",
            budget=Decimal("1000"), currency="EUR", starts_on=today,
            ends_on=today - datetime.timedelta(days=1),
        )  # fmt: skip
    assert "ends_on" in error.value.message_dict


def test_incentive_program_update_budget_not_below_committed(manager):
    program = IncentiveProgramFactory(budget=Decimal("2000"))
    services.claim_approve(
        actor=manager, claim=IncentiveClaimFactory(program=program, amount=Decimal("1500"))
    )
    with pytest.raises(ValidationError) as error:
        services.incentive_program_update(actor=manager, program=program, budget=Decimal("1000"))
    assert "budget" in error.value.message_dict


def test_claim_approve_keeps_the_budget_ledger(manager, partner, other_partner):
    program = IncentiveProgramFactory(budget=Decimal("1500"))
    first = IncentiveClaimFactory(program=program, partner=partner, amount=Decimal("1000"))
    services.claim_approve(actor=manager, claim=first)
    services.claim_pay(actor=manager, claim=first, payment_reference="P-1")
    program.refresh_from_db()
    assert program.committed_total == Decimal("1000")  # paying does not commit it twice


def test_claim_db_refuses_an_overspent_ledger(db):
    program = IncentiveProgramFactory(budget=Decimal("1000"))
    with pytest.raises(IntegrityError), transaction.atomic():
        type(program).objects.filter(pk=program.pk).update(committed_total=Decimal("1000.01"))


def test_claim_approve_database_refusal_is_a_field_error(manager, partner):
    """Whatever the service's own check saw (here: a ledger already spent by another
    approval that the check could not see), the database has the last word."""
    program = IncentiveProgramFactory(budget=Decimal("1000"))
    type(program).objects.filter(pk=program.pk).update(committed_total=Decimal("600"))
    claim = IncentiveClaimFactory(program=program, partner=partner, amount=Decimal("500"))
    with pytest.raises(ValidationError) as error:
        services.claim_approve(actor=manager, claim=claim)
    assert "does not cover" in error.value.message_dict["amount"][0]
    claim.refresh_from_db()
    program.refresh_from_db()
    assert (claim.status, program.committed_total) == (ClaimStatus.REQUESTED, Decimal("600"))


def test_program_ledger_backfill_counts_approved_and_paid_claims(manager):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("incentives.migrations.0005_backfill_program_committed_total")
    program = IncentiveProgramFactory(budget=Decimal("5000"))
    IncentiveClaimFactory(program=program, amount=Decimal("700"), status=ClaimStatus.APPROVED)
    IncentiveClaimFactory(program=program, amount=Decimal("300"))  # requested: not counted
    migration.backfill(apps, None)
    program.refresh_from_db()
    assert program.committed_total == Decimal("700")
