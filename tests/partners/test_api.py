"""The partner registry's REST API: /api/v1/partners/, /api/v1/territories/, /api/v1/segments/.

Vendor staff read and write everything; a partner user reads only their own partner (and the
territories and segments linked to it), never an internal field, and writes nothing.
"""

from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models.signals import pre_save
from django.test.utils import CaptureQueriesContext

from partners.models import Partner, Segment, Territory
from tests.factories import (
    PartnerFactory,
    ProgramTierFactory,
    SegmentFactory,
    TerritoryFactory,
    UserFactory,
)

PARTNERS = "/api/v1/partners/"
TERRITORIES = "/api/v1/territories/"
SEGMENTS = "/api/v1/segments/"
INTERNAL_FIELDS = {
    "internal_notes",
    "owner",
    "status",
    "annual_revenue",
    "synergy_type",
    "product_position",
}


def partner_url(partner):
    return f"{PARTNERS}{partner.pk}/"


def names(response):
    return [row["name"] for row in response.json()["results"]]


def audit_entries(instance, action):
    return LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(type(instance)),
        object_pk=str(instance.pk),
        action=action,
    )


@pytest.fixture
def tier(db):
    return ProgramTierFactory(name="Gold", rank=3)


@pytest.fixture
def territory(db):
    return TerritoryFactory(name="DACH", code="dach")


@pytest.fixture
def other_territory(db):
    return TerritoryFactory(name="Nordics", code="nordics")


@pytest.fixture
def segment(db):
    return SegmentFactory(name="Healthcare", is_sweet_spot=True)


@pytest.fixture
def other_segment(db):
    return SegmentFactory(name="Retail")


@pytest.fixture
def linked(partner, other_partner, territory, other_territory, segment, other_segment):
    """`partner` is in DACH/Healthcare, `other_partner` in Nordics/Retail."""
    partner.territories.set([territory])
    partner.segments.set([segment])
    other_partner.territories.set([other_territory])
    other_partner.segments.set([other_segment])
    return partner


def new_partner_payload(**overrides):
    payload = {
        "name": "Initech Solutions",
        "country": "FR",
        "partner_type": Partner.Type.SYSTEM_INTEGRATOR,
        "status": Partner.Status.ONBOARDING,
        "annual_revenue": "1250000.00",
        "internal_notes": "Met at the Lyon fair",
    }
    payload.update(overrides)
    return payload


# --- partners: reading as vendor staff ---------------------------------------------------------


@pytest.mark.parametrize("persona", ["manager", "other_manager", "admin_user"])
def test_partner_list_vendor_staff_sees_every_partner(request, api_for, persona, other_partner):
    user = request.getfixturevalue(persona)
    partner = request.getfixturevalue("partner")

    response = api_for(user).get(PARTNERS)

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    assert {row["id"] for row in body["results"]} == {partner.pk, other_partner.pk}


def test_partner_list_manager_gets_internal_fields(api_for, manager, partner):
    response = api_for(manager).get(PARTNERS)

    row = response.json()["results"][0]
    assert set(row) >= INTERNAL_FIELDS
    assert row["internal_notes"] == "Internal: exploring a competitor"
    assert row["owner"] == manager.pk


def test_partner_detail_manager_gets_partner_with_relations(api_for, manager, linked, tier):
    linked.tier = tier
    linked.annual_revenue = Decimal("500000")
    linked.save()

    response = api_for(manager).get(partner_url(linked))

    assert response.status_code == 200
    body = response.json()
    assert body["name"] == "Acme Systems"
    assert body["slug"] == "acme-systems"
    assert body["country"] == "DE"
    assert body["tier"] == tier.pk
    assert body["territories"] == [linked.territories.get().pk]
    assert body["segments"] == [linked.segments.get().pk]
    assert body["annual_revenue"] == "500000.00"


def test_partner_list_is_paginated(api_for, manager):
    PartnerFactory.create_batch(53)

    first = api_for(manager).get(PARTNERS)
    second = api_for(manager).get(PARTNERS, {"page": 2})

    assert first.json()["count"] == 53
    assert len(first.json()["results"]) == 50
    assert first.json()["next"].endswith("page=2")
    assert len(second.json()["results"]) == 3
    assert second.json()["next"] is None
    assert not set(names(first)) & set(names(second))


