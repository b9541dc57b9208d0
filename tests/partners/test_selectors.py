"""Reads of the partner registry: scoping by user, list filters and sorting, page contexts."""

import datetime
from decimal import Decimal

import pytest
from django.http import Http404
from django.test import RequestFactory

from partners import selectors, services
from partners.models import Partner
from partners.panels import registry as panels
from tests.factories import (
    MembershipFactory,
    PartnerFactory,
    ProgramTierFactory,
    SegmentFactory,
    TerritoryFactory,
    UserFactory,
)


def names(queryset) -> list[str]:
    return [partner.name for partner in queryset]


# --- scope ---------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["manager", "other_manager", "admin_user"])
def test_partner_get_for_user_lets_vendor_staff_see_any_partner(
    request, partner, other_partner, persona
):
    user = request.getfixturevalue(persona)
    assert selectors.partner_get_for_user(user=user, slug="globex-networks") == other_partner


@pytest.mark.parametrize("persona", ["partner_admin", "partner_member"])
def test_partner_get_for_user_gives_a_partner_user_their_own_partner(request, partner, persona):
    user = request.getfixturevalue(persona)
    assert selectors.partner_get_for_user(user=user, slug="acme-systems") == partner


def test_partner_get_for_user_hides_another_partner_from_outsider(outsider, partner):
    with pytest.raises(Http404):
        selectors.partner_get_for_user(user=outsider, slug=partner.slug)


def test_partner_get_for_user_unknown_slug_is_404(manager):
    with pytest.raises(Http404):
        selectors.partner_get_for_user(user=manager, slug="nobody")


def test_partner_get_for_user_without_membership_is_404(partner):
    orphan = UserFactory(role="partner_user")
    with pytest.raises(Http404):
        selectors.partner_get_for_user(user=orphan, slug=partner.slug)


def test_membership_for_user(partner_admin, outsider, manager, partner, other_partner):
    assert selectors.membership_for_user(user=partner_admin).partner == partner
    assert selectors.membership_for_user(user=outsider).partner == other_partner
    with pytest.raises(Http404):
        selectors.membership_for_user(user=manager)


def test_partners_visible_to(manager, partner_member, outsider, partner, other_partner):
    inactive = UserFactory(role="channel_manager", is_active=False)
    assert set(selectors.partners_visible_to(user=manager)) == {partner, other_partner}
    assert list(selectors.partners_visible_to(user=partner_member)) == [partner]
    assert list(selectors.partners_visible_to(user=outsider)) == [other_partner]
    assert list(selectors.partners_visible_to(user=inactive)) == []


def test_channel_managers_are_active_vendor_staff_only(manager, admin_user, partner_admin):
    UserFactory(username="gone", role="channel_manager", is_active=False)
    assert [u.username for u in selectors.channel_managers()] == ["admin-t", "manager-t"]


# --- partner_list --------------------------------------------------------------------------


def test_partner_list_search_is_case_insensitive_on_name_and_website(partner, other_partner):
    Partner.objects.filter(pk=other_partner.pk).update(website="https://globex.example")
    assert names(selectors.partner_list(filters={"q": "aCmE"})) == ["Acme Systems"]
    assert names(selectors.partner_list(filters={"q": "globex.example"})) == ["Globex Networks"]
    assert names(selectors.partner_list(filters={"q": "%"})) == []


def test_partner_list_filters_by_model_instances(manager, other_manager):
    gold = ProgramTierFactory(name="Gold", rank=2)
    emea, banks = TerritoryFactory(), SegmentFactory()
    PartnerFactory(name="Hit", tier=gold, owner=other_manager, territories=[emea], segments=[banks])
    PartnerFactory(name="Miss", owner=manager)
    for filters in (
        {"tier": gold},
        {"owner": other_manager},
        {"territory": emea},
        {"segment": banks},
    ):
        assert names(selectors.partner_list(filters=filters)) == ["Hit"]


def test_partner_list_ignores_empty_filters(partner, other_partner):
    filters = {"q": "", "status": None, "tier": None, "territory": None, "segment": None}
    assert names(selectors.partner_list(filters=filters)) == ["Acme Systems", "Globex Networks"]


def test_partner_list_many_territories_give_one_row_each(db):
    territories = TerritoryFactory.create_batch(3)
    segments = SegmentFactory.create_batch(3)
    PartnerFactory(name="Wide", territories=territories, segments=segments)
    listed = selectors.partner_list(filters={"territory": territories[1], "segment": segments[2]})
    assert names(listed) == ["Wide"]
    assert listed.count() == 1


