"""The relationships REST API: staff only (partner users 403, anonymous 401), CRUD through the
services, field errors with nothing saved, filters, and constant query counts per list."""

import datetime

import pytest
from auditlog.models import LogEntry
from drf_spectacular.validation import validate_schema

from relationships.models import (
    EngagementAction,
    Interaction,
    RelationshipObjective,
    RelationshipPlan,
    Stakeholder,
)
from tests.factories import (
    ContactFactory,
    EngagementActionFactory,
    InteractionFactory,
    RelationshipObjectiveFactory,
    RelationshipPlanFactory,
    StakeholderFactory,
)

STAKEHOLDERS = "/api/v1/stakeholders/"
PLANS = "/api/v1/relationship-plans/"
ACTIONS = "/api/v1/engagement-actions/"
INTERACTIONS = "/api/v1/interactions/"
OBJECTIVES = "/api/v1/relationship-objectives/"
RESOURCES = [STAKEHOLDERS, PLANS, ACTIONS, INTERACTIONS, OBJECTIVES]
TODAY = datetime.date.today()


def days(n: int) -> str:
    return (TODAY + datetime.timedelta(days=n)).isoformat()


@pytest.fixture
def stakeholder(partner, manager):
    return StakeholderFactory(
        contact=ContactFactory(partner=partner, first_name="Carla", last_name="Finance"),
        influence=4,
        stance="neutral",
        owners=[manager],
    )


@pytest.fixture
def stranger(other_partner):
    """A stakeholder of another partner."""
    return StakeholderFactory(contact=ContactFactory(partner=other_partner))


@pytest.fixture
def every_object(stakeholder, partner, manager):
    """One object of each resource, so detail URLs exist: {collection URL: object}."""
    return {
        STAKEHOLDERS: stakeholder,
        PLANS: RelationshipPlanFactory(stakeholder=stakeholder, owner=manager),
        ACTIONS: EngagementActionFactory(partner=partner, owner=manager),
        INTERACTIONS: InteractionFactory(
            partner=partner, logged_by=manager, stakeholders=[stakeholder]
        ),
        OBJECTIVES: RelationshipObjectiveFactory(partner=partner, owner=manager),
    }


def counts() -> tuple:
    return tuple(
        model.objects.count()
        for model in (
            Stakeholder,
            RelationshipPlan,
            EngagementAction,
            Interaction,
            RelationshipObjective,
        )
    )


# --- access: staff only ---------------------------------------------------------------------


@pytest.mark.parametrize("url", RESOURCES)
@pytest.mark.parametrize("persona", ["partner_admin", "partner_member", "outsider"])
def test_relationships_api_partner_users_get_403_on_list_and_detail(
    request, api_for, every_object, url, persona
):
    api = api_for(request.getfixturevalue(persona))

    listing = api.get(url)
    detail = api.get(f"{url}{every_object[url].pk}/")

    assert listing.status_code == detail.status_code == 403
    assert "results" not in listing.json()
    assert "stance" not in detail.json()


@pytest.mark.parametrize("url", RESOURCES)
def test_relationships_api_partner_user_writes_are_403_and_save_nothing(
    api_for, partner_admin, every_object, partner, url
):
    api = api_for(partner_admin)
    before = counts()

    created = api.post(url, {"partner": partner.pk, "title": "x"}, format="json")
    patched = api.patch(f"{url}{every_object[url].pk}/", {"notes": "x"}, format="json")
    deleted = api.delete(f"{url}{every_object[url].pk}/")

    assert created.status_code == patched.status_code == deleted.status_code == 403
    assert counts() == before


def test_stakeholder_champion_and_summary_are_403_for_partner_user(
    api_for, partner_admin, stakeholder
):
    api = api_for(partner_admin)

    designated = api.post(f"{STAKEHOLDERS}{stakeholder.pk}/champion/", {"reason": "x"})
    summary = api.get(f"{STAKEHOLDERS}by-partner/")

    assert designated.status_code == summary.status_code == 403
    stakeholder.refresh_from_db()
    assert not stakeholder.is_champion


@pytest.mark.parametrize("url", RESOURCES)
def test_relationships_api_anonymous_is_401_in_json(api_for, every_object, url):
    listing = api_for().get(url)
    detail = api_for().get(f"{url}{every_object[url].pk}/")

    assert listing.status_code == detail.status_code == 401
    assert "Location" not in listing.headers
    assert "detail" in listing.json()


