import datetime

import pytest
from django.urls import reverse

from performance.models import CRITERIA, PerformanceAudit
from tests.factories import PartnerFactory
from tests.helpers import HTMX, edit_of, field_errors, page_text
from tests.performance.audits_factories import (
    PerformanceAuditActionFactory,
    PerformanceAuditFactory,
)

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()


def _post_data(value="4", **overrides):
    data = {"audited_on": TODAY.isoformat(), "summary": "Solid quarter"}
    data |= {name: value for name in CRITERIA} | {f"{name}_note": "" for name in CRITERIA}
    return data | overrides


def _internal_urls(partner, audit, action):
    return [
        ("get", reverse("performance:audit-portfolio")),
        ("get", reverse("performance:audit-create", args=[partner.slug])),
        ("get", reverse("performance:audit-detail", args=[audit.pk])),
        ("get", reverse("performance:audit-edit", args=[audit.pk])),
        ("post", reverse("performance:audit-share", args=[audit.pk])),
        ("post", reverse("performance:audit-action-create", args=[audit.pk])),
        ("post", reverse("performance:audit-action-done", args=[action.pk])),
        ("get", reverse("partners:partner-tab", args=[partner.slug, "audits"])),
    ]


def test_audit_pages_refuse_partner_users(client_for, partner, partner_admin, outsider):
    audit = PerformanceAuditFactory(partner=partner, share_with_partner=True)
    action = PerformanceAuditActionFactory(audit=audit)
    for user in (partner_admin, outsider):
        client = client_for(user)
        for method, url in _internal_urls(partner, audit, action):
            assert getattr(client, method)(url).status_code in (403, 404), url
    audit.refresh_from_db()
    assert audit.share_with_partner


def test_audit_pages_redirect_anonymous_to_login(client, partner):
    audit = PerformanceAuditFactory(partner=partner)
    action = PerformanceAuditActionFactory(audit=audit)
    for method, url in _internal_urls(partner, audit, action):
        response = getattr(client, method)(url)
        assert response.status_code == 302 and "/accounts/login/" in response.url, url


def test_audit_pages_wrong_method_is_405(client_for, manager, partner):
    audit = PerformanceAuditFactory(partner=partner)
    action = PerformanceAuditActionFactory(audit=audit)
    client = client_for(manager)
    assert client.post(reverse("performance:audit-portfolio")).status_code == 405
    assert client.post(reverse("performance:audit-detail", args=[audit.pk])).status_code == 405
    assert client.get(reverse("performance:audit-share", args=[audit.pk])).status_code == 405
    assert (
        client.delete(reverse("performance:audit-create", args=[partner.slug])).status_code == 405
    )
    assert client.get(reverse("performance:audit-action-done", args=[action.pk])).status_code == 405
    assert client.post(reverse("performance-portal:audit-list")).status_code == 405


def test_audit_create_form_shows_areas_and_hints(client_for, manager, partner):
    response = client_for(manager).get(reverse("performance:audit-create", args=[partner.slug]))
    text = page_text(response)
    for area in ("Ability to deliver", "Focus on the sweet spot", "Territory alignment",
                 "Revenue potential", "Trust and transparency", "Language skills"):  # fmt: skip
        assert area in text
    assert "No revenue history with us yet" in text


def test_audit_create_saves_and_redirects(client_for, manager, partner):
    url = reverse("performance:audit-create", args=[partner.slug])
    response = client_for(manager).post(url, _post_data())
    audit = PerformanceAudit.objects.get()
    assert response.status_code == 302 and response.url == audit.get_absolute_url()
    assert audit.partner == partner and audit.revenue_scale == 4


def test_audit_create_htmx_success_client_redirects(client_for, manager, partner):
    url = reverse("performance:audit-create", args=[partner.slug])
    response = client_for(manager).post(url, _post_data(), **HTMX)
    assert response.status_code == 200
    assert response["HX-Redirect"] == PerformanceAudit.objects.get().get_absolute_url()


