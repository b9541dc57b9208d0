"""Enablement pages: certification queue, expiring list, rules (internal); certifications and
rules in the portal; isolation, bad input, query counts."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from incentives.models import Acknowledgement, Certification, RulesOfEngagement
from tests.factories import ContactFactory, PartnerFactory
from tests.helpers import HTMX, field_errors, page_text

from .enablement_factories import (
    AcknowledgementFactory,
    CertificationFactory,
    CourseFactory,
    RulesFactory,
)

pytestmark = pytest.mark.django_db
REQUESTED = Certification.Status.REQUESTED


def internal_get_urls(rules):
    return [
        reverse("incentives:certification-list"),
        reverse("incentives:certification-expiring"),
        reverse("incentives:rules-list"),
        reverse("incentives:rules-create"),
        reverse("incentives:rules-acknowledgements", args=[rules.pk]),
    ]


def portal_get_urls():
    return [
        reverse("incentives-portal:certification-list"),
        reverse("incentives-portal:certification-request"),
        reverse("incentives-portal:rules"),
    ]


def test_internal_pages_render_for_staff(client_for, manager, partner):
    rules = RulesFactory()
    CertificationFactory(contact=ContactFactory(partner=partner), status=REQUESTED)
    client = client_for(manager)
    for url in internal_get_urls(rules):
        assert client.get(url).status_code == 200, url


def test_internal_pages_forbid_partner_users(client_for, partner_admin):
    client = client_for(partner_admin)
    for url in internal_get_urls(RulesFactory()):
        assert client.get(url).status_code == 403, url


def test_internal_pages_redirect_anonymous_to_login(client):
    for url in internal_get_urls(RulesFactory()):
        response = client.get(url)
        assert response.status_code == 302 and "login" in response.url, url


def test_internal_pages_refuse_wrong_method(client_for, manager):
    client = client_for(manager)
    cert = CertificationFactory(status=REQUESTED)
    rules = RulesFactory()
    assert client.post(reverse("incentives:certification-list")).status_code == 405
    assert client.post(reverse("incentives:rules-list")).status_code == 405
    assert client.post(reverse("incentives:certification-expiring")).status_code == 405
    url = reverse("incentives:rules-acknowledgements", args=[rules.pk])
    assert client.post(url).status_code == 405
    for name in ("approve", "reject"):
        url = reverse(f"incentives:certification-{name}", args=[cert.pk])
        assert client.get(url).status_code == 405


def test_decisions_forbid_partner_users(client_for, partner, partner_admin):
    cert = CertificationFactory(contact=ContactFactory(partner=partner), status=REQUESTED)
    client = client_for(partner_admin)
    for name in ("approve", "reject"):
        assert (
            client.post(reverse(f"incentives:certification-{name}", args=[cert.pk])).status_code
            == 403
        )
    cert.refresh_from_db()
    assert cert.status == REQUESTED


def test_certification_approve_by_manager(client_for, manager, partner):
    cert = CertificationFactory(contact=ContactFactory(partner=partner), status=REQUESTED)
    response = client_for(manager).post(reverse("incentives:certification-approve", args=[cert.pk]))
    assert response.status_code == 302
    cert.refresh_from_db()
    assert (cert.status, cert.decided_by) == (Certification.Status.APPROVED, manager)


def test_certification_reject_missing_is_404(client_for, manager):
    url = reverse("incentives:certification-reject", args=[999999])
    assert client_for(manager).post(url).status_code == 404


def test_certification_queue_fragment_for_htmx(client_for, manager):
    CertificationFactory(status=REQUESTED)
    response = client_for(manager).get(reverse("incentives:certification-list"), **HTMX)
    body = response.content.decode()
    assert response.status_code == 200 and 'id="certification-rows"' in body
    assert "<html" not in body


def test_certification_queue_query_count_is_constant(client_for, manager, count_queries):
    client = client_for(manager)
    url = reverse("incentives:certification-list")

    def queries(size):
        CertificationFactory.create_batch(size, status=REQUESTED)
        return count_queries(client, url)

    assert queries(2) == queries(10)


def test_acknowledgements_page_query_count_is_constant(client_for, manager, count_queries):
    client = client_for(manager)
    rules = RulesFactory()
    url = reverse("incentives:rules-acknowledgements", args=[rules.pk])

    def queries(size):
        for _ in range(size):
            AcknowledgementFactory(rules=rules)
            PartnerFactory()
        return count_queries(client, url)

    assert queries(2) == queries(10)


def test_acknowledgements_page_shows_who_has_not(client_for, manager, partner, other_partner):
    rules = RulesFactory()
    AcknowledgementFactory(partner=partner, rules=rules)
    url = reverse("incentives:rules-acknowledgements", args=[rules.pk])
    text = page_text(client_for(manager).get(url))
    assert "Not acknowledged (1)" in text and "Globex Networks" in text
    assert "Acknowledged (1)" in text


def test_rules_create_shows_stability_warning_and_publishes(client_for, manager):
    today = timezone.localdate()
    RulesFactory(significant=True, effective_on=today - datetime.timedelta(days=20))
    RulesFactory(significant=True, effective_on=today - datetime.timedelta(days=200))
    client = client_for(manager)
    text = page_text(client.get(reverse("incentives:rules-create")))
    assert "2 significant changes in the last 12 months" in text
    assert "partners pull investment from vendors whose rules keep changing" in text
    data = {
        "effective_on": today.isoformat(),
        "significant": "on",
        "summary": "New",
        "full_text": "T",
    }
    response = client.post(reverse("incentives:rules-create"), data)
    assert response.status_code == 302
    assert RulesOfEngagement.objects.order_by("-version").first().significant


def test_rules_create_without_warning_when_stable(client_for, manager):
    text = page_text(client_for(manager).get(reverse("incentives:rules-create")))
    assert "0 significant changes" in text and "Warning" not in text


def test_rules_create_invalid_htmx_is_422_at_field(client_for, manager):
    data = {"effective_on": timezone.localdate().isoformat(), "summary": "", "full_text": "T"}
    response = client_for(manager).post(reverse("incentives:rules-create"), data, **HTMX)
    assert response.status_code == 422
    assert field_errors(response, "summary")
    assert not RulesOfEngagement.objects.exists()


def test_dashboard_loads_enablement_panels_lazily(client_for, manager):
    today = timezone.localdate()
    RulesFactory(significant=True, effective_on=today - datetime.timedelta(days=20))
    RulesFactory(significant=True, effective_on=today - datetime.timedelta(days=40))
    client = client_for(manager)
    dashboard = client.get(reverse("home")).content.decode()
    assert reverse("incentives:enablement-dashboard-panel") in dashboard
    text = page_text(client.get(reverse("incentives:enablement-dashboard-panel"), **HTMX))
    assert "Stability of the rules of engagement" in text and "Warning" in text
    assert "Certifications expiring in 60 days" in text


def test_dashboard_panel_forbids_partner_users(client_for, partner_admin):
    url = reverse("incentives:enablement-dashboard-panel")
    assert client_for(partner_admin).get(url).status_code == 403
    assert client_for(partner_admin).post(url).status_code in (403, 405)


# --- portal ---------------------------------------------------------------------------------


def test_portal_pages_forbid_staff_and_redirect_anonymous(client_for, client, manager):
    for url in portal_get_urls():
        response = client.get(url)
        assert response.status_code == 302 and "login" in response.url, url
    staff = client_for(manager)
    for url in portal_get_urls():
        assert staff.get(url).status_code == 403, url


def test_portal_certifications_show_own_partner_only(
    client_for, partner, partner_member, other_partner
):
    CertificationFactory(contact=ContactFactory(partner=partner, first_name="Ada", last_name="Own"))
    CertificationFactory(
        contact=ContactFactory(partner=other_partner, first_name="Eve", last_name="Other")
    )
    text = page_text(
        client_for(partner_member).get(reverse("incentives-portal:certification-list"))
    )
    assert "Ada Own" in text and "Eve Other" not in text


def test_portal_certification_request_creates_request(client_for, partner, partner_member):
    contact = ContactFactory(partner=partner)
    course = CourseFactory()
    data = {
        "contact": contact.pk,
        "course": course.pk,
        "earned_on": timezone.localdate().isoformat(),
    }
    response = client_for(partner_member).post(
        reverse("incentives-portal:certification-request"), data
    )
    assert response.status_code == 302
    assert Certification.objects.get().status == REQUESTED


def test_portal_certification_request_refuses_other_partners_contact(
    client_for, partner_member, other_partner
):
    contact = ContactFactory(partner=other_partner)
    data = {
        "contact": contact.pk,
        "course": CourseFactory().pk,
        "earned_on": timezone.localdate().isoformat(),
    }
    response = client_for(partner_member).post(
        reverse("incentives-portal:certification-request"), data, **HTMX
    )
    assert response.status_code == 422
    assert field_errors(response, "contact")
    assert not Certification.objects.exists()


def test_portal_certification_request_wrong_method(client_for, partner_member):
    url = reverse("incentives-portal:certification-list")
    assert client_for(partner_member).post(url).status_code == 405
    url = reverse("incentives-portal:rules")
    assert client_for(partner_member).delete(url).status_code == 405


def test_portal_rules_acknowledge(client_for, partner, partner_member):
    rules = RulesFactory(summary="Margins change", full_text="The full rules text")
    client = client_for(partner_member)
    text = page_text(client.get(reverse("incentives-portal:rules")))
    assert "Margins change" in text and "The full rules text" in text
    assert f"Acknowledge version {rules.version}" in text
    response = client.post(reverse("incentives-portal:rules"))
    assert response.status_code == 302
    assert Acknowledgement.objects.get().partner == partner
    assert "Acknowledged by" in page_text(client.get(reverse("incentives-portal:rules")))


def test_portal_rules_empty_state(client_for, partner_member):
    text = page_text(client_for(partner_member).get(reverse("incentives-portal:rules")))
    assert "No rules of engagement have been published yet" in text
