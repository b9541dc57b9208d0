"""Concurrent edits: two people open the same object, both save; the second is refused with the
message and the current values (forms, API with If-Match or a body version, admin), never a
silent overwrite. Built once in prm.lib.versioning, prm.lib.forms and prm.lib.api."""

import re

import pytest
from django.test import Client

from partners.models import Partner
from prm.lib.versioning import StaleVersion
from tests.factories import PartnerFactory, TerritoryFactory, UserFactory
from tests.helpers import page_text

pytestmark = pytest.mark.django_db

STALE = "Someone else changed this partner since you opened it"


def edit_data(partner, **overrides) -> dict:
    data = {
        "name": partner.name,
        "country": str(partner.country),
        "partner_type": partner.partner_type,
        "status": partner.status,
        "website": partner.website,
        "owner": partner.owner_id,
        "internal_notes": partner.internal_notes,
    }
    data.update(overrides)
    return data


def hidden_version(response) -> str:
    match = re.search(r'name="version" value="(\d+)"', response.content.decode())
    assert match, "the edit form carries no version"
    return match.group(1)


# --- the model -------------------------------------------------------------------------------


def test_save_counts_versions_and_refuses_a_stale_instance(partner):
    assert partner.version == 1
    first, second = Partner.objects.get(pk=partner.pk), Partner.objects.get(pk=partner.pk)
    first.name = "First"
    first.save()
    assert first.version == 2
    second.name = "Second"
    with pytest.raises(StaleVersion):
        second.save()
    assert second.version == 1  # unchanged by the refused save
    partner.refresh_from_db()
    assert (partner.name, partner.version) == ("First", 2)


def test_update_fields_saves_count_too(partner):
    partner.status = Partner.Status.AT_RISK
    partner.save(update_fields=["status", "updated_at"])
    partner.refresh_from_db()
    assert partner.version == 2


# --- forms: two sessions ---------------------------------------------------------------------


def test_stale_partner_form_is_refused_with_the_current_values(client_for, manager, partner):
    alice, bob = client_for(manager), Client()
    bob.force_login(UserFactory(role="channel_manager"))
    url = f"/partners/{partner.slug}/edit/"
    alice_version = hidden_version(alice.get(url))
    bob_version = hidden_version(bob.get(url))
    assert alice_version == bob_version == "1"

    first = alice.post(url, edit_data(partner, internal_notes="Alice's notes", version=1))
    assert first.status_code == 302
    second = bob.post(url, edit_data(partner, internal_notes="Bob's notes", version=1))

    assert second.status_code == 422
    text = page_text(second)
    assert STALE in text and "review and save again" in text
    assert "Alice&#x27;s notes" in second.content.decode() or "Alice's notes" in text
    assert "Bob&#x27;s notes" not in second.content.decode()
    assert hidden_version(second) == "2"
    partner.refresh_from_db()
    assert (partner.internal_notes, partner.version) == ("Alice's notes", 2)

    # Bob reviews the current values and saves again: now it goes through.
    third = bob.post(url, edit_data(partner, internal_notes="Bob's notes", version=2))
    assert third.status_code == 302
    partner.refresh_from_db()
    assert (partner.internal_notes, partner.version) == ("Bob's notes", 3)


def test_edit_form_without_a_version_is_refused(client_for, manager, partner):
    response = client_for(manager).post(
        f"/partners/{partner.slug}/edit/", edit_data(partner, internal_notes="Blind write")
    )
    assert response.status_code == 422
    assert "out of date" in page_text(response)
    partner.refresh_from_db()
    assert partner.internal_notes != "Blind write"


def test_create_form_carries_no_version(client_for, manager):
    response = client_for(manager).get("/partners/new/")
    assert 'name="version"' not in response.content.decode()


def test_stale_portal_profile_is_refused(client_for, partner_admin, partner):
    url = "/portal/profile/"
    client = client_for(partner_admin)
    assert hidden_version(client.get(url)) == "1"
    partner.name = "Changed by the channel team"
    partner.save()
    response = client.post(url, {"name": "Ours", "country": "DE", "version": 1})
    assert response.status_code == 422
    assert STALE in page_text(response)
    partner.refresh_from_db()
    assert partner.name == "Changed by the channel team"