@pytest.mark.parametrize("url", RESOURCES)
def test_relationships_api_unknown_id_is_404(api_for, manager, url):
    assert api_for(manager).get(f"{url}999999/").status_code == 404


@pytest.mark.parametrize("url", RESOURCES)
def test_relationships_api_wrong_method_is_405(api_for, manager, every_object, url):
    api = api_for(manager)

    on_list = api.put(url, {}, format="json")
    on_detail = api.post(f"{url}{every_object[url].pk}/", {}, format="json")

    assert on_list.status_code == on_detail.status_code == 405


def test_stakeholder_champion_and_summary_wrong_method_is_405(api_for, manager, stakeholder):
    api = api_for(manager)

    assert api.get(f"{STAKEHOLDERS}{stakeholder.pk}/champion/").status_code == 405
    assert api.post(f"{STAKEHOLDERS}by-partner/", {}).status_code == 405


# --- stakeholders ---------------------------------------------------------------------------


def test_stakeholder_create_derives_strategy_and_partner(api_for, manager, other_manager, partner):
    contact = ContactFactory(partner=partner, title="CFO")
    payload = {
        "contact": contact.pk, "influence": 5, "stance": "supporter", "relationship_level": 4,
        "decision_orientation": "strategic", "adaptability": "visionary", "cadence_days": 14,
        "owners": [manager.pk, other_manager.pk], "strategy": "neutralize", "is_champion": True,
        "partner": 999,
    }  # fmt: skip

    response = api_for(manager).post(STAKEHOLDERS, payload, format="json")

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["strategy"] == "leverage"
    assert body["partner"] == partner.pk
    assert body["is_champion"] is False
    assert body["contact_title"] == "CFO"
    assert sorted(body["owners"]) == sorted([manager.pk, other_manager.pk])
    created = Stakeholder.objects.get(pk=body["id"])
    assert created.partner == partner and created.influence == 5
    entry = LogEntry.objects.get_for_object(created).get(action=LogEntry.Action.CREATE)
    assert entry.actor == manager


def test_stakeholder_retrieve_shows_the_analysis(api_for, manager, stakeholder):
    response = api_for(manager).get(f"{STAKEHOLDERS}{stakeholder.pk}/")

    assert response.status_code == 200
    body = response.json()
    assert body["contact"] == stakeholder.contact_id
    assert body["contact_name"] == "Carla Finance"
    assert body["strategy"] == "motivate"
    assert body["owners"] == [manager.pk]
    assert body["last_interaction_on"] is None


def test_stakeholder_patch_changes_stance_and_strategy_follows(api_for, manager, stakeholder):
    response = api_for(manager).patch(
        f"{STAKEHOLDERS}{stakeholder.pk}/", {"stance": "non_supporter"}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["strategy"] == "neutralize"
    stakeholder.refresh_from_db()
    assert stakeholder.stance == "non_supporter"
    assert list(stakeholder.owners.all()) == [manager]  # untouched by a partial update


def test_stakeholder_put_replaces_the_analysis(api_for, manager, other_manager, stakeholder):
    payload = {
        "contact": stakeholder.contact_id, "influence": 2, "stance": "supporter",
        "relationship_level": 5, "decision_orientation": "operational", "adaptability": "sceptic",
        "cadence_days": 60, "owners": [other_manager.pk],
    }  # fmt: skip

    response = api_for(manager).put(f"{STAKEHOLDERS}{stakeholder.pk}/", payload, format="json")

    assert response.status_code == 200, response.json()
    stakeholder.refresh_from_db()
    assert (stakeholder.influence, stakeholder.adaptability) == (2, "sceptic")
    assert list(stakeholder.owners.all()) == [other_manager]


def test_stakeholder_delete_removes_the_analysis_not_the_contact(api_for, manager, stakeholder):
    contact = stakeholder.contact

    response = api_for(manager).delete(f"{STAKEHOLDERS}{stakeholder.pk}/")

    assert response.status_code == 204
    assert not Stakeholder.objects.exists()
    contact.refresh_from_db()
    assert LogEntry.objects.filter(action=LogEntry.Action.DELETE, actor=manager).exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"influence": 7}, "influence"),
        ({"influence": 0}, "influence"),
        ({"stance": "friend"}, "stance"),
        ({"relationship_level": 9}, "relationship_level"),
        ({"adaptability": "laggard"}, "adaptability"),
        ({"decision_orientation": "whimsical"}, "decision_orientation"),
        ({"cadence_days": 0}, "cadence_days"),
        ({"cadence_days": 400}, "cadence_days"),
        ({"owners": [-1]}, "owners"),
    ],
)
def test_stakeholder_create_bad_input_is_400_at_the_field_and_saves_nothing(
    api_for, manager, partner, change, field
):
    contact = ContactFactory(partner=partner)

    response = api_for(manager).post(STAKEHOLDERS, {"contact": contact.pk, **change}, format="json")

    assert response.status_code == 400
    assert field in response.json()
    assert not Stakeholder.objects.exists()


