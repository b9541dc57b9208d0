"""Exports of the program's remaining lists: tiers, rules of engagement and their
acknowledgements, program ROI; the portal's resources (only what the partner may see)."""

import pytest
from django.urls import reverse

from tests.export_helpers import column_of, rows_of

from .enablement_factories import AcknowledgementFactory, RulesFactory
from .program_factories import BenefitFactory, ResourceFactory, tiers

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_tier_list_exports_every_tier_with_its_terms(client_for, manager, partner, fmt):
    registered, silver, _gold = tiers()
    partner.tier = silver
    partner.save()
    BenefitFactory(tier=silver, value="15% off list")
    response = client_for(manager).get(reverse("incentives:tier-list"), {"export": fmt})
    rows = rows_of(response, fmt)
    assert rows[0][:3] == ["Tier", "Rank", "Partners"]
    assert column_of(rows, "Tier")[:2] == [registered.name, silver.name]
    silver_row = rows[1 + column_of(rows, "Tier").index(silver.name)]
    assert "15% off list" in silver_row[rows[0].index("Benefits")]
    assert silver_row[2] in ("1", 1)
    assert "program-tiers-" in response["Content-Disposition"]


def test_tier_list_page_links_its_exports(client_for, manager):
    tiers()
    page = client_for(manager).get(reverse("incentives:tier-list")).content.decode()
    assert "export=csv" in page and "export=xlsx" in page


def test_rules_list_exports_every_version(client_for, manager):
    RulesFactory(summary="Deal protection is now 90 days.", significant=True)
    response = client_for(manager).get(reverse("incentives:rules-list"), {"export": "csv"})
    rows = rows_of(response, "csv")
    assert rows[0][:3] == ["Version", "Effective on", "Change"]
    assert column_of(rows, "Summary") == ["Deal protection is now 90 days."]
    assert column_of(rows, "Change") == ["Significant"]
    page = client_for(manager).get(reverse("incentives:rules-list")).content.decode()
    assert "export=xlsx" in page


def test_acknowledgements_export_every_partner_with_its_status(client_for, manager, partner,
                                                               other_partner):  # fmt: skip
    rules = RulesFactory()
    AcknowledgementFactory(rules=rules, partner=partner)
    url = reverse("incentives:rules-acknowledgements", args=[rules.pk])
    rows = rows_of(client_for(manager).get(url, {"export": "csv"}), "csv")
    assert rows[0] == ["Partner", "Acknowledged", "By", "At"]
    status = dict(zip(column_of(rows, "Partner"), column_of(rows, "Acknowledged"), strict=True))
    assert status == {partner.name: "Yes", other_partner.name: "No"}
    assert "export=csv" in client_for(manager).get(url).content.decode()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_portal_resources_export_only_what_the_tier_allows(
    client_for, partner, partner_member, fmt
):
    _registered, silver, gold = tiers()
    partner.tier = silver
    partner.save()
    ResourceFactory(title="Silver deck", minimum_tier=silver)
    ResourceFactory(title="Gold playbook", minimum_tier=gold)
    url = reverse("incentives-portal:resource-list")
    rows = rows_of(client_for(partner_member).get(url, {"export": fmt}), fmt)
    assert rows[0][:2] == ["Title", "Category"] and "Visible from tier" not in rows[0]
    assert column_of(rows, "Title") == ["Silver deck"]
    assert "export=csv" in client_for(partner_member).get(url).content.decode()