def test_audit_create_bad_score_shows_error_at_field(client_for, manager, partner):
    url = reverse("performance:audit-create", args=[partner.slug])
    response = client_for(manager).post(url, _post_data(territory_location="9"))
    assert response.status_code == 422
    assert "Select a valid choice" in field_errors(response, "territory_location")
    assert not PerformanceAudit.objects.exists()
    assert "<html" in response.content.decode()


def test_audit_create_missing_score_htmx_returns_form_fragment_422(client_for, manager, partner):
    url = reverse("performance:audit-create", args=[partner.slug])
    data = _post_data()
    del data["deliver_trust"]
    response = client_for(manager).post(url, data, **HTMX)
    assert response.status_code == 422
    assert "Score it from 1 to 5" in field_errors(response, "deliver_trust")
    assert "<html" not in response.content.decode()
    assert 'id="audit-form"' in response.content.decode()


def test_audit_create_future_date_error_at_field(client_for, manager, partner):
    url = reverse("performance:audit-create", args=[partner.slug])
    future = (TODAY + datetime.timedelta(days=3)).isoformat()
    response = client_for(manager).post(url, _post_data(audited_on=future))
    assert response.status_code == 422
    assert "future" in field_errors(response, "audited_on")


def test_audit_edit_updates(client_for, manager, partner):
    audit = PerformanceAuditFactory(partner=partner)
    url = reverse("performance:audit-edit", args=[audit.pk])
    assert client_for(manager).get(url).status_code == 200
    response = client_for(manager).post(url, edit_of(audit, _post_data("5")))
    assert response.status_code == 302
    audit.refresh_from_db()
    assert audit.deliver_scale == 5


def test_audit_detail_shows_total_class_and_components(client_for, manager, partner):
    audit = PerformanceAuditFactory(partner=partner)
    text = page_text(client_for(manager).get(reverse("performance:audit-detail", args=[audit.pk])))
    assert "50.0" in text and "Develop" in text
    assert "weight 25%" in text
    assert "Note on deliver_scale" in text


def test_audit_share_toggle_full_and_fragment(client_for, manager, partner):
    audit = PerformanceAuditFactory(partner=partner)
    url = reverse("performance:audit-share", args=[audit.pk])
    response = client_for(manager).post(url, {"share": "on"})
    assert response.status_code == 302
    audit.refresh_from_db()
    assert audit.share_with_partner
    response = client_for(manager).post(url, {}, **HTMX)
    assert response.status_code == 200
    assert 'id="audit-share"' in response.content.decode()
    assert "<html" not in response.content.decode()
    audit.refresh_from_db()
    assert not audit.share_with_partner


def test_audit_action_add_and_done_htmx(client_for, manager, partner):
    audit = PerformanceAuditFactory(partner=partner)
    client = client_for(manager)
    url = reverse("performance:audit-action-create", args=[audit.pk])
    response = client.post(url, {"what": "Run a joint webinar", "owner": manager.pk}, **HTMX)
    assert response.status_code == 200
    assert "Run a joint webinar" in page_text(response)
    action = audit.actions.get()
    response = client.post(
        reverse("performance:audit-action-done", args=[action.pk]), {"done": "on"}, **HTMX
    )
    action.refresh_from_db()
    assert action.done and "Reopen" in page_text(response)


def test_audit_action_add_invalid_is_422_at_field(client_for, manager, partner):
    audit = PerformanceAuditFactory(partner=partner)
    url = reverse("performance:audit-action-create", args=[audit.pk])
    response = client_for(manager).post(url, {"what": "", "owner": manager.pk}, **HTMX)
    assert response.status_code == 422
    assert "required" in field_errors(response, "what")
    assert not audit.actions.exists()


def test_audit_tab_empty_state(client_for, manager, partner):
    response = client_for(manager).get(
        reverse("partners:partner-tab", args=[partner.slug, "audits"])
    )
    assert "has not been audited yet" in page_text(response)