def test_stakeholder_create_for_a_partner_user_as_owner_is_400(
    api_for, manager, partner, partner_admin
):
    contact = ContactFactory(partner=partner)

    response = api_for(manager).post(
        STAKEHOLDERS, {"contact": contact.pk, "owners": [partner_admin.pk]}, format="json"
    )

    assert response.status_code == 400
    assert "owners" in response.json()


def test_stakeholder_create_twice_for_a_contact_is_400_at_contact(api_for, manager, stakeholder):
    response = api_for(manager).post(
        STAKEHOLDERS, {"contact": stakeholder.contact_id}, format="json"
    )

    assert response.status_code == 400
    assert "already has a stakeholder analysis" in response.json()["contact"][0]
    assert Stakeholder.objects.count() == 1


def test_stakeholder_create_for_a_contact_who_left_is_400(api_for, manager, partner):
    gone = ContactFactory(partner=partner, left_on=TODAY)

    response = api_for(manager).post(STAKEHOLDERS, {"contact": gone.pk}, format="json")

    assert response.status_code == 400
    assert "has left" in response.json()["contact"][0]
    assert not Stakeholder.objects.exists()


def test_stakeholder_update_cannot_move_to_another_contact(api_for, manager, stakeholder, partner):
    other = ContactFactory(partner=partner)

    response = api_for(manager).patch(
        f"{STAKEHOLDERS}{stakeholder.pk}/", {"contact": other.pk, "influence": 1}, format="json"
    )

    assert response.status_code == 400
    assert "contact" in response.json()
    stakeholder.refresh_from_db()
    assert (stakeholder.contact_id, stakeholder.influence) == (stakeholder.contact.pk, 4)


def test_stakeholder_champion_designate_replaces_the_previous_champion(
    api_for, manager, stakeholder, partner
):
    previous = StakeholderFactory(
        contact=ContactFactory(partner=partner), is_champion=True, champion_reason="Old ally"
    )

    response = api_for(manager).post(
        f"{STAKEHOLDERS}{stakeholder.pk}/champion/", {"reason": "Sponsors our deals"}
    )

    assert response.status_code == 200
    assert response.json()["is_champion"] is True
    assert response.json()["champion_reason"] == "Sponsors our deals"
    previous.refresh_from_db()
    assert not previous.is_champion
    assert Stakeholder.objects.filter(partner=partner, is_champion=True).get() == stakeholder


def test_stakeholder_champion_without_reason_is_400_at_reason(api_for, manager, stakeholder):
    response = api_for(manager).post(f"{STAKEHOLDERS}{stakeholder.pk}/champion/", {"reason": " "})

    assert response.status_code == 400
    assert "reason" in response.json()
    stakeholder.refresh_from_db()
    assert not stakeholder.is_champion


def test_stakeholder_champion_delete_clears_it(api_for, manager, partner):
    champion = StakeholderFactory(
        contact=ContactFactory(partner=partner), is_champion=True, champion_reason="Ally"
    )

    response = api_for(manager).delete(f"{STAKEHOLDERS}{champion.pk}/champion/")

    assert response.status_code == 200
    assert response.json()["is_champion"] is False
    champion.refresh_from_db()
    assert (champion.is_champion, champion.champion_reason) == (False, "")


def test_stakeholder_champion_is_read_only_in_the_analysis(api_for, manager, stakeholder):
    response = api_for(manager).patch(
        f"{STAKEHOLDERS}{stakeholder.pk}/",
        {"is_champion": True, "champion_reason": "sneaky", "last_interaction_on": days(-1)},
        format="json",
    )

    assert response.status_code == 200
    stakeholder.refresh_from_db()
    assert not stakeholder.is_champion
    assert stakeholder.last_interaction_on is None


