"""Under-performer review pages: candidates and reviews, one review with its evidence and
decision, the portfolio of decisions; partner users refused, wrong methods 405, invalid htmx
forms 422, constant queries."""

import pytest
from django.urls import reverse

from planning.models import ReviewStatus
from planning.services import review as services

from ..factories import PartnerFactory
from .review_support import candidate, days, open_review

pytestmark = pytest.mark.django_db

LIST = reverse("planning:underperformer-list")
DECISIONS = reverse("planning:underperformer-decisions")


def test_list_shows_candidates_first_then_reviews(client_for, manager, partner, other_partner):
    candidate(partner)
    open_review(other_partner, manager)
    response = client_for(manager).get(LIST)
    text = response.content.decode()
    assert response.status_code == 200
    assert text.index("Acme Systems") < text.index("Globex Networks")
    assert "Start review" in text and "Review and decide" in text


def test_start_opens_a_review_and_goes_to_it(client_for, manager, partner):
    alert = candidate(partner)
    response = client_for(manager).post(reverse("planning:underperformer-start", args=[alert.pk]))
    review = partner.underperformer_reviews.get()
    assert response.status_code == 302 and response["Location"] == review.get_absolute_url()


def test_review_page_shows_the_evidence(client_for, manager, partner):
    review = open_review(partner, manager)
    response = client_for(manager).get(review.get_absolute_url())
    text = response.content.decode()
    assert response.status_code == 200
    for heading in ("Attainment", "Audit trend", "Relationship score", "Support effort",
                    "Incentives paid", "Tier history", "Record the decision"):  # fmt: skip
        assert heading in text
    assert 'data-chart="uprev-support-data"' in text
    assert "nothing to measure attainment against" in text


def test_decide_exit_redirects_and_htmx_invalid_is_422(client_for, manager, partner):
    review = open_review(partner, manager)
    url = reverse("planning:underperformer-decide", args=[review.pk])
    client = client_for(manager)
    response = client.post(url, {"decision": "exit", "exit_on": days(-2).isoformat()},
                           HTTP_HX_REQUEST="true")  # fmt: skip
    assert response.status_code == 422
    assert "cannot be in the past" in response.content.decode()
    assert 'id="decide-form"' in response.content.decode()
    response = client.post(url, {"decision": "exit", "exit_on": days(20).isoformat()})
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.status == ReviewStatus.DECIDED and review.exit_on == days(20)


def test_keep_without_reason_is_refused_at_its_field(client_for, manager, partner):
    review = open_review(partner, manager)
    url = reverse("planning:underperformer-decide", args=[review.pk])
    response = client_for(manager).post(url, {"decision": "keep"})
    assert response.status_code == 422
    assert "Say why the partner is kept." in response.content.decode()


@pytest.mark.parametrize("who", ["partner_admin", "partner_member", "outsider"])
def test_partner_users_are_refused(client_for, manager, partner, who, request):
    review = open_review(partner, manager)
    client = client_for(request.getfixturevalue(who))
    for url in (LIST, DECISIONS, review.get_absolute_url()):
        assert client.get(url).status_code in (403, 404)
    decide = reverse("planning:underperformer-decide", args=[review.pk])
    assert client.post(decide, {"decision": "keep", "reason": "x"}).status_code in (403, 404)
    review.refresh_from_db()
    assert review.status == ReviewStatus.OPEN


def test_wrong_methods_are_405(client_for, manager, partner):
    review = open_review(partner, manager)
    client = client_for(manager)
    assert client.post(LIST).status_code == 405
    assert client.post(review.get_absolute_url()).status_code == 405
    decide = reverse("planning:underperformer-decide", args=[review.pk])
    assert client.get(decide).status_code == 405
    assert client.get(reverse("planning:underperformer-start", args=[1])).status_code == 405


def test_unknown_review_is_404(client_for, manager):
    url = reverse("planning:underperformer-review", args=[999])
    assert client_for(manager).get(url).status_code == 404


def _decisions(manager, count):
    for index in range(count):
        partner = PartnerFactory(owner=manager)
        review = open_review(partner, manager)
        if index % 2:
            services.underperformer_review_decide(actor=manager, review=review, decision="keep",
                                                  reason="Strategic.")  # fmt: skip
        else:
            services.underperformer_review_decide(
                actor=manager, review=review, decision="remediate",
                remediation_deadline=days(40), actions=["Call"],
            )  # fmt: skip


def test_decisions_page_counts_filters_and_exports(client_for, manager):
    _decisions(manager, 4)
    client = client_for(manager)
    response = client.get(DECISIONS)
    assert response.status_code == 200
    assert response.context["counts"]["keep"] == 2
    assert response.context["counts"]["remediate"] == 2
    response = client.get(DECISIONS, {"decision": "keep"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and response.context["page"].paginator.count == 2
    assert "<html" not in response.content.decode()
    export = client.get(DECISIONS, {"export": "csv", "decision": "keep"})
    lines = b"".join(export.streaming_content).decode().strip().splitlines()
    assert lines[0].lstrip("\ufeff").startswith("Partner,") and len(lines) == 3


def test_list_pages_run_constant_queries(client_for, manager, count_queries):
    client = client_for(manager)
    _decisions(manager, 2)
    for _index in range(2):
        candidate(PartnerFactory(owner=manager))
    small = {url: count_queries(client, url, warm=True) for url in (LIST, DECISIONS)}
    _decisions(manager, 6)
    for _index in range(6):
        candidate(PartnerFactory(owner=manager))
    large = {url: count_queries(client, url, warm=True) for url in (LIST, DECISIONS)}
    assert small == large
