"""The reach calculator, its scenarios and their comparison: pages and API, staff only."""

from decimal import Decimal as D

import pytest
from django.urls import reverse

from planning.models import ReachScenario
from planning.services.reach import reach_scenario_create
from tests.factories import PartnerFactory, TerritoryFactory

QUERY = {"goal": "1200000", "period_months": "12", "average_revenue": "200000",
         "productive_share": "50", "ramp_months": "6", "attrition": "20",
         "training_cost": "5000", "incentive_cost": "2000", "currency": "EUR"}  # fmt: skip


@pytest.fixture
def territories(db):
    north = TerritoryFactory(name="North", capacity=20)
    south = TerritoryFactory(name="South", capacity=40)
    for _ in range(10):
        PartnerFactory(territories=[north])
    return north, south


def make_scenario(user, name="Plan", **changes):
    values = {"goal": D(1_200_000), "period_months": 12, "currency": "EUR",
              "average_revenue": D(200_000), "productive_share": D(50), "ramp_months": 6,
              "attrition": D(20), "training_cost": D(5000), "incentive_cost": D(2000)}  # fmt: skip
    return reach_scenario_create(actor=user, name=name, **(values | changes))


def split(north, south, a="50", b="50"):
    return {f"split_{north.pk}": a, f"split_{south.pk}": b}


def test_calculator_page_and_fragment(client_for, manager, territories):
    north, south = territories
    client = client_for(manager)
    response = client.get(reverse("planning:reach"), QUERY | split(north, south))
    body = response.content.decode()
    assert response.status_code == 200
    assert 'hx-trigger="input changed delay:300ms"' in body
    assert "= 30</code>" in body  # the formula with the numbers substituted
    assert "Over-distribution" in body  # North: 10 now + 15 recruits > 20
    fragment = client.get(reverse("planning:reach"), QUERY | split(north, south),
                          HTTP_HX_REQUEST="true")  # fmt: skip
    assert fragment.status_code == 200
    assert "<html" not in fragment.content.decode()
    assert 'id="reach-results"' in fragment.content.decode()


def test_calculator_starts_from_defaults(client_for, manager, territories):
    body = client_for(manager).get(reverse("planning:reach")).content.decode()
    assert "no data" in body  # no actuals: each default says so, with its fallback
    assert "What it takes" in body


@pytest.mark.parametrize(("field", "value", "message"), [
    ("productive_share", "0", "more than 0 %"),
    ("productive_share", "120", "more than 0 %"),
    ("goal", "-5", "more than zero"),
    ("ramp_months", "12", "shorter than the period"),
    ("attrition", "100", "below 100 %"),
])  # fmt: skip
def test_impossible_input_message_at_the_field(client_for, manager, territories, field, value,
                                               message):  # fmt: skip
    north, south = territories
    query = QUERY | split(north, south) | {field: value}
    client = client_for(manager)
    page = client.get(reverse("planning:reach"), query).content.decode()
    assert f'id="field-{field}"' in page
    field_html = page.split(f'id="field-{field}"')[1].split('id="reach-error-')[0]
    assert message in field_html
    fragment = client.get(reverse("planning:reach"), query, HTTP_HX_REQUEST="true")
    assert fragment.status_code == 422
    oob = fragment.content.decode().split(f'id="reach-error-{field}"')[1].split("</div>")[0]
    assert message in oob


def test_split_must_sum_to_100(client_for, manager, territories):
    north, south = territories
    page = client_for(manager).get(
        reverse("planning:reach"), QUERY | split(north, south, "50", "40")
    )
    assert "must add up to 100 %" in page.content.decode()


def test_save_scenario_from_calculator(client_for, manager, territories):
    north, south = territories
    client = client_for(manager)
    data = QUERY | split(north, south, "25", "75") | {"name": "Steady", "notes": "as planned"}
    response = client.post(reverse("planning:reach-scenario-save"), data)
    assert response.status_code == 302
    scenario = ReachScenario.objects.get(name="Steady")
    assert scenario.created_by == manager and scenario.ramp_months == 6
    assert {row.territory_id: row.percent for row in scenario.splits.all()} == {
        north.pk: D(25),
        south.pk: D(75),
    }
    again = client.post(reverse("planning:reach-scenario-save"), data)
    assert again.status_code == 422
    assert "already have a scenario with this name" in again.content.decode()


