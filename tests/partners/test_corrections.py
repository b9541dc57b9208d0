"""People corrections: a partner admin proposes, the channel team accepts (applied through the
contact services) or rejects; the portal's People page shows facts, never our assessment."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from partners import services
from partners.models import Contact, ContactCorrection, CorrectionKind, CorrectionStatus
from partners.selectors.inbox import corrections_to_review
from prm.models import Notification
from relationships.models import Stance
from tests.factories import ContactFactory, OrgUnitFactory, StakeholderFactory, UserFactory

PEOPLE = reverse("portal:people")
QUEUE = reverse("partners:correction-queue")
API = "/api/v1/contact-corrections/"
TODAY = datetime.date.today()


def _propose(actor, partner, kind=CorrectionKind.NEW_TITLE, **fields):
    return services.contact_correction_propose(actor=actor, partner=partner, kind=kind, **fields)


def _open(partner, admin, **fields):
    contact = fields.pop("contact", None) or ContactFactory(partner=partner)
    return _propose(admin, partner, contact=contact, title=fields.pop("title", "CTO"), **fields)


# --- services --------------------------------------------------------------------------------


def test_propose_new_title_notifies_the_partner_owner(partner, partner_admin, manager):
    correction = _open(partner, partner_admin)
    assert correction.status == CorrectionStatus.PROPOSED
    assert Notification.objects.filter(recipient=manager, kind="correction_proposed").exists()


def test_propose_is_for_partner_admins_of_the_partner(partner, partner_member, outsider, manager):
    contact = ContactFactory(partner=partner)
    for user in (partner_member, outsider, manager):
        with pytest.raises(PermissionDenied):
            _propose(user, partner, contact=contact, title="CTO")


def test_a_read_only_role_may_not_propose(partner, partner_admin, monkeypatch):
    """Only writing roles write: the helper the portal and the services share decides."""
    from partners.selectors import corrections as correction_selectors

    monkeypatch.setattr(correction_selectors, "WRITING_ROLES", ("member",))
    with pytest.raises(PermissionDenied):
        _open(partner, partner_admin)


def test_propose_validates_per_kind(partner, partner_admin, other_partner):
    contact = ContactFactory(partner=partner, title="CTO")
    with pytest.raises(ValidationError) as error:
        _propose(partner_admin, partner, kind=CorrectionKind.NEW_PERSON, first_name="")
    assert {"first_name", "last_name"} <= set(error.value.message_dict)
    with pytest.raises(ValidationError) as error:
        _propose(partner_admin, partner, kind=CorrectionKind.LEFT, contact=contact)
    assert "left_on" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        _propose(partner_admin, partner, contact=contact, title="CTO")
    assert "title" in error.value.message_dict
    foreign = ContactFactory(partner=other_partner)
    with pytest.raises(ValidationError) as error:
        _propose(partner_admin, partner, contact=foreign, title="CEO")
    assert "contact" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        _propose(partner_admin, partner, contact=contact, org_unit=OrgUnitFactory())
    assert "org_unit" in error.value.message_dict


def test_one_open_correction_per_person_and_kind(partner, partner_admin):
    correction = _open(partner, partner_admin)
    with pytest.raises(ValidationError) as error:
        _open(partner, partner_admin, contact=correction.contact, title="CFO")
    assert "contact" in error.value.message_dict


def test_accept_new_person_creates_the_contact(partner, partner_admin, manager):
    unit = OrgUnitFactory(partner=partner, name="Sales")
    correction = _propose(
        partner_admin, partner, kind=CorrectionKind.NEW_PERSON, first_name="Lena",
        last_name="Hoffmann", title="Engineer", email="lena@acme.example", org_unit=unit,
    )  # fmt: skip
    services.contact_correction_accept(actor=manager, correction=correction)
    correction.refresh_from_db()
    created = Contact.objects.get(email="lena@acme.example")
    assert (created.partner, created.org_unit, created.title) == (partner, unit, "Engineer")
    assert correction.created_contact == created
    assert (correction.status, correction.decided_by) == (CorrectionStatus.ACCEPTED, manager)
    assert Notification.objects.filter(recipient=partner_admin, kind="correction_decided").exists()


def test_accept_left_marks_the_person_left(partner, partner_admin, manager):
    contact = ContactFactory(partner=partner)
    correction = _propose(partner_admin, partner, kind=CorrectionKind.LEFT, contact=contact,
                          left_on=TODAY)  # fmt: skip
    services.contact_correction_accept(actor=manager, correction=correction)
    contact.refresh_from_db()
    assert contact.left_on == TODAY


def test_accept_new_title_and_unit(partner, partner_admin, manager):
    unit = OrgUnitFactory(partner=partner)
    correction = _open(partner, partner_admin, title="VP Sales", org_unit=unit)
    services.contact_correction_accept(actor=manager, correction=correction)
    correction.contact.refresh_from_db()
    assert (correction.contact.title, correction.contact.org_unit) == ("VP Sales", unit)


def test_accept_fails_whole_when_the_change_cannot_apply(partner, partner_admin, manager):
    """The contact services' checks apply; nothing is half done."""
    contact = ContactFactory(partner=partner)
    correction = _propose(partner_admin, partner, kind=CorrectionKind.LEFT, contact=contact,
                          left_on=TODAY)  # fmt: skip
    services.contact_mark_left(actor=manager, contact=contact, left_on=TODAY)
    with pytest.raises(ValidationError):
        services.contact_correction_accept(actor=manager, correction=correction)
    correction.refresh_from_db()
    assert correction.status == CorrectionStatus.PROPOSED


