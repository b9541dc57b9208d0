"""Writes to the partner registry, against the real database."""

from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError

from partners import services
from partners.models import Partner, Segment, Territory
from tests.factories import PartnerFactory, ProgramTierFactory, SegmentFactory, TerritoryFactory


def create(actor, **fields):
    data = {"name": "Initech", "country": "DE", "partner_type": Partner.Type.RESELLER}
    data.update(fields)
    return services.partner_create(actor=actor, **data)


def log_entries(instance, action=None):
    entries = LogEntry.objects.get_for_object(instance).order_by("timestamp", "pk")
    return list(entries if action is None else entries.filter(action=action))


# --- partner_create ------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["partner_admin", "partner_member"])
def test_partner_create_refuses_partner_users(request, persona):
    with pytest.raises(PermissionDenied):
        create(request.getfixturevalue(persona))
    assert not Partner.objects.filter(name="Initech").exists()


@pytest.mark.parametrize("persona", ["manager", "admin_user"])
def test_partner_create_by_vendor_staff_saves_with_slug(request, persona):
    partner = create(request.getfixturevalue(persona), annual_revenue=Decimal("10.50"))
    partner.refresh_from_db()
    assert partner.slug == "initech"
    assert partner.annual_revenue == Decimal("10.50")
    assert partner.status == Partner.Status.PROSPECT


def test_partner_create_sets_territories_and_segments(manager):
    emea, apac = TerritoryFactory.create_batch(2)
    banks = SegmentFactory()
    partner = create(manager, territories=[emea, apac], segments=[banks])
    assert set(partner.territories.all()) == {emea, apac}
    assert list(partner.segments.all()) == [banks]


def test_partner_create_records_the_actor_and_m2m_in_the_audit_trail(manager):
    emea = TerritoryFactory(name="EMEA")
    partner = create(manager, territories=[emea])
    created, territories = log_entries(partner)
    assert created.action == LogEntry.Action.CREATE
    assert created.actor == manager
    assert created.changes_dict["name"] == ["None", "Initech"]
    assert territories.actor == manager
    assert territories.changes_dict["territories"] == {
        "type": "m2m",
        "operation": "add",
        "objects": ["EMEA"],
    }


def test_partner_create_rejects_duplicate_name_in_same_country_case_insensitively(manager, partner):
    with pytest.raises(ValidationError) as caught:
        create(manager, name="ACME systems")
    assert "name" in caught.value.message_dict
    assert "already exists" in caught.value.message_dict["name"][0]
    assert Partner.objects.filter(name__iexact="acme systems").count() == 1


def test_partner_create_allows_same_name_in_another_country(manager, partner):
    created = create(manager, name="Acme Systems", country="FR")
    assert created.slug == "acme-systems-fr"


def test_partner_create_numbers_slugs_when_name_and_country_suffix_are_taken(manager):
    first = create(manager, name="Umbrella", country="DE")
    second = create(manager, name="Umbrella", country="FR")
    third = create(manager, name="Umbrella", country="IT")
    fourth = create(manager, name="Umbrella!", country="DE", partner_type="isv")
    assert [first.slug, second.slug, third.slug, fourth.slug] == [
        "umbrella",
        "umbrella-fr",
        "umbrella-it",
        "umbrella-de",
    ]
    fifth = create(manager, name="Umbrella?", country="DE")
    assert fifth.slug == "umbrella-2"


def test_partner_create_never_uses_a_reserved_page_slug(manager):
    assert "new" in services.RESERVED_SLUGS
    partner = create(manager, name="New", country="DE")
    assert partner.slug not in services.RESERVED_SLUGS


def test_partner_create_gives_names_without_latin_letters_a_slug(manager):
    partner = create(manager, name="日本パートナー", country="JP")
    assert partner.slug == "partner"


def test_partner_create_rejects_unknown_fields(manager):
    with pytest.raises(ValidationError, match="Unknown partner fields: colour"):
        create(manager, colour="blue")


@pytest.mark.parametrize(
    ("fields", "error_field"),
    [
        ({"annual_revenue": Decimal("-1")}, None),
        ({"website": "not a url"}, "website"),
        ({"status": "dormant"}, "status"),
        ({"partner_type": "franchise"}, "partner_type"),
        ({"name": ""}, "name"),
    ],
)
def test_partner_create_validates_before_saving(manager, fields, error_field):
    before = Partner.objects.count()
    with pytest.raises(ValidationError) as caught:
        create(manager, **fields)
    if error_field:
        assert error_field in caught.value.message_dict
    assert Partner.objects.count() == before


