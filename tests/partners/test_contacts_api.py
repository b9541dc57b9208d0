"""/api/v1/contacts/ and /api/v1/org-units/: staff read and write through the services; a
partner user reads their own partner's people (portal fields only, nothing of our analysis)."""

import datetime
import json

import pytest

from partners.models import Contact, OrgUnit
from tests.factories import ContactFactory, OrgUnitFactory, StakeholderFactory

CONTACTS = "/api/v1/contacts/"
UNITS = "/api/v1/org-units/"
# Our analysis of people, and our own bookkeeping: never in a partner user's answer.
NOT_FOR_PARTNERS = {
    "stance", "strategy", "influence", "relationship_level", "is_champion", "champion",
    "champion_reason", "adaptability", "decision_orientation", "cadence_days", "owners",
    "stakeholder", "formal_responsibilities", "business_objectives", "last_interaction_on",
    "left_on", "created_at", "updated_at",
}  # fmt: skip


@pytest.fixture
def org(partner, other_partner):
    sales = OrgUnitFactory(partner=partner, name="Sales")
    boss = ContactFactory(
        partner=partner, first_name="Bea", last_name="Boss", title="CEO", email="bea@acme.example"
    )
    report = ContactFactory(
        partner=partner, first_name="Rui", last_name="Report", reports_to=boss, org_unit=sales
    )
    gone = ContactFactory(partner=partner, first_name="Gil", last_name="Gone", left_on="2024-01-31")
    StakeholderFactory(
        contact=boss, stance="non_supporter", influence=5, is_champion=True,
        champion_reason="SECRET-REASON", formal_responsibilities="SECRET-RESPONSIBILITIES",
    )  # fmt: skip
    stranger = ContactFactory(partner=other_partner, first_name="Sam", last_name="Stranger")
    return {"sales": sales, "boss": boss, "report": report, "gone": gone, "stranger": stranger}


def last_names(response):
    return sorted(row["last_name"] for row in response.json()["results"])


def url(base, obj):
    return f"{base}{obj.pk}/"


# --- staff ----------------------------------------------------------------------------------


def test_contacts_list_for_staff_shows_every_partner(api_for, manager, org):
    response = api_for(manager).get(CONTACTS)
    assert response.status_code == 200
    assert last_names(response) == ["Boss", "Gone", "Report", "Stranger"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"left": "true"}, ["Gone"]),
        ({"left": "false"}, ["Boss", "Report", "Stranger"]),
        ({"search": "ceo"}, ["Boss"]),
        ({"search": "bea@acme"}, ["Boss"]),
        ({"search": "stran"}, ["Stranger"]),
    ],
)
def test_contacts_list_filters(api_for, manager, org, query, expected):
    assert last_names(api_for(manager).get(CONTACTS, query)) == expected


def test_contacts_list_filters_by_partner_and_unit(api_for, manager, org, partner):
    api = api_for(manager)
    assert last_names(api.get(CONTACTS, {"partner": partner.pk})) == ["Boss", "Gone", "Report"]
    assert last_names(api.get(CONTACTS, {"org_unit": org["sales"].pk})) == ["Report"]


def test_contact_create_through_the_service(api_for, manager, org, partner):
    response = api_for(manager).post(
        CONTACTS,
        {
            "partner": partner.pk, "first_name": "Nia", "last_name": "New", "title": "CFO",
            "email": "nia@acme.example", "reports_to": org["boss"].pk,
            "org_unit": org["sales"].pk,
        },
        format="json",
    )  # fmt: skip
    assert response.status_code == 201, response.json()
    person = Contact.objects.get(pk=response.json()["id"])
    assert (person.reports_to, person.org_unit) == (org["boss"], org["sales"])


def test_contact_update_refuses_a_reporting_cycle_under_reports_to(api_for, manager, org):
    response = api_for(manager).patch(
        url(CONTACTS, org["boss"]), {"reports_to": org["report"].pk}, format="json"
    )
    assert response.status_code == 400
    assert "reporting cycle" in response.json()["reports_to"][0]
    org["boss"].refresh_from_db()
    assert org["boss"].reports_to is None


def test_contact_write_errors_name_their_field(api_for, manager, org, partner):
    api = api_for(manager)
    duplicate = api.post(
        CONTACTS,
        {"partner": partner.pk, "first_name": "X", "last_name": "Y", "email": "BEA@acme.example"},
        format="json",
    )
    assert duplicate.status_code == 400 and set(duplicate.json()) == {"email"}
    foreign_unit = api.patch(
        url(CONTACTS, org["stranger"]), {"org_unit": org["sales"].pk}, format="json"
    )
    assert foreign_unit.status_code == 400 and set(foreign_unit.json()) == {"org_unit"}
    moved = api.patch(url(CONTACTS, org["report"]), {"partner": org["stranger"].partner_id})
    assert moved.status_code == 400 and set(moved.json()) == {"partner"}


