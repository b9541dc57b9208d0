"""Portal pages: a partner user sees their own company, and only its portal-safe fields."""

import re

import pytest
from auditlog.models import LogEntry

from partners.models import Partner
from tests.factories import (
    MembershipFactory,
    PartnerFactory,
    ProgramTierFactory,
    SegmentFactory,
    TerritoryFactory,
    UserFactory,
)
from tests.helpers import HTMX, field_block, page_text

HOME_URL = "/portal/"
PROFILE_URL = "/portal/profile/"
INTERNAL_NOTES = "Internal: exploring a competitor"


def profile_data(**overrides) -> dict:
    data = {
        "website": "https://acme.example",
        "description": "We integrate things.",
        "phone": "+49 30 1234",
        "employee_count": "120",
        "business_drivers": "Recurring services",
        "revenue_model": "Managed services contracts",
        "differentiation": "24/7 support in German",
        "version": 1,  # the version the form was opened at: a fresh partner's first
    }
    data.update(overrides)
    return data


@pytest.fixture
def detailed_partner(partner, manager):
    """`partner` with public facts and internal ones that must stay inside."""
    manager.first_name, manager.last_name = "Morgan", "Owner"
    manager.save()
    partner.website = "https://acme.example"
    partner.description = "Acme builds integrations."
    partner.business_drivers = "Cloud migrations"
    partner.status = Partner.Status.AT_RISK
    partner.tier = ProgramTierFactory(name="Gold", rank=3)
    partner.annual_revenue = 987654321
    partner.synergy_type = Partner.Synergy.SERVICE_ALLIANCE
    partner.save()
    partner.territories.set([TerritoryFactory(name="DACH")])
    partner.segments.set([SegmentFactory(name="Mid-market")])
    return partner


# --- home ----------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["partner_admin", "partner_member"])
def test_portal_home_shows_own_company_public_fields(
    request, client_for, detailed_partner, other_partner, persona
):
    response = client_for(request.getfixturevalue(persona)).get(HOME_URL)
    text = page_text(response)
    assert response.status_code == 200
    assert "Acme Systems" in text
    assert "https://acme.example" in text
    assert "Acme builds integrations." in text
    assert "Cloud migrations" in text
    assert "Gold" in text
    assert "DACH" in text
    assert "Mid-market" in text


@pytest.mark.parametrize("persona", ["partner_admin", "partner_member"])
def test_portal_home_never_shows_internal_fields_or_other_partners(
    request, client_for, detailed_partner, other_partner, outsider, persona
):
    response = client_for(request.getfixturevalue(persona)).get(HOME_URL)
    body = response.content.decode()
    assert response.status_code == 200
    assert INTERNAL_NOTES not in body
    assert "Morgan Owner" not in body  # the owning channel manager
    assert "manager-t" not in body
    assert "At risk" not in body  # lifecycle status is our assessment
    assert "at_risk" not in body
    assert "987" not in body  # annual revenue
    assert "Service alliance" not in body
    assert "Globex Networks" not in body
    assert "pa-globex" not in body


def test_portal_home_lists_own_team_only(client_for, partner_admin, partner_member, outsider):
    text = page_text(client_for(partner_member).get(HOME_URL))
    assert "pa-acme@example.com" in text
    assert "pm-acme@example.com" in text
    assert "pa-globex@example.com" not in text


def test_portal_home_for_outsider_shows_only_their_company(client_for, outsider, partner):
    response = client_for(outsider).get(HOME_URL)
    assert response.status_code == 200
    assert "Globex Networks" in page_text(response)
    assert "Acme Systems" not in response.content.decode()
    assert INTERNAL_NOTES not in response.content.decode()


def test_portal_home_offers_profile_edit_to_partner_admin_only(
    client_for, partner_admin, partner_member
):
    admin_page = client_for(partner_admin).get(HOME_URL).content.decode()
    member_page = client_for(partner_member).get(HOME_URL).content.decode()
    assert f'href="{PROFILE_URL}"' in admin_page
    assert f'href="{PROFILE_URL}"' not in member_page


def test_portal_home_has_no_links_to_internal_pages(client_for, partner_admin):
    body = client_for(partner_admin).get(HOME_URL).content.decode()
    assert 'href="/partners/' not in body
    assert 'href="/admin/' not in body


