"""Taking data out of a list: a manager filters the deal queue, exports it as CSV and Excel
(downloads with the list's name and date, holding only the filtered rows), pages through it
and reloads without losing the page or the filters; then filters the audit portfolio by owner
and class and exports it. The same pages at 1366 and 360 px."""

import csv
import io
import zipfile

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.factories import PartnerFactory
from tests.performance.audits_factories import PerformanceAuditFactory
from tests.performance.deals_factories import DealRegistrationFactory

from .conftest import login, shot

pytestmark = pytest.mark.browser
TODAY = timezone.localdate().isoformat()


@pytest.fixture
def queue(partner, other_partner, manager, other_manager):
    partner.name, other_partner.name = "Acme Systems", "Globex Partners"
    partner.save()
    other_partner.owner = other_manager
    other_partner.save()
    for index in range(30):
        DealRegistrationFactory(partner=partner, customer_name=f"Acme customer {index:02d}")
    for index in range(5):
        DealRegistrationFactory(partner=other_partner, customer_name=f"Globex customer {index}")
    for index in range(4):
        audited = PartnerFactory(name=f"Audited {index}", owner=manager)
        PerformanceAuditFactory(partner=audited)
    PartnerFactory(name="Never audited", owner=manager)


def _download(page, name):
    with page.expect_download() as event:
        page.get_by_role("link", name=name).click()
    download = event.value
    return download.suggested_filename, open(download.path(), "rb").read()


def test_manager_filters_exports_pages_and_reloads_the_deal_queue(
    page, live_server, manager, partner, queue
):
    page.set_viewport_size({"width": 1366, "height": 900})
    login(page, live_server.url, manager.username, name="lists-01")
    page.goto(f"{live_server.url}/performance/deals/")
    rows = page.locator("#deal-rows")
    expect(rows).to_contain_text("35 registrations")
    page.select_option("select[name=partner]", partner.slug)
    expect(rows).to_contain_text("30 registrations")
    expect(page).to_have_url(f"{live_server.url}/performance/deals/?partner={partner.slug}")
    shot(page, "lists-02-deal-queue-filtered-1366")

    filename, content = _download(page, "Export deal registrations as CSV")
    assert filename == f"deal-registrations-{TODAY}.csv"
    exported = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert exported[0][:3] == ["Customer", "Customer domain", "Partner"]
    assert len(exported) == 31 and {row[2] for row in exported[1:]} == {"Acme Systems"}
    filename, content = _download(page, "Export deal registrations as Excel")
    assert filename == f"deal-registrations-{TODAY}.xlsx"
    sheet = zipfile.ZipFile(io.BytesIO(content)).read("xl/worksheets/sheet1.xml").decode()
    assert "Acme customer 00" in sheet and "Globex customer" not in sheet

    # Newest first by default: the last registered leads the first page.
    expect(rows.locator("tbody tr").first).to_contain_text("Acme customer 29")
    rows.get_by_role("link", name="Next ›").click()
    expect(page).to_have_url(f"{live_server.url}/performance/deals/?partner={partner.slug}&page=2")
    expect(rows).to_contain_text("Acme customer 00")
    page.reload()
    expect(page.locator("#deal-rows")).to_contain_text("Acme customer 00")
    expect(page.locator("#deal-rows")).not_to_contain_text("Acme customer 29")
    expect(page.locator("select[name=partner]")).to_have_value(partner.slug)
    shot(page, "lists-03-deal-queue-page-2-reloaded-1366")

    page.set_viewport_size({"width": 360, "height": 780})
    page.reload()
    expect(page.get_by_role("link", name="Export deal registrations as CSV")).to_be_visible()
    shot(page, "lists-04-deal-queue-page-2-360")


def test_manager_filters_and_exports_the_audit_portfolio(page, live_server, manager, queue):
    page.set_viewport_size({"width": 1366, "height": 900})
    login(page, live_server.url, manager.username, name="lists-05")
    page.goto(f"{live_server.url}/performance/audits/")
    page.select_option("select[name=owner]", str(manager.pk))
    expect(page).to_have_url(f"{live_server.url}/performance/audits/?owner={manager.pk}")
    page.select_option("select[name=audit_class]", "unaudited")
    table = page.locator("#audit-table")
    expect(table).to_contain_text("Never audited")
    expect(table).not_to_contain_text("Audited 0")
    shot(page, "lists-06-audit-portfolio-filtered-1366")
    filename, content = _download(page, "Export audit portfolio as CSV")
    assert filename == f"audit-portfolio-{TODAY}.csv"
    exported = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert sorted(row[0] for row in exported[1:]) == ["Acme Systems", "Never audited"]
    page.reload()
    expect(page.locator("select[name=audit_class]")).to_have_value("unaudited")
    page.set_viewport_size({"width": 360, "height": 780})
    page.reload()
    shot(page, "lists-07-audit-portfolio-filtered-360")


def test_partner_user_exports_only_their_own_deals_on_a_phone(
    mobile_page, live_server, partner_member, queue
):
    page = mobile_page
    page.set_viewport_size({"width": 360, "height": 780})
    login(page, live_server.url, partner_member.username, name="lists-08")
    page.goto(f"{live_server.url}/portal/performance/deals/")
    expect(page.get_by_role("heading", name="Deal registrations")).to_be_visible()
    shot(page, "lists-09-portal-deals-360")
    filename, content = _download(page, "Export your deal registrations as CSV")
    assert filename == f"deal-registrations-{TODAY}.csv"
    exported = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    customers = [row[0] for row in exported[1:]]
    assert len(customers) == 30 and all(name.startswith("Acme customer") for name in customers)