@pytest.fixture
def spread(partner, other_partner):
    """Stakeholders with varied stances and influence at two partners."""
    make = StakeholderFactory
    return {
        "key_supporter": make(contact=ContactFactory(partner=partner, last_name="Alpha"),
                              influence=5, stance="supporter"),
        "blocker": make(contact=ContactFactory(partner=partner, last_name="Bravo", title="CFO"),
                        influence=5, stance="non_supporter"),
        "neutral": make(contact=ContactFactory(partner=partner, last_name="Charlie"),
                        influence=2, stance="neutral", adaptability="sceptic"),
        "elsewhere": make(contact=ContactFactory(partner=other_partner, last_name="Delta"),
                          influence=4, stance="supporter"),
    }  # fmt: skip


def ids(response) -> set:
    assert response.status_code == 200, response.json()
    return {row["id"] for row in response.json()["results"]}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"stance": "supporter"}, {"key_supporter", "elsewhere"}),
        ({"strategy": "neutralize"}, {"blocker"}),
        ({"strategy": "motivate"}, {"neutral"}),
        ({"influence": 5}, {"key_supporter", "blocker"}),
        ({"influence_min": 4}, {"key_supporter", "blocker", "elsewhere"}),
        ({"adaptability": "sceptic"}, {"neutral"}),
        ({"search": "cfo"}, {"blocker"}),
        ({"search": "delta"}, {"elsewhere"}),
    ],
)
def test_stakeholder_list_filters(api_for, manager, spread, params, expected):
    response = api_for(manager).get(STAKEHOLDERS, params)

    assert ids(response) == {spread[name].pk for name in expected}


def test_stakeholder_list_filters_by_partner(api_for, manager, spread, partner):
    response = api_for(manager).get(STAKEHOLDERS, {"partner": partner.pk, "stance": "supporter"})

    assert ids(response) == {spread["key_supporter"].pk}


def test_stakeholder_list_bad_filter_is_400(api_for, manager, spread):
    assert api_for(manager).get(STAKEHOLDERS, {"strategy": "charm"}).status_code == 400
    assert api_for(manager).get(STAKEHOLDERS, {"partner": "abc"}).status_code == 400


def test_stakeholder_list_is_ordered_by_influence_and_orderable(api_for, manager, spread):
    default = api_for(manager).get(STAKEHOLDERS).json()["results"]
    by_level = api_for(manager).get(STAKEHOLDERS, {"ordering": "influence"}).json()["results"]

    assert [row["influence"] for row in default] == [5, 5, 4, 2]
    assert [row["influence"] for row in by_level] == [2, 4, 5, 5]


def test_stakeholder_by_partner_lists_biggest_organisations_first(
    api_for, manager, spread, partner, other_partner
):
    spread["key_supporter"].is_champion = True
    spread["key_supporter"].champion_reason = "Ally"
    spread["key_supporter"].save()

    response = api_for(manager).get(f"{STAKEHOLDERS}by-partner/")

    assert response.status_code == 200
    rows = response.json()["results"]
    assert [row["partner"] for row in rows] == [partner.pk, other_partner.pk]
    assert rows[0] == {
        "partner": partner.pk, "partner_name": partner.name, "partner_slug": partner.slug,
        "stakeholders": 3, "supporters": 1, "neutrals": 1, "non_supporters": 1,
        "has_champion": True,
    }  # fmt: skip
    assert rows[1]["has_champion"] is False


def test_stakeholder_by_partner_applies_filters(api_for, manager, spread, other_partner):
    response = api_for(manager).get(f"{STAKEHOLDERS}by-partner/", {"influence": 4})

    assert [row["partner"] for row in response.json()["results"]] == [other_partner.pk]


# --- relationship plans ---------------------------------------------------------------------


def plan_payload(stakeholder, owner, **extra):
    return {
        "stakeholder": stakeholder.pk,
        "position_and_responsibilities": "CFO; signs off every vendor contract",
        "value_we_provide": "Predictable margins",
        "communication_frequency": "Monthly call, quarterly dinner",
        "owner": owner.pk,
        "review_on": days(30),
        **extra,
    }


def test_plan_create_update_delete(api_for, manager, other_manager, stakeholder, partner):
    colleague = StakeholderFactory(contact=ContactFactory(partner=partner))
    api = api_for(manager)

    created = api.post(
        PLANS, plan_payload(stakeholder, manager, related_stakeholders=[colleague.pk]), "json"
    )
    assert created.status_code == 201, created.json()
    plan_id = created.json()["id"]
    assert created.json()["partner"] == partner.pk
    assert created.json()["related_stakeholders"] == [colleague.pk]

    updated = api.patch(f"{PLANS}{plan_id}/", {"owner": other_manager.pk}, format="json")
    assert updated.status_code == 200
    assert RelationshipPlan.objects.get().owner == other_manager
    assert api.get(f"{PLANS}{plan_id}/").json()["owner"] == other_manager.pk

    assert api.delete(f"{PLANS}{plan_id}/").status_code == 204
    assert not RelationshipPlan.objects.exists()
    assert Stakeholder.objects.filter(pk=stakeholder.pk).exists()