def test_partner_list_page_out_of_range_is_404(api_for, manager, partner):
    assert api_for(manager).get(PARTNERS, {"page": 9}).status_code == 404


def test_partner_list_is_ordered_by_name_by_default(api_for, manager):
    for name in ["Zeta", "Alpha", "Mu"]:
        PartnerFactory(name=name)

    assert names(api_for(manager).get(PARTNERS)) == ["Alpha", "Mu", "Zeta"]


@pytest.mark.parametrize(
    ("field", "value", "matching"),
    [
        ("status", "at_risk", {"status": Partner.Status.AT_RISK}),
        ("partner_type", "msp", {"partner_type": Partner.Type.MSP}),
        ("country", "FR", {"country": "FR"}),
    ],
)
def test_partner_list_filters_by_plain_field(api_for, manager, partner, field, value, matching):
    wanted = PartnerFactory(name="Wanted", **matching)

    response = api_for(manager).get(PARTNERS, {field: value})

    assert response.status_code == 200
    assert names(response) == [wanted.name]


def test_partner_list_filters_by_tier(api_for, manager, partner, tier):
    wanted = PartnerFactory(name="Gold partner", tier=tier)

    assert names(api_for(manager).get(PARTNERS, {"tier": tier.pk})) == [wanted.name]


def test_partner_list_filters_by_owner(api_for, manager, other_manager, partner):
    wanted = PartnerFactory(name="Owned elsewhere", owner=other_manager)

    assert names(api_for(manager).get(PARTNERS, {"owner": other_manager.pk})) == [wanted.name]


def test_partner_list_filters_by_territory_and_segment(
    api_for, manager, linked, other_partner, territory, other_segment
):
    api = api_for(manager)

    assert names(api.get(PARTNERS, {"territory": territory.pk})) == [linked.name]
    assert names(api.get(PARTNERS, {"segment": other_segment.pk})) == [other_partner.name]
    assert (
        api.get(PARTNERS, {"territory": territory.pk, "segment": other_segment.pk}).json()["count"]
        == 0
    )


def test_partner_list_territory_filter_lists_each_partner_once(api_for, manager, territory):
    for n in range(3):
        PartnerFactory(name=f"In DACH {n}", territories=[territory, TerritoryFactory()])

    response = api_for(manager).get(PARTNERS, {"territory": territory.pk})

    assert response.json()["count"] == 3
    assert names(response) == ["In DACH 0", "In DACH 1", "In DACH 2"]


@pytest.mark.parametrize("query", ["acme", "ACME-SYS", "acme.example"])
def test_partner_list_search_matches_name_slug_and_website(
    api_for, manager, partner, other_partner, query
):
    partner.website = "https://acme.example"
    partner.save()

    assert names(api_for(manager).get(PARTNERS, {"search": query})) == [partner.name]


def test_partner_list_ordering_by_revenue_descending(api_for, manager):
    for name, revenue in [("Small", 10), ("Big", 1000), ("Medium", 100)]:
        PartnerFactory(name=name, annual_revenue=revenue)

    response = api_for(manager).get(PARTNERS, {"ordering": "-annual_revenue"})

    assert names(response) == ["Big", "Medium", "Small"]


def test_partner_list_ordering_by_country(api_for, manager):
    for name, country in [("A-Spain", "ES"), ("B-Austria", "AT"), ("C-Brazil", "BR")]:
        PartnerFactory(name=name, country=country)

    response = api_for(manager).get(PARTNERS, {"ordering": "country"})

    assert names(response) == ["B-Austria", "C-Brazil", "A-Spain"]


def test_partner_list_ordering_by_unknown_field_keeps_default_order(api_for, manager):
    for name in ["Beta", "Alpha"]:
        PartnerFactory(name=name, internal_notes=f"{name} secret")

    response = api_for(manager).get(PARTNERS, {"ordering": "internal_notes"})

    assert response.status_code == 200
    assert names(response) == ["Alpha", "Beta"]