def test_reject_needs_a_reason_and_staff(partner, partner_admin, manager):
    correction = _open(partner, partner_admin)
    with pytest.raises(PermissionDenied):
        services.contact_correction_reject(actor=partner_admin, correction=correction, reason="x")
    with pytest.raises(ValidationError):
        services.contact_correction_reject(actor=manager, correction=correction, reason=" ")
    services.contact_correction_reject(actor=manager, correction=correction, reason="Still there")
    correction.refresh_from_db()
    assert (correction.status, correction.rejection_reason) == ("rejected", "Still there")
    with pytest.raises(ValidationError):
        services.contact_correction_accept(actor=manager, correction=correction)


def test_inbox_source_lists_open_corrections_for_the_owner(partner, partner_admin, manager,
                                                           other_manager):  # fmt: skip
    _open(partner, partner_admin)
    mine = corrections_to_review(user=manager, scope="mine", today=TODAY, limit=5)
    assert mine.count == 1 and mine.items[0].partner == partner.name
    assert corrections_to_review(user=other_manager, scope="mine", today=TODAY, limit=5).count == 0
    assert corrections_to_review(user=other_manager, scope="team", today=TODAY, limit=0).count == 1


def test_decision_email_goes_to_the_proposer(
    partner, partner_admin, manager, django_capture_on_commit_callbacks
):
    partner_admin.email = "pa@acme.example"
    partner_admin.save()
    correction = _open(partner, partner_admin)
    with django_capture_on_commit_callbacks(execute=True):
        services.contact_correction_reject(actor=manager, correction=correction, reason="No")
    assert any("pa@acme.example" in message.to for message in mail.outbox)


# --- portal pages ----------------------------------------------------------------------------


def test_portal_people_shows_facts_never_our_assessment(client_for, partner, partner_member):
    partner.internal_notes = "SECRET-NOTES"
    partner.save()
    contact = ContactFactory(partner=partner, first_name="Jana", title="Head of IT",
                             org_unit=OrgUnitFactory(partner=partner, name="IT"))  # fmt: skip
    StakeholderFactory(contact=contact, stance=Stance.NON_SUPPORTER, influence=5,
                       formal_responsibilities="SECRET-RESPONSIBILITIES")  # fmt: skip
    response = client_for(partner_member).get(PEOPLE)
    text = response.content.decode()
    assert response.status_code == 200
    assert "Jana" in text and "Head of IT" in text and contact.email in text
    for secret in ("SECRET-NOTES", "SECRET-RESPONSIBILITIES", "Non-supporter", "Neutralize",
                   "nfluence", "stance", "Relationship level"):  # fmt: skip
        assert secret not in text
    assert "New title or unit" not in text  # a member does not propose


