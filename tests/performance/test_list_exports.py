"""Exports, filters and pagination of performance's lists: the deal queue, alerts, scores, the
target and audit portfolios, and the portal's deals and targets (a partner's own only)."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.db.models.query import QuerySet
from django.http import StreamingHttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from performance.models import Alert, AlertKind
from prm.lib import exports
from tests.export_helpers import body, column_of, rows_of
from tests.factories import PartnerFactory, ProgramTierFactory
from tests.helpers import HTMX, page_text
from tests.performance.audits_factories import PerformanceAuditFactory
from tests.performance.deals_factories import DealRegistrationFactory
from tests.performance.plans_factories import BusinessPlanFactory, PlanActionFactory
from tests.performance.targets_factories import ActualFactory, TargetFactory, metric

from .scoring_factories import PartnerScoreFactory, ScoreRunFactory

pytestmark = pytest.mark.django_db
DEALS = reverse("performance:deal-list")
ALERTS = reverse("performance:alert-list")
SCORES = reverse("performance:score-list")
TARGETS = reverse("performance:target-portfolio")
AUDITS = reverse("performance:audit-portfolio")
PORTAL_DEALS = reverse("performance-portal:deal-list")
PORTAL_TARGETS = reverse("performance-portal:target-list")
YEAR = 2026
FORMATS = ["csv", "xlsx"]


@pytest.fixture
def staff(client_for, manager):
    return client_for(manager)


def export_queries(client, url) -> tuple[int, object]:
    """Queries of one export, the download read to its end (a stream runs them as it goes)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        body(response)
    return len(queries.captured_queries), response


def with_targets(partner, attainment):
    TargetFactory(partner=partner, metric=metric("revenue"), status="agreed", agreed_value=100,
                  year=YEAR)  # fmt: skip
    ActualFactory(partner=partner, metric=metric("revenue"), year=YEAR, value=attainment)


def _alert(partner, message="No champion named.", **fields):
    today = timezone.localdate()
    return Alert.objects.create(
        partner=partner, kind=AlertKind.NO_CHAMPION, message=message, raised_on=today,
        last_seen_on=today, fix="relationships", **fields,
    )  # fmt: skip


def _approved(partner, customer_name, manager):
    return DealRegistrationFactory(
        partner=partner, customer_name=customer_name, status="approved", decided_by=manager,
        decided_at=timezone.now(), protection_until=datetime.date.today(),
    )  # fmt: skip


# --- the deal queue ---------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_deal_queue_exports_its_filtered_rows(staff, manager, partner, other_partner, fmt):
    DealRegistrationFactory(partner=partner, customer_name="Ours Ltd", value=Decimal("1200"))
    _approved(partner, "Approved Ltd", manager)
    DealRegistrationFactory(partner=other_partner, customer_name="Theirs Ltd")
    response = staff.get(DEALS, {"partner": partner.slug, "status": "submitted", "export": fmt})
    rows = rows_of(response, fmt)
    assert rows[0][:4] == ["Customer", "Customer domain", "Partner", "Value"]
    assert column_of(rows, "Customer") == ["Ours Ltd"]
    assert float(column_of(rows, "Value")[0]) == 1200
    assert (
        f"deal-registrations-{timezone.localdate().isoformat()}.{fmt}"
        in (response["Content-Disposition"])
    )


def test_deal_queue_export_escapes_formulas(staff, partner):
    DealRegistrationFactory(partner=partner, customer_name='=HYPERLINK("http://x")')
    rows = rows_of(staff.get(DEALS, {"export": "csv"}), "csv")
    assert column_of(rows, "Customer") == ['\'=HYPERLINK("http://x")']


def test_deal_queue_export_streams_through_the_iterator(staff, partner, monkeypatch):
    calls = []
    original = QuerySet.iterator

    def spy(self, chunk_size=None):
        calls.append(chunk_size)
        return original(self, chunk_size=chunk_size)

    monkeypatch.setattr(QuerySet, "iterator", spy)
    DealRegistrationFactory(partner=partner)
    with CaptureQueriesContext(connection) as before:
        response = staff.get(DEALS, {"export": "csv"})
    assert isinstance(response, StreamingHttpResponse)
    assert calls == [exports.CHUNK_SIZE]
    deals_read = 'FROM "performance_dealregistration"'
    assert not any(deals_read in q["sql"] for q in before.captured_queries)  # not yet read
    with CaptureQueriesContext(connection) as during:
        body(response)
    assert sum(deals_read in q["sql"] for q in during.captured_queries) == 1