def test_plan_create_twice_is_400_at_stakeholder(api_for, manager, stakeholder):
    RelationshipPlanFactory(stakeholder=stakeholder, owner=manager)

    response = api_for(manager).post(PLANS, plan_payload(stakeholder, manager), format="json")

    assert response.status_code == 400
    assert "stakeholder" in response.json()
    assert RelationshipPlan.objects.count() == 1


def test_plan_with_related_stakeholder_of_another_partner_is_400(
    api_for, manager, stakeholder, stranger
):
    response = api_for(manager).post(
        PLANS, plan_payload(stakeholder, manager, related_stakeholders=[stranger.pk]), "json"
    )

    assert response.status_code == 400
    assert "related_stakeholders" in response.json()
    assert not RelationshipPlan.objects.exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"position_and_responsibilities": ""}, "position_and_responsibilities"),
        ({"review_on": "someday"}, "review_on"),
        ({"owner": None}, "owner"),
    ],
)
def test_plan_create_bad_input_is_400_at_the_field(api_for, manager, stakeholder, change, field):
    response = api_for(manager).post(
        PLANS, {**plan_payload(stakeholder, manager), **change}, format="json"
    )

    assert response.status_code == 400
    assert field in response.json()
    assert not RelationshipPlan.objects.exists()


def test_plan_list_filters_by_partner_and_review_date(api_for, manager, stakeholder, stranger):
    soon = RelationshipPlanFactory(stakeholder=stakeholder, owner=manager, review_on=TODAY)
    later = RelationshipPlanFactory(
        stakeholder=stranger, owner=manager, review_on=TODAY + datetime.timedelta(days=60)
    )
    api = api_for(manager)

    assert ids(api.get(PLANS, {"partner": stakeholder.partner_id})) == {soon.pk}
    assert ids(api.get(PLANS, {"review_before": days(7)})) == {soon.pk}
    assert ids(api.get(PLANS, {"review_after": days(7)})) == {later.pk}


# --- engagement actions ---------------------------------------------------------------------


def test_action_create_update_delete(api_for, manager, partner, stakeholder):
    api = api_for(manager)
    payload = {
        "partner": partner.pk, "title": "Invite the CFO to the partner summit",
        "stakeholders": [stakeholder.pk], "owner": manager.pk, "due_on": days(10),
    }  # fmt: skip

    created = api.post(ACTIONS, payload, format="json")
    assert created.status_code == 201, created.json()
    body = created.json()
    assert (body["status"], body["is_overdue"], body["completed_on"]) == ("planned", False, None)

    done = api.patch(f"{ACTIONS}{body['id']}/", {"status": "done"}, format="json")
    assert done.status_code == 200
    assert done.json()["completed_on"] == TODAY.isoformat()

    assert api.delete(f"{ACTIONS}{body['id']}/").status_code == 204
    assert not EngagementAction.objects.exists()


def test_action_for_a_stakeholder_of_another_partner_is_400(api_for, manager, partner, stranger):
    payload = {
        "partner": partner.pk, "title": "Lunch", "stakeholders": [stranger.pk],
        "owner": manager.pk, "due_on": days(3),
    }  # fmt: skip

    response = api_for(manager).post(ACTIONS, payload, format="json")

    assert response.status_code == 400
    assert "stakeholders" in response.json()
    assert not EngagementAction.objects.exists()


def test_action_cannot_move_to_another_partner(api_for, manager, partner, other_partner):
    action = EngagementActionFactory(partner=partner, owner=manager)

    response = api_for(manager).patch(
        f"{ACTIONS}{action.pk}/", {"partner": other_partner.pk}, format="json"
    )

    assert response.status_code == 400
    assert "partner" in response.json()
    action.refresh_from_db()
    assert action.partner == partner


def test_action_bad_status_is_400(api_for, manager, partner):
    action = EngagementActionFactory(partner=partner, owner=manager)

    response = api_for(manager).patch(f"{ACTIONS}{action.pk}/", {"status": "maybe"}, "json")

    assert response.status_code == 400
    assert "status" in response.json()


