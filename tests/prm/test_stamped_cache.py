"""Results kept while the tables they read are unchanged (prm.lib.cache.cached_while_unchanged),
and the portfolios that use them showing a change on the next view."""

import pytest
from django.urls import reverse

from partners.models import Partner
from prm.lib.cache import cached_while_unchanged, tables_stamp
from tests.factories import PartnerFactory
from tests.helpers import page_text
from tests.performance.audits_factories import CRITERIA, PerformanceAuditFactory
from tests.performance.targets_factories import ActualFactory, TargetFactory, metric

pytestmark = pytest.mark.django_db


def _counting():
    calls = []

    def compute():
        calls.append(1)
        return sorted(Partner.objects.values_list("name", flat=True))

    return calls, lambda: cached_while_unchanged("test-names", [Partner], compute)


def test_the_result_is_kept_while_nothing_changes():
    PartnerFactory(name="Alpha")
    calls, names = _counting()
    assert names() == names() == ["Alpha"] and len(calls) == 1


def test_an_insert_a_save_and_a_delete_each_give_the_live_result():
    partner = PartnerFactory(name="Alpha")
    calls, names = _counting()
    names()
    beta = PartnerFactory(name="Beta")
    assert names() == ["Alpha", "Beta"]
    partner.name = "Aleph"
    partner.save()
    assert names() == ["Aleph", "Beta"]
    beta.delete()
    assert names() == ["Aleph"] and len(calls) == 4


def test_the_stamp_sees_a_save_whose_timestamp_is_older_than_the_newest():
    first, second = PartnerFactory(), PartnerFactory()
    before = tables_stamp(Partner)
    # An edit that committed after a later one: its updated_at is not the newest.
    Partner.objects.filter(pk=first.pk).update(version=first.version + 1)
    assert second.updated_at >= first.updated_at and tables_stamp(Partner) != before


def test_target_portfolio_shows_a_new_actual_on_the_next_view(client_for, manager):
    partner = PartnerFactory(name="Fresh Figures")
    TargetFactory(partner=partner, metric=metric("revenue"), status="agreed", agreed_value=100,
                  year=2026, quarter=1)  # fmt: skip
    client, url = client_for(manager), reverse("performance:target-portfolio") + "?year=2026"
    assert "0 %" in page_text(client.get(url))
    ActualFactory(partner=partner, metric=metric("revenue"), year=2026, quarter=1, value=90)
    assert "90 %" in page_text(client.get(url))


def test_audit_portfolio_shows_a_new_audit_on_the_next_view(client_for, manager):
    partner = PartnerFactory(name="Newly Audited", annual_revenue=1_000_000)
    client, url = client_for(manager), reverse("performance:audit-portfolio")
    assert "not audited" in page_text(client.get(url))
    PerformanceAuditFactory(partner=partner, **{name: 5 for name in CRITERIA})
    text = page_text(client.get(url))
    assert "not audited" not in text and "100.0" in text
