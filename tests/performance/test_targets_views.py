import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from performance.models import Actual, ActualsImport, Target, TargetStatus
from performance.services.targets import target_accept, target_propose
from tests.factories import PartnerFactory
from tests.helpers import HTMX, field_errors, page_text
from tests.performance.targets_factories import ActualFactory, TargetFactory, metric

pytestmark = pytest.mark.django_db


def _propose_data(**overrides):
    return {"metric": metric().pk, "year": "2026", "quarter": "1", "value": "1000",
            "comment": "Let's grow"} | overrides  # fmt: skip


def _target(manager, partner, value=1000):
    return target_propose(actor=manager, partner=partner, metric=metric(), year=2026, quarter=1,
                          value=value)  # fmt: skip


def _tab(partner):
    return reverse("partners:partner-tab", args=[partner.slug, "targets"])


def test_targets_tab_empty_state(client_for, manager, partner):
    response = client_for(manager).get(_tab(partner))
    assert response.status_code == 200
    assert "No targets yet" in page_text(response) and "No agreed target yet" in page_text(response)


def test_targets_tab_shows_history_flag_and_chart(client_for, manager, partner, partner_admin):
    ActualFactory(partner=partner, year=2025, quarter=1, value=900)
    ActualFactory(partner=partner, year=2026, quarter=1, value=500)
    target_accept(actor=partner_admin, target=_target(manager, partner))
    text = page_text(client_for(manager).get(_tab(partner)))
    assert "Revenue · 2026 Q1" in text and "Agreed" in text and "50 %" in text
    assert "+11% against 2025 Q1 actual 900" in text
    assert (
        'data-chart="target-attainment-data"'
        in client_for(manager).get(_tab(partner)).content.decode()
    )


def test_target_propose_view_creates_and_redirects(client_for, manager, partner):
    response = client_for(manager).post(
        reverse("performance:target-propose", args=[partner.slug]), _propose_data()
    )
    assert response.status_code == 302 and response.url == _tab(partner)
    assert Target.objects.get().proposals.get().comment == "Let's grow"


def test_target_propose_view_error_at_field_htmx_422(client_for, manager, partner):
    _target(manager, partner)
    response = client_for(manager).post(
        reverse("performance:target-propose", args=[partner.slug]), _propose_data(), **HTMX
    )
    assert response.status_code == 422
    assert "already has a target" in field_errors(response, "metric")
    assert Target.objects.count() == 1


def test_target_propose_view_negative_value_at_field(client_for, manager, partner):
    response = client_for(manager).post(
        reverse("performance:target-propose", args=[partner.slug]), _propose_data(value="-3")
    )
    assert response.status_code == 422 and field_errors(response, "value")
    assert "<html" in response.content.decode()
    assert not Target.objects.exists()


def test_target_accept_view_by_manager(client_for, manager, partner, partner_admin):
    target = target_propose(actor=partner_admin, partner=partner, metric=metric(), year=2026,
                            quarter=None, value=50)  # fmt: skip
    response = client_for(manager).post(reverse("performance:target-accept", args=[target.pk]))
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.status == TargetStatus.AGREED and target.agreed_value == 50


def test_target_counter_view_own_proposal_shows_error(client_for, manager, partner):
    target = _target(manager, partner)
    response = client_for(manager).post(
        reverse("performance:target-counter", args=[target.pk]), {"value": "5"}, **HTMX
    )
    assert response.status_code == 422 and "Waiting for the other side" in page_text(response)


def test_actual_record_view(client_for, manager, partner):
    response = client_for(manager).post(
        reverse("performance:actual-record", args=[partner.slug]),
        {"metric": metric().pk, "year": "2026", "quarter": "", "value": "77"},
    )
    assert response.status_code == 302 and Actual.objects.get(quarter=None).value == 77