def test_a_save_that_loses_the_race_after_the_form_check_is_refused(
    client_for, manager, partner, monkeypatch
):
    """The form matched the version, but another save lands before this one's UPDATE: the
    UPDATE matches no row at the version read, and the form shows the current values."""
    from partners import services

    real_update = services.partner_update

    def racing_update(**kwargs):
        Partner.objects.get(pk=partner.pk).save()  # someone else saves meanwhile
        return real_update(**kwargs)

    monkeypatch.setattr(services, "partner_update", racing_update)
    response = client_for(manager).post(
        f"/partners/{partner.slug}/edit/", edit_data(partner, internal_notes="Late", version=1)
    )
    assert response.status_code == 422
    assert STALE in page_text(response)
    partner.refresh_from_db()
    assert partner.internal_notes != "Late" and partner.version == 2


# --- API: ETag, If-Match, body version -------------------------------------------------------


def url_of(partner):
    return f"/api/v1/partners/{partner.pk}/"


def test_api_retrieve_and_update_answer_with_an_etag(api_for, manager, partner):
    api = api_for(manager)
    assert api.get(url_of(partner))["ETag"] == 'W/"1"'
    response = api.patch(url_of(partner), {"internal_notes": "x"}, format="json")
    assert response.status_code == 200 and response["ETag"] == 'W/"2"'


def test_api_put_with_a_stale_if_match_is_412_with_the_current_values(api_for, manager, partner):
    alice, bob = api_for(manager), api_for(UserFactory(role="channel_manager"))
    alice_tag = alice.get(url_of(partner))["ETag"]
    body = bob.get(url_of(partner)).json()
    bob_tag = 'W/"1"'
    assert alice_tag == bob_tag

    put = {key: body[key] for key in ("name", "country", "partner_type", "status", "owner")}
    first = alice.put(
        url_of(partner), {**put, "internal_notes": "Alice"}, format="json", HTTP_IF_MATCH=alice_tag
    )
    assert first.status_code == 200, first.json()
    second = bob.put(
        url_of(partner), {**put, "internal_notes": "Bob"}, format="json", HTTP_IF_MATCH=bob_tag
    )

    assert second.status_code == 412
    detail = second.json()
    assert STALE in detail["detail"]
    assert detail["version"] == 2 and detail["current"]["internal_notes"] == "Alice"
    partner.refresh_from_db()
    assert partner.internal_notes == "Alice"


def test_api_patch_with_a_stale_body_version_is_409(api_for, manager, partner):
    api = api_for(manager)
    assert (
        api.patch(
            url_of(partner), {"internal_notes": "one", "version": 1}, format="json"
        ).status_code
        == 200
    )
    stale = api.patch(url_of(partner), {"internal_notes": "two", "version": 1}, format="json")
    assert stale.status_code == 409
    assert stale.json()["current"]["internal_notes"] == "one"
    current = api.patch(url_of(partner), {"internal_notes": "two", "version": 2}, format="json")
    assert current.status_code == 200 and current["ETag"] == 'W/"3"'


def test_api_bad_version_is_400(api_for, manager, partner):
    response = api_for(manager).patch(url_of(partner), {"version": "abc"}, format="json")
    assert response.status_code == 400 and "version" in response.json()


def test_api_delete_with_a_stale_if_match_is_412(api_for, manager):
    partner = PartnerFactory()
    partner.save()  # version 2
    api = api_for(manager)
    assert api.delete(url_of(partner), HTTP_IF_MATCH='W/"1"').status_code == 412
    assert Partner.objects.filter(pk=partner.pk).exists()
    assert api.delete(url_of(partner), HTTP_IF_MATCH='"2"').status_code == 204


def test_api_without_a_condition_is_unconditional(api_for, manager, partner):
    partner.save()
    response = api_for(manager).patch(url_of(partner), {"internal_notes": "x"}, format="json")
    assert response.status_code == 200


# --- admin -----------------------------------------------------------------------------------


