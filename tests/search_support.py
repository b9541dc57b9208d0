"""What the search tests share: a small world of two partners whose rows the search finds, and
the guard of the PostgreSQL-only tests (skipped on SQLite locally, required in CI)."""

import itertools
import os
from dataclasses import dataclass

import pytest
from django.db import connection

from tests.factories import ContactFactory, OrgUnitFactory, PartnerFactory
from tests.incentives.claims_factories import IncentiveClaimFactory, IncentiveProgramFactory
from tests.performance.deals_factories import DealRegistrationFactory

_numbers = itertools.count()


def require_postgresql():
    """Full-text search and its GIN indexes exist only on PostgreSQL; CI runs there (CI=true),
    so there a missing PostgreSQL fails the test instead of skipping it."""
    if connection.vendor == "postgresql":
        return
    reason = "full-text search needs PostgreSQL (DATABASE_URL=postgres://…)"
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI has PostgreSQL: {reason} must run there, not be skipped.")
    pytest.skip(reason)


@dataclass
class World:
    contact: object
    other_contact: object
    deal: object
    other_deal: object
    claim: object
    other_claim: object


def build_world(partner, other_partner) -> World:
    """Rows of `partner` and of `other_partner` with distinct names, so a test can tell whose
    rows an answer shows."""
    unit = OrgUnitFactory(partner=partner, name="Field Sales")
    program = IncentiveProgramFactory(name="Cloud Rebate 2026")
    return World(
        contact=ContactFactory(
            partner=partner, first_name="Jana", last_name="Kowalska",
            title="Channel Director", email="jana.kowalska@acme.example", org_unit=unit,
        ),
        other_contact=ContactFactory(
            partner=other_partner, first_name="Jan", last_name="Kowalczyk",
            title="Sales Engineer", email="jan.kowalczyk@globex.example",
        ),
        deal=DealRegistrationFactory(
            partner=partner, customer_name="Umbrella Pharma", customer_domain="umbrella.example",
            products="Analytics suite",
        ),
        other_deal=DealRegistrationFactory(
            partner=other_partner, customer_name="Umbrella Logistics",
            customer_domain="umbrella-logistics.example",
        ),
        claim=IncentiveClaimFactory(
            program=program, partner=partner, description="Webinar series on data platforms",
        ),
        other_claim=IncentiveClaimFactory(
            program=program, partner=other_partner, description="Webinar roadshow in Lyon",
        ),
    )  # fmt: skip


def grow(partner, other_partner, *, count: int) -> None:
    """`count` more matching rows of each kind for each partner (query-count tests)."""
    program = IncentiveProgramFactory()
    for owner in (partner, other_partner):
        for _ in range(count):
            n = next(_numbers)
            PartnerFactory(name=f"Umbrella Holding {n}")
            ContactFactory(partner=owner, first_name="Umberto", last_name=f"Rossi {n}")
            DealRegistrationFactory(partner=owner, customer_name=f"Umbrella Retail {n}")
            IncentiveClaimFactory(program=program, partner=owner, description=f"Umbrella {n}")