def test_home_redirects_partner_users_to_the_portal(client_for, partner_member):
    response = client_for(partner_member).get("/")
    assert response.status_code == 302
    assert response.url == HOME_URL


def test_portal_home_query_count_is_constant(client_for, partner_admin, partner, count_queries):
    client = client_for(partner_admin)
    partner.territories.set(TerritoryFactory.create_batch(1))
    small = count_queries(client, HOME_URL)
    MembershipFactory.create_batch(15, partner=partner)
    partner.territories.set(TerritoryFactory.create_batch(6))
    partner.segments.set(SegmentFactory.create_batch(6))
    PartnerFactory.create_batch(10)
    large = count_queries(client, HOME_URL)
    # The membership, then each panel's own: tier standing 5, company 2, deals 2, scores 1,
    # program 5 (rules, new resources, expiring certifications), claims 2, team 1.
    assert small == large <= 20


# --- who may open the portal ---------------------------------------------------------------


@pytest.mark.parametrize("url", [HOME_URL, PROFILE_URL])
@pytest.mark.parametrize("persona", ["manager", "admin_user"])
def test_portal_is_forbidden_for_vendor_staff(request, client_for, url, persona):
    response = client_for(request.getfixturevalue(persona)).get(url)
    assert response.status_code == 403


@pytest.mark.parametrize("url", [HOME_URL, PROFILE_URL])
def test_portal_redirects_anonymous_to_login(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response.url == f"/accounts/login/?next={url}"


@pytest.mark.parametrize("url", [HOME_URL, PROFILE_URL])
def test_portal_user_without_membership_gets_404(db, client_for, url):
    """A partner login not (or no longer) linked to a company sees no company at all."""
    orphan = UserFactory(username="orphan", role="partner_user")
    response = client_for(orphan).get(url)
    assert response.status_code == 404
    assert b"Acme" not in response.content


def test_home_sends_a_partner_user_without_membership_to_the_portal_404(client_for, partner):
    orphan = UserFactory(username="orphan", role="partner_user")
    client = client_for(orphan)
    assert client.get("/").url == HOME_URL
    assert client.get(HOME_URL).status_code == 404


@pytest.mark.parametrize(
    ("method", "url"),
    [("post", HOME_URL), ("put", PROFILE_URL), ("delete", PROFILE_URL), ("patch", PROFILE_URL)],
)
def test_portal_pages_reject_wrong_method(client_for, partner_admin, method, url):
    response = getattr(client_for(partner_admin), method)(url)
    assert response.status_code == 405


# --- profile edit --------------------------------------------------------------------------


def test_portal_profile_form_offers_only_editable_fields(client_for, partner_admin):
    response = client_for(partner_admin).get(PROFILE_URL)
    body = response.content.decode()
    assert response.status_code == 200
    start = body.index('<form id="profile-form"')
    form = body[start : body.index("</form>", start)]
    names = set(re.findall(r'<(?:input|select|textarea)[^>]* name="(\w+)"', form))
    names -= {"csrfmiddlewaretoken", "version"}
    assert names == set(Partner.PORTAL_EDITABLE_FIELDS)
    assert INTERNAL_NOTES not in body


@pytest.mark.parametrize("method", ["get", "post"])
def test_portal_profile_edit_is_forbidden_for_partner_member(
    client_for, partner_member, partner, method
):
    response = getattr(client_for(partner_member), method)(PROFILE_URL, profile_data())
    assert response.status_code == 403
    partner.refresh_from_db()
    assert partner.description == ""


def test_portal_profile_edit_saves_editable_fields_and_redirects(
    client_for, partner_admin, partner
):
    response = client_for(partner_admin).post(PROFILE_URL, profile_data())
    assert response.status_code == 302
    assert response.url == HOME_URL
    partner.refresh_from_db()
    assert partner.website == "https://acme.example"
    assert partner.description == "We integrate things."
    assert partner.employee_count == 120
    assert partner.differentiation == "24/7 support in German"


def test_portal_profile_edit_confirms_the_save(client_for, partner_admin):
    response = client_for(partner_admin).post(PROFILE_URL, profile_data(), follow=True)
    assert "Your company profile was saved." in page_text(response)


def test_portal_profile_edit_ignores_posted_internal_fields(
    client_for, partner_admin, partner, other_manager
):
    tampered = profile_data(
        name="Renamed Co",
        internal_notes="We are great",
        status="active",
        owner=other_manager.pk,
        annual_revenue="1",
        slug="renamed",
    )
    Partner.objects.filter(pk=partner.pk).update(status=Partner.Status.AT_RISK)
    response = client_for(partner_admin).post(PROFILE_URL, tampered)
    assert response.status_code == 302
    partner.refresh_from_db()
    assert partner.name == "Acme Systems"
    assert partner.slug == "acme-systems"
    assert partner.internal_notes == INTERNAL_NOTES
    assert partner.status == Partner.Status.AT_RISK
    assert partner.owner.username == "manager-t"
    assert partner.annual_revenue is None
    assert partner.description == "We integrate things."


def test_portal_profile_edit_by_outsider_changes_only_their_own_company(
    client_for, outsider, partner, other_partner
):
    response = client_for(outsider).post(PROFILE_URL, profile_data(description="Globex text"))
    assert response.status_code == 302
    partner.refresh_from_db()
    other_partner.refresh_from_db()
    assert partner.description == ""
    assert other_partner.description == "Globex text"


def test_portal_profile_edit_records_the_partner_admin_in_the_audit_trail(
    client_for, partner_admin, partner
):
    client_for(partner_admin).post(PROFILE_URL, profile_data())
    entry = LogEntry.objects.get_for_object(partner).filter(action=LogEntry.Action.UPDATE).first()
    assert entry.actor == partner_admin
    assert entry.changes_dict["description"] == ["", "We integrate things."]


def test_portal_profile_edit_may_clear_every_field(client_for, partner_admin, partner):
    Partner.objects.filter(pk=partner.pk).update(description="Old", phone="123")
    blank = {field: "" for field in Partner.PORTAL_EDITABLE_FIELDS} | {"version": 1}
    response = client_for(partner_admin).post(PROFILE_URL, blank)
    assert response.status_code == 302
    partner.refresh_from_db()
    assert (partner.description, partner.phone) == ("", "")


def test_portal_profile_edit_with_nothing_posted_clears_nothing_silently(
    client_for, partner_admin, partner
):
    """A POST of nothing but the form's version is a submission of an all-blank form, not a page
    view."""
    Partner.objects.filter(pk=partner.pk).update(description="Old")
    response = client_for(partner_admin).post(PROFILE_URL, {"version": 1})
    assert response.status_code == 302
    partner.refresh_from_db()
    assert partner.description == ""


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"website": "not a website"}, "website", "Enter a valid URL."),
        ({"employee_count": "-5"}, "employee_count", "greater than or equal to 0"),
        ({"employee_count": "many"}, "employee_count", "Enter a whole number."),
        ({"phone": "1" * 41}, "phone", "at most 40 characters"),
    ],
)
def test_portal_profile_edit_invalid_shows_error_at_the_field(
    client_for, partner_admin, partner, overrides, field, message
):
    response = client_for(partner_admin).post(PROFILE_URL, profile_data(**overrides))
    assert response.status_code == 422
    assert "<html" in response.content.decode()
    block = field_block(response, field)
    assert block.startswith('<div class="field has-error"')
    assert message in block
    partner.refresh_from_db()
    assert partner.description == ""


def test_portal_profile_edit_invalid_htmx_returns_form_fragment_with_422(
    client_for, partner_admin, partner
):
    response = client_for(partner_admin).post(PROFILE_URL, profile_data(website="nope"), **HTMX)
    body = response.content.decode()
    assert response.status_code == 422
    assert body.lstrip().startswith('<form id="profile-form"')
    assert "<html" not in body
    assert "Enter a valid URL." in field_block(response, "website")
    assert "HX-Request" in response["Vary"]
    partner.refresh_from_db()
    assert partner.website == ""


def test_portal_profile_edit_htmx_success_answers_with_client_redirect(
    client_for, partner_admin, partner
):
    response = client_for(partner_admin).post(PROFILE_URL, profile_data(), **HTMX)
    assert response.status_code == 200
    assert response["HX-Redirect"] == HOME_URL
    partner.refresh_from_db()
    assert partner.phone == "+49 30 1234"
