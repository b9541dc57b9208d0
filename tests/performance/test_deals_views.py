"""Deal registration pages: the internal queue and decisions, the portal pages, isolation."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from performance.models import DealRegistration, DealStatus
from performance.services import deals as services
from tests.factories import MembershipFactory, PartnerFactory, UserFactory
from tests.helpers import HTMX, field_errors, page_text

from .deals_factories import DealRegistrationFactory, deal_fields

pytestmark = pytest.mark.django_db


def submit(actor, partner, **overrides):
    return services.deal_submit(actor=actor, partner=partner, **deal_fields(**overrides))


def form_data(**overrides):
    data = deal_fields(**overrides)
    data["expected_close_on"] = data["expected_close_on"].isoformat()
    return data


@pytest.fixture
def conflict_pair(partner, other_partner, partner_member, outsider):
    first = submit(outsider, other_partner, customer_name="Globex Inc")
    second = submit(
        partner_member, partner, customer_name="GLOBEX corporation", customer_domain="globex.net"
    )
    return first, second


# --- internal: access ------------------------------------------------------------------------


def internal_urls(deal):
    return [
        reverse("performance:deal-list"),
        reverse("performance:deal-detail", args=[deal.pk]),
    ]


def post_urls(deal):
    return [
        reverse(f"performance:deal-{name}", args=[deal.pk])
        for name in ("approve", "reject", "won", "lost")
    ]


def test_internal_deal_pages_forbid_partner_users(client_for, partner, partner_admin):
    deal = DealRegistrationFactory(partner=partner)
    client = client_for(partner_admin)
    for url in internal_urls(deal):
        assert client.get(url).status_code == 403
    for url in post_urls(deal):
        assert client.post(url).status_code == 403
    deal.refresh_from_db()
    assert deal.status == DealStatus.SUBMITTED


def test_internal_deal_pages_redirect_anonymous_to_login(client, partner):
    deal = DealRegistrationFactory(partner=partner)
    for url in internal_urls(deal) + post_urls(deal):
        response = client.get(url) if url in internal_urls(deal) else client.post(url)
        assert response.status_code == 302 and "/login" in response["Location"]


def test_internal_deal_pages_wrong_method_is_405(client_for, manager, partner):
    deal = DealRegistrationFactory(partner=partner)
    client = client_for(manager)
    for url in internal_urls(deal):
        assert client.post(url).status_code == 405
    for url in post_urls(deal):
        assert client.get(url).status_code == 405


def test_internal_deal_detail_unknown_is_404(client_for, manager):
    assert (
        client_for(manager).get(reverse("performance:deal-detail", args=[999])).status_code == 404
    )


# --- internal: queue ----------------------------------------------------------------------


def test_deal_queue_sorted_by_waiting_lists_submitted_first(client_for, manager, partner):
    decided = DealRegistrationFactory(
        partner=partner, customer_name="Decided Co", status="approved", decided_by=manager,
        decided_at=timezone.now(), protection_until=datetime.date.today(),
    )  # fmt: skip
    waiting = DealRegistrationFactory(partner=partner, customer_name="Waiting Co")
    DealRegistration.objects.filter(pk=waiting.pk).update(
        created_at=decided.created_at - datetime.timedelta(days=5)
    )
    url = reverse("performance:deal-list") + "?sort=waiting"
    text = page_text(client_for(manager).get(url))
    assert text.index("Waiting Co") < text.index("Decided Co")
    # By default the newest registration comes first, whatever its status.
    text = page_text(client_for(manager).get(reverse("performance:deal-list")))
    assert text.index("Decided Co") < text.index("Waiting Co")


def test_deal_queue_filters_by_status_and_partner(client_for, manager, partner, other_partner):
    DealRegistrationFactory(partner=partner, customer_name="Ours Ltd")
    DealRegistrationFactory(partner=other_partner, customer_name="Theirs Ltd")
    client = client_for(manager)
    by_partner = page_text(client.get(reverse("performance:deal-list"), {"partner": partner.slug}))
    assert "Ours Ltd" in by_partner and "Theirs Ltd" not in by_partner
    by_status = page_text(client.get(reverse("performance:deal-list"), {"status": "approved"}))
    assert "Ours Ltd" not in by_status and "No registrations match" in by_status


def test_deal_queue_htmx_renders_rows_only(client_for, manager, partner):
    DealRegistrationFactory(partner=partner, customer_name="Row Co")
    response = client_for(manager).get(reverse("performance:deal-list"), **HTMX)
    body = response.content.decode()
    assert response.status_code == 200 and "Row Co" in body
    assert 'id="deal-rows"' in body and "<html" not in body


def test_deal_queue_empty_state(client_for, manager):
    text = page_text(client_for(manager).get(reverse("performance:deal-list")))
    assert "No deal registrations yet" in text


def test_deal_queue_query_count_is_constant(
    client_for, manager, partner, other_partner, outsider, partner_member, count_queries
):
    client = client_for(manager)
    url = reverse("performance:deal-list")
    submit(partner_member, partner)
    client.get(url)  # the partner filter's options are written once, then kept while unchanged
    small = count_queries(client, url)
    for index in range(15):
        owner = (outsider, other_partner) if index % 2 else (partner_member, partner)
        submit(*owner, customer_name=f"Customer {index}", customer_domain=f"c{index % 4}.example")
    assert count_queries(client, url) == small


# --- internal: detail and decisions ------------------------------------------------------


def test_deal_detail_shows_conflicts_side_by_side(
    client_for, manager, conflict_pair, other_partner, partner
):
    first, second = conflict_pair
    response = client_for(manager).get(reverse("performance:deal-detail", args=[second.pk]))
    body = response.content.decode()
    assert 'id="conflict-compare"' in body
    table = page_text(response)
    for value in (
        "This registration",
        "Conflict 1",
        partner.name,
        other_partner.name,
        "globex.com",
        "globex.net",
        "Globex Inc",
    ):
        assert value in table
    # and the older registration shows the newer one that conflicts with it
    other = page_text(client_for(manager).get(reverse("performance:deal-detail", args=[first.pk])))
    assert "GLOBEX corporation" in other


def test_deal_detail_without_conflicts_says_so(client_for, manager, partner, partner_member):
    deal = submit(partner_member, partner)
    text = page_text(client_for(manager).get(reverse("performance:deal-detail", args=[deal.pk])))
    assert "No conflicts" in text


def test_deal_approve_post_redirects_and_protects(client_for, manager, partner, partner_member):
    deal = submit(partner_member, partner)
    response = client_for(manager).post(
        reverse("performance:deal-approve", args=[deal.pk]), {"protection_days": "60"}
    )
    assert response.status_code == 302 and response["Location"] == deal.get_absolute_url()
    deal.refresh_from_db()
    assert deal.status == "approved"
    assert deal.protection_until == timezone.localdate() + datetime.timedelta(days=60)


def test_deal_approve_bad_days_error_at_field_htmx_422(
    client_for, manager, partner, partner_member
):
    deal = submit(partner_member, partner)
    response = client_for(manager).post(
        reverse("performance:deal-approve", args=[deal.pk]), {"protection_days": "0"}, **HTMX
    )
    assert response.status_code == 422
    assert field_errors(response, "protection_days")
    assert "<html" not in response.content.decode()
    deal.refresh_from_db()
    assert deal.status == "submitted"


def test_deal_reject_without_reason_error_at_field(client_for, manager, partner, partner_member):
    deal = submit(partner_member, partner)
    response = client_for(manager).post(
        reverse("performance:deal-reject", args=[deal.pk]), {"reason": ""}
    )
    assert response.status_code == 422
    assert "required" in field_errors(response, "reason")
    deal.refresh_from_db()
    assert deal.status == "submitted"


def test_deal_reject_htmx_redirects_client(client_for, manager, partner, partner_member):
    deal = submit(partner_member, partner)
    response = client_for(manager).post(
        reverse("performance:deal-reject", args=[deal.pk]), {"reason": "Direct account"}, **HTMX
    )
    assert response.status_code == 200 and response["HX-Redirect"] == deal.get_absolute_url()
    deal.refresh_from_db()
    assert deal.status == "rejected" and deal.rejection_reason == "Direct account"


def test_deal_mark_won_and_lost_pages(client_for, manager, partner, partner_member):
    deal = services.deal_approve(actor=manager, deal=submit(partner_member, partner))
    client = client_for(manager)
    assert client.post(reverse("performance:deal-won", args=[deal.pk])).status_code == 302
    deal.refresh_from_db()
    assert deal.status == "won"
    response = client.post(reverse("performance:deal-lost", args=[deal.pk]), follow=True)
    assert "can be won or lost" in page_text(response)
    deal.refresh_from_db()
    assert deal.status == "won"


# --- partner tab and dashboard ------------------------------------------------------------


def test_partner_deals_tab_lists_registrations(client_for, manager, partner, partner_member):
    submit(partner_member, partner, customer_name="Tabbed Customer")
    url = reverse("partners:partner-tab", args=[partner.slug, "deals"])
    text = page_text(client_for(manager).get(url))
    assert "Tabbed Customer" in text


def test_partner_deals_tab_empty_state(client_for, manager, partner):
    url = reverse("partners:partner-tab", args=[partner.slug, "deals"])
    assert "has not registered any deals yet" in page_text(client_for(manager).get(url))


def test_dashboard_panel_counts_waiting_and_oldest(client_for, manager, partner, partner_member):
    old = submit(partner_member, partner, customer_name="Oldest Waiting")
    DealRegistration.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=4)
    )
    submit(partner_member, partner, customer_domain="newer.example", customer_name="Newer")
    text = page_text(client_for(manager).get(reverse("home")))
    assert "Deal registrations awaiting a decision" in text
    assert "2 waiting" in text and "Oldest Waiting" in text and "waiting 4 days" in text


# --- portal -----------------------------------------------------------------------------------


def test_portal_deal_pages_refuse_staff_and_anonymous(client, client_for, manager, partner):
    deal = DealRegistrationFactory(partner=partner)
    urls = [
        reverse("performance-portal:deal-list"),
        reverse("performance-portal:deal-create"),
        reverse("performance-portal:deal-detail", args=[deal.pk]),
    ]
    for url in urls:
        anonymous = client.get(url)
        assert anonymous.status_code == 302 and "/login" in anonymous["Location"]
    staff = client_for(manager)
    for url in urls:
        assert staff.get(url).status_code == 403


def test_portal_deal_detail_of_another_partner_is_404(client_for, outsider, partner):
    deal = DealRegistrationFactory(partner=partner)
    response = client_for(outsider).get(reverse("performance-portal:deal-detail", args=[deal.pk]))
    assert response.status_code == 404


def test_portal_deal_list_shows_only_own_with_status_and_reason(
    client_for, manager, partner, partner_member, outsider, other_partner
):
    mine = submit(partner_member, partner, customer_name="Mine Corp")
    services.deal_reject(actor=manager, deal=mine, reason="Direct account since 2020.")
    submit(outsider, other_partner, customer_name="Theirs Corp", customer_domain="theirs.example")
    text = page_text(client_for(partner_member).get(reverse("performance-portal:deal-list")))
    assert "Mine Corp" in text and "Rejected" in text and "Direct account since 2020." in text
    assert "Theirs Corp" not in text


def test_portal_deal_list_empty_state(client_for, partner_member):
    text = page_text(client_for(partner_member).get(reverse("performance-portal:deal-list")))
    assert "You have not registered any deals yet" in text


def test_portal_deal_pages_wrong_method_is_405(client_for, partner_member, partner):
    deal = DealRegistrationFactory(partner=partner)
    client = client_for(partner_member)
    assert client.post(reverse("performance-portal:deal-list")).status_code == 405
    assert client.post(reverse("performance-portal:deal-detail", args=[deal.pk])).status_code == 405
    assert client.put(reverse("performance-portal:deal-create")).status_code == 405


@pytest.mark.parametrize("persona", ["partner_member", "partner_admin"])
def test_portal_deal_create_by_member_and_admin(client_for, request, partner, persona):
    user = request.getfixturevalue(persona)
    response = client_for(user).post(reverse("performance-portal:deal-create"), form_data())
    deal = DealRegistration.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("performance-portal:deal-detail", args=[deal.pk])
    assert deal.partner == partner and deal.registered_by == user
    assert deal.customer_domain == "globex.com"


def test_portal_deal_create_ignores_a_partner_field(
    client_for, partner_member, partner, other_partner
):
    client_for(partner_member).post(
        reverse("performance-portal:deal-create"), {**form_data(), "partner": other_partner.pk}
    )
    assert DealRegistration.objects.get().partner == partner


def test_portal_deal_create_bad_input_errors_at_fields(client_for, partner_member):
    past = (datetime.date.today() - datetime.timedelta(days=2)).isoformat()
    response = client_for(partner_member).post(
        reverse("performance-portal:deal-create"),
        {**form_data(), "customer_domain": "nonsense", "value": "-5", "expected_close_on": past},
        **HTMX,
    )
    assert response.status_code == 422
    assert "domain" in field_errors(response, "customer_domain")
    assert "more than zero" in field_errors(response, "value")
    assert "past" in field_errors(response, "expected_close_on")
    assert not DealRegistration.objects.exists()


def test_portal_deal_create_reports_every_error_in_one_response(client_for, partner_member):
    """A missing field does not hide the checks of the others until a second try."""
    past = (datetime.date.today() - datetime.timedelta(days=2)).isoformat()
    bad = {"customer_name": "", "customer_domain": "nonsense", "value": "-5", "products": " "}
    response = client_for(partner_member).post(
        reverse("performance-portal:deal-create"),
        {**form_data(), **bad, "expected_close_on": past},
    )
    assert response.status_code == 422
    assert "required" in field_errors(response, "customer_name")
    assert "domain" in field_errors(response, "customer_domain")
    assert "more than zero" in field_errors(response, "value")
    assert "past" in field_errors(response, "expected_close_on")
    assert field_errors(response, "products")
    assert not DealRegistration.objects.exists()


def test_portal_deal_create_punctuation_only_name_and_far_date_at_fields(
    client_for, partner_member
):
    response = client_for(partner_member).post(
        reverse("performance-portal:deal-create"),
        {**form_data(), "customer_name": "…!", "expected_close_on": "9999-12-31"},
        **HTMX,
    )
    assert response.status_code == 422
    assert "company name" in field_errors(response, "customer_name")
    assert "between" in field_errors(response, "expected_close_on")
    assert not DealRegistration.objects.exists()


def test_portal_deal_detail_shows_rejection_reason(client_for, manager, partner, partner_member):
    deal = submit(partner_member, partner)
    services.deal_reject(actor=manager, deal=deal, reason="Customer is a named account.")
    text = page_text(
        client_for(partner_member).get(reverse("performance-portal:deal-detail", args=[deal.pk]))
    )
    assert "Customer is a named account." in text


def test_portal_deal_detail_hides_conflicts_from_partner(
    client_for, conflict_pair, partner_member, other_partner
):
    _, mine = conflict_pair
    text = page_text(
        client_for(partner_member).get(reverse("performance-portal:deal-detail", args=[mine.pk]))
    )
    assert other_partner.name not in text and "Globex Inc" not in text


def test_portal_deal_list_query_count_is_constant(
    client_for, partner, partner_member, count_queries
):
    client = client_for(partner_member)
    url = reverse("performance-portal:deal-list")
    DealRegistrationFactory(partner=partner, registered_by=partner_member)
    small = count_queries(client, url)
    colleague = MembershipFactory(partner=partner, user=UserFactory(role="partner_user")).user
    DealRegistrationFactory.create_batch(12, partner=partner, registered_by=colleague)
    DealRegistrationFactory.create_batch(5, partner=PartnerFactory())
    assert count_queries(client, url) == small


def test_partner_deals_tab_and_dashboard_query_counts_are_constant(
    client_for, manager, partner, other_partner, partner_member, outsider, count_queries
):
    client = client_for(manager)
    urls = [reverse("partners:partner-tab", args=[partner.slug, "deals"]), reverse("home")]

    def counts():
        return [count_queries(client, url) for url in urls]

    submit(partner_member, partner)
    counts()  # warm up: the first request of a session loads what later ones reuse
    small = counts()
    for index in range(12):
        submit(partner_member, partner, customer_name=f"C{index}", customer_domain="globex.com")
        submit(
            outsider, other_partner, customer_name=f"D{index}", customer_domain=f"d{index}.example"
        )
    assert counts() == small
