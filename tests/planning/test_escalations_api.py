"""`/api/v1/escalations/`: staff CRUD through the services (400 with field errors, never 500);
partner users read their own partner's only, without internal notes, and write nothing."""

import pytest

from planning.models import Escalation
from prm.models import Notification

from .escalations_factories import EscalationFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/escalations/"


def body(partner, **overrides) -> dict:
    data = {"partner": partner.pk, "customer": "Harbor Dental Group", "severity": "high",
            "summary": "Licence keys did not activate.", "opened_on": "2026-03-02",
            "effort_hours": "6.5"}  # fmt: skip
    return {**data, **overrides}


def ids(response) -> set:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def test_anonymous_is_refused(api_for):
    assert api_for().get(URL).status_code in (401, 403)


def test_staff_logs_through_the_service(api_for, manager, partner, partner_admin):
    response = api_for(manager).post(URL, body(partner, internal_notes="ours"), format="json")
    assert response.status_code == 201, response.content
    escalation = Escalation.objects.get()
    assert escalation.logged_by == manager and response.json()["internal_notes"] == "ours"
    assert Notification.objects.filter(recipient=partner_admin, kind="escalation_logged").exists()


def test_staff_field_errors_are_400(api_for, manager, partner):
    api = api_for(manager)
    response = api.post(URL, body(partner, effort_hours="-3"), format="json")
    assert response.status_code == 400 and "effort_hours" in response.json()
    response = api.post(URL, body(partner, outcome="resolved"), format="json")
    assert response.status_code == 400 and "resolved_on" in response.json()
    response = api.post(URL, body(partner, outcome="resolved", resolved_on="2026-01-01"),
                        format="json")  # fmt: skip
    assert response.status_code == 400 and "resolved_on" in response.json()
    response = api.post(URL, body(partner, colour="red"), format="json")
    assert response.status_code == 400 and "colour" in response.json()
    assert not Escalation.objects.exists()


def test_staff_updates_but_cannot_move_it_to_another_partner(api_for, manager, partner,
                                                            other_partner):  # fmt: skip
    escalation = EscalationFactory(partner=partner)
    api = api_for(manager)
    response = api.patch(f"{URL}{escalation.pk}/", {"effort_hours": "12.0"}, format="json")
    assert response.status_code == 200 and response.json()["effort_hours"] == "12.0"
    moved = api.patch(f"{URL}{escalation.pk}/", {"partner": other_partner.pk}, format="json")
    assert moved.status_code == 400 and "partner" in moved.json()


def test_staff_resolves_and_errors_are_at_the_field(api_for, manager, partner):
    escalation = EscalationFactory(partner=partner)
    api = api_for(manager)
    resolve = f"{URL}{escalation.pk}/resolve/"
    bad = api.post(resolve, {"outcome": "resolved", "resolved_on": "2026-01-01"}, format="json")
    assert bad.status_code == 400 and "resolved_on" in bad.json()
    good = api.post(resolve, {"outcome": "no_fault", "resolved_on": "2026-01-20"}, format="json")
    assert good.status_code == 200 and good.json()["outcome"] == "no_fault"


def test_delete_and_collection_writes_are_405(api_for, manager, partner):
    escalation = EscalationFactory(partner=partner)
    api = api_for(manager)
    assert api.delete(f"{URL}{escalation.pk}/").status_code == 405
    assert api.put(URL, {}, format="json").status_code == 405


def test_staff_filters(api_for, manager, partner, other_partner):
    mine = EscalationFactory(partner=partner, severity="critical")
    done = EscalationFactory(partner=other_partner, severity="low", outcome="resolved",
                             resolved_on="2026-01-20")  # fmt: skip
    api = api_for(manager)
    assert ids(api.get(URL, {"partner": partner.slug})) == {mine.pk}
    assert ids(api.get(URL, {"severity": "low"})) == {done.pk}
    assert ids(api.get(URL, {"open": "true"})) == {mine.pk}
    assert ids(api.get(URL, {"open": "false"})) == {done.pk}


def test_partner_user_reads_own_only_without_internal_notes(api_for, partner, other_partner,
                                                           partner_member):  # fmt: skip
    own = EscalationFactory(partner=partner, internal_notes="ISO-SECRET", partner_notes="hi")
    foreign = EscalationFactory(partner=other_partner)
    api = api_for(partner_member)
    response = api.get(URL)
    assert ids(response) == {own.pk}
    assert "ISO-SECRET" not in response.content.decode()
    assert "internal_notes" not in response.json()["results"][0]
    detail = api.get(f"{URL}{own.pk}/")
    assert detail.status_code == 200 and detail.json()["effort_hours"] == "4.0"
    assert api.get(f"{URL}{foreign.pk}/").status_code == 404


def test_partner_user_cannot_write(api_for, partner, partner_admin):
    own = EscalationFactory(partner=partner)
    api = api_for(partner_admin)
    assert api.post(URL, body(partner), format="json").status_code == 403
    assert api.patch(f"{URL}{own.pk}/", {"effort_hours": "1"}, format="json").status_code == 403
    assert api.post(f"{URL}{own.pk}/resolve/", {}, format="json").status_code == 403
    assert api.delete(f"{URL}{own.pk}/").status_code in (403, 405)
    assert Escalation.objects.get().effort_hours == own.effort_hours


def test_list_query_count_is_constant(api_for, manager, partner, count_queries):
    api = api_for(manager)
    EscalationFactory(partner=partner, logged_by=manager)
    small = count_queries(api, URL)
    EscalationFactory.create_batch(10, logged_by=manager)
    assert count_queries(api, URL) == small