def test_partner_list_sort_ties_break_by_name_then_id(db):
    for name in ("Charlie", "Alpha", "Bravo"):
        PartnerFactory(name=name, status=Partner.Status.ACTIVE)
    assert names(selectors.partner_list(sort="status")) == ["Alpha", "Bravo", "Charlie"]
    assert names(selectors.partner_list(sort="-status")) == ["Alpha", "Bravo", "Charlie"]


def test_partner_list_unknown_sort_falls_back_to_name(db):
    PartnerFactory(name="Bravo", annual_revenue=Decimal(1))
    PartnerFactory(name="Alpha", annual_revenue=Decimal(2))
    assert names(selectors.partner_list(sort="bogus")) == ["Alpha", "Bravo"]
    assert names(selectors.partner_list(sort="-bogus")) == ["Bravo", "Alpha"]


@pytest.mark.parametrize("sort", ["revenue", "-revenue", "joined", "-joined"])
def test_partner_list_sort_puts_blank_values_last(db, sort):
    PartnerFactory(name="Aardvark", annual_revenue=None, joined_on=None)
    PartnerFactory(name="Small", annual_revenue=Decimal(1), joined_on=datetime.date(2020, 1, 1))
    PartnerFactory(name="Large", annual_revenue=Decimal(9), joined_on=datetime.date(2024, 1, 1))
    listed = names(selectors.partner_list(sort=sort))
    assert listed[-1] == "Aardvark"
    assert listed[:2] == (["Large", "Small"] if sort.startswith("-") else ["Small", "Large"])


def test_partner_list_rows_and_their_territories_take_two_queries(db, django_assert_num_queries):
    territories = TerritoryFactory.create_batch(2)
    for _ in range(4):
        PartnerFactory(territories=territories, tier=ProgramTierFactory(), owner=UserFactory())
    with django_assert_num_queries(2):
        partners = list(selectors.partner_list())
        names = selectors.territory_names_by_partner(partner_ids=[p.pk for p in partners])
        rows = [(p.tier.name, p.owner.username, names[p.pk]) for p in partners]
    assert len(rows) == 4
    assert all(row[2] == sorted(t.name for t in territories) for row in rows)


def test_territory_names_by_partner_in_name_order(db):
    north, south = TerritoryFactory(name="North"), TerritoryFactory(name="South")
    both = PartnerFactory(territories=[south, north])
    PartnerFactory(territories=[north])
    none = PartnerFactory()
    names = selectors.territory_names_by_partner(partner_ids=[both.pk, none.pk])
    assert names == {both.pk: ["North", "South"]}


# --- dashboard -----------------------------------------------------------------------------


def test_dashboard_counts(manager):
    gold, silver = (
        ProgramTierFactory(name="Gold", rank=2),
        ProgramTierFactory(name="Silver", rank=1),
    )
    emea = TerritoryFactory(name="EMEA", capacity=5)
    TerritoryFactory(name="APAC", capacity=3)
    PartnerFactory(tier=gold, territories=[emea], status=Partner.Status.ACTIVE)
    PartnerFactory(tier=gold, territories=[emea], status=Partner.Status.AT_RISK)
    PartnerFactory(tier=None, status=Partner.Status.ACTIVE)
    counts = selectors.dashboard_counts()
    assert counts["total"] == 3
    by_status = {row["key"]: row["n"] for row in counts["by_status"]}
    assert by_status == {
        "prospect": 0,
        "onboarding": 0,
        "active": 2,
        "at_risk": 1,
        "exiting": 0,
        "exited": 0,
    }
    assert counts["by_tier"] == [
        {"label": "Silver", "n": 0},
        {"label": "Gold", "n": 2},
        {"label": "No tier", "n": 1},
    ]
    assert counts["by_territory"] == [
        {"label": "EMEA", "n": 2, "capacity": 5},
        {"label": "APAC", "n": 0, "capacity": 3},
    ]
    assert silver.rank == 1


def test_dashboard_counts_on_an_empty_registry(db):
    counts = selectors.dashboard_counts()
    assert counts["total"] == 0
    assert counts["by_tier"] == []
    assert counts["by_territory"] == []