@pytest.mark.parametrize("ordering", [None, "annual_revenue", "-joined_on", "status,-country"])
def test_partner_list_ordering_ends_with_primary_key_so_pages_are_stable(
    api_for, manager, partner, ordering
):
    """Rows that tie on the sort column must not move between pages (LIMIT/OFFSET)."""
    params = {"ordering": ordering} if ordering else {}
    with CaptureQueriesContext(connection) as captured:
        response = api_for(manager).get(PARTNERS, params)

    assert response.status_code == 200
    (page_query,) = [
        query["sql"]
        for query in captured
        if 'FROM "partners_partner"' in query["sql"] and "LIMIT" in query["sql"]
    ]
    order_by = page_query.rsplit("ORDER BY", 1)[1].split("LIMIT")[0].strip()
    assert order_by.endswith('"partners_partner"."id" ASC')


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"status": "sleeping"}, "status"),
        ({"partner_type": "pirate"}, "partner_type"),
        ({"tier": "999999"}, "tier"),
        ({"territory": "not-a-number"}, "territory"),
        ({"owner": "999999"}, "owner"),
    ],
)
def test_partner_list_invalid_filter_is_400_with_field_error(
    api_for, manager, partner, params, field
):
    response = api_for(manager).get(PARTNERS, params)

    assert response.status_code == 400
    assert field in response.json()


def test_partner_list_query_count_is_constant_in_data_size(api_for, manager, tier, count_queries):
    territories = TerritoryFactory.create_batch(3)
    segments = SegmentFactory.create_batch(2)
    api = api_for(manager)

    def queries_for_list(total):
        while Partner.objects.count() < total:
            PartnerFactory(tier=tier, owner=manager, territories=territories, segments=segments)
        assert len(api.get(PARTNERS).json()["results"]) == total
        return count_queries(api, PARTNERS)

    small, large = queries_for_list(2), queries_for_list(20)

    assert small == large
    assert large <= 10


def test_partner_list_query_count_for_partner_user_is_small(
    api_for, partner_member, linked, count_queries
):
    api = api_for(partner_member)

    assert api.get(PARTNERS).json()["count"] == 1
    assert count_queries(api, PARTNERS) <= 10


# --- partners: reading as a partner user --------------------------------------------------------


@pytest.mark.parametrize("persona", ["partner_admin", "partner_member"])
def test_partner_list_partner_user_sees_only_own_partner(
    request, api_for, persona, partner, other_partner
):
    PartnerFactory.create_batch(3)
    user = request.getfixturevalue(persona)

    response = api_for(user).get(PARTNERS)

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    assert [row["id"] for row in body["results"]] == [partner.pk]


def test_partner_list_partner_user_gets_no_internal_field(api_for, partner_member, linked, tier):
    linked.tier = tier
    linked.annual_revenue = Decimal("777777")
    linked.synergy_type = Partner.Synergy.SERVICE_ALLIANCE
    linked.product_position = Partner.ProductPosition.ADD_ON
    linked.save()

    response = api_for(partner_member).get(PARTNERS)

    row = response.json()["results"][0]
    assert set(row) == {"id", *Partner.PORTAL_FIELDS}
    assert not INTERNAL_FIELDS & set(row)
    assert b"exploring a competitor" not in response.content
    assert b"777777" not in response.content
    assert row["tier"] == "Gold"
    assert row["territories"] == ["DACH"]
    assert row["segments"] == ["Healthcare"]


def test_partner_detail_partner_user_gets_own_partner_without_internal_field(
    api_for, partner_admin, partner
):
    response = api_for(partner_admin).get(partner_url(partner))

    assert response.status_code == 200
    assert response.json()["name"] == partner.name
    assert not INTERNAL_FIELDS & set(response.json())
    assert b"exploring a competitor" not in response.content


def test_partner_detail_outsider_gets_404(api_for, outsider, partner):
    response = api_for(outsider).get(partner_url(partner))

    assert response.status_code == 404
    assert b"Acme" not in response.content


def test_partner_list_outsider_does_not_see_partner(api_for, outsider, partner, other_partner):
    response = api_for(outsider).get(PARTNERS, {"search": "acme"})

    assert response.json()["count"] == 0


def test_partner_list_partner_user_without_membership_sees_nothing(api_for, partner):
    loner = UserFactory(username="loner", role="partner_user")

    response = api_for(loner).get(PARTNERS)

    assert response.status_code == 200
    assert response.json()["count"] == 0