def test_target_portfolio_lists_attainment(client_for, manager, partner, partner_admin):
    ActualFactory(partner=partner, year=2026, quarter=1, value=1500)
    target_accept(actor=partner_admin, target=_target(manager, partner))
    _target(manager, PartnerFactory(name="Negotiating Only"))
    response = client_for(manager).get(reverse("performance:target-portfolio") + "?year=2026")
    text = page_text(response)
    assert "Acme Systems" in text and "150 %" in text and "Negotiating Only" not in text


def test_target_portfolio_empty_state(client_for, manager):
    response = client_for(manager).get(reverse("performance:target-portfolio"))
    assert "No agreed targets" in page_text(response)


def _portfolio_data(count, manager):
    for _ in range(count):
        partner = PartnerFactory()
        for key in ("revenue", "pipeline"):
            TargetFactory(partner=partner, metric=metric(key), status="agreed", agreed_value=100)
            ActualFactory(partner=partner, metric=metric(key), year=2026, value=80)


def test_target_portfolio_query_count_constant(client_for, manager, count_queries):
    client = client_for(manager)
    url = reverse("performance:target-portfolio") + "?year=2026"
    _portfolio_data(2, manager)
    small = count_queries(client, url)
    _portfolio_data(12, manager)
    assert count_queries(client, url) == small


def test_targets_tab_query_count_constant(
    client_for, manager, partner, partner_admin, count_queries
):
    client = client_for(manager)
    count_queries(client, _tab(partner))
    target_accept(actor=partner_admin, target=_target(manager, partner))
    small = count_queries(client, _tab(partner))
    for year in range(2020, 2026):
        target = target_propose(actor=manager, partner=partner, metric=metric(), year=year,
                                quarter=None, value=10)  # fmt: skip
        target_accept(actor=partner_admin, target=target)
        ActualFactory(partner=partner, year=year, quarter=None, value=5)
    assert count_queries(client, _tab(partner)) == small


def test_portal_targets_query_count_constant(
    client_for, manager, partner, partner_admin, count_queries
):
    client = client_for(partner_admin)
    url = reverse("performance-portal:target-list")
    _target(manager, partner)
    small = count_queries(client, url)
    for year in range(2020, 2026):
        target_propose(actor=manager, partner=partner, metric=metric(), year=year, quarter=None,
                       value=10)  # fmt: skip
    assert count_queries(client, url) == small