def test_dashboard_counts_context_builds_charts(partner):
    context = panels.dashboard_counts_context(RequestFactory().get("/"))
    status_chart = context["status_chart"]["spec"]
    assert status_chart["type"] == "doughnut"
    assert status_chart["labels"][2] == "Active"
    assert status_chart["datasets"][0]["data"][2] == 1
    assert context["tier_chart"]["spec"]["labels"] == ["No tier"]


# --- partner page tabs ---------------------------------------------------------------------


def test_partner_overview_context(partner, partner_admin, partner_member, outsider):
    emea = TerritoryFactory(name="EMEA")
    partner.territories.set([emea])
    context = panels.partner_overview_context(None, partner)
    assert context["territories"] == [emea]
    assert context["segments"] == []
    assert {m.user for m in context["portal_users"]} == {partner_admin, partner_member}


def test_partner_history_entries_are_readable_newest_first(manager, other_manager, partner):
    gold = ProgramTierFactory(name="Gold", rank=7)
    emea = TerritoryFactory(name="EMEA")
    services.partner_update(partner=partner, actor=manager, status="at_risk", tier=gold)
    services.partner_update(partner=partner, actor=other_manager, territories=[emea])
    services.partner_update(partner=partner, actor=manager, tier=None, owner=other_manager)
    newest, m2m, first, created = selectors.partner_history_entries(partner=partner)
    assert newest.actor == manager
    assert newest.changes_display_dict == {
        "tier": ["Gold", ""],
        "owner": [str(manager), str(other_manager)],
    }
    assert m2m.actor == other_manager
    assert m2m.changes_display_dict == {
        "territories": {"type": "m2m", "operation": "add", "objects": ["EMEA"]}
    }
    assert first.changes_display_dict == {"status": ["Active", "At risk"], "tier": ["", "Gold"]}
    assert created.get_action_display() == "create"
    assert "updated at" not in created.changes_display_dict
    assert "ID" not in created.changes_display_dict
    assert created.changes_display_dict["name"] == ["", "Acme Systems"]
    assert created.changes_display_dict["country"] == ["", "Germany"]


def test_partner_history_names_deleted_related_objects(manager, partner):
    bronze = ProgramTierFactory(name="Bronze", rank=8)
    services.partner_update(partner=partner, actor=manager, tier=bronze)
    services.partner_update(partner=partner, actor=manager, tier=None)
    bronze_pk = bronze.pk
    bronze.delete()
    newest = selectors.partner_history_entries(partner=partner)[0]
    assert newest.changes_display_dict == {"tier": [f"(deleted #{bronze_pk})", ""]}


def test_partner_history_is_limited(manager, partner):
    for n in range(5):
        services.partner_update(partner=partner, actor=manager, phone=str(n))
    assert len(selectors.partner_history_entries(partner=partner, limit=3)) == 3


def test_partner_history_query_count_does_not_grow_with_entries(
    manager, other_manager, partner, django_assert_max_num_queries
):
    tiers = [ProgramTierFactory(name=f"T{n}", rank=20 + n) for n in range(4)]
    for n in range(12):
        services.partner_update(
            partner=partner,
            actor=(manager, other_manager)[n % 2],
            tier=tiers[n % 4],
            owner=(manager, other_manager)[n % 2],
        )
    with django_assert_max_num_queries(4):
        entries = selectors.partner_history_entries(partner=partner)
        rendered = [(str(e.actor), e.changes_display_dict) for e in entries]
    assert len(rendered) == 13


# --- portal contexts -----------------------------------------------------------------------


def test_portal_company_context(partner_admin, partner_member, partner):
    admin_context = panels.portal_company_context(None, partner_admin.partner_membership)
    member_context = panels.portal_company_context(None, partner_member.partner_membership)
    assert admin_context["partner"] == partner
    assert admin_context["can_edit"] is True
    assert member_context["can_edit"] is False


def test_portal_team_context_is_own_partner_only(partner_admin, partner_member, outsider):
    MembershipFactory()  # someone at a third partner
    context = panels.portal_team_context(None, partner_member.partner_membership)
    assert {m.user for m in context["memberships"]} == {partner_admin, partner_member}


def test_filter_options_are_reference_data(manager, partner_admin):
    ProgramTierFactory(name="Gold", rank=2)
    options = selectors.filter_options()
    assert [t.name for t in options["tiers"]] == ["Gold"]
    assert list(options["owners"]) == [manager]