def test_stale_admin_change_form_is_refused_with_the_current_values(admin_user):
    territory = TerritoryFactory(name="Nordics", code="nordics")
    alice, bob = Client(), Client()
    alice.force_login(admin_user)
    bob.force_login(UserFactory(role="administrator", is_staff=True, is_superuser=True))
    url = f"/admin/partners/territory/{territory.pk}/change/"
    assert hidden_version(alice.get(url)) == hidden_version(bob.get(url)) == "1"

    data = {"name": "Nordics", "code": "nordics", "version": 1}
    first = alice.post(url, {**data, "capacity": 70, "description": "Alice"})
    assert first.status_code == 302
    second = bob.post(url, {**data, "capacity": 90, "description": "Bob"})

    assert second.status_code == 200
    assert "Someone else changed this territory since you opened it" in page_text(second)
    assert hidden_version(second) == "2"
    assert 'value="70"' in second.content.decode()  # the current values, not Bob's
    territory.refresh_from_db()
    assert (territory.capacity, territory.description, territory.version) == (70, "Alice", 2)


def test_audit_log_admin_is_read_only(admin_user, partner):
    from auditlog.models import LogEntry

    client = Client()
    client.force_login(admin_user)
    entry = LogEntry.objects.get_for_object(partner).first()
    url = f"/admin/auditlog/logentry/{entry.pk}/"
    assert client.get(f"{url}change/").status_code == 200  # a view, without a save button
    assert 'name="_save"' not in client.get(f"{url}change/").content.decode()
    assert client.post(f"{url}change/", {"changes": "{}"}).status_code == 403
    assert client.post(f"{url}delete/", {"post": "yes"}).status_code == 403
    assert client.get("/admin/auditlog/logentry/add/").status_code == 403


def test_stale_plain_form_shows_the_current_values_as_an_htmx_fragment(client_for, manager):
    """A form that is not a ModelForm (the org chart's person form) names the row it edits."""
    from django.urls import reverse

    from tests.factories import ContactFactory
    from tests.helpers import HTMX

    contact = ContactFactory(first_name="Lea", last_name="Roth", title="Head of sales")
    url = reverse("relationships:contact-edit", args=[contact.pk])
    client = client_for(manager)
    assert hidden_version(client.get(url)) == "1"
    contact.title = "VP Sales"  # someone else, meanwhile
    contact.save()
    data = {"first_name": "Lea", "last_name": "Roth", "title": "CRO", "version": 1}

    response = client.post(url, data, **HTMX)

    assert response.status_code == 422
    body = response.content.decode()
    assert "<html" not in body
    assert "Someone else changed this contact since you opened it" in page_text(response)
    assert 'value="VP Sales"' in body and 'value="CRO"' not in body
    assert hidden_version(response) == "2"
    contact.refresh_from_db()
    assert contact.title == "VP Sales"


def _edit_pages():
    """(url name, factory of the object it edits) for every edit page."""
    from tests import factories as f
    from tests.incentives.claims_factories import IncentiveProgramFactory
    from tests.incentives.program_factories import BenefitFactory, ResourceFactory
    from tests.performance.audits_factories import PerformanceAuditFactory

    return [
        ("relationships:contact-edit", f.ContactFactory),
        ("relationships:orgunit-edit", f.OrgUnitFactory),
        ("relationships:stakeholder-edit", f.StakeholderFactory),
        ("relationships:plan-edit", f.RelationshipPlanFactory),
        ("relationships:action-edit", f.EngagementActionFactory),
        ("relationships:objective-edit", f.RelationshipObjectiveFactory),
        ("relationships:culture-edit", f.CultureAssessmentFactory),
        ("performance:audit-edit", PerformanceAuditFactory),
        ("incentives:program-update", IncentiveProgramFactory),
        ("incentives:resource-update", ResourceFactory),
        ("incentives:benefit-update", BenefitFactory),
    ]


EDIT_PAGES = ["contact", "orgunit", "stakeholder", "plan", "action", "objective", "culture",
              "audit", "program", "resource", "benefit"]  # fmt: skip


@pytest.mark.parametrize("index", range(len(EDIT_PAGES)), ids=EDIT_PAGES)
def test_every_edit_page_carries_the_version_inside_its_form(client_for, manager, index):
    from django.urls import reverse

    name, make = _edit_pages()[index]
    obj = make()
    obj.save()  # version 2: the page must show the object's, not a default
    page = client_for(manager).get(reverse(name, args=[obj.pk])).content.decode()
    match = re.search(r'<form[^>]*>(?:(?!</form>).)*name="([\w-]*version)" value="2"', page, re.S)
    assert match, f"{name} renders no version inside its form"