def test_portal_people_shows_only_own_partner(client_for, partner_admin, other_partner):
    ContactFactory(partner=other_partner, first_name="Zebulon")
    other = _open(other_partner, _admin_of(other_partner))
    text = client_for(partner_admin).get(PEOPLE).content.decode()
    assert "Zebulon" not in text and f"correction-{other.pk}" not in text


def _admin_of(partner):
    from tests.factories import MembershipFactory

    return MembershipFactory(partner=partner, role="partner_admin",
                             user=UserFactory(role="partner_user")).user  # fmt: skip


def test_portal_propose_form(client_for, partner, partner_admin):
    contact = ContactFactory(partner=partner)
    url = reverse("portal:correction-propose", args=["new_title"])
    client = client_for(partner_admin)
    assert client.get(f"{url}?contact={contact.pk}").status_code == 200
    response = client.post(url, {"contact": contact.pk, "title": "CTO"})
    assert response.status_code == 302
    assert ContactCorrection.objects.get().title == "CTO"
    invalid = client.post(url, {"contact": contact.pk, "title": "CFO"}, HTTP_HX_REQUEST="true")
    assert invalid.status_code == 422  # one open correction per person and kind


def test_portal_propose_access(client, client_for, partner_member, manager, partner_admin):
    url = reverse("portal:correction-propose", args=["left"])
    assert client_for(partner_member).get(url).status_code == 403
    assert client_for(manager).get(url).status_code == 403
    assert (
        client_for(partner_admin)
        .get(reverse("portal:correction-propose", args=["nonsense"]))
        .status_code
        == 404
    )
    assert client_for(partner_admin).delete(url).status_code == 405
    assert client_for(partner_admin).post(PEOPLE).status_code == 405


def test_portal_propose_refuses_another_partners_person(client_for, partner_admin, other_partner):
    foreign = ContactFactory(partner=other_partner)
    url = reverse("portal:correction-propose", args=["left"])
    response = client_for(partner_admin).post(url, {"contact": foreign.pk, "left_on": TODAY})
    assert response.status_code == 422
    assert not ContactCorrection.objects.exists()


def test_portal_people_query_count_constant(client_for, partner, partner_admin, count_queries):
    def count(n):
        unit = OrgUnitFactory(partner=partner)
        ContactFactory.create_batch(n, partner=partner, org_unit=unit)
        _open(partner, partner_admin)
        return count_queries(client_for(partner_admin), PEOPLE, warm=True)

    assert count(2) == count(12)


# --- staff pages -----------------------------------------------------------------------------


def test_queue_lists_and_decides(client_for, manager, partner, partner_admin):
    correction = _open(partner, partner_admin, title="Chief Partner Officer")
    client = client_for(manager)
    assert "Chief Partner Officer" in client.get(QUEUE).content.decode()
    assert client.get(QUEUE, {"status": "proposed"}, HTTP_HX_REQUEST="true").status_code == 200
    client.post(reverse("partners:correction-accept", args=[correction.pk]))
    correction.refresh_from_db()
    assert correction.status == "accepted"


def test_reject_from_the_queue_without_reason_keeps_it_open(client_for, manager, partner,
                                                            partner_admin):  # fmt: skip
    correction = _open(partner, partner_admin)
    response = client_for(manager).post(
        reverse("partners:correction-reject", args=[correction.pk]), {"reason": ""}, follow=True
    )
    assert b"Say why" in response.content
    correction.refresh_from_db()
    assert correction.status == "proposed"


def test_partner_page_panel_shows_its_open_corrections(client_for, manager, partner,
                                                       partner_admin, other_partner):  # fmt: skip
    mine = _open(partner, partner_admin)
    other = _open(other_partner, _admin_of(other_partner))
    text = (
        client_for(manager)
        .get(reverse("partners:partner-corrections", args=[partner.slug]))
        .content.decode()
    )
    assert f"correction-{mine.pk}" in text and f"correction-{other.pk}" not in text


