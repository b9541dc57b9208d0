import pytest

from incentives import services_program as services
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


def test_program_api_anonymous_and_writes_refused(api_for, manager, partner_member, program):
    for url in ("/api/v1/program-tiers/", "/api/v1/benefits/", "/api/v1/resources/"):
        assert api_for().get(url).status_code in (401, 403)
        assert api_for(partner_member).post(url, {}).status_code == 405
        assert api_for(manager).post(url, {}).status_code == 405