@pytest.mark.parametrize("fmt", FORMATS)
def test_deal_queue_export_queries_constant_in_rows(staff, manager, fmt):
    partner = PartnerFactory(owner=manager)
    for _ in range(2):
        DealRegistrationFactory(partner=partner)
    url = f"{DEALS}?export={fmt}"
    small, _response = export_queries(staff, url)
    for _ in range(25):
        DealRegistrationFactory(partner=PartnerFactory(owner=manager))
    large, response = export_queries(staff, url)
    assert large == small
    assert len(rows_of(response, fmt)) == 28


def test_deal_queue_unknown_export_is_400(staff):
    assert staff.get(DEALS, {"export": "pdf"}).status_code == 400


@pytest.mark.parametrize("url", [DEALS, ALERTS, SCORES, TARGETS, AUDITS])
def test_internal_lists_and_exports_refuse_post_and_partner_users(
    staff, client_for, partner_admin, url
):
    assert staff.post(url).status_code == 405
    assert staff.post(f"{url}?export=csv").status_code == 405
    assert client_for(partner_admin).get(url, {"export": "csv"}).status_code == 403


def test_deal_queue_is_newest_first_by_default(staff, manager, partner):
    older = DealRegistrationFactory(partner=partner, customer_name="Older Co")
    _approved(partner, "Newer Co", manager)
    older.__class__.objects.filter(pk=older.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=3)
    )
    text = page_text(staff.get(DEALS))
    assert text.index("Newer Co") < text.index("Older Co")
    text = page_text(staff.get(DEALS, {"sort": "oldest"}))
    assert text.index("Older Co") < text.index("Newer Co")
    assert column_of(rows_of(staff.get(DEALS, {"export": "csv"}), "csv"), "Customer") == [
        "Newer Co", "Older Co",
    ]  # fmt: skip


def test_deal_queue_keeps_page_and_filters_in_the_url(staff, partner):
    for index in range(30):
        DealRegistrationFactory(partner=partner, customer_name=f"Deal {index:02d}")
    response = staff.get(DEALS, {"partner": partner.slug, "sort": "oldest", "page": 2}, **HTMX)
    assert response["HX-Push-Url"] == f"{DEALS}?partner={partner.slug}&sort=oldest&page=2"
    content = response.content.decode()
    # Page links carry the filters and push the page into the address bar.
    assert f'href="?partner={partner.slug}&amp;sort=oldest&amp;page=1"' in content
    assert 'hx-push-url="true"' in content
    # The export link carries the filters, not the page.
    assert f"{DEALS}?partner={partner.slug}&amp;sort=oldest&amp;export=csv" in content
    # Reloading the pushed URL shows the same page with the same filters.
    page = staff.get(DEALS, {"partner": partner.slug, "sort": "oldest", "page": 2})
    assert "Deal 25" in page_text(page) and "Deal 00" not in page_text(page)
    assert 'value="oldest" selected' in page.content.decode()


# --- alerts and scores ------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_alert_list_exports_its_filtered_rows(staff, partner, other_partner, fmt):
    _alert(partner, message="Ours needs a champion.")
    _alert(other_partner, message="Theirs needs a champion.")
    response = staff.get(ALERTS, {"partner": partner.slug, "export": fmt})
    rows = rows_of(response, fmt)
    assert rows[0][:3] == ["On", "Kind", "Message"]
    assert column_of(rows, "Message") == ["Ours needs a champion."]
    assert column_of(rows, "On") == [partner.name]


