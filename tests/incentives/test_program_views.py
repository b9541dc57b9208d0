import re

import pytest
from django.urls import reverse
from django.utils import timezone

from incentives.models import Benefit, Resource, TierChange, TierRequirement
from incentives.services import program as services
from tests.factories import PartnerFactory, ProgramTierFactory
from tests.helpers import HTMX, edit_of, field_errors, page_text
from tests.incentives.program_factories import (
    BenefitFactory,
    ResourceFactory,
    TierChangeFactory,
    TierRequirementFactory,
    tiers,
    upload,
)
from tests.performance.targets_factories import ActualFactory

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


def test_program_tab_query_count_constant(client_for, manager, partner, program, count_queries):
    client = client_for(manager)
    url = reverse("partners:partner-tab", args=[partner.slug, "program"])

    def count():
        return count_queries(client, url)

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
    data = edit_of(resource, {"title": "New", "category": "technical", "link": resource.link})
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


def test_resource_list_query_count_constant(client_for, manager, program, count_queries):
    client = client_for(manager)

    def count():
        return count_queries(client, reverse("incentives:resource-list"))

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
    assert response["X-Content-Type-Options"] == "nosniff"


def test_uploaded_files_are_not_served_from_media(client_for, manager, partner_member, program):
    resource = _file_resource(manager, program[1])
    response = client_for(partner_member).get(f"/media/{resource.file.name}")
    assert response.status_code == 404


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


def test_portal_resource_list_query_count_constant(
    client_for, partner_member, program, count_queries
):
    client = client_for(partner_member)

    def count():
        return count_queries(client, reverse("incentives-portal:resource-list"))

    ResourceFactory(minimum_tier=program[0])
    small = count()
    for index in range(12):
        ResourceFactory(minimum_tier=program[index % 3])
    assert count() == small


# --- internal: program tiers, requirements and benefits -----------------------------------------


def _tier_url(name, pk):
    return reverse(f"incentives:{name}", args=[pk])


def test_tier_list_shows_tiers_in_rank_order_with_terms_and_counts(client_for, manager, program):
    registered, silver, gold = program
    response = client_for(manager).get(reverse("incentives:tier-list"))
    text = page_text(response)
    assert response.status_code == 200
    assert text.index("Registered") < text.index("Silver") < text.index("Gold")
    assert "Reviewed every 90 days" in text and "15% off list" in text
    gold_card = text[text.index("Gold Rank 3") :]
    assert "500,000 USD" in gold_card and "70 of 100 points" in gold_card
    assert "Certified people Not required" in gold_card
    assert (
        "Revenue with us, last four quarters Not required" in text
    )  # Registered has no requirement row at all
    content = response.content.decode()
    assert f'href="{reverse("partners:partner-list")}?tier={silver.pk}"' in content
    assert "1 partner" in text and "0 partners" in text


def test_tier_list_partner_link_lists_the_tiers_partners(client_for, manager, program):
    silver = program[1]
    response = client_for(manager).get(reverse("partners:partner-list"), {"tier": silver.pk})
    text = page_text(response)
    assert "Acme Systems" in text and "Globex Networks" not in text


def test_tier_list_field_ids_are_unique(client_for, manager, program):
    BenefitFactory(tier=program[2], kind="mdf", value="Eligible")
    content = client_for(manager).get(reverse("incentives:tier-list")).content.decode()
    ids = re.findall(r'\bid="([^"]+)"', content)
    assert len(ids) == len(set(ids))
    assert f'id="tier-{program[2].pk}"' in content


def test_tier_requirement_set_plain_post_saves_and_redirects(client_for, manager, program):
    silver = program[1]
    prefix = f"tier-{silver.pk}"
    response = client_for(manager).post(_tier_url("tier-requirement-set", silver.pk), {
        f"{prefix}-min_annual_revenue": "250000", f"{prefix}-min_certified_people": "2",
        f"{prefix}-min_audit_score": "",
    })  # fmt: skip
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('incentives:tier-list')}#tier-{silver.pk}"
    requirement = TierRequirement.objects.get(tier=silver)
    assert (requirement.min_annual_revenue, requirement.min_certified_people) == (250000, 2)
    assert requirement.min_audit_score is None


