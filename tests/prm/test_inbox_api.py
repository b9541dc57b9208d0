"""GET /api/v1/inbox/: my waiting items as JSON (kind, partner, age, URL), filtered by kind and
scope, paginated; a partner user gets their own partner's only."""

import datetime

import pytest
from django.utils import timezone

from performance.services.deals import deal_approve
from tests.factories import PartnerFactory, UserFactory
from tests.incentives.claims_factories import IncentiveClaimFactory
from tests.performance.deals_factories import DealRegistrationFactory
from tests.performance.plans_factories import BusinessPlanFactory, PlanActionFactory, ReviewFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/inbox/"
TODAY = timezone.localdate()


def test_lists_my_items_with_kind_partner_age_and_url(api_for, manager, partner):
    ReviewFactory(partner=partner)
    deal = DealRegistrationFactory(partner=partner, customer_name="Initech")
    PlanActionFactory(
        plan=BusinessPlanFactory(partner=partner),
        owner_side="vendor",
        owner_name="",
        owner_user=manager,
        due=TODAY - datetime.timedelta(days=2),
    )
    DealRegistrationFactory(partner=PartnerFactory())
    body = api_for(manager).get(URL).json()
    assert body["count"] == 2 and body["counts"]["deals"] == 1 and body["next"] is None
    first, second = body["results"]
    assert (first["kind"], first["urgency"], first["overdue_days"]) == (
        "plan-actions",
        "overdue",
        2,
    )
    assert second["kind"] == "deals" and second["partner"] == "Acme Systems"
    assert second["what"].startswith("Initech") and second["age_days"] == 0
    assert second["url"] == f"http://testserver/performance/deals/{deal.pk}/"


def test_filters_by_kind_and_scope(api_for, manager, partner):
    DealRegistrationFactory(partner=partner)
    DealRegistrationFactory(partner=PartnerFactory())
    IncentiveClaimFactory(partner=partner)
    api = api_for(manager)
    assert api.get(URL, {"kind": "deals"}).json()["count"] == 1
    team = api.get(URL, {"kind": "deals", "scope": "team"}).json()
    assert team["count"] == 2 and {row["kind"] for row in team["results"]} == {"deals"}


def test_paginates(api_for, manager, partner):
    ReviewFactory(partner=partner)
    DealRegistrationFactory.create_batch(52, partner=partner)
    api = api_for(manager)
    first = api.get(URL).json()
    assert len(first["results"]) == 50 and first["next"].endswith("page=2")
    second = api.get(first["next"]).json()
    assert len(second["results"]) == 2 and second["previous"] == "http://testserver/api/v1/inbox/"
    assert api.get(URL, {"page": 3}).status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        {"kind": "nope"},
        {"scope": "everyone"},
        {"page": "0"},
        {"page": "x"},
        {"page": "101"},
        {"kind": "portal-rules"},
    ],
)
def test_bad_filters_answer_400(api_for, manager, query):
    response = api_for(manager).get(URL, query)
    assert response.status_code == 400 and list(response.json()) == list(query)


def test_partner_user_gets_only_their_own_partner(
    api_for, manager, partner, partner_member, other_partner
):
    for customer, owner in (("Ours", partner), ("Theirs", other_partner)):
        deal_approve(
            actor=manager, deal=DealRegistrationFactory(partner=owner, customer_name=customer)
        )
    body = api_for(partner_member).get(URL, {"scope": "team"}).json()
    assert [row["what"] for row in body["results"]] == ["Ours: approved"]
    assert body["results"][0]["url"].startswith("http://testserver/portal/performance/deals/")


def test_read_only_anonymous_and_roleless(api_for, manager):
    assert api_for(manager).post(URL, {}).status_code == 405
    assert api_for(manager).delete(URL).status_code == 405
    assert api_for().get(URL).status_code in (401, 403)
    assert api_for(UserFactory(role="")).get(URL).status_code == 403


def test_query_count_is_constant(api_for, manager, partner, count_queries):
    api = api_for(manager)
    DealRegistrationFactory(partner=partner)
    small = count_queries(api, URL)
    DealRegistrationFactory.create_batch(30, partner=partner)
    IncentiveClaimFactory.create_batch(10, partner=partner)
    assert count_queries(api, URL) == small


def test_the_schema_describes_it(api_for, manager):
    schema = api_for(manager).get("/api/schema/", {"format": "json"}).json()
    operation = schema["paths"]["/api/v1/inbox/"]["get"]
    assert {p["name"] for p in operation["parameters"]} >= {"kind", "scope", "page"}
