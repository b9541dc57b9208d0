import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from incentives import services_program as services
from incentives.models import Resource, TierChange
from tests.helpers import HTMX, field_errors, page_text
from tests.incentives.program_factories import (
    BenefitFactory,
    ResourceFactory,
    TierChangeFactory,
    TierRequirementFactory,
    tiers,
    upload,
)

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
    TierRequirementFactory(tier=gold, min_annual_revenue=500000, min_audit_score=70)
    BenefitFactory(tier=silver, kind="discount", value="15% off list")
    return registered, silver, gold


def _file_resource(manager, tier, name="guide.txt"):
    return services.resource_create(
        actor=manager, title=f"File for {tier}", category="sales", minimum_tier=tier,
        file=upload(name, b"Partner guide\n"),
    )  # fmt: skip


# --- internal: the "Program" tab and tier change ------------------------------------------------


def test_program_tab_shows_progress_benefits_and_history(client_for, manager, partner, program):
    TierChangeFactory(partner=partner, from_tier=program[0], to_tier=program[1], reason="Grew fast")
    response = client_for(manager).get(
        reverse("partners:partner-tab", args=[partner.slug, "program"])
    )
    text = page_text(response)
    assert response.status_code == 200
    assert "Towards Gold" in text and "15% off list" in text and "Grew fast" in text


def test_program_tab_refused_to_partner_user(client_for, partner_admin, partner, program):
    url = reverse("partners:partner-tab", args=[partner.slug, "program"])
    assert client_for(partner_admin).get(url).status_code in (403, 404)


def test_tier_change_view_changes_tier(client_for, manager, partner, program):
    url = reverse("incentives:tier-change", args=[partner.slug])
    response = client_for(manager).post(url, {"to_tier": program[2].pk, "reason": "Hit Gold"})
    assert response.status_code == 302
    partner.refresh_from_db()
    assert partner.tier == program[2]
    assert TierChange.objects.get().reason == "Hit Gold"


def test_tier_change_view_reason_required_at_field_htmx_422(client_for, manager, partner, program):
    url = reverse("incentives:tier-change", args=[partner.slug])
    response = client_for(manager).post(url, {"to_tier": program[2].pk, "reason": ""}, **HTMX)
    assert response.status_code == 422
    assert field_errors(response, "reason")
    partner.refresh_from_db()
    assert partner.tier == program[1]


def test_tier_change_view_access(client, client_for, partner_admin, manager, partner, program):
    url = reverse("incentives:tier-change", args=[partner.slug])
    data = {"to_tier": program[2].pk, "reason": "x"}
    assert client_for(partner_admin).post(url, data).status_code == 403
    client.logout()
    assert client.post(url, data).status_code == 302  # anonymous: to the login page
    assert "login" in client.post(url, data)["Location"]
    assert client_for(manager).get(url).status_code == 405
    partner.refresh_from_db()
    assert partner.tier == program[1]


def test_program_tab_query_count_constant(client_for, manager, partner, program):
    client = client_for(manager)
    url = reverse("partners:partner-tab", args=[partner.slug, "program"])

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    TierChangeFactory(partner=partner, to_tier=program[1])
    small = count()
    TierChangeFactory.create_batch(8, partner=partner, to_tier=program[1], changed_by=manager)
    for kind in ("mdf", "deal_protection", "cam_time"):
        BenefitFactory(tier=program[1], kind=kind)
    assert count() == small


# --- internal: resources ------------------------------------------------------------------------


def test_resource_list_and_create_link(client_for, manager, program):
    client = client_for(manager)
    assert "No resources" in page_text(client.get(reverse("incentives:resource-list")))
    response = client.post(reverse("incentives:resource-create"), {
        "title": "Battlecard", "category": "sales", "link": "https://example.com/bc",
        "minimum_tier": program[1].pk,
    })  # fmt: skip
    assert response.status_code == 302
    assert "Battlecard" in page_text(client.get(reverse("incentives:resource-list")))


def test_resource_create_bad_upload_error_at_field(client_for, manager):
    response = client_for(manager).post(
        reverse("incentives:resource-create"),
        {"title": "Fake", "category": "sales", "file": upload("fake.pdf", b"not a pdf")},
        **HTMX,
    )
    assert response.status_code == 422
    assert "does not match" in field_errors(response, "file")
    assert not Resource.objects.exists()


def test_resource_update_page(client_for, manager, program):
    resource = ResourceFactory(title="Old")
    url = reverse("incentives:resource-update", args=[resource.pk])
    client = client_for(manager)
    assert client.get(url).status_code == 200
    data = {"title": "New", "category": "technical", "link": resource.link}
    assert client.post(url, data).status_code == 302
    resource.refresh_from_db()
    assert (resource.title, resource.category) == ("New", "technical")