def _requirement_version(tier, prefix) -> dict:
    """Setting a tier's requirements edits them when they exist: the form carries their version."""
    requirement = getattr(tier, "requirement", None)
    return edit_of(requirement, {}, prefix=f"{prefix}-") if requirement is not None else {}


def test_tier_requirement_set_htmx_returns_the_card(client_for, manager, program):
    gold = program[2]
    prefix = f"tier-{gold.pk}"
    response = client_for(manager).post(_tier_url("tier-requirement-set", gold.pk), {
        f"{prefix}-min_annual_revenue": "750000", f"{prefix}-min_certified_people": "",
        f"{prefix}-min_audit_score": "65",
        **_requirement_version(gold, prefix),
    }, **HTMX)  # fmt: skip
    assert response.status_code == 200
    assert f'id="tier-{gold.pk}"'.encode() in response.content
    assert b"<html" not in response.content and b'id="tier-cards"' not in response.content
    text = page_text(response)
    assert "Saved the requirements of Gold" in text
    assert "750,000 USD" in text and "65 of 100 points" in text
    assert "Vary" in response and "HX-Request" in response["Vary"]


def test_tier_requirement_set_out_of_range_htmx_422_at_field(client_for, manager, program):
    gold = program[2]
    prefix = f"tier-{gold.pk}"
    response = client_for(manager).post(_tier_url("tier-requirement-set", gold.pk), {
        f"{prefix}-min_annual_revenue": "-10", f"{prefix}-min_certified_people": "1",
        f"{prefix}-min_audit_score": "150",
        **_requirement_version(gold, prefix),
    }, **HTMX)  # fmt: skip
    assert response.status_code == 422
    assert b"<html" not in response.content
    assert "between 0 and 100" in field_errors(response, f"{prefix}-min_audit_score")
    assert "cannot be negative" in field_errors(response, f"{prefix}-min_annual_revenue")
    assert not field_errors(response, f"{prefix}-min_certified_people")
    assert b"open>" in response.content  # the edit form stays open
    requirement = TierRequirement.objects.get(tier=gold)
    assert (requirement.min_annual_revenue, requirement.min_audit_score) == (500000, 70)


def test_tier_requirement_set_not_a_number_plain_post_422_page(client_for, manager, program):
    silver = program[1]
    prefix = f"tier-{silver.pk}"
    response = client_for(manager).post(
        _tier_url("tier-requirement-set", silver.pk), {f"{prefix}-min_annual_revenue": "lots"}
    )
    assert response.status_code == 422
    assert b"<html" in response.content  # without JavaScript: the whole page, form open
    assert "number" in field_errors(response, f"{prefix}-min_annual_revenue")
    assert not TierRequirement.objects.filter(tier=silver).exists()


def test_benefit_create_htmx_adds_it_to_the_card(client_for, manager, program):
    gold = program[2]
    prefix = f"tier-{gold.pk}-benefit"
    response = client_for(manager).post(_tier_url("benefit-create", gold.pk), {
        f"{prefix}-kind": "mdf", f"{prefix}-value": "Up to 50k per year",
        f"{prefix}-amount": "50000",
    }, **HTMX)  # fmt: skip
    assert response.status_code == 200
    text = page_text(response)
    assert "Added “MDF eligibility” to Gold" in text and "Up to 50k per year" in text
    benefit = Benefit.objects.get(tier=gold)
    assert (benefit.kind, benefit.amount) == ("mdf", 50000)