@pytest.mark.parametrize("fmt", FORMATS)
def test_score_list_exports_its_filtered_rows(staff, fmt):
    run = ScoreRunFactory()
    high, low = PartnerFactory(name="High"), PartnerFactory(name="Low")
    PartnerScoreFactory(run=run, partner=high, health=Decimal(80))
    PartnerScoreFactory(run=run, partner=low, health=Decimal(20))
    rows = rows_of(staff.get(SCORES, {"min_health": "50", "export": fmt}), fmt)
    assert rows[0][:3] == ["Partner", "As of", "Relationship"]
    assert column_of(rows, "Partner") == ["High"]
    assert float(column_of(rows, "Health")[0]) == 80


# --- the target portfolio ---------------------------------------------------------------------


@pytest.fixture
def portfolio(manager, other_manager):
    gold = ProgramTierFactory(name="Gold")
    partners = {
        "Mine Gold": PartnerFactory(name="Mine Gold", owner=manager, tier=gold),
        "Mine Plain": PartnerFactory(name="Mine Plain", owner=manager),
        "Theirs Gold": PartnerFactory(name="Theirs Gold", owner=other_manager, tier=gold),
    }
    for index, partner in enumerate(partners.values()):
        with_targets(partner, 50 + 10 * index)
        PerformanceAuditFactory(partner=partner)
    return partners


def test_target_portfolio_filters_by_owner_tier_and_name(staff, manager, portfolio):
    gold = portfolio["Mine Gold"].tier
    text = page_text(staff.get(TARGETS, {"year": YEAR, "owner": manager.pk}))
    assert "Mine Gold" in text and "Mine Plain" in text and "Theirs Gold" not in text
    text = page_text(staff.get(TARGETS, {"year": YEAR, "tier": gold.pk, "q": "theirs"}))
    assert "Theirs Gold" in text and "Mine Gold" not in text
    assert "2 partners with agreed targets" in page_text(
        staff.get(TARGETS, {"year": YEAR, "tier": gold.pk})
    )


@pytest.mark.parametrize("fmt", FORMATS)
def test_target_portfolio_exports_its_filtered_rows(staff, manager, portfolio, fmt):
    response = staff.get(TARGETS, {"year": YEAR, "owner": manager.pk, "export": fmt})
    rows = rows_of(response, fmt)
    assert rows[0][:4] == ["Partner", "Tier", "Health", "Revenue %"]
    assert rows[0][-1] == "Average %"
    assert column_of(rows, "Partner") == ["Mine Plain", "Mine Gold"]  # best attainment first
    assert [float(v) for v in column_of(rows, "Revenue %")] == [60, 50]
    assert f"target-attainment-{YEAR}-" in response["Content-Disposition"]


def test_target_portfolio_pages_keep_the_filters(staff, manager):
    for index in range(55):
        with_targets(PartnerFactory(name=f"P{index:02d}", owner=manager), 50)
    response = staff.get(TARGETS, {"year": YEAR, "owner": manager.pk})
    content = response.content.decode()
    assert f"?year={YEAR}&amp;owner={manager.pk}&amp;page=2" in content
    second = staff.get(TARGETS, {"year": YEAR, "owner": manager.pk, "page": 2}, **HTMX)
    assert second["HX-Push-Url"] == f"{TARGETS}?year={YEAR}&owner={manager.pk}&page=2"
    # Another year keeps the partner filters.
    assert f"?year={YEAR + 1}&amp;owner={manager.pk}" in content


def test_target_portfolio_bad_filter_narrows_nothing(staff, portfolio):
    response = staff.get(TARGETS, {"year": YEAR, "tier": "999999"})
    assert response.status_code == 200
    assert "3 partners with agreed targets" in page_text(response)


# --- the audit portfolio ----------------------------------------------------------------------


def test_audit_portfolio_filters_by_owner_tier_status_and_class(staff, manager, portfolio):
    PartnerFactory(name="Never Audited", owner=manager)
    text = page_text(staff.get(AUDITS, {"owner": manager.pk}))
    assert "Mine Gold" in text and "Never Audited" in text and "Theirs Gold" not in text
    text = page_text(staff.get(AUDITS, {"audit_class": "unaudited"}))
    assert "Never Audited" in text and "Mine Gold" not in text
    gold = portfolio["Mine Gold"].tier
    text = page_text(staff.get(AUDITS, {"tier": gold.pk, "status": "active"}))
    assert "Never Audited" not in text and "Mine Plain" not in text