def test_contact_mark_left_moves_reports_up(api_for, manager, org):
    response = api_for(manager).post(
        f"{url(CONTACTS, org['boss'])}mark-left/", {"left_on": "2025-03-01"}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["left_on"] == "2025-03-01"
    org["report"].refresh_from_db()
    assert org["report"].reports_to is None


def test_contact_left_on_is_not_writable_directly(api_for, manager, org):
    response = api_for(manager).patch(
        url(CONTACTS, org["boss"]), {"left_on": "2025-03-01"}, format="json"
    )
    assert response.status_code == 200
    org["boss"].refresh_from_db()
    assert org["boss"].left_on is None


def test_contact_delete_is_not_allowed(api_for, manager, org):
    assert api_for(manager).delete(url(CONTACTS, org["report"])).status_code == 405
    assert Contact.objects.filter(pk=org["report"].pk).exists()


def test_org_units_crud_for_staff(api_for, manager, org, partner):
    api = api_for(manager)
    created = api.post(
        UNITS, {"partner": partner.pk, "name": "EMEA", "parent": org["sales"].pk}, format="json"
    )
    assert created.status_code == 201, created.json()
    emea = OrgUnit.objects.get(pk=created.json()["id"])
    assert api.get(UNITS, {"partner": partner.pk}).json()["count"] == 2
    assert api.get(UNITS, {"search": "emea"}).json()["count"] == 1
    cycle = api.patch(url(UNITS, org["sales"]), {"parent": emea.pk}, format="json")
    assert cycle.status_code == 400 and "sub-unit" in cycle.json()["parent"][0]
    renamed = api.patch(url(UNITS, emea), {"name": "Europe"}, format="json")
    assert renamed.status_code == 200 and renamed.json()["name"] == "Europe"
    refused = api.delete(url(UNITS, org["sales"]))
    assert refused.status_code == 400
    assert api.delete(url(UNITS, emea)).status_code == 204
    assert api.delete(url(UNITS, org["sales"])).status_code == 204
    org["report"].refresh_from_db()
    assert org["report"].org_unit is None


def test_org_unit_duplicate_name_is_a_field_error(api_for, manager, org, partner):
    response = api_for(manager).post(UNITS, {"partner": partner.pk, "name": "sales"})
    assert response.status_code == 400 and set(response.json()) == {"name"}


# --- partner users --------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["partner_admin", "partner_member"])
def test_partner_user_reads_own_current_contacts_with_portal_fields_only(
    request, api_for, org, persona
):
    response = api_for(request.getfixturevalue(persona)).get(CONTACTS)
    assert response.status_code == 200
    assert last_names(response) == ["Boss", "Report"]
    for row in response.json()["results"]:
        assert set(row) == set(Contact.PORTAL_FIELDS)
        assert not NOT_FOR_PARTNERS & set(row)
    raw = response.content.decode()
    for secret in ("SECRET-REASON", "SECRET-RESPONSIBILITIES", "non_supporter", "Gone"):
        assert secret not in raw
    for key in NOT_FOR_PARTNERS:
        assert f'"{key}"' not in raw


def test_partner_user_reads_one_contact_without_analysis(api_for, partner_admin, org):
    response = api_for(partner_admin).get(url(CONTACTS, org["boss"]))
    assert response.status_code == 200
    assert set(response.json()) == set(Contact.PORTAL_FIELDS)
    assert not NOT_FOR_PARTNERS & set(json.loads(response.content))


def test_partner_user_never_sees_another_partners_people(api_for, outsider, partner_admin, org):
    assert last_names(api_for(outsider).get(CONTACTS)) == ["Stranger"]
    assert api_for(outsider).get(url(CONTACTS, org["boss"])).status_code == 404
    assert api_for(outsider).get(url(UNITS, org["sales"])).status_code == 404
    assert api_for(partner_admin).get(url(CONTACTS, org["stranger"])).status_code == 404
    assert api_for(partner_admin).get(url(CONTACTS, org["gone"])).status_code == 404
    filtered = api_for(outsider).get(CONTACTS, {"partner": org["boss"].partner_id})
    assert filtered.json()["count"] == 0


def test_partner_user_reads_own_units(api_for, partner_admin, outsider, org):
    response = api_for(partner_admin).get(UNITS)
    assert [row["name"] for row in response.json()["results"]] == ["Sales"]
    assert api_for(outsider).get(UNITS).json()["count"] == 0


@pytest.mark.parametrize("persona", ["partner_admin", "partner_member", "outsider"])
def test_partner_user_cannot_write(request, api_for, org, partner, persona):
    api = api_for(request.getfixturevalue(persona))
    attempts = [
        api.post(CONTACTS, {"partner": partner.pk, "first_name": "X", "last_name": "Y"}),
        api.patch(url(CONTACTS, org["report"]), {"title": "Hacked"}),
        api.post(f"{url(CONTACTS, org['report'])}mark-left/", {"left_on": "2025-01-01"}),
        api.post(UNITS, {"partner": partner.pk, "name": "Hacked"}),
        api.patch(url(UNITS, org["sales"]), {"name": "Hacked"}),
        api.delete(url(UNITS, org["sales"])),
    ]
    assert [response.status_code for response in attempts] == [403] * len(attempts)
    assert not Contact.objects.filter(title="Hacked").exists()
    assert OrgUnit.objects.get(pk=org["sales"].pk).name == "Sales"


def test_anonymous_gets_nothing(api_for, org):
    for path in (CONTACTS, UNITS, url(CONTACTS, org["boss"])):
        assert api_for().get(path).status_code in (401, 403)


# --- query counts ---------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["manager", "partner_admin"])
@pytest.mark.parametrize("path", [CONTACTS, f"{CONTACTS}?left=false&search=a", UNITS])
def test_list_query_count_is_constant(request, api_for, partner, persona, path, count_queries):
    api = api_for(request.getfixturevalue(persona))
    units = [OrgUnitFactory(partner=partner) for _ in range(3)]

    def grow(n):
        for i in range(n):
            boss = ContactFactory(partner=partner, org_unit=units[i % 3], first_name="Ana")
            StakeholderFactory(contact=ContactFactory(partner=partner, reports_to=boss))
        OrgUnitFactory(partner=partner)

    grow(2)
    small = count_queries(api, path)
    grow(40)
    assert count_queries(api, path) == small


def test_contact_read_for_staff_has_history_fields(api_for, manager, org):
    row = api_for(manager).get(url(CONTACTS, org["gone"])).json()
    assert row["left_on"] == "2024-01-31"
    assert datetime.date.fromisoformat(row["left_on"]) < datetime.date.today()