@pytest.mark.parametrize("field", ["status", "owner"])
def test_partner_list_partner_user_cannot_probe_internal_fields(
    api_for, partner_member, manager, partner, field
):
    """Filtering by an internal field would answer yes/no questions about its value."""
    params = {"status": "active", "owner": manager.pk}
    params = {field: params[field]}
    matching = api_for(partner_member).get(PARTNERS, params)
    partner.status = Partner.Status.AT_RISK
    partner.owner = None
    partner.save()
    not_matching = api_for(partner_member).get(PARTNERS, params)

    assert matching.status_code == not_matching.status_code
    assert matching.json() == not_matching.json()


# --- partners: writing as vendor staff ------------------------------------------------------


def test_partner_create_manager_creates_partner(api_for, manager, tier, territory, segment):
    payload = new_partner_payload(
        tier=tier.pk, territories=[territory.pk], segments=[segment.pk], owner=manager.pk
    )

    response = api_for(manager).post(PARTNERS, payload, format="json")

    assert response.status_code == 201, response.json()
    created = Partner.objects.get(name="Initech Solutions")
    assert response.json()["id"] == created.pk
    assert response.json()["slug"] == created.slug == "initech-solutions"
    assert response.json()["territories"] == [territory.pk]
    assert created.tier == tier
    assert created.owner == manager
    assert list(created.territories.all()) == [territory]
    assert list(created.segments.all()) == [segment]
    assert created.annual_revenue == Decimal("1250000.00")


def test_partner_create_generates_unique_slug(api_for, manager, partner):
    response = api_for(manager).post(
        PARTNERS, new_partner_payload(name="Acme Systems", country="FR"), format="json"
    )

    assert response.status_code == 201, response.json()
    assert response.json()["slug"] not in {"", "acme-systems"}
    assert Partner.objects.filter(slug=response.json()["slug"]).count() == 1


def test_partner_create_ignores_client_slug(api_for, manager):
    response = api_for(manager).post(
        PARTNERS, new_partner_payload(slug="my-own-slug"), format="json"
    )

    assert response.status_code == 201
    assert response.json()["slug"] == "initech-solutions"


def test_partner_create_is_recorded_in_audit_trail_with_api_user(api_for, manager):
    response = api_for(manager).post(PARTNERS, new_partner_payload(), format="json")

    created = Partner.objects.get(pk=response.json()["id"])
    entry = audit_entries(created, LogEntry.Action.CREATE).get()
    assert entry.actor == manager


def test_partner_create_admin_user_may_create(api_for, admin_user):
    response = api_for(admin_user).post(PARTNERS, new_partner_payload(), format="json")

    assert response.status_code == 201
    assert audit_entries(Partner.objects.get(), LogEntry.Action.CREATE).get().actor == admin_user


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"annual_revenue": "-1.00"}, "annual_revenue"),
        ({"country": "XX"}, "country"),
        ({"country": "Narnia"}, "country"),
        ({"tier": 999999}, "tier"),
        ({"territories": [999999]}, "territories"),
        ({"segments": [999999]}, "segments"),
        ({"status": "sleeping"}, "status"),
        ({"partner_type": "pirate"}, "partner_type"),
        ({"employee_count": -5}, "employee_count"),
        ({"website": "not a url"}, "website"),
        ({"name": ""}, "name"),
        ({"name": "x" * 201}, "name"),
    ],
)
def test_partner_create_invalid_input_is_400_and_saves_nothing(api_for, manager, overrides, field):
    response = api_for(manager).post(PARTNERS, new_partner_payload(**overrides), format="json")

    assert response.status_code == 400
    assert field in response.json()
    assert not Partner.objects.exists()
    assert not LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Partner)
    ).exists()


def test_partner_create_missing_required_fields_is_400(api_for, manager):
    response = api_for(manager).post(PARTNERS, {}, format="json")

    assert response.status_code == 400
    assert {"name", "country", "partner_type"} <= set(response.json())
    assert not Partner.objects.exists()


def test_partner_create_owner_must_be_vendor_staff(api_for, manager, partner_member):
    response = api_for(manager).post(
        PARTNERS, new_partner_payload(owner=partner_member.pk), format="json"
    )

    assert response.status_code == 400
    assert "owner" in response.json()
    assert not Partner.objects.filter(name="Initech Solutions").exists()