def test_partner_create_owner_must_be_active_vendor_staff(manager, partner_admin):
    with pytest.raises(ValidationError) as caught:
        create(manager, owner=partner_admin)
    assert "owner" in caught.value.message_dict
    assert not Partner.objects.filter(name="Initech").exists()


# --- partner_update ------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["partner_admin", "partner_member", "outsider"])
def test_partner_update_refuses_partner_users(request, partner, persona):
    with pytest.raises(PermissionDenied):
        services.partner_update(
            partner=partner, actor=request.getfixturevalue(persona), name="Hacked"
        )
    partner.refresh_from_db()
    assert partner.name == "Acme Systems"


def test_partner_update_rejects_duplicate_name_keyed_on_name(manager, partner, other_partner):
    with pytest.raises(ValidationError) as caught:
        services.partner_update(partner=partner, actor=manager, name="GLOBEX networks")
    assert list(caught.value.message_dict) == ["name"]
    partner.refresh_from_db()
    assert partner.name == "Acme Systems"


def test_partner_update_allows_a_name_taken_only_in_another_country(manager, partner):
    PartnerFactory(name="Initech", country="FR")
    services.partner_update(partner=partner, actor=manager, name="Initech")
    partner.refresh_from_db()
    assert partner.name == "Initech"


def test_partner_update_keeps_the_slug_on_rename(manager, partner):
    services.partner_update(partner=partner, actor=manager, name="Acme Worldwide")
    partner.refresh_from_db()
    assert (partner.name, partner.slug) == ("Acme Worldwide", "acme-systems")


def test_partner_update_records_actor_and_field_changes(other_manager, partner):
    gold = ProgramTierFactory(name="Gold", rank=4)
    services.partner_update(
        partner=partner, actor=other_manager, status=Partner.Status.AT_RISK, tier=gold
    )
    (entry,) = log_entries(partner, LogEntry.Action.UPDATE)
    assert entry.actor == other_manager
    assert entry.changes_dict["status"] == ["active", "at_risk"]
    assert entry.changes_dict["tier"] == ["None", str(gold.pk)]
    assert "name" not in entry.changes_dict


def test_partner_update_records_m2m_additions_and_removals(manager, partner):
    emea, apac = TerritoryFactory(name="EMEA"), TerritoryFactory(name="APAC")
    services.partner_update(partner=partner, actor=manager, territories=[emea])
    services.partner_update(partner=partner, actor=manager, territories=[apac])
    changes = [
        entry.changes_dict["territories"]
        for entry in log_entries(partner, LogEntry.Action.UPDATE)
        if "territories" in entry.changes_dict
    ]
    assert [(c["operation"], c["objects"]) for c in changes] == [
        ("add", ["EMEA"]),
        ("delete", ["EMEA"]),
        ("add", ["APAC"]),
    ]
    assert all(entry.actor == manager for entry in log_entries(partner, LogEntry.Action.UPDATE))
    assert list(partner.territories.all()) == [apac]


def test_partner_update_invalid_value_saves_nothing(manager, partner):
    with pytest.raises(ValidationError):
        services.partner_update(
            partner=partner, actor=manager, status="dormant", description="changed"
        )
    stored = Partner.objects.get(pk=partner.pk)
    assert (stored.status, stored.description) == (Partner.Status.ACTIVE, "")
    assert not log_entries(partner, LogEntry.Action.UPDATE)


# --- partner_profile_update ----------------------------------------------------------------


def test_partner_profile_update_by_partner_admin_saves_editable_fields(partner_admin, partner):
    membership = partner_admin.partner_membership
    services.partner_profile_update(
        membership=membership,
        actor=partner_admin,
        website="https://acme.example",
        employee_count=12,
    )
    partner.refresh_from_db()
    assert (partner.website, partner.employee_count) == ("https://acme.example", 12)
    (entry,) = log_entries(partner, LogEntry.Action.UPDATE)
    assert entry.actor == partner_admin
    assert entry.changes_dict["employee_count"] == ["None", "12"]


def test_partner_profile_update_refuses_partner_member(partner_member, partner):
    with pytest.raises(PermissionDenied):
        services.partner_profile_update(
            membership=partner_member.partner_membership,
            actor=partner_member,
            description="Members may not edit",
        )
    partner.refresh_from_db()
    assert partner.description == ""


def test_partner_profile_update_refuses_someone_elses_membership(
    partner_admin, outsider, manager, partner
):
    for actor in (outsider, manager):
        with pytest.raises(PermissionDenied):
            services.partner_profile_update(
                membership=partner_admin.partner_membership, actor=actor, description="x"
            )
    partner.refresh_from_db()
    assert partner.description == ""