@pytest.mark.parametrize("fmt", FORMATS)
def test_audit_portfolio_exports_its_filtered_rows(staff, manager, portfolio, fmt):
    PartnerFactory(name="Never Audited", owner=manager)
    response = staff.get(AUDITS, {"owner": manager.pk, "export": fmt})
    rows = rows_of(response, fmt)
    assert rows[0] == ["Partner", "Tier", "Health", "Annual revenue", "Latest total", "Class",
                       "Audited on"]  # fmt: skip
    assert sorted(column_of(rows, "Partner")) == ["Mine Gold", "Mine Plain", "Never Audited"]
    assert "Not audited" in column_of(rows, "Class")
    unaudited = rows_of(staff.get(AUDITS, {"audit_class": "unaudited", "export": fmt}), fmt)
    assert column_of(unaudited, "Partner") == ["Never Audited"]


def test_audit_portfolio_pages_keep_the_filters(staff, manager):
    for index in range(55):
        PartnerFactory(name=f"P{index:02d}", owner=manager)
    response = staff.get(AUDITS, {"owner": manager.pk, "audit_class": "unaudited"})
    assert f"?owner={manager.pk}&amp;audit_class=unaudited&amp;page=2" in response.content.decode()
    second = staff.get(AUDITS, {"owner": manager.pk, "audit_class": "unaudited", "page": 2},
                       HTTP_HX_TARGET="audit-table", **HTMX)  # fmt: skip
    assert second["HX-Push-Url"] == f"{AUDITS}?owner={manager.pk}&audit_class=unaudited&page=2"


def _grow(count, manager):
    tier = ProgramTierFactory()
    for _ in range(count):
        partner = PartnerFactory(owner=manager, tier=tier)
        with_targets(partner, 60)
        PerformanceAuditFactory(partner=partner)
    return tier


@pytest.mark.parametrize(
    ("url", "headers"),
    [
        (f"{TARGETS}?year={YEAR}&status=active&q=a", {}),
        (f"{TARGETS}?year={YEAR}&status=active&page=2", HTMX),
        (f"{AUDITS}?status=active&audit_class=unaudited", {}),
        (f"{AUDITS}?status=active&page=2", {"HTTP_HX_TARGET": "audit-table", **HTMX}),
    ],
)
def test_filtered_portfolios_run_constant_queries(staff, manager, url, headers, count_queries):
    _grow(3, manager)
    small = count_queries(staff, url, **headers)
    _grow(60, manager)
    assert count_queries(staff, url, **headers) == small