def test_list_and_compare(client_for, manager, territories):
    one, two = make_scenario(manager, "Plan"), make_scenario(manager, "Bold", goal=D(2_400_000))
    client = client_for(manager)
    listing = client.get(reverse("planning:reach-scenario-list")).content.decode()
    assert "Plan" in listing and "Bold" in listing
    compare = client.get(reverse("planning:reach-compare"), {"ids": f"{one.pk},{two.pk}"})
    body = compare.content.decode()
    assert compare.status_code == 200
    assert "compare-goal-data" in body and "scenario-0-sensitivity-data" in body
    assert "/planning/reach/?goal=1200000" in body  # open a scenario in the calculator
    too_many = client.get(reverse("planning:reach-compare"), {"ids": "1,2,3,4,5"})
    assert too_many.status_code == 302


def test_delete_scenario(client_for, manager, territories):
    scenario = make_scenario(manager)
    client = client_for(manager)
    assert (
        client.post(reverse("planning:reach-scenario-delete", args=[scenario.pk])).status_code
        == 302
    )
    assert not ReachScenario.objects.exists()
    assert (
        client.post(reverse("planning:reach-scenario-delete", args=[scenario.pk])).status_code
        == 404
    )


@pytest.mark.parametrize("name", ["reach", "reach-scenario-list", "reach-compare"])
def test_partner_users_refused(client_for, partner_admin, name):
    assert client_for(partner_admin).get(reverse(f"planning:{name}")).status_code == 403


def test_wrong_method(client_for, manager, territories):
    client = client_for(manager)
    assert client.post(reverse("planning:reach")).status_code == 405
    assert client.get(reverse("planning:reach-scenario-save")).status_code == 405


def test_scenario_list_queries_constant(client_for, manager, territories, count_queries):
    client = client_for(manager)
    make_scenario(manager, "A")
    url = reverse("planning:reach-scenario-list")
    few = count_queries(client, url, warm=True)
    for index in range(6):
        make_scenario(manager, f"More {index}")
    assert count_queries(client, url, warm=True) == few


def test_calculator_queries_constant(client_for, manager, territories, count_queries):
    client = client_for(manager)
    url = reverse("planning:reach")
    few = count_queries(client, url, warm=True)
    for index in range(8):
        PartnerFactory(territories=[TerritoryFactory(name=f"Extra {index}")])
    assert count_queries(client, url, warm=True) == few


# --- API ---------------------------------------------------------------------------------------


def test_api_reach(api_for, manager, territories):
    north, south = territories
    query = QUERY | {"split": f"{north.pk}:50,{south.pk}:50"}
    response = api_for(manager).get("/api/v1/reach/", query)
    assert response.status_code == 200, response.json()
    data = response.json()
    assert data["productive_partners_needed"] == 12
    assert data["recruits_needed"] == 30
    assert data["formula"].endswith("= 30")
    assert data["over_distribution"] is True
    assert data["defaults"]["attrition"]["used"] is False


def test_api_reach_field_errors(api_for, manager, territories):
    response = api_for(manager).get(
        "/api/v1/reach/", QUERY | {"ramp_months": "12", "productive_share": "0"}
    )
    assert response.status_code == 400
    assert set(response.json()) >= {"ramp_months", "productive_share"}
    bad_split = api_for(manager).get("/api/v1/reach/", QUERY | {"split": "1:40"})
    assert bad_split.status_code == 400 and "split" in bad_split.json()


def test_api_reach_refused_to_partner_users(api_for, partner_admin):
    assert api_for(partner_admin).get("/api/v1/reach/", QUERY).status_code == 403
    assert api_for(partner_admin).get("/api/v1/reach-scenarios/").status_code == 403


def test_api_scenarios_crud(api_for, manager, territories):
    north, south = territories
    api = api_for(manager)
    body = {key: value for key, value in QUERY.items()} | {
        "name": "API plan",
        "split": [{"territory": north.pk, "percent": "100"}],
    }
    created = api.post("/api/v1/reach-scenarios/", body, format="json")
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    assert created.json()["results"]["recruits_needed"] == 30
    listed = api.get("/api/v1/reach-scenarios/").json()
    assert listed["results"][0]["name"] == "API plan"
    bad = api.patch(f"/api/v1/reach-scenarios/{pk}/", {"ramp_months": 20}, format="json")
    assert bad.status_code == 400 and "ramp_months" in bad.json()
    ok = api.patch(f"/api/v1/reach-scenarios/{pk}/", {"goal": "2400000"}, format="json")
    assert ok.status_code == 200 and ok.json()["results"]["productive_partners_needed"] == 24
    duplicate = api.post("/api/v1/reach-scenarios/", body, format="json")
    assert duplicate.status_code == 400 and "name" in duplicate.json()
    assert api.delete(f"/api/v1/reach-scenarios/{pk}/").status_code == 204