def test_staff_pages_access(client, client_for, partner_admin, partner, manager):
    correction = _open(partner, partner_admin)
    accept = reverse("partners:correction-accept", args=[correction.pk])
    panel = reverse("partners:partner-corrections", args=[partner.slug])
    assert client.get(QUEUE).status_code == 302
    for url in (QUEUE, panel):
        assert client_for(partner_admin).get(url).status_code == 403
    assert client_for(partner_admin).post(accept).status_code == 403
    assert client_for(manager).get(accept).status_code == 405
    assert client_for(manager).post(QUEUE).status_code == 405
    missing = reverse("partners:correction-accept", args=[correction.pk + 999])
    assert client_for(manager).post(missing).status_code == 404


def test_queue_query_count_constant(client_for, manager, partner, partner_admin, count_queries):
    def count(n):
        for _ in range(n):
            _open(partner, partner_admin)
        return count_queries(client_for(manager), QUEUE, warm=True)

    assert count(2) == count(8)


# --- API -------------------------------------------------------------------------------------


def test_api_partner_admin_proposes_and_reads_own(api_for, partner, partner_admin, other_partner):
    contact = ContactFactory(partner=partner)
    other = _open(other_partner, _admin_of(other_partner))
    api = api_for(partner_admin)
    created = api.post(API, {"kind": "new_title", "contact": contact.pk, "title": "CTO"},
                       format="json")  # fmt: skip
    assert created.status_code == 201, created.content
    assert created.json()["partner"] == partner.pk
    ids = [row["id"] for row in api.get(API).json()["results"]]
    assert ids == [created.json()["id"]]
    assert api.get(f"{API}{other.pk}/").status_code == 404


def test_api_refuses_bad_input_with_field_errors(api_for, partner, partner_admin, other_partner):
    api = api_for(partner_admin)
    foreign = ContactFactory(partner=other_partner)
    response = api.post(API, {"kind": "left", "contact": foreign.pk, "left_date": str(TODAY)},
                        format="json")  # fmt: skip
    assert response.status_code == 400 and "contact" in response.json()
    response = api.post(API, {"kind": "left", "contact": ContactFactory(partner=partner).pk},
                        format="json")  # fmt: skip
    assert response.status_code == 400 and "left_date" in response.json()
    response = api.post(API, {"kind": "new_person"}, format="json")
    assert response.status_code == 400 and "first_name" in response.json()
    assert api.post(API, {"kind": "left", "bogus": 1}, format="json").status_code == 400


def test_api_member_may_read_but_not_propose(api_for, partner, partner_member):
    contact = ContactFactory(partner=partner)
    api = api_for(partner_member)
    assert api.get(API).status_code == 200
    response = api.post(API, {"kind": "new_title", "contact": contact.pk, "title": "X"},
                        format="json")  # fmt: skip
    assert response.status_code == 403


def test_api_staff_decide(api_for, manager, partner, partner_admin):
    correction = _open(partner, partner_admin)
    api = api_for(manager)
    refused = api.post(f"{API}{correction.pk}/reject/", {"reason": ""}, format="json")
    assert refused.status_code == 400 and "reason" in refused.json()
    response = api.post(f"{API}{correction.pk}/accept/", format="json")
    assert response.status_code == 200 and response.json()["status"] == "accepted"
    assert api.post(API, {"kind": "left"}, format="json").status_code == 403
    assert api.delete(f"{API}{correction.pk}/").status_code == 405
    assert api.get(API, {"status": "accepted"}).json()["count"] == 1


def test_api_partner_may_not_decide(api_for, partner, partner_admin):
    correction = _open(partner, partner_admin)
    assert api_for(partner_admin).post(f"{API}{correction.pk}/accept/").status_code == 403
    assert api_for(None).get(API).status_code in (401, 403)