def test_benefit_create_plain_post_redirects(client_for, manager, program):
    gold = program[2]
    prefix = f"tier-{gold.pk}-benefit"
    client = client_for(manager)
    response = client.post(_tier_url("benefit-create", gold.pk), {
        f"{prefix}-kind": "technical", f"{prefix}-value": "Pre-sales engineer on request",
    })  # fmt: skip
    assert response.status_code == 302
    assert "Pre-sales engineer on request" in page_text(client.get(response["Location"]))


def test_benefit_create_same_kind_twice_422_at_kind(client_for, manager, program):
    silver = program[1]
    prefix = f"tier-{silver.pk}-benefit"
    response = client_for(manager).post(_tier_url("benefit-create", silver.pk), {
        f"{prefix}-kind": "discount", f"{prefix}-value": "20% off list",
    }, **HTMX)  # fmt: skip
    assert response.status_code == 422
    assert "Silver already has a “Discount” benefit" in field_errors(response, f"{prefix}-kind")
    assert list(Benefit.objects.filter(tier=silver).values_list("value", flat=True)) == [
        "15% off list"
    ]


def test_benefit_update_plain_post_and_htmx_errors(client_for, manager, program):
    benefit = Benefit.objects.get()
    prefix = f"benefit-{benefit.pk}"
    client = client_for(manager)
    url = _tier_url("benefit-update", benefit.pk)
    data = edit_of(
        benefit, {f"{prefix}-kind": "discount", f"{prefix}-value": " "}, prefix=f"{prefix}-"
    )
    response = client.post(url, data, **HTMX)
    assert response.status_code == 422
    assert field_errors(response, f"{prefix}-value")
    data = {f"{prefix}-kind": "discount", f"{prefix}-value": "16% off list"}
    response = client.post(url, edit_of(benefit, data, prefix=f"{prefix}-"))
    assert response.status_code == 302
    benefit.refresh_from_db()
    assert benefit.value == "16% off list"


def test_benefit_delete_htmx_and_plain(client_for, manager, program):
    silver, gold = program[1], program[2]
    client = client_for(manager)
    first = Benefit.objects.get()
    response = client.post(_tier_url("benefit-delete", first.pk), **HTMX)
    assert response.status_code == 200
    assert "Removed “Discount” from Silver" in page_text(response)
    assert f'id="tier-{silver.pk}"'.encode() in response.content
    second = BenefitFactory(tier=gold, kind="mdf")
    assert client.post(_tier_url("benefit-delete", second.pk)).status_code == 302
    assert not Benefit.objects.exists()


def test_tier_pages_refused_to_partner_users(
    client, client_for, partner_admin, partner_member, outsider, program
):
    silver, benefit = program[1], Benefit.objects.get()
    posts = [
        _tier_url("tier-requirement-set", silver.pk),
        _tier_url("benefit-create", silver.pk),
        _tier_url("benefit-update", benefit.pk),
        _tier_url("benefit-delete", benefit.pk),
    ]
    data = {f"tier-{silver.pk}-min_audit_score": "1", f"benefit-{benefit.pk}-value": "x"}
    for user in (partner_admin, partner_member, outsider):
        assert client_for(user).get(reverse("incentives:tier-list")).status_code == 403
        for url in posts:
            assert client_for(user).post(url, data).status_code == 403
    client.logout()
    assert "login" in client.get(reverse("incentives:tier-list"))["Location"]
    assert "login" in client.post(posts[0], data)["Location"]
    assert not TierRequirement.objects.filter(tier=silver).exists()
    assert Benefit.objects.get().value == "15% off list"


def test_tier_pages_unknown_tier_or_benefit_404(client_for, manager, program):
    client = client_for(manager)
    for name in ("tier-requirement-set", "benefit-create", "benefit-update", "benefit-delete"):
        assert client.post(_tier_url(name, 999999), **HTMX).status_code == 404


