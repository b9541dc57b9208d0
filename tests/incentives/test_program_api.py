import pytest
from auditlog.models import LogEntry

from incentives.models import Benefit
from incentives.services import program as services
from tests.incentives.program_factories import BenefitFactory, ResourceFactory, tiers, upload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def program(partner, other_partner):
    registered, silver, gold = tiers()
    partner.tier = silver
    partner.save()
    other_partner.tier = gold
    other_partner.save()
    for tier in (registered, silver, gold):
        BenefitFactory(tier=tier, value=f"{tier.name} discount")
    return registered, silver, gold


def _ids(response):
    return [row["id"] for row in response.json()["results"]]


def test_program_tiers_staff_sees_all_partner_only_own(api_for, manager, partner_member, program):
    assert _ids(api_for(manager).get("/api/v1/program-tiers/")) == [t.pk for t in program]
    response = api_for(partner_member).get("/api/v1/program-tiers/")
    assert _ids(response) == [program[1].pk]
    assert response.json()["results"][0]["benefits"][0]["value"] == "Silver discount"
    url = f"/api/v1/program-tiers/{program[2].pk}/"
    assert api_for(partner_member).get(url).status_code == 404


def test_benefits_partner_user_only_own_tier(api_for, partner_member, outsider, program):
    values = [
        b["value"] for b in api_for(partner_member).get("/api/v1/benefits/").json()["results"]
    ]
    assert values == ["Silver discount"]
    values = [b["value"] for b in api_for(outsider).get("/api/v1/benefits/").json()["results"]]
    assert values == ["Gold discount"]


def test_resources_partner_only_allowed_and_no_file_url(api_for, manager, partner_member, program):
    visible = services.resource_create(
        actor=manager, title="Guide", category="sales", minimum_tier=program[1],
        file=upload("g.txt", b"hi\n"),
    )  # fmt: skip
    hidden = ResourceFactory(minimum_tier=program[2])
    response = api_for(partner_member).get("/api/v1/resources/")
    assert _ids(response) == [visible.pk]
    row = response.json()["results"][0]
    assert row["download_url"] == f"/portal/program/resources/{visible.pk}/download/"
    assert "media" not in str(row) and "file" not in row
    assert api_for(partner_member).get(f"/api/v1/resources/{hidden.pk}/").status_code == 404
    assert len(_ids(api_for(manager).get("/api/v1/resources/"))) == 2


def test_program_api_anonymous_refused_tiers_and_resources_read_only(
    api_for, manager, partner_member, program
):
    for url in ("/api/v1/program-tiers/", "/api/v1/benefits/", "/api/v1/resources/"):
        assert api_for().get(url).status_code in (401, 403)
    for url in ("/api/v1/program-tiers/", "/api/v1/resources/"):
        assert api_for(partner_member).post(url, {}).status_code == 405
        assert api_for(manager).post(url, {}).status_code == 405
    tier_url = f"/api/v1/program-tiers/{program[1].pk}/"
    assert api_for(manager).patch(tier_url, {"name": "Argent"}).status_code == 405
    assert api_for(manager).delete(tier_url).status_code == 405


# --- benefits: staff writes through the services -------------------------------------------------


def test_benefits_staff_creates_updates_and_deletes(api_for, manager, program):
    api = api_for(manager)
    response = api.post("/api/v1/benefits/", {
        "tier": program[2].pk, "kind": "mdf", "value": "Up to 50k per year", "amount": "50000",
    }, format="json")  # fmt: skip
    assert response.status_code == 201, response.json()
    created = Benefit.objects.get(pk=response.json()["id"])
    assert (created.tier, created.kind, created.value) == (program[2], "mdf", "Up to 50k per year")
    assert LogEntry.objects.get_for_object(created).get().actor == manager

    url = f"/api/v1/benefits/{created.pk}/"
    response = api.patch(url, {"value": "Up to 60k per year"}, format="json")
    assert response.status_code == 200 and response.json()["value"] == "Up to 60k per year"
    response = api.put(url, {"tier": program[2].pk, "kind": "cam_time", "value": "4 h a month"})
    assert response.status_code == 200
    created.refresh_from_db()
    assert (created.kind, created.value) == ("cam_time", "4 h a month")

    assert api.delete(url).status_code == 204
    assert not Benefit.objects.filter(pk=created.pk).exists()


def test_benefits_bad_input_is_400_with_field_errors(api_for, manager, program):
    api = api_for(manager)
    silver = program[1]
    response = api.post("/api/v1/benefits/", {"tier": silver.pk, "kind": "discount",
                                              "value": "20% off"}, format="json")  # fmt: skip
    assert response.status_code == 400
    assert "already has" in response.json()["kind"][0]
    response = api.post("/api/v1/benefits/", {"tier": silver.pk, "kind": "mdf", "value": " "})
    assert response.status_code == 400 and "value" in response.json()
    response = api.post("/api/v1/benefits/", {"tier": silver.pk, "kind": "mdf", "value": "MDF",
                                              "amount": "-5"}, format="json")  # fmt: skip
    assert response.status_code == 400
    assert "cannot be negative" in response.json()["amount"][0]
    response = api.post("/api/v1/benefits/", {"tier": silver.pk, "kind": "bogus", "value": "x"})
    assert response.status_code == 400 and "kind" in response.json()
    gold_benefit = Benefit.objects.get(tier=program[2])
    response = api.patch(f"/api/v1/benefits/{gold_benefit.pk}/", {"tier": silver.pk})
    assert response.status_code == 400 and "kind" in response.json()
    assert Benefit.objects.count() == 3


def test_benefits_partner_users_cannot_write(api_for, partner_member, partner_admin, program):
    own = Benefit.objects.get(tier=program[1])
    for user in (partner_member, partner_admin):
        api = api_for(user)
        data = {"tier": program[1].pk, "kind": "mdf", "value": "Please"}
        assert api.post("/api/v1/benefits/", data).status_code == 403
        assert api.patch(f"/api/v1/benefits/{own.pk}/", {"value": "50% off"}).status_code == 403
        assert api.delete(f"/api/v1/benefits/{own.pk}/").status_code == 403
    own.refresh_from_db()
    assert own.value == "Silver discount" and Benefit.objects.count() == 3


def test_benefits_outsider_reads_only_own_tier(api_for, outsider, program):
    silver_benefit = Benefit.objects.get(tier=program[1])
    assert api_for(outsider).get(f"/api/v1/benefits/{silver_benefit.pk}/").status_code == 404
    gold_benefit = Benefit.objects.get(tier=program[2])
    assert api_for(outsider).get(f"/api/v1/benefits/{gold_benefit.pk}/").status_code == 200


def test_benefits_wrong_method_and_unknown_id(api_for, manager, program):
    assert api_for(manager).post(f"/api/v1/benefits/{Benefit.objects.first().pk}/").status_code == (
        405
    )
    assert api_for(manager).delete("/api/v1/benefits/999999/").status_code == 404
