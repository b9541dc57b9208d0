import pytest

from performance.models import Actual, Target, TargetStatus
from performance.services.targets import target_propose
from tests.performance.targets_factories import ActualFactory, metric

pytestmark = pytest.mark.django_db


def _target(manager, partner, key="revenue"):
    return target_propose(actor=manager, partner=partner, metric=metric(key), year=2026,
                          quarter=1, value=100)  # fmt: skip


def test_targets_api_staff_sees_all(api_for, manager, partner, other_partner):
    _target(manager, partner)
    _target(manager, other_partner)
    response = api_for(manager).get("/api/v1/targets/")
    assert response.status_code == 200 and response.json()["count"] == 2


def test_targets_api_partner_sees_own_only(api_for, manager, partner, other_partner,
                                           partner_member):  # fmt: skip
    mine = _target(manager, partner)
    theirs = _target(manager, other_partner)
    api = api_for(partner_member)
    rows = api.get("/api/v1/targets/").json()["results"]
    assert [row["id"] for row in rows] == [mine.pk]
    assert api.get(f"/api/v1/targets/{theirs.pk}/").status_code == 404
    proposals = api.get("/api/v1/target-proposals/").json()["results"]
    assert {row["target"] for row in proposals} == {mine.pk}


def test_targets_api_propose_counter_accept(api_for, manager, partner, partner_admin):
    data = {"partner": partner.pk, "metric": "revenue", "year": 2026, "quarter": 2,
            "value": "500", "comment": "Let's go"}  # fmt: skip
    created = api_for(manager).post("/api/v1/targets/", data, format="json")
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    countered = api_for(partner_admin).post(f"/api/v1/targets/{pk}/counter/", {"value": "400"})
    assert countered.status_code == 200
    accepted = api_for(manager).post(f"/api/v1/targets/{pk}/accept/", {})
    assert accepted.status_code == 200 and accepted.json()["agreed_value"] == "400.00"
    assert Target.objects.get().status == TargetStatus.AGREED


def test_targets_api_accept_own_proposal_400(api_for, manager, partner):
    target = _target(manager, partner)
    assert api_for(manager).post(f"/api/v1/targets/{target.pk}/accept/", {}).status_code == 400


def test_targets_api_member_proposes_viewer_cannot(api_for, partner, partner_member):
    from tests.partners.team_support import ROLE, member

    data = {"partner": partner.pk, "metric": "revenue", "year": 2026, "value": "5"}
    viewer = member(partner, ROLE.VIEWER).user
    assert api_for(viewer).post("/api/v1/targets/", data).status_code == 403
    assert not Target.objects.exists()
    assert api_for(partner_member).post("/api/v1/targets/", data).status_code == 201
    assert Target.objects.count() == 1


def test_targets_api_outsider_cannot_act(api_for, manager, partner, outsider):
    target = _target(manager, partner)
    api = api_for(outsider)
    assert api.post(f"/api/v1/targets/{target.pk}/accept/", {}).status_code == 404
    data = {"partner": partner.pk, "metric": "pipeline", "year": 2026, "value": "5"}
    assert api.post("/api/v1/targets/", data).status_code == 403
    assert Target.objects.count() == 1


def test_actuals_api_scope_and_staff_write(api_for, manager, partner, other_partner, partner_admin):
    ActualFactory(partner=partner)
    ActualFactory(partner=other_partner)
    assert api_for(manager).get("/api/v1/actuals/").json()["count"] == 2
    assert api_for(partner_admin).get("/api/v1/actuals/").json()["count"] == 1
    data = {"partner": partner.pk, "metric": "revenue", "year": 2026, "quarter": 3, "value": "9"}
    assert api_for(partner_admin).post("/api/v1/actuals/", data).status_code == 403
    assert api_for(manager).post("/api/v1/actuals/", data).status_code == 201
    assert Actual.objects.get(year=2026).source == "entered"


def test_targets_api_anonymous_and_wrong_method(api_for, manager, partner):
    target = _target(manager, partner)
    for url in ("/api/v1/targets/", "/api/v1/target-proposals/", "/api/v1/actuals/"):
        assert api_for().get(url).status_code in (401, 403)
    assert api_for(manager).delete(f"/api/v1/targets/{target.pk}/").status_code == 405
    assert api_for(manager).get(f"/api/v1/targets/{target.pk}/accept/").status_code == 405