@pytest.mark.parametrize(
    "field_value",
    [
        {"internal_notes": "We love them"},
        {"name": "Renamed"},
        {"status": "active"},
        {"tier": None},
        {"owner": None},
        {"annual_revenue": Decimal("1")},
        {"slug": "renamed"},
    ],
)
def test_partner_profile_update_refuses_non_editable_fields(partner_admin, partner, field_value):
    with pytest.raises(PermissionDenied, match="not editable"):
        services.partner_profile_update(
            membership=partner_admin.partner_membership,
            actor=partner_admin,
            description="sneaky",
            **field_value,
        )
    stored = Partner.objects.get(pk=partner.pk)
    assert stored.description == ""
    assert stored.name == "Acme Systems"
    assert stored.internal_notes == "Internal: exploring a competitor"


def test_partner_profile_update_validates_keyed_on_the_field(partner_admin, partner):
    with pytest.raises(ValidationError) as caught:
        services.partner_profile_update(
            membership=partner_admin.partner_membership, actor=partner_admin, website="nope"
        )
    assert "website" in caught.value.message_dict
    assert Partner.objects.get(pk=partner.pk).website == ""


# --- reference data ------------------------------------------------------------------------


def test_territory_and_segment_services_are_for_vendor_staff(manager, partner_admin):
    territory = services.territory_create(actor=manager, name="EMEA", code="emea", capacity=10)
    segment = services.segment_create(actor=manager, name="Banks", is_sweet_spot=True)
    services.territory_update(territory=territory, actor=manager, capacity=12)
    services.segment_update(segment=segment, actor=manager, name="Banking")
    assert Territory.objects.get(code="emea").capacity == 12
    assert Segment.objects.get().name == "Banking"
    assert log_entries(territory)[0].actor == manager
    with pytest.raises(PermissionDenied):
        services.territory_create(actor=partner_admin, name="APAC", code="apac", capacity=1)
    with pytest.raises(PermissionDenied):
        services.segment_update(segment=segment, actor=partner_admin, name="Mine")
    with pytest.raises(PermissionDenied):
        services.reference_delete(instance=segment, actor=partner_admin)
    services.reference_delete(instance=segment, actor=manager)
    assert not Segment.objects.exists()


def test_territory_create_validates(manager):
    services.territory_create(actor=manager, name="EMEA", code="emea", capacity=10)
    with pytest.raises(ValidationError) as caught:
        services.territory_create(actor=manager, name="EMEA", code="bad code!", capacity=1)
    assert {"name", "code"} <= set(caught.value.message_dict)
    assert Territory.objects.count() == 1


def test_partner_tier_set_moves_the_partner_and_audits_who_and_why(manager, partner):
    silver, gold = (
        ProgramTierFactory(name="Silver", rank=2),
        ProgramTierFactory(name="Gold", rank=3),
    )
    partner.tier = silver
    partner.save()

    previous_id = services.partner_tier_set(
        actor=manager, partner=partner, tier=gold, reason="Met Gold's requirements in Q3."
    )

    assert previous_id == silver.pk
    partner.refresh_from_db()
    assert partner.tier == gold
    entry = LogEntry.objects.get_for_object(partner).order_by("-timestamp", "-pk").first()
    assert entry.actor == manager
    assert entry.changes_dict["tier"] == [str(silver.pk), str(gold.pk)]
    assert entry.additional_data == {"reason": "Met Gold's requirements in Q3."}


@pytest.mark.parametrize("persona", ["partner_admin", "partner_member"])
def test_partner_tier_set_refuses_partner_users(request, partner, persona):
    gold = ProgramTierFactory(name="Gold", rank=3)
    with pytest.raises(PermissionDenied):
        services.partner_tier_set(
            actor=request.getfixturevalue(persona), partner=partner, tier=gold, reason="Why not."
        )
    partner.refresh_from_db()
    assert partner.tier != gold


def test_a_superuser_without_a_role_may_own_a_partner(manager):
    from tests.factories import UserFactory

    boss = UserFactory(role="", is_superuser=True, is_staff=True)
    partner = services.partner_create(
        actor=manager, name="Owned Co", country="DE", partner_type="reseller", owner=boss
    )
    assert partner.owner == boss
    inactive = UserFactory(role="channel_manager", is_active=False)
    with pytest.raises(ValidationError) as error:
        services.partner_update(actor=manager, partner=partner, owner=inactive)
    assert "owner" in error.value.message_dict
