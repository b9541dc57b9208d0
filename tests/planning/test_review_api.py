"""`/api/v1/underperformer-reviews/`: staff list, read, create on a candidate and decide;
400 with field errors; partner users 403; no update or delete."""

import pytest

from planning.models import ReviewStatus

from .review_support import candidate, days, open_review

pytestmark = pytest.mark.django_db

URL = "/api/v1/underperformer-reviews/"


def test_staff_list_filter_and_read(api_for, manager, partner, other_partner):
    review = open_review(partner, manager)
    open_review(other_partner, manager)
    api = api_for(manager)
    body = api.get(URL, {"partner": partner.slug}).json()
    assert body["count"] == 1 and body["results"][0]["id"] == review.pk
    assert api.get(URL, {"status": "open"}).json()["count"] == 2
    detail = api.get(f"{URL}{review.pk}/")
    assert detail.status_code == 200 and detail.json()["partner_name"] == "Acme Systems"


def test_create_on_a_candidate_then_decide(api_for, manager, partner):
    api = api_for(manager)
    alert = candidate(partner)
    created = api.post(URL, {"alert": alert.pk}, format="json")
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    decided = api.post(f"{URL}{pk}/decide/", {
        "decision": "remediate", "remediation_deadline": days(45).isoformat(),
        "actions": ["Weekly pipeline call"],
    }, format="json")  # fmt: skip
    assert decided.status_code == 200, decided.json()
    assert decided.json()["status"] == ReviewStatus.DECIDED
    assert decided.json()["remediation_plan"] is not None


def test_invalid_writes_are_400_at_their_fields(api_for, manager, partner):
    api = api_for(manager)
    assert "alert" in api.post(URL, {}, format="json").json()
    review = open_review(partner, manager)
    again = api.post(URL, {"alert": review.alert_id}, format="json")
    assert again.status_code == 400 and "alert" in again.json()
    for body, field in (
        ({"decision": "exit", "exit_on": days(-1).isoformat()}, "exit_on"),
        ({"decision": "keep"}, "reason"),
        ({"decision": "nope"}, "decision"),
        ({"decision": "keep", "reason": "x", "colour": "red"}, "colour"),
    ):
        response = api.post(f"{URL}{review.pk}/decide/", body, format="json")
        assert response.status_code == 400 and field in response.json(), response.json()


def test_partner_users_are_refused(api_for, manager, partner, partner_admin, outsider):
    review = open_review(partner, manager)
    for user in (partner_admin, outsider):
        api = api_for(user)
        assert api.get(URL).status_code == 403
        assert api.get(f"{URL}{review.pk}/").status_code == 403
        assert api.post(f"{URL}{review.pk}/decide/", {"decision": "keep", "reason": "x"},
                        format="json").status_code == 403  # fmt: skip
    assert api_for(None).get(URL).status_code in (401, 403)


def test_no_update_or_delete(api_for, manager, partner):
    review = open_review(partner, manager)
    api = api_for(manager)
    assert api.patch(f"{URL}{review.pk}/", {"reason": "x"}, format="json").status_code == 405
    assert api.delete(f"{URL}{review.pk}/").status_code == 405


def test_list_runs_constant_queries(api_for, manager, count_queries):
    from ..factories import PartnerFactory

    api = api_for(manager)
    for _index in range(2):
        open_review(PartnerFactory(owner=manager), manager)
    small = count_queries(api, URL)
    for _index in range(6):
        open_review(PartnerFactory(owner=manager), manager)
    assert count_queries(api, URL) == small