def test_action_list_filters_overdue_status_owner_and_partner(
    api_for, manager, other_manager, partner, other_partner, stakeholder
):
    late = EngagementActionFactory(
        partner=partner, owner=manager, due_on=TODAY - datetime.timedelta(days=2)
    )
    late.stakeholders.set([stakeholder])
    done_late = EngagementActionFactory(
        partner=partner, owner=manager, due_on=TODAY - datetime.timedelta(days=2), status="done"
    )
    upcoming = EngagementActionFactory(partner=other_partner, owner=other_manager)
    api = api_for(manager)

    assert ids(api.get(ACTIONS, {"overdue": "true"})) == {late.pk}
    assert ids(api.get(ACTIONS, {"overdue": "false"})) == {done_late.pk, upcoming.pk}
    assert ids(api.get(ACTIONS, {"status": "done"})) == {done_late.pk}
    assert ids(api.get(ACTIONS, {"owner": other_manager.pk})) == {upcoming.pk}
    assert ids(api.get(ACTIONS, {"partner": other_partner.pk})) == {upcoming.pk}
    assert ids(api.get(ACTIONS, {"stakeholder": stakeholder.pk})) == {late.pk}
    assert api.get(f"{ACTIONS}{late.pk}/").json()["is_overdue"] is True


# --- interactions ---------------------------------------------------------------------------


def test_interaction_log_sets_logged_by_and_last_interaction(
    api_for, manager, other_manager, partner, stakeholder
):
    payload = {
        "partner": partner.pk, "occurred_on": days(-3), "stakeholders": [stakeholder.pk],
        "channel": "meeting", "sentiment": 1, "notes": "Agreed the Q3 plan",
        "logged_by": other_manager.pk,
    }  # fmt: skip

    response = api_for(manager).post(INTERACTIONS, payload, format="json")

    assert response.status_code == 201, response.json()
    assert response.json()["logged_by"] == manager.pk
    stakeholder.refresh_from_db()
    assert stakeholder.last_interaction_on == TODAY - datetime.timedelta(days=3)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"occurred_on": days(1)}, "occurred_on"),
        ({"stakeholders": []}, "stakeholders"),
        ({"channel": "pigeon"}, "channel"),
        ({"sentiment": 3}, "sentiment"),
        ({"partner": None}, "partner"),
    ],
)
def test_interaction_log_bad_input_is_400_at_the_field_and_saves_nothing(
    api_for, manager, partner, stakeholder, change, field
):
    payload = {
        "partner": partner.pk, "occurred_on": days(-1), "stakeholders": [stakeholder.pk],
        "channel": "call",
    }  # fmt: skip

    response = api_for(manager).post(INTERACTIONS, {**payload, **change}, format="json")

    assert response.status_code == 400
    assert field in response.json()
    assert not Interaction.objects.exists()
    stakeholder.refresh_from_db()
    assert stakeholder.last_interaction_on is None


def test_interaction_with_a_stakeholder_of_another_partner_is_400(
    api_for, manager, partner, stakeholder, stranger
):
    payload = {
        "partner": partner.pk, "occurred_on": days(-1),
        "stakeholders": [stakeholder.pk, stranger.pk], "channel": "call",
    }  # fmt: skip

    response = api_for(manager).post(INTERACTIONS, payload, format="json")

    assert response.status_code == 400
    assert "stakeholders" in response.json()
    assert not Interaction.objects.exists()


def test_interaction_update_moves_last_interaction_of_everyone_involved(
    api_for, manager, partner, stakeholder
):
    colleague = StakeholderFactory(contact=ContactFactory(partner=partner))
    api = api_for(manager)
    payload = {
        "partner": partner.pk, "occurred_on": days(-2), "stakeholders": [stakeholder.pk],
        "channel": "call",
    }  # fmt: skip
    interaction_id = api.post(INTERACTIONS, payload, format="json").json()["id"]

    response = api.patch(
        f"{INTERACTIONS}{interaction_id}/",
        {"occurred_on": days(-5), "stakeholders": [colleague.pk]},
        format="json",
    )

    assert response.status_code == 200, response.json()
    stakeholder.refresh_from_db()
    colleague.refresh_from_db()
    assert stakeholder.last_interaction_on is None
    assert colleague.last_interaction_on == TODAY - datetime.timedelta(days=5)