def test_audit_tab_shows_history_and_trend(client_for, manager, partner):
    PerformanceAuditFactory(partner=partner, audited_on=TODAY - datetime.timedelta(days=200))
    PerformanceAuditFactory(partner=partner, **{name: 5 for name in CRITERIA})
    url = reverse("partners:partner-tab", args=[partner.slug, "audits"])
    response = client_for(manager).get(url, **HTMX)
    content = response.content.decode()
    assert 'data-chart="audit-trend-data"' in content
    assert "100.0" in content and "Strategic" in content
    assert "<html" not in content


def test_audit_portfolio_query_count_constant(client_for, manager, count_queries):
    client = client_for(manager)
    url = reverse("performance:audit-portfolio")
    for index in range(2):
        partner = PartnerFactory(annual_revenue=1_000_000 * (index + 1))
        PerformanceAuditFactory.create_batch(2, partner=partner)
    small = count_queries(client, url)
    for index in range(12):
        partner = PartnerFactory(annual_revenue=500_000 * (index + 1))
        PerformanceAuditFactory.create_batch(3, partner=partner)
    PartnerFactory()
    assert count_queries(client, url) == small


def test_audit_portfolio_plots_latest_total(client_for, manager):
    partner = PartnerFactory(name="Plotted", annual_revenue=2_500_000)
    PerformanceAuditFactory(partner=partner, audited_on=TODAY - datetime.timedelta(days=90))
    PerformanceAuditFactory(partner=partner, **{name: 5 for name in CRITERIA})
    PartnerFactory(name="Never audited")
    response = client_for(manager).get(reverse("performance:audit-portfolio"))
    content = response.content.decode()
    assert '"type": "scatter"' in content
    assert "Plotted: 100" in content
    assert "Never audited" in page_text(response) and "not audited" in page_text(response)


def test_audit_portfolio_empty_state(client_for, manager):
    response = client_for(manager).get(reverse("performance:audit-portfolio"), **HTMX)
    assert "No partner has been audited yet" in page_text(response)
    assert "<html" not in response.content.decode()


# --- portal ------------------------------------------------------------------------------------


def test_portal_audits_show_only_own_shared_audits(
    client_for, partner, other_partner, partner_member
):
    PerformanceAuditFactory(partner=partner, share_with_partner=True,
                            audited_on=TODAY - datetime.timedelta(days=30))  # fmt: skip
    PerformanceAuditFactory(partner=partner, share_with_partner=False, audited_on=TODAY,
                            **{name: 5 for name in CRITERIA})  # fmt: skip
    PerformanceAuditFactory(partner=other_partner, share_with_partner=True,
                            audited_on=datetime.date(2024, 2, 29))  # fmt: skip
    response = client_for(partner_member).get(reverse("performance-portal:audit-list"))
    text = page_text(response)
    assert response.status_code == 200
    assert "50.0" in text
    assert "100.0" not in text  # the unshared audit
    assert "29 Feb 2024" not in text  # the other partner's audit
    assert "Note on" not in text and "Hint" not in text and "Solid" not in text


def test_portal_audits_empty_state(client_for, partner_admin):
    response = client_for(partner_admin).get(reverse("performance-portal:audit-list"))
    assert "No audit has been shared with you yet" in page_text(response)


def test_portal_audits_refuse_staff_and_anonymous(client, client_for, manager):
    url = reverse("performance-portal:audit-list")
    assert client.get(url).status_code == 302
    assert client_for(manager).get(url).status_code == 403


def test_portal_user_cannot_open_internal_audit_of_own_partner(client_for, partner, partner_admin):
    audit = PerformanceAuditFactory(partner=partner, share_with_partner=True)
    response = client_for(partner_admin).get(reverse("performance:audit-detail", args=[audit.pk]))
    assert response.status_code == 403