@pytest.mark.parametrize("name", ["Acme Systems", "acme systems", "ACME SYSTEMS"])
def test_partner_create_duplicate_name_in_country_is_400_under_name(
    api_for, manager, partner, name
):
    response = api_for(manager).post(
        PARTNERS, new_partner_payload(name=name, country="DE"), format="json"
    )

    assert response.status_code == 400
    assert "name" in response.json()
    assert Partner.objects.count() == 1


def test_partner_create_same_name_in_other_country_is_allowed(api_for, manager, partner):
    response = api_for(manager).post(
        PARTNERS, new_partner_payload(name="Acme Systems", country="AT"), format="json"
    )

    assert response.status_code == 201
    assert Partner.objects.filter(name__iexact="acme systems").count() == 2


def test_partner_create_is_rejected_whole_when_a_relation_is_invalid(api_for, manager, territory):
    response = api_for(manager).post(
        PARTNERS, new_partner_payload(territories=[territory.pk, 999999]), format="json"
    )

    assert response.status_code == 400
    assert not Partner.objects.exists()


def test_partner_update_patch_changes_only_given_fields(api_for, manager, linked, tier):
    response = api_for(manager).patch(
        partner_url(linked),
        {"status": "at_risk", "tier": tier.pk, "internal_notes": "Watch closely"},
        format="json",
    )

    assert response.status_code == 200, response.json()
    linked.refresh_from_db()
    assert linked.status == Partner.Status.AT_RISK
    assert linked.tier == tier
    assert linked.internal_notes == "Watch closely"
    assert linked.name == "Acme Systems"
    assert linked.territories.count() == 1
    assert response.json()["status"] == "at_risk"


