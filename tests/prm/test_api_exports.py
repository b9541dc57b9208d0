"""`?export=csv|xlsx` on the API's lists: every row the filters keep (not one page), a column
per serializer field, a partner user's only their own partner's."""

import pytest
from django.http import StreamingHttpResponse

from tests.export_helpers import body, column_of, rows_of
from tests.incentives.claims_factories import IncentiveClaimFactory
from tests.performance.deals_factories import DealRegistrationFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_api_list_exports_every_filtered_row_not_one_page(api_for, manager, partner,
                                                          other_partner, fmt):  # fmt: skip
    for index in range(55):  # more than one API page (50)
        DealRegistrationFactory(partner=partner, customer_name=f"Ours {index:02d}")
    DealRegistrationFactory(partner=other_partner, customer_name="Theirs")
    response = api_for(manager).get("/api/v1/deal-registrations/",
                                    {"partner": partner.slug, "export": fmt})  # fmt: skip
    assert response.status_code == 200
    rows = rows_of(response, fmt)
    assert rows[0][:3] == ["id", "partner", "registered_by"]
    assert len(rows) == 56 and "Theirs" not in column_of(rows, "customer_name")
    assert "deal-registration-" in response["Content-Disposition"]


def test_api_csv_export_is_streamed(api_for, manager, partner):
    DealRegistrationFactory(partner=partner)
    response = api_for(manager).get("/api/v1/deal-registrations/", {"export": "csv"})
    assert isinstance(response, StreamingHttpResponse)


def test_api_export_of_a_partner_user_holds_only_their_own(api_for, partner, other_partner,
                                                           partner_member):  # fmt: skip
    IncentiveClaimFactory(partner=partner, description="Our claim")
    IncentiveClaimFactory(partner=other_partner, description="Their secret claim")
    response = api_for(partner_member).get("/api/v1/incentive-claims/", {"export": "csv"})
    assert column_of(rows_of(response, "csv"), "description") == ["Our claim"]
    assert b"Their secret claim" not in body(response)


def test_api_export_escapes_formulas(api_for, manager, partner):
    DealRegistrationFactory(partner=partner, customer_name="=1+2")
    rows = rows_of(api_for(manager).get("/api/v1/deal-registrations/", {"export": "csv"}), "csv")
    assert column_of(rows, "customer_name") == ["'=1+2"]


def test_api_unknown_export_format_is_400_in_json(api_for, manager):
    response = api_for(manager).get("/api/v1/alerts/", {"export": "pdf"})
    assert response.status_code == 400
    assert "export" in response.json()


@pytest.mark.parametrize(
    "url",
    ["/api/v1/partners/", "/api/v1/alerts/", "/api/v1/scores/", "/api/v1/incentive-programs/",
     "/api/v1/certifications/", "/api/v1/targets/", "/api/v1/performance-audits/",
     "/api/v1/plan-actions/", "/api/v1/stakeholders/", "/api/v1/interactions/"],
)  # fmt: skip
def test_api_lists_answer_exports(api_for, manager, url):
    response = api_for(manager).get(url, {"export": "csv"})
    assert response.status_code == 200, url
    assert rows_of(response, "csv")[0][0] == "id"  # the header: the serializer's fields


def _list_routes():
    from prm.urls import router

    return sorted(
        f"/api/v1/{prefix}/"
        for prefix, viewset, _basename in router.registry
        # A calculator (`one_answer`, e.g. /api/v1/reach/) answers one result, not rows.
        if hasattr(viewset, "list") and not getattr(viewset, "one_answer", False)
    )


@pytest.mark.parametrize("url", _list_routes())
def test_every_api_list_route_exports_csv(api_for, manager, url):
    response = api_for(manager).get(url, {"export": "csv"})
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("text/csv")
    assert rows_of(response, "csv")[0]  # a header row of the serializer's fields


def test_every_api_list_route_is_covered():
    assert len(_list_routes()) >= 20  # the router registry is walked, not a hand-kept list


def test_a_read_only_api_list_exports_xlsx(api_for, manager):
    response = api_for(manager).get("/api/v1/program-tiers/", {"export": "xlsx"})
    assert response.status_code == 200
    assert rows_of(response, "xlsx")[0][0] == "id"