@pytest.mark.parametrize("url", [f"{TARGETS}?year={YEAR}&status=active", f"{AUDITS}?status=active"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_portfolio_exports_run_constant_queries(staff, manager, url, fmt):
    _grow(3, manager)
    small, _response = export_queries(staff, f"{url}&export={fmt}")
    _grow(40, manager)
    large, response = export_queries(staff, f"{url}&export={fmt}")
    assert large == small
    assert len(rows_of(response, fmt)) == 44


# --- the portal: a partner's own deals and targets --------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_portal_deal_export_holds_only_the_partners_own(
    client_for, partner, other_partner, partner_member, fmt
):
    DealRegistrationFactory(partner=partner, customer_name="Our Customer")
    DealRegistrationFactory(partner=other_partner, customer_name="Their Secret Customer")
    response = client_for(partner_member).get(PORTAL_DEALS, {"export": fmt})
    rows = rows_of(response, fmt)
    assert column_of(rows, "Customer") == ["Our Customer"]
    assert "Partner" not in rows[0]
    assert b"Their Secret Customer" not in body(response)


@pytest.mark.parametrize("fmt", FORMATS)
def test_portal_target_export_holds_only_the_partners_own(
    client_for, partner, other_partner, partner_admin, fmt
):
    TargetFactory(partner=partner, metric=metric("revenue"), status="agreed", agreed_value=777,
                  year=YEAR)  # fmt: skip
    TargetFactory(partner=other_partner, metric=metric("revenue"), status="agreed",
                  agreed_value=999, year=YEAR)  # fmt: skip
    rows = rows_of(client_for(partner_admin).get(PORTAL_TARGETS, {"export": fmt}), fmt)
    assert rows[0][:4] == ["Period", "Metric", "Status", "Agreed value"]
    assert [float(v) for v in column_of(rows, "Agreed value")] == [777]


@pytest.mark.parametrize("url", [PORTAL_DEALS, PORTAL_TARGETS])
def test_portal_exports_refuse_staff_and_post(staff, client_for, partner_member, url):
    assert staff.get(url, {"export": "csv"}).status_code == 403
    assert client_for(partner_member).post(f"{url}?export=csv").status_code == 405


def test_portal_deal_list_shows_the_export_control(client_for, partner_member):
    content = client_for(partner_member).get(PORTAL_DEALS).content.decode()
    assert f"{PORTAL_DEALS}?export=csv" in content and f"{PORTAL_DEALS}?export=xlsx" in content


@pytest.mark.parametrize("fmt", FORMATS)
def test_portal_audit_export_holds_only_shared_audits_of_the_partner(
    client_for, partner, other_partner, partner_member, fmt
):
    PerformanceAuditFactory(partner=partner, share_with_partner=True,
                            audited_on=datetime.date(2026, 3, 1))  # fmt: skip
    PerformanceAuditFactory(partner=partner, share_with_partner=False,
                            audited_on=datetime.date(2026, 4, 1))  # fmt: skip
    PerformanceAuditFactory(partner=other_partner, share_with_partner=True,
                            audited_on=datetime.date(2026, 5, 1))  # fmt: skip
    url = reverse("performance-portal:audit-list")
    rows = rows_of(client_for(partner_member).get(url, {"export": fmt}), fmt)
    assert rows[0][:3] == ["Audited on", "Total", "Class"]
    assert len(rows) == 2  # the one shared audit of the partner's own
    assert column_of(rows, "Audited on")[0].startswith(("2026-03-01", "46082"))


def test_deal_queue_status_counts_follow_the_partner_filter(staff, partner, other_partner):
    DealRegistrationFactory(partner=partner)
    for _ in range(3):
        DealRegistrationFactory(partner=other_partner)
    text = page_text(staff.get(DEALS, {"partner": partner.slug}))
    assert "All 1" in text and "Submitted 1" in text and "1 registration " in text
    assert "All 4" in page_text(staff.get(DEALS))


@pytest.mark.parametrize("fmt", FORMATS)
def test_portal_plan_export_holds_the_partners_agreed_plans_actions_only(
    client_for, partner, other_partner, partner_member, fmt
):
    PlanActionFactory(plan=BusinessPlanFactory(partner=partner), title="Run the webinar")
    PlanActionFactory(plan=BusinessPlanFactory(partner=partner, status="draft"),
                      title="Draft idea")  # fmt: skip
    PlanActionFactory(plan=BusinessPlanFactory(partner=other_partner), title="Their secret")
    response = client_for(partner_member).get(reverse("performance-portal:plan-list"),
                                              {"export": fmt})  # fmt: skip
    rows = rows_of(response, fmt)
    assert rows[0] == ["Plan", "Period", "Action", "Side", "Owner", "Due", "Status"]
    assert column_of(rows, "Action") == ["Run the webinar"]
    assert b"Their secret" not in body(response)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_portal_score_export_holds_only_the_partners_own_history(
    client_for, partner, other_partner, partner_member, fmt
):
    first, second = ScoreRunFactory(), ScoreRunFactory()
    PartnerScoreFactory(run=first, partner=partner, performance=Decimal("40.0"))
    PartnerScoreFactory(run=second, partner=partner, performance=Decimal("64.0"))
    PartnerScoreFactory(run=second, partner=other_partner, performance=Decimal("99.0"))
    url = reverse("performance-portal:score-list")
    rows = rows_of(client_for(partner_member).get(url, {"export": fmt}), fmt)
    assert rows[0] == ["As of", "Performance", "Engagement"]  # never relationship or health
    assert [float(v) for v in column_of(rows, "Performance")] == [64.0, 40.0]  # newest first
    assert "export=xlsx" in client_for(partner_member).get(url).content.decode()
