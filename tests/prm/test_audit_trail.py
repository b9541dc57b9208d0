"""The audit trail: every model users edit is recorded (who, when, from which value to which),
token writes record their user, and each object's page shows its changes."""

import datetime

import pytest
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from performance.models import AuditWeights, DealRegistration, Metric, TargetProposal
from tests.factories import InteractionFactory, UserFactory
from tests.performance.audits_factories import (
    PerformanceAuditActionFactory,
    PerformanceAuditFactory,
)
from tests.performance.deals_factories import DealRegistrationFactory, deal_fields
from tests.performance.plans_factories import (
    BusinessPlanFactory,
    PlanActionFactory,
    ReviewFactory,
)
from tests.performance.targets_factories import ActualFactory, TargetFactory, metric

pytestmark = pytest.mark.django_db


def token_client(user) -> APIClient:
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return api


def test_a_token_write_by_a_partner_user_records_the_actor(partner_admin, partner):
    payload = deal_fields()
    payload["expected_close_on"] = payload["expected_close_on"].isoformat()
    payload["value"] = str(payload["value"])

    response = token_client(partner_admin).post(
        "/api/v1/deal-registrations/", payload, format="json"
    )

    assert response.status_code == 201, response.json()
    entry = LogEntry.objects.get_for_object(DealRegistration.objects.get()).get()
    assert entry.action == LogEntry.Action.CREATE
    assert entry.actor == partner_admin


def test_a_token_update_by_staff_records_the_actor(manager, partner):
    response = token_client(manager).patch(
        f"/api/v1/partners/{partner.pk}/", {"internal_notes": "Changed"}, format="json"
    )
    assert response.status_code == 200
    entry = LogEntry.objects.get_for_object(partner).filter(action=LogEntry.Action.UPDATE).get()
    assert entry.actor == manager
    assert entry.changes_dict["internal_notes"][1] == "Changed"
    assert "version" not in entry.changes_dict


def _weights():
    return AuditWeights.objects.create(deliver=40, sweet_spot=20, territory=20, revenue=20)


NEWLY_AUDITED = [
    (InteractionFactory, "notes", "Follow up next week"),
    (TargetFactory, "year", 2027),
    (ActualFactory, "value", "250.00"),
    (lambda: metric("revenue"), "name", "Revenue (net)"),
    (PerformanceAuditFactory, "summary", "Strong quarter"),
    (PerformanceAuditActionFactory, "what", "Train two engineers"),
    (_weights, "deliver", 35),
    (BusinessPlanFactory, "title", "Plan 2027"),
    (PlanActionFactory, "title", "Launch webinar"),
    (ReviewFactory, "outcomes", "Agreed the pipeline review"),
]


@pytest.mark.parametrize(("make", "field", "value"), NEWLY_AUDITED)
def test_each_edited_model_records_who_changed_what(make, field, value, manager):
    from prm.lib.audit import acting_as

    obj = make()
    if field == "deliver":
        obj.sweet_spot = 25  # the weights keep summing to 100
    setattr(obj, field, value)
    with acting_as(manager):
        obj.save()

    entry = LogEntry.objects.get_for_object(obj).filter(action=LogEntry.Action.UPDATE).get()
    assert entry.actor == manager
    assert entry.changes_dict[field][1] == str(value)


def test_target_proposals_and_metrics_are_registered():
    assert auditlog.contains(TargetProposal) and auditlog.contains(Metric)


def test_a_deal_page_shows_its_changes(client_for, manager, partner):
    from prm.lib.audit import acting_as

    deal = DealRegistrationFactory(partner=partner)
    deal.notes = "Customer asked for a demo"
    with acting_as(UserFactory(first_name="Rita", last_name="Reviewer")):
        deal.save()

    response = client_for(manager).get(deal.get_absolute_url())

    text = response.content.decode()
    assert response.status_code == 200
    assert "Changes" in text and "Rita Reviewer" in text and "Customer asked for a demo" in text


def test_a_stakeholder_page_shows_its_changes(client_for, manager):
    from tests.factories import StakeholderFactory

    stakeholder = StakeholderFactory()
    stakeholder.influences = "The budget for 2027"
    stakeholder.save()
    response = client_for(manager).get(stakeholder.get_absolute_url())
    assert "The budget for 2027" in response.content.decode()
    assert datetime.date.today().strftime("%Y") in response.content.decode()