def test_interaction_update_into_the_future_is_400_and_changes_nothing(
    api_for, manager, partner, stakeholder
):
    interaction = InteractionFactory(
        partner=partner, logged_by=manager, stakeholders=[stakeholder], occurred_on=TODAY
    )

    response = api_for(manager).patch(
        f"{INTERACTIONS}{interaction.pk}/", {"occurred_on": days(2)}, format="json"
    )

    assert response.status_code == 400
    assert "occurred_on" in response.json()
    interaction.refresh_from_db()
    assert interaction.occurred_on == TODAY


def test_interaction_delete_recomputes_last_interaction(api_for, manager, partner, stakeholder):
    api = api_for(manager)
    base = {"partner": partner.pk, "stakeholders": [stakeholder.pk], "channel": "email"}
    api.post(INTERACTIONS, {**base, "occurred_on": days(-10)}, format="json")
    latest = api.post(INTERACTIONS, {**base, "occurred_on": days(-1)}, format="json").json()

    response = api.delete(f"{INTERACTIONS}{latest['id']}/")

    assert response.status_code == 204
    stakeholder.refresh_from_db()
    assert stakeholder.last_interaction_on == TODAY - datetime.timedelta(days=10)


def test_interaction_list_filters_by_date_range_partner_and_stakeholder(
    api_for, manager, partner, other_partner, stakeholder, stranger
):
    def log(on_partner, who, ago, channel="call"):
        return InteractionFactory(
            partner=on_partner, logged_by=manager, stakeholders=[who], channel=channel,
            occurred_on=TODAY - datetime.timedelta(days=ago),
        )  # fmt: skip

    old, recent, elsewhere = (
        log(partner, stakeholder, 200),
        log(partner, stakeholder, 5),
        log(other_partner, stranger, 5, "event"),
    )
    api = api_for(manager)

    assert ids(api.get(INTERACTIONS, {"occurred_after": days(-30)})) == {recent.pk, elsewhere.pk}
    assert ids(api.get(INTERACTIONS, {"occurred_before": days(-30)})) == {old.pk}
    assert ids(api.get(INTERACTIONS, {"partner": partner.pk})) == {old.pk, recent.pk}
    assert ids(api.get(INTERACTIONS, {"stakeholder": stranger.pk})) == {elsewhere.pk}
    assert ids(api.get(INTERACTIONS, {"channel": "event"})) == {elsewhere.pk}
    listing = api.get(INTERACTIONS).json()["results"]
    assert [row["id"] for row in listing][-1] == old.pk  # newest first


# --- relationship objectives ----------------------------------------------------------------


def test_objective_create_update_delete(api_for, manager, partner, stakeholder):
    api = api_for(manager)
    payload = {
        "partner": partner.pk, "title": "Move the CFO from neutral to supporter",
        "stakeholder": stakeholder.pk, "target_stance": "supporter", "target_level": 4,
        "due_on": days(90), "owner": manager.pk,
    }  # fmt: skip

    created = api.post(OBJECTIVES, payload, format="json")
    assert created.status_code == 201, created.json()
    objective_id = created.json()["id"]

    achieved = api.patch(f"{OBJECTIVES}{objective_id}/", {"status": "achieved"}, format="json")
    assert achieved.status_code == 200
    assert RelationshipObjective.objects.get().status == "achieved"

    assert api.delete(f"{OBJECTIVES}{objective_id}/").status_code == 204
    assert not RelationshipObjective.objects.exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"target_stance": "friend"}, "target_stance"),
        ({"target_level": 6}, "target_level"),
        ({"status": "won"}, "status"),
        ({"title": ""}, "title"),
    ],
)
def test_objective_create_bad_input_is_400(api_for, manager, partner, change, field):
    payload = {"partner": partner.pk, "title": "Win the COO", "due_on": days(30),
               "owner": manager.pk}  # fmt: skip

    response = api_for(manager).post(OBJECTIVES, {**payload, **change}, format="json")

    assert response.status_code == 400
    assert field in response.json()
    assert not RelationshipObjective.objects.exists()


def test_objective_for_a_stakeholder_of_another_partner_is_400(api_for, manager, partner, stranger):
    payload = {"partner": partner.pk, "title": "Win them", "stakeholder": stranger.pk,
               "due_on": days(30), "owner": manager.pk}  # fmt: skip

    response = api_for(manager).post(OBJECTIVES, payload, format="json")

    assert response.status_code == 400
    assert "stakeholder" in response.json()
    assert not RelationshipObjective.objects.exists()