def test_tier_pages_wrong_method_405(client_for, manager, program):
    client = client_for(manager)
    silver, benefit = program[1], Benefit.objects.get()
    assert client.post(reverse("incentives:tier-list")).status_code == 405
    assert client.get(_tier_url("benefit-delete", benefit.pk)).status_code == 405
    for url in (
        _tier_url("tier-requirement-set", silver.pk),
        _tier_url("benefit-create", silver.pk),
        _tier_url("benefit-update", benefit.pk),
    ):
        assert client.put(url).status_code == 405
    assert Benefit.objects.exists()


def test_benefit_edit_form_loads_into_the_card_or_as_a_page(client_for, manager, program):
    benefit = Benefit.objects.get()
    url = _tier_url("benefit-update", benefit.pk)
    client = client_for(manager)
    tiers_page = client.get(reverse("incentives:tier-list")).content.decode()
    assert f'hx-get="{url}"' in tiers_page  # loaded when opened, not rendered up front
    assert f'name="benefit-{benefit.pk}-value"' not in tiers_page
    fragment = client.get(url, **HTMX).content.decode()
    assert "<html" not in fragment and 'value="15% off list"' in fragment
    assert f'hx-target="#tier-{benefit.tier_id}"' in fragment
    page = client.get(url).content.decode()
    assert "<html" in page and 'value="15% off list"' in page
    assert "hx-post" not in page.split("<main>")[1]  # plain forms on their own page


def test_benefit_edit_form_refused_to_partner_users(client_for, partner_admin, outsider, program):
    url = _tier_url("benefit-update", Benefit.objects.get().pk)
    assert client_for(partner_admin).get(url).status_code == 403
    assert client_for(outsider).get(url, **HTMX).status_code == 403


def test_tier_list_query_count_constant(client_for, manager, program, count_queries):
    client = client_for(manager)

    def count():
        return count_queries(client, reverse("incentives:tier-list"))

    small = count()
    platinum = ProgramTierFactory(name="Platinum", rank=4)
    tiers_ = [*program, platinum]
    for tier in tiers_[1:]:
        TierRequirement.objects.get_or_create(tier=tier, defaults={"min_certified_people": 3})
    for tier in tiers_:
        for kind in ("mdf", "deal_protection", "cam_time", "technical"):
            BenefitFactory(tier=tier, kind=kind)
    for index in range(20):
        PartnerFactory(tier=tiers_[index % 4])
    assert count() == small


def test_requirement_and_new_benefit_forms_load_when_opened(client_for, manager, program):
    silver = program[1]
    client = client_for(manager)
    page = client.get(reverse("incentives:tier-list")).content.decode()
    for name in ("tier-requirement-set", "benefit-create"):
        url = _tier_url(name, silver.pk)
        assert f'hx-get="{url}"' in page
        fragment = client.get(url, **HTMX).content.decode()
        assert "<html" not in fragment and f'hx-target="#tier-{silver.pk}"' in fragment
        own_page = client.get(url).content.decode()
        assert "<html" in own_page and "hx-post" not in own_page.split("<main>")[1]
    assert f'name="tier-{silver.pk}-min_annual_revenue"' not in page
    gold = program[2]
    requirements = client.get(_tier_url("tier-requirement-set", gold.pk), **HTMX)
    assert 'value="500000"' in requirements.content.decode()
    assert f'id="field-tier-{gold.pk}-min_audit_score"' in requirements.content.decode()


def test_program_tab_names_revenue_with_us_and_labels_every_amount(
    client_for, manager, partner, program
):
    partner.annual_revenue = 9_000_000  # their whole business: not on this tab
    partner.save()
    today = timezone.localdate()
    ActualFactory(partner=partner, year=today.year, quarter=(today.month - 1) // 3 + 1,
                  value=12345)  # fmt: skip
    url = reverse("partners:partner-tab", args=[partner.slug, "program"])
    text = page_text(client_for(manager).get(url))
    assert "Revenue with us, last four quarters" in text
    assert "12,345 USD of 500,000 USD" in text and "487,655 USD to go" in text
    assert "Annual revenue" not in text and "9,000,000" not in text
