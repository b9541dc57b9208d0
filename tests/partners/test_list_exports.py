"""The partner list's export: its filters and sort, streamed, in constant queries."""

import pytest
from django.db import connection
from django.http import StreamingHttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.export_helpers import body, column_of, rows_of
from tests.factories import PartnerFactory, ProgramTierFactory, TerritoryFactory

pytestmark = pytest.mark.django_db
URL = reverse("partners:partner-list")
FORMATS = ["csv", "xlsx"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_partner_list_exports_its_filtered_sorted_rows(client_for, manager, fmt):
    gold = ProgramTierFactory(name="Gold")
    emea = TerritoryFactory(name="EMEA")
    first = PartnerFactory(name="Acme", tier=gold, status="active", annual_revenue=5000)
    first.territories.add(emea)
    PartnerFactory(name="Bolt", tier=gold, status="active", annual_revenue=9000)
    PartnerFactory(name="Crate", status="active")
    response = client_for(manager).get(URL, {"tier": gold.pk, "sort": "-revenue", "export": fmt})
    rows = rows_of(response, fmt)
    assert rows[0] == ["Name", "Country", "Type", "Status", "Tier", "Territories", "Owner",
                       "Annual revenue", "Joined on"]  # fmt: skip
    assert column_of(rows, "Name") == ["Bolt", "Acme"]
    assert column_of(rows, "Territories") == ["", "EMEA"]
    assert column_of(rows, "Tier") == ["Gold", "Gold"]
    assert "partners-" in response["Content-Disposition"]


def test_partner_list_export_escapes_formulas(client_for, manager):
    PartnerFactory(name="@SUM(1+1)")
    rows = rows_of(client_for(manager).get(URL, {"export": "csv"}), "csv")
    assert column_of(rows, "Name") == ["'@SUM(1+1)"]


def _export_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        body(response)
    return len(queries.captured_queries), response


@pytest.mark.parametrize("fmt", FORMATS)
def test_partner_list_export_runs_constant_queries(client_for, manager, fmt):
    staff = client_for(manager)
    territory = TerritoryFactory()
    for _ in range(3):
        PartnerFactory(owner=manager).territories.add(territory)
    small, _response = _export_queries(staff, f"{URL}?owner={manager.pk}&export={fmt}")
    for _ in range(30):
        PartnerFactory(owner=manager).territories.add(territory)
    large, response = _export_queries(staff, f"{URL}?owner={manager.pk}&export={fmt}")
    assert large == small
    assert len(rows_of(response, fmt)) == 34


def test_partner_list_csv_export_is_streamed(client_for, manager):
    PartnerFactory()
    assert isinstance(client_for(manager).get(URL, {"export": "csv"}), StreamingHttpResponse)


def test_partner_list_export_refuses_post_partner_users_and_unknown_formats(
    client_for, manager, partner_admin
):
    assert client_for(manager).post(f"{URL}?export=csv").status_code == 405
    assert client_for(manager).get(URL, {"export": "pdf"}).status_code == 400
    assert client_for(partner_admin).get(URL, {"export": "csv"}).status_code == 403


def test_partner_list_export_links_keep_filters_not_page(client_for, manager):
    for index in range(30):
        PartnerFactory(name=f"P{index:02d}", status="active")
    content = client_for(manager).get(URL, {"status": "active", "page": 2}).content.decode()
    assert f"{URL}?status=active&amp;export=csv" in content
    assert f"{URL}?status=active&amp;export=xlsx" in content
    assert 'href="?status=active&amp;page=1"' in content  # pagination keeps the filters