def test_resource_pages_refused_to_partner_users(client, client_for, partner_admin):
    resource = ResourceFactory()
    urls = [
        reverse("incentives:resource-list"),
        reverse("incentives:resource-create"),
        reverse("incentives:resource-update", args=[resource.pk]),
        reverse("incentives:resource-download", args=[resource.pk]),
    ]
    for url in urls:
        assert client_for(partner_admin).get(url).status_code == 403
    client.logout()
    for url in urls:
        assert "login" in client.get(url)["Location"]


def test_resource_list_wrong_method(client_for, manager):
    assert client_for(manager).post(reverse("incentives:resource-list")).status_code == 405


def test_resource_list_htmx_fragment(client_for, manager):
    ResourceFactory(title="Deck")
    response = client_for(manager).get(reverse("incentives:resource-list"), **HTMX)
    assert b'id="resource-rows"' in response.content and b"<html" not in response.content


def test_resource_list_query_count_constant(client_for, manager, program):
    client = client_for(manager)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("incentives:resource-list")).status_code == 200
        return len(queries)

    ResourceFactory(minimum_tier=program[0])
    small = count()
    for index in range(12):
        ResourceFactory(minimum_tier=program[index % 3])
    assert count() == small


# --- portal -------------------------------------------------------------------------------------


def test_portal_tier_page_shows_own_tier_benefits_progress(client_for, partner_member, program):
    response = client_for(partner_member).get(reverse("incentives-portal:tier"))
    text = page_text(response)
    assert response.status_code == 200
    assert "Silver" in text and "15% off list" in text and "Towards Gold" in text


def test_portal_pages_refused_to_staff_and_anonymous(client, client_for, manager):
    urls = [reverse("incentives-portal:tier"), reverse("incentives-portal:resource-list")]
    for url in urls:
        assert client_for(manager).get(url).status_code == 403
    client.logout()
    for url in urls:
        assert "login" in client.get(url)["Location"]


def test_portal_pages_wrong_method(client_for, partner_member):
    client = client_for(partner_member)
    assert client.post(reverse("incentives-portal:tier")).status_code == 405
    assert client.post(reverse("incentives-portal:resource-list")).status_code == 405


def test_portal_resources_only_what_the_tier_allows(client_for, manager, partner_member, program):
    registered, silver, gold = program
    ResourceFactory(title="For everyone")
    ResourceFactory(title="Silver deck", minimum_tier=silver)
    ResourceFactory(title="Gold secret", minimum_tier=gold)
    allowed = _file_resource(manager, registered)
    text = page_text(client_for(partner_member).get(reverse("incentives-portal:resource-list")))
    assert "For everyone" in text and "Silver deck" in text and allowed.title in text
    assert "Gold secret" not in text


def test_portal_resource_html_never_links_media(client_for, manager, partner_member, program):
    _file_resource(manager, program[0])
    response = client_for(partner_member).get(reverse("incentives-portal:resource-list"))
    assert b"/media/" not in response.content
    assert b"/portal/program/resources/" in response.content


def test_portal_download_allowed_file(client_for, manager, partner_member, program):
    resource = _file_resource(manager, program[1])
    url = reverse("incentives-portal:resource-download", args=[resource.pk])
    response = client_for(partner_member).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"Partner guide\n"
    assert "attachment" in response["Content-Disposition"]


def test_portal_download_wrong_tier_is_404(client_for, manager, partner_member, outsider, program):
    gold_only = _file_resource(manager, program[2])
    url = reverse("incentives-portal:resource-download", args=[gold_only.pk])
    assert client_for(partner_member).get(url).status_code == 404
    assert client_for(outsider).get(url).status_code == 200  # outsider's partner is Gold


def test_portal_download_link_or_missing_is_404(client_for, partner_member, program):
    link = ResourceFactory()
    url = reverse("incentives-portal:resource-download", args=[link.pk])
    assert client_for(partner_member).get(url).status_code == 404
    url = reverse("incentives-portal:resource-download", args=[999999])
    assert client_for(partner_member).get(url).status_code == 404


def test_portal_download_refused_to_staff_and_anonymous(client, client_for, manager, program):
    resource = _file_resource(manager, None)
    url = reverse("incentives-portal:resource-download", args=[resource.pk])
    assert client_for(manager).get(url).status_code == 403
    client.logout()
    assert "login" in client.get(url)["Location"]


def test_media_is_not_served(client_for, manager, partner_member, program):
    resource = _file_resource(manager, program[2])
    response = client_for(partner_member).get("/media/" + resource.file.name)
    assert response.status_code == 404


def test_portal_resource_list_query_count_constant(client_for, partner_member, program):
    client = client_for(partner_member)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("incentives-portal:resource-list")).status_code == 200
        return len(queries)

    ResourceFactory(minimum_tier=program[0])
    small = count()
    for index in range(12):
        ResourceFactory(minimum_tier=program[index % 3])
    assert count() == small
