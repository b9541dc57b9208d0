"""Nothing of relationships reaches the portal: not on any portal page, not in any API answer a
partner user gets. The pages and endpoints are discovered from the URL configuration, so new
ones are covered as they are added."""

import datetime

import pytest
from django.urls import URLPattern, get_resolver

from prm.urls import router
from tests.factories import (
    ContactFactory,
    CultureAssessmentFactory,
    EngagementActionFactory,
    InteractionFactory,
    RelationshipObjectiveFactory,
    RelationshipPlanFactory,
    StakeholderFactory,
)

SECRETS = [
    "SECRET-RESPONSIBILITIES",
    "SECRET-CHAMPION-REASON",
    "SECRET-PLAN-VALUE",
    "SECRET-INTERACTION-NOTES",
    "SECRET-ACTION-TITLE",
    "SECRET-OBJECTIVE-TITLE",
    "SECRET-CULTURE-VALUES",
]
RELATIONSHIP_KEYS = [
    "stance", "strategy", "influence", "relationship_level", "is_champion", "champion_reason",
    "adaptability", "decision_orientation", "cadence_days", "last_interaction_on", "owners",
    "formal_responsibilities", "stakeholder",
]  # fmt: skip


@pytest.fixture
def analysed_partner(partner, manager):
    boss = ContactFactory(partner=partner, first_name="Claire", last_name="Boss")
    report = ContactFactory(partner=partner, reports_to=boss, first_name="Rui", last_name="Report")
    stakeholder = StakeholderFactory(
        contact=boss,
        stance="non_supporter",
        influence=5,
        is_champion=True,
        champion_reason="SECRET-CHAMPION-REASON",
        formal_responsibilities="SECRET-RESPONSIBILITIES",
    )
    StakeholderFactory(contact=report, stance="supporter")
    RelationshipPlanFactory(
        stakeholder=stakeholder, owner=manager, value_we_provide="SECRET-PLAN-VALUE"
    )
    InteractionFactory(
        partner=partner, stakeholders=[stakeholder], notes="SECRET-INTERACTION-NOTES",
        occurred_on=datetime.date.today(), logged_by=manager,
    )  # fmt: skip
    EngagementActionFactory(partner=partner, owner=manager, title="SECRET-ACTION-TITLE")
    RelationshipObjectiveFactory(partner=partner, owner=manager, title="SECRET-OBJECTIVE-TITLE")
    CultureAssessmentFactory(
        partner=partner,
        assessed_by=manager,
        values="SECRET-CULTURE-VALUES",
        ratings={("decision_making", "bureaucratic"): 4},
    )
    return partner


def _portal_paths():
    """Every portal page without a parameter in its URL, whichever app mounts it."""
    paths = []

    def walk(patterns, prefix):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLPattern):
                if route.startswith("portal/") and not pattern.pattern.converters:
                    paths.append("/" + route)
            elif route.startswith("portal") or "portal/".startswith(route):
                walk(pattern.url_patterns, route)

    walk(get_resolver().url_patterns, "")
    return paths


def _api_list_paths():
    return [f"/api/v1/{prefix}/" for prefix, _viewset, _basename in router.registry]


def _assert_clean(body: str, where: str):
    for secret in SECRETS:
        assert secret not in body, f"{secret} leaked into {where}"


def test_portal_pages_never_show_relationship_data(client_for, partner_admin, analysed_partner):
    client = client_for(partner_admin)
    paths = _portal_paths()
    assert "/portal/" in paths
    for path in paths:
        response = client.get(path)
        if response.status_code == 405 and "GET" not in response.get("Allow", ""):
            continue  # an action (POST only, e.g. /portal/team/invite/): no page to show
        assert response.status_code == 200, path
        body = response.content.decode()
        _assert_clean(body, path)
        for word in ("Non-supporter", "Neutralize", "Champion", "Influence", "Bureaucratic"):
            assert word not in body, f"{word} shown on {path}"


def test_partner_user_api_answers_carry_no_relationship_field(
    api_for, partner_admin, analysed_partner
):
    api = api_for(partner_admin)
    readable = 0
    for path in _api_list_paths():
        response = api.get(path)
        body = response.content.decode()
        _assert_clean(body, path)
        if response.status_code == 200:
            readable += 1
            for row in response.json()["results"]:
                leaked = set(RELATIONSHIP_KEYS) & set(row)
                assert not leaked, f"{path} gives a partner user {leaked}"
        else:
            assert response.status_code in (403, 404), (path, response.status_code)
    assert readable >= 3  # partners, territories, segments at least


def test_partner_user_reads_own_contacts_but_not_another_partners(
    api_for, partner_admin, analysed_partner, other_partner
):
    ContactFactory(partner=other_partner, first_name="Stranger", last_name="Elsewhere")
    response = api_for(partner_admin).get("/api/v1/contacts/")
    assert response.status_code == 200
    names = {row["last_name"] for row in response.json()["results"]}
    assert names == {"Boss", "Report"}
    for row in response.json()["results"]:
        assert set(row) <= {
            "id", "first_name", "last_name", "title", "org_unit", "reports_to", "email", "phone",
        }  # fmt: skip
