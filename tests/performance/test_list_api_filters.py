"""The API lists accept the list pages' filters, with the same meaning: the same query string
gives the same rows on the page (read from its export) and on the API."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from performance.models import Alert, AlertKind
from tests.export_helpers import column_of, rows_of
from tests.factories import PartnerFactory, ProgramTierFactory
from tests.incentives.claims_factories import IncentiveClaimFactory, IncentiveProgramFactory
from tests.performance.deals_factories import DealRegistrationFactory

from .scoring_factories import PartnerScoreFactory, ScoreRunFactory

pytestmark = pytest.mark.django_db


def same_rows(client, api, page_url, api_url, query, header, field):
    page = column_of(rows_of(client.get(page_url, {**query, "export": "csv"}), "csv"), header)
    response = api.get(api_url, query)
    assert response.status_code == 200, response.content
    listed = [row[field] for row in response.json()["results"]]
    assert page, "the case must keep some rows"
    assert sorted(page) == sorted(listed)
    return page


def test_partner_api_takes_the_partner_list_filters(client_for, api_for, manager, other_manager):
    gold = ProgramTierFactory(name="Gold")
    PartnerFactory(name="Acme Gold", owner=manager, tier=gold, status="active")
    PartnerFactory(name="Acme Plain", owner=manager, status="active")
    PartnerFactory(name="Acme Theirs", owner=other_manager, tier=gold, status="active")
    PartnerFactory(name="Bolt Gold", owner=manager, tier=gold, status="active")
    query = {"q": "acme", "tier": gold.pk, "owner": manager.pk, "status": "active"}
    kept = same_rows(client_for(manager), api_for(manager), reverse("partners:partner-list"),
                     "/api/v1/partners/", query, "Name", "name")  # fmt: skip
    assert kept == ["Acme Gold"]


def test_deal_api_takes_the_deal_queue_filters(
    client_for, api_for, manager, partner, other_partner
):
    DealRegistrationFactory(partner=partner, customer_name="Ours Waiting")
    DealRegistrationFactory(
        partner=partner, customer_name="Ours Approved", status="approved", decided_by=manager,
        decided_at=timezone.now(), protection_until=datetime.date.today(),
    )  # fmt: skip
    DealRegistrationFactory(partner=other_partner, customer_name="Theirs Waiting")
    query = {"partner": partner.slug, "status": "submitted"}
    kept = same_rows(client_for(manager), api_for(manager), reverse("performance:deal-list"),
                     "/api/v1/deal-registrations/", query, "Customer", "customer_name")  # fmt: skip
    assert kept == ["Ours Waiting"]


def _alert(partner, message, **fields):
    today = timezone.localdate()
    return Alert.objects.create(partner=partner, kind=AlertKind.NO_CHAMPION, message=message,
                                raised_on=today, last_seen_on=today, **fields)  # fmt: skip


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            {"status": "active", "whose": "unassigned"},
            ["Open unassigned", "Dismissed", "Program-wide"],
        ),
        ({"status": "all", "about": "program"}, ["Program-wide"]),
        ({"whose": "mine", "status": "open"}, ["Mine"]),
        ({"status": "open", "about": "partners"}, ["Open unassigned", "Mine"]),
    ],
)
def test_alert_api_takes_the_alert_list_filters(
    client_for, api_for, manager, other_manager, partner, other_partner, query, expected
):
    other_partner.owner = other_manager
    other_partner.save()
    _alert(other_partner, "Open unassigned")
    _alert(other_partner, "Mine", subject="x", assigned_to=manager)
    _alert(other_partner, "Dismissed", subject="y", status="dismissed", dismissed_by=manager,
           dismissed_reason="Known")  # fmt: skip
    _alert(None, "Program-wide", subject="z")
    kept = same_rows(client_for(manager), api_for(manager), reverse("performance:alert-list"),
                     "/api/v1/alerts/", query, "Message", "message")  # fmt: skip
    assert sorted(kept) == sorted(expected)


def test_alert_api_takes_a_partner_by_slug_as_the_page_does(client_for, api_for, manager,
                                                            partner, other_partner):  # fmt: skip
    _alert(partner, "Ours")
    _alert(other_partner, "Theirs")
    alerts = reverse("performance:alert-list")
    kept = same_rows(client_for(manager), api_for(manager), alerts, "/api/v1/alerts/",
                     {"partner": partner.slug}, "Message", "message")  # fmt: skip
    assert kept == ["Ours"]
    by_id = api_for(manager).get("/api/v1/alerts/", {"partner": partner.pk}).json()["results"]
    assert [row["message"] for row in by_id] == ["Ours"]


def test_claim_api_takes_the_claim_queue_filters(client_for, api_for, manager, partner):
    program, other_program = IncentiveProgramFactory(), IncentiveProgramFactory()
    IncentiveClaimFactory(program=program, partner=partner, description="Wanted")
    IncentiveClaimFactory(program=other_program, partner=partner, description="Other program")
    query = {"status": "requested", "program": program.pk}
    kept = same_rows(client_for(manager), api_for(manager), reverse("incentives:claim-queue"),
                     "/api/v1/incentive-claims/", query, "Description", "description")  # fmt: skip
    assert kept == ["Wanted"]


def test_program_api_takes_the_program_list_filters(client_for, api_for, manager):
    today = timezone.localdate()
    IncentiveProgramFactory(name="Running focus", targeted_behaviour="focus")
    IncentiveProgramFactory(name="Ended focus", targeted_behaviour="focus",
                            starts_on=today - datetime.timedelta(days=90),
                            ends_on=today - datetime.timedelta(days=10))  # fmt: skip
    query = {"kind": "rebate", "behaviour": "focus", "state": "running"}
    kept = same_rows(client_for(manager), api_for(manager), reverse("incentives:program-list"),
                     "/api/v1/incentive-programs/", query, "Program", "name")  # fmt: skip
    assert kept == ["Running focus"]


def test_score_api_takes_the_score_list_filters(client_for, api_for, manager):
    run = ScoreRunFactory()
    PartnerScoreFactory(run=run, partner=PartnerFactory(name="High"), health=Decimal(80))
    PartnerScoreFactory(run=run, partner=PartnerFactory(name="Low"), health=Decimal(20))
    scores = reverse("performance:score-list")
    kept = same_rows(client_for(manager), api_for(manager), scores, "/api/v1/scores/",
                     {"min_health": "50"}, "Partner", "partner_name")  # fmt: skip
    assert kept == ["High"]


def test_api_refuses_a_bad_page_filter_with_400(api_for, manager):
    assert api_for(manager).get("/api/v1/alerts/", {"whose": "nobody"}).status_code == 400
    assert api_for(manager).get("/api/v1/incentive-programs/", {"state": "x"}).status_code == 400
