"""Escalation pages: the staff list, form, detail and portfolio; the partner tab; the portal's
list and detail. Access (outsider 404, partner user 403 on staff pages, 405), htmx forms
(422 at the field) and query counts at two sizes."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from planning.models import Escalation
from prm.models import Notification
from tests.factories import PartnerFactory
from tests.helpers import HTMX, field_errors, page_text
from tests.performance.targets_factories import ActualFactory

from .escalations_factories import EscalationFactory

pytestmark = pytest.mark.django_db


def form_data(**overrides) -> dict:
    data = {
        "customer": "Harbor Dental Group", "summary": "Licence keys did not activate.",
        "severity": "high", "opened_on": "2026-03-02", "resolved_on": "", "effort_hours": "6.5",
        "outcome": "open", "partner_notes": "", "internal_notes": "",
    }  # fmt: skip
    return {**data, **overrides}


STAFF_PAGES = ["planning:escalation-list", "planning:escalation-create", "planning:support-effort"]


# --- access -------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", STAFF_PAGES)
def test_staff_pages_answer_staff_and_refuse_partner_users(client_for, manager, partner_admin,
                                                          name):  # fmt: skip
    assert client_for(manager).get(reverse(name)).status_code == 200
    assert client_for(partner_admin).get(reverse(name)).status_code == 403


def test_detail_is_refused_to_partner_users_even_their_own(client_for, partner, partner_admin):
    escalation = EscalationFactory(partner=partner)
    url = reverse("planning:escalation-detail", args=[escalation.pk])
    assert client_for(partner_admin).get(url).status_code == 403
    post = reverse("planning:escalation-resolve", args=[escalation.pk])
    assert client_for(partner_admin).post(post, {"outcome": "resolved"}).status_code == 403


def test_wrong_methods_answer_405(client_for, manager, partner):
    client = client_for(manager)
    escalation = EscalationFactory(partner=partner)
    assert client.post(reverse("planning:escalation-list")).status_code == 405
    assert client.post(reverse("planning:support-effort")).status_code == 405
    assert client.post(reverse("planning:escalation-detail", args=[escalation.pk])).status_code \
        == 405  # fmt: skip
    assert client.get(reverse("planning:escalation-edit", args=[escalation.pk])).status_code \
        == 405  # fmt: skip
    assert client.get(reverse("planning:escalation-resolve", args=[escalation.pk])).status_code \
        == 405  # fmt: skip
    assert client.delete(reverse("planning:escalation-create")).status_code == 405


def test_unknown_escalation_is_404(client_for, manager):
    assert client_for(manager).get(reverse("planning:escalation-detail", args=[999])).status_code \
        == 404  # fmt: skip


# --- staff list, form, detail -------------------------------------------------------------------


def test_list_filters_by_partner_severity_state_and_period(client_for, manager, partner,
                                                          other_partner):  # fmt: skip
    EscalationFactory(partner=partner, customer="Alpha Clinic", severity="critical")
    EscalationFactory(partner=partner, customer="Beta School", severity="low",
                      outcome="resolved", resolved_on=datetime.date(2026, 1, 20))  # fmt: skip
    EscalationFactory(partner=other_partner, customer="Gamma Bank",
                      opened_on=datetime.date(2025, 6, 1))  # fmt: skip
    client = client_for(manager)
    url = reverse("planning:escalation-list")
    text = page_text(client.get(url, {"partner": partner.slug}))
    assert "Alpha Clinic" in text and "Beta School" in text and "Gamma Bank" not in text
    text = page_text(client.get(url, {"severity": "critical"}))
    assert "Alpha Clinic" in text and "Beta School" not in text
    text = page_text(client.get(url, {"state": "resolved"}))
    assert "Beta School" in text and "Alpha Clinic" not in text
    text = page_text(client.get(url, {"since": "2025-01-01", "until": "2025-12-31"}))
    assert "Gamma Bank" in text and "Alpha Clinic" not in text
    fragment = client.get(url, {"severity": "low"}, **HTMX)
    assert "Beta School" in page_text(fragment) and "<html" not in fragment.content.decode()


def test_list_exports_the_filtered_rows(client_for, manager, partner, other_partner):
    EscalationFactory(partner=partner, customer="Alpha Clinic", internal_notes="x")
    EscalationFactory(partner=other_partner, customer="Gamma Bank")
    response = client_for(manager).get(
        reverse("planning:escalation-list"), {"partner": partner.slug, "export": "csv"}
    )
    body = b"".join(response.streaming_content).decode()
    assert "Alpha Clinic" in body and "Gamma Bank" not in body
    assert body.splitlines()[0].lstrip("\ufeff").startswith("Partner,Customer")


def test_list_query_count_is_constant(client_for, manager, partner, count_queries):
    client = client_for(manager)
    url = reverse("planning:escalation-list")
    EscalationFactory(partner=partner)
    # warm: the partner filter's options are written once per change of partners, then kept
    small = count_queries(client, url, warm=True)
    for _ in range(12):
        EscalationFactory(partner=PartnerFactory(), logged_by=manager)
    assert count_queries(client, url, warm=True) == small


def test_create_form_preselects_the_partner(client_for, manager, partner):
    response = client_for(manager).get(reverse("planning:escalation-create"),
                                       {"partner": partner.slug})  # fmt: skip
    assert f'<option value="{partner.slug}" selected>' in response.content.decode()


def test_create_logs_and_redirects_to_the_escalation(client_for, manager, partner,
                                                   partner_admin):  # fmt: skip
    response = client_for(manager).post(
        reverse("planning:escalation-create"), form_data(partner=partner.slug)
    )
    escalation = Escalation.objects.get()
    assert response.status_code == 302 and response["Location"] == escalation.get_absolute_url()
    assert escalation.partner == partner and escalation.logged_by == manager
    assert Notification.objects.filter(recipient=partner_admin, kind="escalation_logged").exists()


def test_create_invalid_by_htmx_answers_422_at_the_fields(client_for, manager, partner):
    response = client_for(manager).post(
        reverse("planning:escalation-create"),
        form_data(partner=partner.slug, effort_hours="-2", outcome="resolved",
                  resolved_on="2026-02-01"),
        **HTMX,
    )  # fmt: skip
    assert response.status_code == 422
    assert "negative" in field_errors(response, "effort_hours")
    assert "before it was opened" in field_errors(response, "resolved_on")
    assert not Escalation.objects.exists()


def test_detail_shows_facts_and_both_notes_to_staff(client_for, manager, partner):
    escalation = EscalationFactory(partner=partner, internal_notes="Skipped the checklist",
                                   partner_notes="Please read the guide")  # fmt: skip
    text = page_text(client_for(manager).get(escalation.get_absolute_url()))
    assert "Skipped the checklist" in text and "Please read the guide" in text


def test_edit_saves_and_stale_edit_is_refused(client_for, manager, partner):
    escalation = EscalationFactory(partner=partner)
    client = client_for(manager)
    url = reverse("planning:escalation-edit", args=[escalation.pk])
    response = client.post(url, form_data(effort_hours="11", version=escalation.version))
    assert response.status_code == 302
    escalation.refresh_from_db()
    assert escalation.effort_hours == Decimal("11")
    stale = client.post(url, form_data(effort_hours="99", version=escalation.version - 1), **HTMX)
    assert stale.status_code == 422
    escalation.refresh_from_db()
    assert escalation.effort_hours == Decimal("11")


def test_resolve_closes_it_and_refuses_a_date_before_opening(client_for, manager, partner):
    escalation = EscalationFactory(partner=partner, opened_on=datetime.date(2026, 3, 2))
    client = client_for(manager)
    url = reverse("planning:escalation-resolve", args=[escalation.pk])
    bad = client.post(url, {"outcome": "resolved", "resolved_on": "2026-03-01"}, **HTMX)
    assert bad.status_code == 422 and "before it was opened" in field_errors(bad, "resolved_on")
    good = client.post(url, {"outcome": "workaround", "resolved_on": "2026-03-05",
                             "effort_hours": "8"})  # fmt: skip
    assert good.status_code == 302
    escalation.refresh_from_db()
    assert (escalation.outcome, escalation.effort_hours) == ("workaround", Decimal("8"))


# --- partner tab and portfolio ------------------------------------------------------------------


def _rising_history(partner, today):
    from planning.selectors.escalations import completed_quarters

    for index, (year, quarter) in enumerate(completed_quarters(today=today, count=8)):
        EscalationFactory(partner=partner, opened_on=datetime.date(year, 3 * quarter - 1, 5),
                          effort_hours=Decimal(30 if index >= 6 else 5))  # fmt: skip
        ActualFactory(partner=partner, year=year, quarter=quarter, value=100_000)


def test_support_tab_shows_escalations_chart_and_rising_sentence(client_for, manager, partner):
    _rising_history(partner, datetime.date.today())
    response = client_for(manager).get(reverse("partners:partner-tab",
                                               args=[partner.slug, "support"]))  # fmt: skip
    text = page_text(response)
    assert response.status_code == 200
    assert "Support effort is rising" in text
    assert 'data-chart="support-effort-data"' in response.content.decode()
    assert "Hours per 10,000 of revenue" in text


def test_support_effort_portfolio_ranks_and_marks_rising(client_for, manager):
    rising, steady = PartnerFactory(name="Rising Co"), PartnerFactory(name="Steady Co")
    _rising_history(rising, datetime.date.today())
    EscalationFactory(partner=steady, opened_on=datetime.date.today().replace(day=1)
                      - datetime.timedelta(days=100), effort_hours=1)  # fmt: skip
    response = client_for(manager).get(reverse("planning:support-effort"))
    text = page_text(response)
    # Hours without any revenue rank first, whatever their number.
    assert text.index("Steady Co") < text.index("Rising Co")
    assert "no revenue" in text
    assert "rising" in text
    export = client_for(manager).get(reverse("planning:support-effort"), {"export": "csv"})
    body = b"".join(export.streaming_content).decode()
    assert "Rising Co" in body and ",yes" in body


def test_support_effort_query_count_is_constant(client_for, manager, count_queries):
    client = client_for(manager)
    url = reverse("planning:support-effort")
    _rising_history(PartnerFactory(), datetime.date.today())
    small = count_queries(client, url)
    for _ in range(6):
        _rising_history(PartnerFactory(), datetime.date.today())
    assert count_queries(client, url) == small


# --- portal -------------------------------------------------------------------------------------


def test_portal_lists_own_escalations_with_hours_never_internal_notes(
    client_for, partner, other_partner, partner_member
):
    EscalationFactory(partner=partner, customer="Own Customer", effort_hours=Decimal("7.5"),
                      internal_notes="ISO-SECRET", partner_notes="Read the guide")  # fmt: skip
    EscalationFactory(partner=other_partner, customer="Foreign Customer")
    client = client_for(partner_member)
    text = page_text(client.get(reverse("planning-portal:escalation-list")))
    assert "Own Customer" in text and "7.5" in text
    assert "Foreign Customer" not in text and "ISO-SECRET" not in text
    export = client.get(reverse("planning-portal:escalation-list"), {"export": "csv"})
    body = b"".join(export.streaming_content).decode()
    assert "Own Customer" in body and "ISO-SECRET" not in body and "Foreign" not in body


def test_portal_detail_shows_own_and_404s_another_partners(
    client_for, partner, other_partner, partner_member
):
    own = EscalationFactory(partner=partner, internal_notes="ISO-SECRET",
                            partner_notes="Read the guide")  # fmt: skip
    foreign = EscalationFactory(partner=other_partner)
    client = client_for(partner_member)
    response = client.get(reverse("planning-portal:escalation-detail", args=[own.pk]))
    text = page_text(response)
    assert "Read the guide" in text and "ISO-SECRET" not in text and str(own.effort_hours) in text
    assert client.get(reverse("planning-portal:escalation-detail", args=[foreign.pk])) \
        .status_code == 404  # fmt: skip
    assert client.post(reverse("planning-portal:escalation-detail", args=[own.pk])) \
        .status_code == 405  # fmt: skip


def test_portal_pages_refuse_staff(client_for, manager):
    assert client_for(manager).get(reverse("planning-portal:escalation-list")).status_code == 403


def test_portal_list_query_count_is_constant(client_for, partner, partner_member, count_queries):
    client = client_for(partner_member)
    url = reverse("planning-portal:escalation-list")
    EscalationFactory(partner=partner)
    small = count_queries(client, url)
    EscalationFactory.create_batch(12, partner=partner)
    EscalationFactory.create_batch(4, partner=PartnerFactory())
    assert count_queries(client, url) == small