def test_partner_update_patch_replaces_territories(
    api_for, manager, linked, territory, other_territory
):
    audit_entries(linked, LogEntry.Action.UPDATE).delete()

    response = api_for(manager).patch(
        partner_url(linked), {"territories": [other_territory.pk]}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["territories"] == [other_territory.pk]
    assert list(linked.territories.all()) == [other_territory]
    entries = audit_entries(linked, LogEntry.Action.UPDATE)
    assert {entry.actor for entry in entries} == {manager}
    assert any("territories" in entry.changes_dict for entry in entries)


def test_partner_update_put_replaces_the_partner(api_for, manager, linked, segment):
    payload = new_partner_payload(name="Acme Renamed", country="DE", segments=[])

    response = api_for(manager).put(partner_url(linked), payload, format="json")

    assert response.status_code == 200, response.json()
    linked.refresh_from_db()
    assert linked.name == "Acme Renamed"
    assert linked.partner_type == Partner.Type.SYSTEM_INTEGRATOR
    assert linked.slug == "acme-systems"
    assert not linked.segments.exists()
    assert response.json()["segments"] == []


def test_partner_update_is_recorded_in_audit_trail_with_api_user(api_for, other_manager, partner):
    response = api_for(other_manager).patch(
        partner_url(partner), {"status": "exiting"}, format="json"
    )

    assert response.status_code == 200
    entry = audit_entries(partner, LogEntry.Action.UPDATE).get()
    assert entry.actor == other_manager
    assert entry.changes_dict["status"] == ["active", "exiting"]


def test_partner_update_keeping_its_own_name_is_allowed(api_for, manager, partner):
    response = api_for(manager).patch(partner_url(partner), {"name": "ACME Systems"}, format="json")

    assert response.status_code == 200
    partner.refresh_from_db()
    assert partner.name == "ACME Systems"


def test_partner_update_to_taken_name_is_400_and_changes_nothing(
    api_for, manager, partner, other_partner
):
    response = api_for(manager).patch(
        partner_url(other_partner),
        {"name": "acme systems", "status": "at_risk"},
        format="json",
    )

    assert response.status_code == 400
    assert "name" in response.json()
    other_partner.refresh_from_db()
    assert other_partner.name == "Globex Networks"
    assert other_partner.status == Partner.Status.ACTIVE
    assert not audit_entries(other_partner, LogEntry.Action.UPDATE).exists()


def test_partner_update_negative_revenue_is_400(api_for, manager, partner):
    response = api_for(manager).patch(
        partner_url(partner), {"annual_revenue": "-0.01"}, format="json"
    )

    assert response.status_code == 400
    assert "annual_revenue" in response.json()
    partner.refresh_from_db()
    assert partner.annual_revenue is None


def test_partner_delete_manager_deletes_and_audits(api_for, manager, partner):
    partner_pk = partner.pk

    response = api_for(manager).delete(partner_url(partner))

    assert response.status_code == 204
    assert not Partner.objects.filter(pk=partner_pk).exists()
    partner.pk = partner_pk
    assert audit_entries(partner, LogEntry.Action.DELETE).get().actor == manager


def test_partner_detail_unknown_id_is_404(api_for, manager):
    assert api_for(manager).get(f"{PARTNERS}999999/").status_code == 404


# --- partners: what a partner user may not do ---------------------------------------------------


@pytest.mark.parametrize("persona", ["partner_admin", "partner_member"])
@pytest.mark.parametrize("method", ["patch", "put", "delete"])
def test_partner_write_partner_user_gets_403_on_own_partner(
    request, api_for, persona, method, partner
):
    user = request.getfixturevalue(persona)

    response = getattr(api_for(user), method)(
        partner_url(partner), new_partner_payload(name="Hijacked"), format="json"
    )

    assert response.status_code == 403
    partner.refresh_from_db()
    assert partner.name == "Acme Systems"


@pytest.mark.parametrize("persona", ["partner_admin", "partner_member"])
def test_partner_create_partner_user_gets_403(request, api_for, persona):
    response = api_for(request.getfixturevalue(persona)).post(
        PARTNERS, new_partner_payload(), format="json"
    )

    assert response.status_code == 403
    assert not Partner.objects.filter(name="Initech Solutions").exists()


def test_partner_write_outsider_cannot_touch_another_partner(api_for, outsider, partner):
    response = api_for(outsider).patch(partner_url(partner), {"name": "Mine"}, format="json")

    assert response.status_code in (403, 404)
    partner.refresh_from_db()
    assert partner.name == "Acme Systems"


@pytest.mark.parametrize("method", ["get", "post", "delete"])
def test_partner_api_anonymous_is_rejected_without_redirect(api_for, partner, method):
    response = getattr(api_for(), method)(partner_url(partner) if method == "delete" else PARTNERS)

    assert response.status_code in (401, 403)
    assert "Location" not in response.headers
    assert "detail" in response.json()
    assert Partner.objects.filter(pk=partner.pk).exists()


@pytest.mark.parametrize(
    ("method", "url"),
    [("put", PARTNERS), ("patch", PARTNERS), ("delete", PARTNERS), ("post", "DETAIL")],
)
def test_partner_api_wrong_method_is_405(api_for, manager, partner, method, url):
    url = partner_url(partner) if url == "DETAIL" else url

    response = getattr(api_for(manager), method)(url, {"name": "x"}, format="json")

    assert response.status_code == 405
    partner.refresh_from_db()
    assert partner.name == "Acme Systems"


# --- territories and segments -----------------------------------------------------------------

REFERENCES = [
    pytest.param(TERRITORIES, Territory, "territory", "other_territory", id="territories"),
    pytest.param(SEGMENTS, Segment, "segment", "other_segment", id="segments"),
]


def new_reference_payload(model, **overrides):
    if model is Territory:
        payload = {"name": "Benelux", "code": "benelux", "capacity": 12}
    else:
        payload = {"name": "Public sector", "is_sweet_spot": True}
    payload.update(overrides)
    return payload


@pytest.mark.parametrize(("url", "model", "own", "foreign"), REFERENCES)
def test_reference_list_manager_sees_all_paginated(
    request, api_for, manager, url, model, own, foreign
):
    request.getfixturevalue(own), request.getfixturevalue(foreign)

    response = api_for(manager).get(url)

    assert response.status_code == 200
    assert response.json()["count"] == model.objects.count() == 2
    assert "next" in response.json()


@pytest.mark.parametrize(("url", "model", "own", "foreign"), REFERENCES)
@pytest.mark.parametrize("persona", ["partner_admin", "partner_member"])
def test_reference_list_partner_user_sees_only_own_partners(
    request, api_for, linked, url, model, own, foreign, persona
):
    unlinked = (TerritoryFactory if model is Territory else SegmentFactory)(name="Unlinked")
    user = request.getfixturevalue(persona)

    response = api_for(user).get(url)

    assert response.status_code == 200
    assert response.json()["count"] == 1
    assert names(response) == [request.getfixturevalue(own).name]
    assert unlinked.name not in names(response)


@pytest.mark.parametrize(("url", "model", "own", "foreign"), REFERENCES)
def test_reference_list_partner_user_sees_shared_reference_once(
    request, api_for, partner_member, linked, other_partner, url, model, own, foreign
):
    shared = request.getfixturevalue(own)
    getattr(other_partner, "territories" if model is Territory else "segments").add(shared)

    response = api_for(partner_member).get(url)

    assert names(response) == [shared.name]


@pytest.mark.parametrize(("url", "model", "own", "foreign"), REFERENCES)
def test_reference_detail_outsider_gets_404(
    request, api_for, outsider, linked, url, model, own, foreign
):
    response = api_for(outsider).get(f"{url}{request.getfixturevalue(own).pk}/")

    assert response.status_code == 404


@pytest.mark.parametrize(("url", "model", "own", "foreign"), REFERENCES)
def test_reference_detail_partner_user_reads_linked_one(
    request, api_for, partner_member, linked, url, model, own, foreign
):
    reference = request.getfixturevalue(own)

    response = api_for(partner_member).get(f"{url}{reference.pk}/")

    assert response.status_code == 200
    assert response.json()["name"] == reference.name


@pytest.mark.parametrize(("url", "model", "own", "foreign"), REFERENCES)
def test_reference_create_manager_creates_and_audits(api_for, manager, url, model, own, foreign):
    response = api_for(manager).post(url, new_reference_payload(model), format="json")

    assert response.status_code == 201, response.json()
    created = model.objects.get(pk=response.json()["id"])
    assert created.name == new_reference_payload(model)["name"]
    assert audit_entries(created, LogEntry.Action.CREATE).get().actor == manager


@pytest.mark.parametrize(("url", "model", "own", "foreign"), REFERENCES)
def test_reference_update_manager_patches_and_audits(
    request, api_for, manager, url, model, own, foreign
):
    reference = request.getfixturevalue(own)

    response = api_for(manager).patch(
        f"{url}{reference.pk}/", {"description": "Reviewed"}, format="json"
    )

    assert response.status_code == 200, response.json()
    reference.refresh_from_db()
    assert reference.description == "Reviewed"
    assert audit_entries(reference, LogEntry.Action.UPDATE).get().actor == manager


@pytest.mark.parametrize(("url", "model", "own", "foreign"), REFERENCES)
def test_reference_delete_manager_deletes_and_audits(
    request, api_for, manager, linked, url, model, own, foreign
):
    reference = request.getfixturevalue(own)
    pk = reference.pk

    response = api_for(manager).delete(f"{url}{pk}/")

    assert response.status_code == 204
    assert not model.objects.filter(pk=pk).exists()
    assert Partner.objects.filter(pk=linked.pk).exists()
    reference.pk = pk
    assert audit_entries(reference, LogEntry.Action.DELETE).get().actor == manager


@pytest.mark.parametrize(
    ("url", "model", "overrides", "field"),
    [
        (TERRITORIES, Territory, {"capacity": -1}, "capacity"),
        (TERRITORIES, Territory, {"capacity": None}, "capacity"),
        (TERRITORIES, Territory, {"code": "not a slug"}, "code"),
        (TERRITORIES, Territory, {"name": "DACH"}, "name"),
        (TERRITORIES, Territory, {"code": "dach"}, "code"),
        (SEGMENTS, Segment, {"name": "Healthcare"}, "name"),
        (SEGMENTS, Segment, {"name": ""}, "name"),
    ],
)
def test_reference_create_invalid_input_is_400_and_saves_nothing(
    api_for, manager, territory, segment, url, model, overrides, field
):
    response = api_for(manager).post(url, new_reference_payload(model, **overrides), format="json")

    assert response.status_code == 400
    assert field in response.json()
    assert model.objects.count() == 1


@pytest.mark.parametrize(("url", "model", "own", "foreign"), REFERENCES)
@pytest.mark.parametrize("persona", ["partner_admin", "partner_member", "outsider"])
def test_reference_write_partner_user_gets_403(
    request, api_for, linked, url, model, own, foreign, persona
):
    user = request.getfixturevalue(persona)
    reference = request.getfixturevalue(own)
    api = api_for(user)

    created = api.post(url, new_reference_payload(model), format="json")
    patched = api.patch(f"{url}{reference.pk}/", {"name": "Renamed"}, format="json")
    deleted = api.delete(f"{url}{reference.pk}/")

    assert created.status_code == patched.status_code == deleted.status_code == 403
    assert model.objects.count() == 2
    assert model.objects.filter(name=reference.name).exists()


@pytest.mark.parametrize(("url", "model", "own", "foreign"), REFERENCES)
def test_reference_api_anonymous_is_rejected(api_for, url, model, own, foreign):
    response = api_for().get(url)

    assert response.status_code in (401, 403)
    assert "Location" not in response.headers


@pytest.mark.parametrize(("url", "model", "own", "foreign"), REFERENCES)
def test_reference_api_wrong_method_is_405(request, api_for, manager, url, model, own, foreign):
    reference = request.getfixturevalue(own)
    api = api_for(manager)

    assert api.put(url, {}, format="json").status_code == 405
    assert api.delete(url).status_code == 405
    assert api.post(f"{url}{reference.pk}/", {}, format="json").status_code == 405


def test_territory_list_filters_by_code_and_search(api_for, manager, territory, other_territory):
    api = api_for(manager)

    assert names(api.get(TERRITORIES, {"code": "nordics"})) == ["Nordics"]
    assert names(api.get(TERRITORIES, {"search": "dac"})) == ["DACH"]
    assert names(api.get(TERRITORIES, {"ordering": "-name"})) == ["Nordics", "DACH"]


def test_segment_list_filters_by_sweet_spot_and_search(api_for, manager, segment, other_segment):
    api = api_for(manager)

    assert names(api.get(SEGMENTS, {"is_sweet_spot": "true"})) == ["Healthcare"]
    assert names(api.get(SEGMENTS, {"is_sweet_spot": "false"})) == ["Retail"]
    assert names(api.get(SEGMENTS, {"search": "ret"})) == ["Retail"]
    assert names(api.get(SEGMENTS, {"ordering": "-name"})) == ["Retail", "Healthcare"]


def test_partner_list_partner_user_may_filter_by_portal_fields(
    api_for, partner_member, linked, territory, other_territory
):
    api = api_for(partner_member)

    assert api.get(PARTNERS, {"partner_type": "reseller"}).json()["count"] == 1
    assert api.get(PARTNERS, {"partner_type": "msp"}).json()["count"] == 0
    assert api.get(PARTNERS, {"territory": territory.pk}).json()["count"] == 1


def test_partner_list_partner_user_cannot_filter_by_another_partners_territory(
    api_for, partner_member, linked, other_territory, other_segment
):
    """Another partner's territory is as unknown to them as one that does not exist."""
    api = api_for(partner_member)

    foreign = api.get(PARTNERS, {"territory": other_territory.pk})
    missing = api.get(PARTNERS, {"territory": 999999})

    assert foreign.status_code == missing.status_code == 400
    assert foreign.json() == missing.json()
    assert api.get(PARTNERS, {"segment": other_segment.pk}).status_code == 400


def test_partner_list_browsable_api_filter_form_shows_partner_user_only_their_choices(
    client_for, partner_member, manager, other_manager, linked
):
    TerritoryFactory(name="Unlinked territory")
    SegmentFactory(name="Unlinked segment")

    response = client_for(partner_member).get(PARTNERS, HTTP_ACCEPT="text/html")

    assert response.status_code == 200
    content = response.content.decode()
    assert "DACH" in content
    assert "Healthcare" in content
    for hidden in ["Nordics", "Retail", "Unlinked territory", "Unlinked segment"]:
        assert hidden not in content
    for hidden in [manager.username, other_manager.username, "exploring a competitor"]:
        assert hidden not in content


def test_partner_list_browsable_api_filter_form_shows_staff_every_choice(
    client_for, manager, linked
):
    response = client_for(manager).get(PARTNERS, HTTP_ACCEPT="text/html")

    content = response.content.decode()
    for shown in ["DACH", "Nordics", "Healthcare", "Retail"]:
        assert shown in content


def test_partner_api_write_leaves_no_audit_signal_receiver_behind(api_for, manager, partner):
    api = api_for(manager)
    before = len(pre_save.receivers)

    for count in range(3):
        api.patch(partner_url(partner), {"employee_count": count + 1}, format="json")

    assert audit_entries(partner, LogEntry.Action.UPDATE).count() == 3
    assert len(pre_save.receivers) == before