def test_objective_list_filters_by_partner_and_status(api_for, manager, partner, other_partner):
    open_one = RelationshipObjectiveFactory(partner=partner, owner=manager)
    missed = RelationshipObjectiveFactory(partner=other_partner, owner=manager, status="missed")
    api = api_for(manager)

    assert ids(api.get(OBJECTIVES, {"partner": partner.pk})) == {open_one.pk}
    assert ids(api.get(OBJECTIVES, {"status": "missed"})) == {missed.pk}
    assert ids(api.get(OBJECTIVES, {"search": "CFO"})) == {open_one.pk, missed.pk}


# --- query counts -------------------------------------------------------------------------------


def _grow(partner, manager, index):
    """One more row of every resource, each with its related rows."""
    stakeholder = StakeholderFactory(contact=ContactFactory(partner=partner), owners=[manager])
    RelationshipPlanFactory(stakeholder=stakeholder, owner=manager).related_stakeholders.set(
        Stakeholder.objects.filter(partner=partner)[:2]
    )
    EngagementActionFactory(partner=partner, owner=manager).stakeholders.set([stakeholder])
    InteractionFactory(partner=partner, logged_by=manager, stakeholders=[stakeholder])
    RelationshipObjectiveFactory(partner=partner, owner=manager, stakeholder=stakeholder)


@pytest.mark.parametrize("url", [*RESOURCES, f"{STAKEHOLDERS}by-partner/"])
def test_relationships_api_list_query_count_is_constant_in_data_size(
    api_for, manager, partner, url, count_queries
):
    api = api_for(manager)
    of_partner = f"{url}?partner={partner.pk}"

    def queries_at(size):
        while Stakeholder.objects.count() < size:
            _grow(partner, manager, Stakeholder.objects.count())
        assert api.get(of_partner).json()["count"] == (1 if "by-partner" in url else size)
        return count_queries(api, of_partner)

    small, large = queries_at(2), queries_at(15)

    assert small == large
    assert large <= 6


# --- schema -------------------------------------------------------------------------------------


def test_relationships_api_schema_is_valid_and_documents_every_resource(api_for, manager):
    response = api_for(manager).get("/api/schema/", {"format": "json"})

    assert response.status_code == 200
    schema = response.json()
    validate_schema(schema)
    for url in RESOURCES:
        assert {"get", "post"} <= set(schema["paths"][url])
        assert {"get", "put", "patch", "delete"} <= set(schema["paths"][f"{url}{{id}}/"])
        parameters = {p["name"] for p in schema["paths"][url]["get"]["parameters"]}
        assert {"partner", "page", "ordering", "search"} <= parameters
    assert {"post", "delete"} <= set(schema["paths"][f"{STAKEHOLDERS}{{id}}/champion/"])
    stakeholder = schema["components"]["schemas"]["Stakeholder"]
    assert stakeholder["properties"]["strategy"].get("readOnly") is True
    assert "strategy" not in schema["components"]["schemas"]["StakeholderRequest"]["properties"]
    assert "logged_by" not in schema["components"]["schemas"]["InteractionRequest"]["properties"]


def test_relationships_api_schema_generates_without_warnings(capsys):
    from drf_spectacular.drainage import GENERATOR_STATS
    from drf_spectacular.generators import SchemaGenerator

    GENERATOR_STATS.reset()
    SchemaGenerator().get_schema(request=None, public=True)

    assert not GENERATOR_STATS._warn_cache
    assert not GENERATOR_STATS._error_cache


def test_interaction_log_with_contacts_not_analysed(api_for, manager, partner, stakeholder):
    newcomer = ContactFactory(partner=partner)
    payload = {
        "partner": partner.pk, "occurred_on": days(-1), "contacts": [newcomer.pk],
        "stakeholders": [stakeholder.pk], "channel": "call",
    }  # fmt: skip

    response = api_for(manager).post(INTERACTIONS, payload, format="json")

    assert response.status_code == 201, response.json()
    body = response.json()
    assert set(body["contacts"]) == {newcomer.pk, stakeholder.contact_id}
    assert body["stakeholders"] == [stakeholder.pk]  # only the analysed count


def test_interaction_log_refuses_a_contact_of_another_partner(
    api_for, manager, partner, other_partner
):
    stranger = ContactFactory(partner=other_partner)
    payload = {
        "partner": partner.pk, "occurred_on": days(-1), "contacts": [stranger.pk],
        "channel": "call",
    }  # fmt: skip

    response = api_for(manager).post(INTERACTIONS, payload, format="json")

    assert response.status_code == 400
    assert "contacts" in response.json()
    assert not Interaction.objects.exists()
