import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from performance.models import AuditWeights, PerformanceAudit
from performance.selectors.audits import audit_hints, current_weights, result_for
from performance.services import audits as services
from tests.factories import SegmentFactory, TerritoryFactory
from tests.performance.audits_factories import (
    PerformanceAuditActionFactory,
    PerformanceAuditFactory,
    scores,
)

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()


def test_audit_create_saves_scores_and_auditor(manager, partner):
    audit = services.audit_create(
        actor=manager, partner=partner, audited_on=TODAY, **scores(4), deliver_scale_note="Big"
    )
    audit.refresh_from_db()
    assert audit.audited_by == manager
    assert audit.deliver_scale == 4
    assert audit.deliver_scale_note == "Big"
    assert result_for(audit).total == 75


def test_audit_create_rejects_score_out_of_range_at_the_field(manager, partner):
    with pytest.raises(ValidationError) as error:
        services.audit_create(
            actor=manager, partner=partner, audited_on=TODAY, **scores(3, territory_location=6)
        )
    assert "territory_location" in error.value.message_dict
    assert not PerformanceAudit.objects.exists()


def test_audit_create_rejects_future_date(manager, partner):
    with pytest.raises(ValidationError) as error:
        services.audit_create(
            actor=manager, partner=partner, audited_on=TODAY + datetime.timedelta(days=1),
            **scores(3),
        )  # fmt: skip
    assert "audited_on" in error.value.message_dict


def test_audit_create_refuses_partner_user(partner_admin, partner):
    with pytest.raises(PermissionDenied):
        services.audit_create(actor=partner_admin, partner=partner, audited_on=TODAY, **scores())


def test_audit_update_changes_scores(manager):
    audit = PerformanceAuditFactory()
    services.audit_update(actor=manager, audit=audit, revenue_year=5)
    audit.refresh_from_db()
    assert audit.revenue_year == 5


def test_audit_share_toggles(manager):
    audit = PerformanceAuditFactory()
    services.audit_share(actor=manager, audit=audit, share=True)
    audit.refresh_from_db()
    assert audit.share_with_partner
    services.audit_share(actor=manager, audit=audit, share=False)
    audit.refresh_from_db()
    assert not audit.share_with_partner


def test_audit_action_create_and_done(manager):
    audit = PerformanceAuditFactory()
    action = services.audit_action_create(
        actor=manager, audit=audit, what="Joint plan", owner=manager
    )
    services.audit_action_set_done(actor=manager, action=action)
    action.refresh_from_db()
    assert action.done


def test_audit_action_create_requires_what_and_staff_owner(manager, partner_admin):
    audit = PerformanceAuditFactory()
    with pytest.raises(ValidationError) as error:
        services.audit_action_create(actor=manager, audit=audit, what=" ", owner=manager)
    assert "what" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.audit_action_create(actor=manager, audit=audit, what="x", owner=partner_admin)
    assert "owner" in error.value.message_dict


def test_audit_action_set_done_refuses_partner_user(partner_admin):
    action = PerformanceAuditActionFactory()
    with pytest.raises(PermissionDenied):
        services.audit_action_set_done(actor=partner_admin, action=action)


def test_audit_weights_set_replaces_current_set(manager):
    services.audit_weights_set(actor=manager, deliver=25, sweet_spot=25, territory=25, revenue=25)
    services.audit_weights_set(actor=manager, deliver=40, sweet_spot=20, territory=20, revenue=20)
    assert AuditWeights.objects.count() == 2
    assert AuditWeights.objects.filter(is_current=True).count() == 1
    assert current_weights()["deliver"] == 40


def test_audit_weights_set_rejects_sum_not_100(manager):
    with pytest.raises(ValidationError):
        services.audit_weights_set(
            actor=manager, deliver=30, sweet_spot=25, territory=25, revenue=25
        )
    assert not AuditWeights.objects.exists()


def test_current_weights_default_without_rows():
    assert current_weights() == {"deliver": 25, "sweet_spot": 25, "territory": 25, "revenue": 25}


def test_result_uses_current_weights(manager):
    audit = PerformanceAuditFactory(**scores(1, revenue_quarter=5, revenue_year=5, revenue_scale=5))
    services.audit_weights_set(actor=manager, deliver=0, sweet_spot=0, territory=0, revenue=100)
    assert result_for(audit).total == 100


def test_audit_score_constraint_in_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        PerformanceAuditFactory(deliver_trust=0)


def test_audit_hints_show_overlap_and_size(partner):
    sweet = SegmentFactory(name="Healthcare", is_sweet_spot=True)
    SegmentFactory(name="Retail", is_sweet_spot=True)
    partner.segments.add(sweet, SegmentFactory(name="Hobby"))
    partner.territories.add(TerritoryFactory(name="DACH"))
    partner.employee_count = 120
    partner.save()
    hints = audit_hints(partner=partner)
    assert "1 of our 2 sweet-spot segments: Healthcare" in hints["sweet_spot_alignment"]
    assert "DACH" in hints["territory_coverage"]
    assert "120 employees" in hints["deliver_scale"]
    assert "No revenue history" in hints["revenue_year"]


def test_audit_hints_show_the_partners_recent_revenue_with_us(partner):
    from decimal import Decimal

    from performance.selectors.audits import audit_hints
    from tests.performance.targets_factories import ActualFactory, metric

    revenue = metric("revenue")
    assert "No revenue history" in audit_hints(partner=partner)["revenue_year"]
    ActualFactory(partner=partner, metric=revenue, year=2026, quarter=2, value=Decimal("125000"))
    ActualFactory(partner=partner, metric=revenue, year=2026, quarter=1, value=Decimal("90000"))
    hint = audit_hints(partner=partner)["revenue_year"]
    assert hint.index("Q2 2026: 125,000") < hint.index("Q1 2026: 90,000")
