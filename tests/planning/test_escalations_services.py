"""Escalation services: logging, changing and resolving, each error at its field, and the
partner admins' notifications."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from planning.models import Escalation
from planning.services import escalations as services
from prm.models import Notification

from .escalations_factories import escalation_fields

pytestmark = pytest.mark.django_db


def log(actor, partner, **overrides):
    return services.escalation_log(actor=actor, partner=partner, **escalation_fields(**overrides))


def field_errors(excinfo) -> dict:
    return excinfo.value.message_dict


def test_log_creates_an_open_escalation_by_the_actor(manager, partner):
    escalation = log(manager, partner, internal_notes="ours", partner_notes="theirs")
    escalation.refresh_from_db()
    assert escalation.outcome == "open" and escalation.resolved_on is None
    assert escalation.logged_by == manager
    assert escalation.effort_hours == Decimal("6.5")
    assert (escalation.internal_notes, escalation.partner_notes) == ("ours", "theirs")


def test_log_is_for_staff_only(partner_admin, partner):
    with pytest.raises(PermissionDenied):
        log(partner_admin, partner)
    assert not Escalation.objects.exists()


def test_log_refuses_negative_hours_at_the_field(manager, partner):
    with pytest.raises(ValidationError) as excinfo:
        log(manager, partner, effort_hours=Decimal("-1"))
    assert "effort_hours" in field_errors(excinfo)


def test_log_refuses_resolved_before_opened_at_the_field(manager, partner):
    with pytest.raises(ValidationError) as excinfo:
        log(manager, partner, outcome="resolved", resolved_on=datetime.date(2026, 3, 1))
    assert field_errors(excinfo)["resolved_on"] == ["It cannot be resolved before it was opened."]


def test_log_refuses_an_outcome_without_its_date(manager, partner):
    with pytest.raises(ValidationError) as excinfo:
        log(manager, partner, outcome="workaround")
    assert field_errors(excinfo)["resolved_on"] == ["An outcome needs the date it was resolved on."]


def test_log_refuses_a_date_without_an_outcome(manager, partner):
    with pytest.raises(ValidationError) as excinfo:
        log(manager, partner, resolved_on=datetime.date(2026, 3, 5))
    assert "outcome" in field_errors(excinfo)


def test_log_refuses_an_opening_in_the_future(manager, partner):
    with pytest.raises(ValidationError) as excinfo:
        log(manager, partner, opened_on=datetime.date.today() + datetime.timedelta(days=2))
    assert "opened_on" in field_errors(excinfo)


def test_update_changes_facts_but_refuses_unknown_fields(manager, partner, other_partner):
    escalation = log(manager, partner)
    services.escalation_update(actor=manager, escalation=escalation, effort_hours=Decimal("9"))
    escalation.refresh_from_db()
    assert escalation.effort_hours == Decimal("9")
    with pytest.raises(ValidationError):
        services.escalation_update(actor=manager, escalation=escalation, partner=other_partner)
    escalation.refresh_from_db()
    assert escalation.partner == partner


def test_resolve_sets_outcome_date_and_final_hours(manager, partner):
    escalation = log(manager, partner)
    services.escalation_resolve(
        actor=manager, escalation=escalation, outcome="workaround",
        resolved_on=datetime.date(2026, 3, 9), effort_hours=Decimal("12"),
    )  # fmt: skip
    escalation.refresh_from_db()
    assert (escalation.outcome, escalation.resolved_on) == ("workaround", datetime.date(2026, 3, 9))
    assert escalation.effort_hours == Decimal("12")


def test_resolve_refuses_open_as_outcome_and_a_second_resolution(manager, partner):
    escalation = log(manager, partner)
    with pytest.raises(ValidationError) as excinfo:
        services.escalation_resolve(actor=manager, escalation=escalation, outcome="open",
                                    resolved_on=datetime.date(2026, 3, 9))  # fmt: skip
    assert "outcome" in field_errors(excinfo)
    services.escalation_resolve(actor=manager, escalation=escalation, outcome="resolved",
                                resolved_on=datetime.date(2026, 3, 9))  # fmt: skip
    with pytest.raises(ValidationError) as excinfo:
        services.escalation_resolve(actor=manager, escalation=escalation, outcome="no_fault",
                                    resolved_on=datetime.date(2026, 3, 10))  # fmt: skip
    assert "outcome" in field_errors(excinfo)


def test_resolve_before_opened_is_refused_at_the_field(manager, partner):
    escalation = log(manager, partner)
    with pytest.raises(ValidationError) as excinfo:
        services.escalation_resolve(actor=manager, escalation=escalation, outcome="resolved",
                                    resolved_on=datetime.date(2026, 2, 1))  # fmt: skip
    assert "resolved_on" in field_errors(excinfo)


def test_partner_admins_hear_of_logging_and_resolving(
    manager, partner, partner_admin, partner_member, outsider
):
    escalation = log(manager, partner)
    logged = Notification.objects.filter(kind="escalation_logged")
    assert set(logged.values_list("recipient", flat=True)) == {partner_admin.pk}
    services.escalation_resolve(actor=manager, escalation=escalation, outcome="resolved",
                                resolved_on=datetime.date(2026, 3, 9))  # fmt: skip
    resolved = Notification.objects.get(kind="escalation_resolved")
    assert resolved.recipient == partner_admin
    assert resolved.url == f"/portal/escalations/{escalation.pk}/"


def test_closing_through_update_tells_the_admins_once(manager, partner, partner_admin):
    escalation = log(manager, partner)
    services.escalation_update(actor=manager, escalation=escalation, outcome="resolved",
                               resolved_on=datetime.date(2026, 3, 9))  # fmt: skip
    services.escalation_update(actor=manager, escalation=escalation, effort_hours=Decimal("1"))
    assert Notification.objects.filter(kind="escalation_resolved").count() == 1
