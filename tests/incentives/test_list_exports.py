"""Exports of the program's lists: claims, certifications and programs for staff; a partner's
own claims and certifications in the portal (never another partner's)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from incentives.models import Resource
from tests.export_helpers import body, column_of, rows_of
from tests.factories import ContactFactory

from .claims_factories import IncentiveClaimFactory, IncentiveProgramFactory
from .enablement_factories import CertificationFactory

pytestmark = pytest.mark.django_db
CLAIMS = reverse("incentives:claim-queue")
CERTIFICATIONS = reverse("incentives:certification-list")
PROGRAMS = reverse("incentives:program-list")
PORTAL_CLAIMS = reverse("incentives-portal:claim-list")
PORTAL_CERTIFICATIONS = reverse("incentives-portal:certification-list")
FORMATS = ["csv", "xlsx"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_claim_queue_exports_its_filtered_rows(client_for, manager, partner, fmt):
    program = IncentiveProgramFactory(name="Rebate 2026")
    IncentiveClaimFactory(program=program, partner=partner, description="Webinar")
    IncentiveClaimFactory(partner=partner, description="Other program")
    response = client_for(manager).get(CLAIMS, {"program": program.pk, "export": fmt})
    rows = rows_of(response, fmt)
    assert rows[0][:3] == ["Partner", "Program", "Description"]
    assert column_of(rows, "Description") == ["Webinar"]
    assert column_of(rows, "Program") == ["Rebate 2026"]
    assert "claims-" in response["Content-Disposition"]


def test_claim_queue_page_links_its_export_with_the_filters(client_for, manager, partner):
    program = IncentiveProgramFactory()
    content = client_for(manager).get(CLAIMS, {"program": program.pk}).content.decode()
    assert f"{CLAIMS}?program={program.pk}&amp;export=csv" in content


@pytest.mark.parametrize("fmt", FORMATS)
def test_portal_claim_export_holds_only_the_partners_own(
    client_for, partner, other_partner, partner_member, fmt
):
    IncentiveClaimFactory(partner=partner, description="Our webinar")
    IncentiveClaimFactory(partner=other_partner, description="Their secret event")
    response = client_for(partner_member).get(PORTAL_CLAIMS, {"export": fmt})
    rows = rows_of(response, fmt)
    assert column_of(rows, "Description") == ["Our webinar"]
    assert "Partner" not in rows[0] and "Decided by" not in rows[0]
    assert b"Their secret event" not in body(response)


@pytest.mark.parametrize("fmt", FORMATS)
def test_certification_list_exports_its_filtered_rows(client_for, manager, partner, fmt):
    CertificationFactory(contact=ContactFactory(partner=partner, last_name="Waiting"),
                         status="requested")  # fmt: skip
    CertificationFactory(contact=ContactFactory(partner=partner, last_name="Approved"))
    staff = client_for(manager)
    # Without a status the page and its export show the requests waiting for a decision.
    waiting = column_of(rows_of(staff.get(CERTIFICATIONS, {"export": fmt}), fmt), "Person")
    assert len(waiting) == 1 and "Waiting" in waiting[0]
    approved = rows_of(staff.get(CERTIFICATIONS, {"status": "approved", "export": fmt}), fmt)
    assert len(approved) == 2 and "Approved" in column_of(approved, "Person")[0]


@pytest.mark.parametrize("fmt", FORMATS)
def test_portal_certification_export_holds_only_the_partners_own(
    client_for, partner, other_partner, partner_member, fmt
):
    CertificationFactory(contact=ContactFactory(partner=partner, last_name="Ours"))
    CertificationFactory(contact=ContactFactory(partner=other_partner, last_name="Secretsson"))
    response = client_for(partner_member).get(PORTAL_CERTIFICATIONS, {"export": fmt})
    rows = rows_of(response, fmt)
    assert len(rows) == 2 and "Ours" in column_of(rows, "Person")[0]
    assert b"Secretsson" not in body(response)


@pytest.mark.parametrize("fmt", FORMATS)
def test_program_list_exports_its_filtered_rows(client_for, manager, fmt):
    IncentiveProgramFactory(name="A rebate", kind="rebate")
    IncentiveProgramFactory(name="A spiff", kind="spiff")
    rows = rows_of(client_for(manager).get(PROGRAMS, {"kind": "spiff", "export": fmt}), fmt)
    assert rows[0][:3] == ["Program", "Kind", "Targeted behaviour"]
    assert column_of(rows, "Program") == ["A spiff"]


@pytest.mark.parametrize("url", [CLAIMS, CERTIFICATIONS, PROGRAMS])
def test_program_lists_refuse_post_and_partner_users(client_for, manager, partner_admin, url):
    assert client_for(manager).post(f"{url}?export=csv").status_code == 405
    assert client_for(partner_admin).get(url, {"export": "csv"}).status_code == 403


@pytest.mark.parametrize("url", [PORTAL_CLAIMS, PORTAL_CERTIFICATIONS])
def test_portal_exports_refuse_staff_and_post(client_for, manager, partner_member, url):
    assert client_for(manager).get(url, {"export": "csv"}).status_code == 403
    assert client_for(partner_member).post(f"{url}?export=csv").status_code == 405


@pytest.mark.parametrize("fmt", FORMATS)
def test_expiring_certifications_export(client_for, manager, partner, fmt):
    soon = timezone.localdate() - datetime.timedelta(days=700)
    CertificationFactory(contact=ContactFactory(partner=partner, last_name="Soonexpiring"),
                         earned_on=soon)  # fmt: skip
    CertificationFactory(contact=ContactFactory(partner=partner, last_name="Fresh"))
    url = reverse("incentives:certification-expiring")
    rows = rows_of(client_for(manager).get(url, {"export": fmt}), fmt)
    assert len(rows) == 2 and "Soonexpiring" in column_of(rows, "Person")[0]


@pytest.mark.parametrize("fmt", FORMATS)
def test_resource_list_exports_its_filtered_rows(client_for, manager, fmt):
    Resource.objects.create(title="Pitch deck", category="sales", link="https://example.com/d")
    Resource.objects.create(title="Logo pack", category="marketing",
                            link="https://example.com/l")  # fmt: skip
    url = reverse("incentives:resource-list")
    rows = rows_of(client_for(manager).get(url, {"category": "sales", "export": fmt}), fmt)
    assert rows[0][:3] == ["Title", "Category", "Visible from tier"]
    assert column_of(rows, "Title") == ["Pitch deck"]
    assert column_of(rows, "Visible from tier") == ["All"]


def _export_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        body(response)
    return len(queries.captured_queries), response


def _grow(count, partner):
    for _ in range(count):
        IncentiveClaimFactory(partner=partner)
        CertificationFactory(contact=ContactFactory(partner=partner), status="requested")
        IncentiveProgramFactory()


@pytest.mark.parametrize("url", [f"{CLAIMS}?status=requested", CERTIFICATIONS, PROGRAMS])
@pytest.mark.parametrize("fmt", FORMATS)
def test_program_list_exports_run_constant_queries(client_for, manager, partner, url, fmt):
    staff = client_for(manager)
    _grow(2, partner)
    separator = "&" if "?" in url else "?"
    small, _response = _export_queries(staff, f"{url}{separator}export={fmt}")
    _grow(20, partner)
    large, response = _export_queries(staff, f"{url}{separator}export={fmt}")
    assert large == small
    assert len(rows_of(response, fmt)) > 20