def test_actual_import_upload_with_errors_shows_report(
    client_for, manager, partner, django_capture_on_commit_callbacks
):
    upload = SimpleUploadedFile(
        "bad.csv", b"partner,year,quarter,metric,value\nnobody,2026,1,revenue,5\n"
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(manager).post(reverse("performance:actual-import"), {"file": upload})
    record = ActualsImport.objects.get()
    assert response.url == reverse("performance:actual-import-status", args=[record.pk])
    page = client_for(manager).get(response.url)
    assert "Nothing was imported" in page_text(page) and "Row 2" in page_text(page)
    assert not Actual.objects.exists()


def test_actual_import_status_polls_while_running(client_for, manager):
    record = ActualsImport.objects.create(uploaded_by=manager, filename="a.csv", content=b"",
                                          total_rows=10, processed_rows=4)  # fmt: skip
    url = reverse("performance:actual-import-status", args=[record.pk])
    fragment = client_for(manager).get(url, **HTMX)
    body = fragment.content.decode()
    assert 'hx-trigger="every 1s"' in body and 'aria-valuenow="40"' in body
    assert "<html" not in body


def test_actual_import_without_file_error_at_field(client_for, manager):
    response = client_for(manager).post(reverse("performance:actual-import"), {}, **HTMX)
    assert response.status_code == 422 and field_errors(response, "file")


def test_portal_targets_page_shows_own_only(client_for, manager, partner, other_partner,
                                            partner_member):  # fmt: skip
    _target(manager, partner)
    target_propose(actor=manager, partner=other_partner, metric=metric("pipeline"), year=2026,
                   quarter=1, value=1)  # fmt: skip
    text = page_text(client_for(partner_member).get(reverse("performance-portal:target-list")))
    assert "Revenue · 2026 Q1" in text and "Pipeline" not in text.split("Our targets")[1]
    assert "portal admin proposes" in text


def test_portal_admin_counters_then_manager_accepts(client_for, manager, partner, partner_admin):
    target = _target(manager, partner)
    response = client_for(partner_admin).post(
        reverse("performance-portal:target-counter", args=[target.pk]), {"value": "800"}
    )
    assert response.status_code == 302
    client_for(manager).post(reverse("performance:target-accept", args=[target.pk]))
    target.refresh_from_db()
    assert target.agreed_value == 800


def test_portal_admin_proposes(client_for, partner_admin, partner):
    response = client_for(partner_admin).post(
        reverse("performance-portal:target-propose"), _propose_data()
    )
    assert response.status_code == 302
    assert Target.objects.get(partner=partner).proposals.get().side == "partner"


def test_portal_viewer_post_forbidden(client_for, manager, partner, partner_member):
    from tests.partners.team_support import ROLE, member

    target = _target(manager, partner)
    client = client_for(member(partner, ROLE.VIEWER).user)
    for name, args in [("target-propose", []), ("target-counter", [target.pk]),
                       ("target-accept", [target.pk])]:  # fmt: skip
        url = reverse(f"performance-portal:{name}", args=args)
        assert client.post(url, _propose_data()).status_code == 403
    assert target.proposals.count() == 1


def test_portal_outsider_cannot_act_on_other_partners_target(
    client_for, manager, partner, outsider
):
    target = _target(manager, partner)
    client = client_for(outsider)
    for name in ("target-counter", "target-accept"):
        url = reverse(f"performance-portal:{name}", args=[target.pk])
        assert client.post(url, {"value": "1"}).status_code == 404
    assert target.proposals.count() == 1


def _internal(partner, target, record):
    return [
        ("get", reverse("performance:target-portfolio")),
        ("get", reverse("performance:actual-import")),
        ("get", reverse("performance:actual-import-status", args=[record.pk])),
        ("post", reverse("performance:target-propose", args=[partner.slug])),
        ("post", reverse("performance:target-counter", args=[target.pk])),
        ("post", reverse("performance:target-accept", args=[target.pk])),
        ("post", reverse("performance:actual-record", args=[partner.slug])),
    ]


def test_internal_pages_forbid_partner_users_and_redirect_anonymous(
    client, client_for, manager, partner, partner_admin
):
    target = _target(manager, partner)
    record = ActualsImport.objects.create(uploaded_by=manager, filename="a.csv", content=b"")
    for method, url in _internal(partner, target, record):
        assert getattr(client, method)(url).status_code == 302  # anonymous → login
    partner_client = client_for(partner_admin)
    for method, url in _internal(partner, target, record):
        assert getattr(partner_client, method)(url).status_code == 403, url
    assert partner_client.get(_tab(partner)).status_code in (403, 404)


def test_pages_wrong_method_405(client_for, manager, partner, partner_admin):
    target = _target(manager, partner)
    staff = client_for(manager)
    assert staff.post(reverse("performance:target-portfolio")).status_code == 405
    assert staff.get(reverse("performance:target-accept", args=[target.pk])).status_code == 405
    assert staff.get(reverse("performance:target-propose", args=[partner.slug])).status_code == 405
    portal = client_for(partner_admin)
    assert portal.post(reverse("performance-portal:target-list")).status_code == 405
    assert portal.delete(reverse("performance-portal:target-propose")).status_code == 405
    assert portal.get(reverse("performance-portal:target-propose")).status_code == 200


def test_portal_pages_forbid_staff_and_anonymous(client, client_for, manager):
    url = reverse("performance-portal:target-list")
    assert client.get(url).status_code == 302
    assert client_for(manager).get(url).status_code == 403
