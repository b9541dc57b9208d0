from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError

from incentives.models import Benefit, Resource, TierChange, TierRequirement
from incentives.services import program as services
from tests.incentives.program_factories import PDF_BYTES, tiers, upload


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_tier_change_moves_partner_and_keeps_history(manager, partner):
    registered, silver, _ = tiers()
    partner.tier = registered
    partner.save()
    change = services.tier_change(actor=manager, partner=partner, to_tier=silver, reason="Q3 met")
    partner.refresh_from_db()
    assert partner.tier == silver
    assert (change.from_tier, change.to_tier, change.changed_by) == (registered, silver, manager)
    assert TierChange.objects.filter(partner=partner).count() == 1


def test_tier_change_is_audited(manager, partner):
    _, silver, _ = tiers()
    change = services.tier_change(actor=manager, partner=partner, to_tier=silver, reason="Q3")
    assert LogEntry.objects.get_for_object(change).get().actor == manager
    entry = LogEntry.objects.get_for_object(partner).filter(changes__icontains="tier").latest("pk")
    assert entry.actor == manager  # recorded as the manager's even outside a request


def test_tier_change_requires_reason(manager, partner):
    _, silver, _ = tiers()
    with pytest.raises(ValidationError) as error:
        services.tier_change(actor=manager, partner=partner, to_tier=silver, reason="  ")
    assert "reason" in error.value.message_dict
    partner.refresh_from_db()
    assert partner.tier is None
    assert not TierChange.objects.exists()


def test_tier_change_rejects_same_tier(manager, partner):
    _, silver, _ = tiers()
    partner.tier = silver
    partner.save()
    with pytest.raises(ValidationError) as error:
        services.tier_change(actor=manager, partner=partner, to_tier=silver, reason="again")
    assert "to_tier" in error.value.message_dict


def test_tier_change_refuses_partner_user(partner_admin, partner):
    _, silver, _ = tiers()
    with pytest.raises(PermissionDenied):
        services.tier_change(actor=partner_admin, partner=partner, to_tier=silver, reason="x")


def test_tier_change_reason_database_constraint(partner):
    _, silver, _ = tiers()
    with pytest.raises(IntegrityError):
        TierChange.objects.create(
            partner=partner, to_tier=silver, reason="", changed_at="2026-01-01T00:00Z"
        )


def test_resource_create_accepts_text_file(manager):
    resource = services.resource_create(
        actor=manager,
        title="Price list",
        category="sales",
        file=upload("prices.csv", b"a,b\n1,2\n"),
    )
    assert resource.file.name.startswith("resources/")
    assert LogEntry.objects.get_for_object(resource).get().actor == manager


def test_resource_create_accepts_real_pdf(manager):
    resource = services.resource_create(
        actor=manager, title="Deck", category="sales", file=upload("deck.pdf", PDF_BYTES)
    )
    assert resource.file.name.endswith(".pdf")


def test_resource_upload_rejects_bad_content_with_pdf_extension(manager):
    with pytest.raises(ValidationError) as error:
        services.resource_create(
            actor=manager,
            title="Fake",
            category="sales",
            file=upload("fake.pdf", b"MZ\x90\x00evil"),
        )
    assert "does not match" in error.value.message_dict["file"][0]
    assert not Resource.objects.exists()


def test_resource_upload_rejects_too_big(manager, settings):
    settings.PRM_MAX_UPLOAD_SIZE = 10
    with pytest.raises(ValidationError) as error:
        services.resource_create(
            actor=manager, title="Big", category="sales", file=upload("big.txt", b"x" * 11)
        )
    assert "larger than 10\xa0bytes" in error.value.message_dict["file"][0]


def test_resource_upload_limit_is_20_mb_by_default():
    from django.conf import settings

    assert settings.PRM_MAX_UPLOAD_SIZE == 20 * 1024 * 1024


def test_resource_upload_rejects_wrong_extension(manager):
    with pytest.raises(ValidationError) as error:
        services.resource_create(
            actor=manager, title="Exe", category="sales", file=upload("tool.exe", b"MZ")
        )
    assert "not accepted" in error.value.message_dict["file"][0]


def test_resource_upload_rejects_binary_as_txt(manager):
    with pytest.raises(ValidationError):
        services.resource_create(
            actor=manager, title="Bin", category="sales", file=upload("a.txt", b"\x00\x01\x02")
        )


def test_resource_needs_file_or_link_not_both(manager):
    with pytest.raises(ValidationError) as error:
        services.resource_create(actor=manager, title="None", category="sales")
    assert "file" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.resource_create(
            actor=manager, title="Both", category="sales", file=upload(), link="https://x.example"
        )
    assert "link" in error.value.message_dict


def test_resource_file_xor_link_database_constraint(db):
    with pytest.raises(IntegrityError):
        Resource.objects.create(title="Neither", category="sales")


def test_resource_update_replaces_file_with_link(manager):
    resource = services.resource_create(actor=manager, title="T", category="sales", file=upload())
    services.resource_update(
        actor=manager, resource=resource, title="T2", link="https://example.com/new"
    )
    resource.refresh_from_db()
    assert (resource.title, resource.file.name, resource.link) == (
        "T2",
        "",
        "https://example.com/new",
    )


# --- tier requirements --------------------------------------------------------------------------


def test_tier_requirement_set_creates_then_updates_the_one_row(manager):
    _, silver, _ = tiers()
    first = services.tier_requirement_set(
        actor=manager, tier=silver, min_annual_revenue=Decimal("250000"),
        min_certified_people=2, min_audit_score=40,
    )  # fmt: skip
    second = services.tier_requirement_set(
        actor=manager, tier=silver, min_annual_revenue=None, min_certified_people=3,
        min_audit_score=None,
    )  # fmt: skip
    assert second.pk == first.pk
    assert TierRequirement.objects.filter(tier=silver).count() == 1
    second.refresh_from_db()
    assert (second.min_annual_revenue, second.min_certified_people, second.min_audit_score) == (
        None, 3, None
    )  # fmt: skip


def test_tier_requirement_set_is_audited_with_the_actor(manager):
    _, silver, _ = tiers()
    requirement = services.tier_requirement_set(
        actor=manager, tier=silver, min_annual_revenue=Decimal("1"), min_certified_people=None,
        min_audit_score=None,
    )  # fmt: skip
    entry = LogEntry.objects.get_for_object(requirement).get()
    assert entry.actor == manager


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("min_annual_revenue", Decimal("-1"), "cannot be negative"),
        ("min_certified_people", -1, "cannot be negative"),
        ("min_audit_score", 101, "between 0 and 100"),
        ("min_audit_score", -5, "between 0 and 100"),
    ],
)
def test_tier_requirement_set_refuses_out_of_range_at_the_field(manager, field, value, message):
    _, silver, _ = tiers()
    values = {"min_annual_revenue": None, "min_certified_people": None, "min_audit_score": None}
    with pytest.raises(ValidationError) as error:
        services.tier_requirement_set(actor=manager, tier=silver, **{**values, field: value})
    assert list(error.value.message_dict) == [field]
    assert message in error.value.message_dict[field][0]
    assert not TierRequirement.objects.exists()


def test_tier_requirement_set_accepts_the_bounds(manager):
    _, silver, _ = tiers()
    requirement = services.tier_requirement_set(
        actor=manager, tier=silver, min_annual_revenue=Decimal("0"), min_certified_people=0,
        min_audit_score=100,
    )  # fmt: skip
    assert requirement.min_audit_score == 100


def test_tier_requirement_set_refuses_partner_user(partner_admin):
    _, silver, _ = tiers()
    with pytest.raises(PermissionDenied):
        services.tier_requirement_set(
            actor=partner_admin, tier=silver, min_annual_revenue=None, min_certified_people=1,
            min_audit_score=None,
        )  # fmt: skip
    assert not TierRequirement.objects.exists()


# --- benefits -----------------------------------------------------------------------------------


def test_benefit_create_update_delete(manager):
    _, silver, gold = tiers()
    benefit = services.benefit_create(
        actor=manager, tier=silver, kind="discount", value="  18% off list ", amount=Decimal("18")
    )
    assert (benefit.tier, benefit.value) == (silver, "18% off list")
    services.benefit_update(actor=manager, benefit=benefit, value="20% off list", tier=gold)
    benefit.refresh_from_db()
    assert (benefit.tier, benefit.kind, benefit.value) == (gold, "discount", "20% off list")
    services.benefit_delete(actor=manager, benefit=benefit)
    assert not Benefit.objects.exists()


def test_benefit_writes_are_audited_with_the_actor(manager):
    _, silver, _ = tiers()
    benefit = services.benefit_create(actor=manager, tier=silver, kind="mdf", value="Eligible")
    services.benefit_update(actor=manager, benefit=benefit, value="Up to 10k")
    pk = benefit.pk
    services.benefit_delete(actor=manager, benefit=benefit)
    entries = LogEntry.objects.filter(object_pk=str(pk), content_type__model="benefit")
    assert entries.count() == 3
    assert {entry.actor for entry in entries} == {manager}


def test_benefit_same_kind_twice_in_a_tier_is_a_kind_error(manager):
    _, silver, gold = tiers()
    services.benefit_create(actor=manager, tier=silver, kind="discount", value="18% off")
    with pytest.raises(ValidationError) as error:
        services.benefit_create(actor=manager, tier=silver, kind="discount", value="20% off")
    assert "already has" in error.value.message_dict["kind"][0]
    other = services.benefit_create(actor=manager, tier=gold, kind="discount", value="25% off")
    with pytest.raises(ValidationError) as error:
        services.benefit_update(actor=manager, benefit=other, tier=silver)
    assert list(error.value.message_dict) == ["kind"]
    assert Benefit.objects.filter(tier=silver).count() == 1


def test_benefit_concurrent_duplicate_is_a_kind_error_not_integrity_error(manager, monkeypatch):
    _, silver, _ = tiers()
    services.benefit_create(actor=manager, tier=silver, kind="discount", value="18% off")
    # As if another request saved the same kind between the check and the insert.
    monkeypatch.setattr(services, "_kind_taken", lambda benefit: False)
    with pytest.raises(ValidationError) as error:
        services.benefit_create(actor=manager, tier=silver, kind="discount", value="20% off")
    assert "kind" in error.value.message_dict
    assert Benefit.objects.count() == 1


def test_benefit_create_checks_each_field(manager):
    _, silver, _ = tiers()
    with pytest.raises(ValidationError) as error:
        services.benefit_create(actor=manager, tier=silver, kind="bogus", value=" ", amount=-1)
    assert set(error.value.message_dict) == {"kind", "value", "amount"}
    with pytest.raises(ValidationError) as error:
        services.benefit_create(actor=manager, tier=None, kind="mdf", value="Eligible")
    assert set(error.value.message_dict) == {"tier"}


def test_benefit_update_refuses_unknown_fields(manager):
    _, silver, _ = tiers()
    benefit = services.benefit_create(actor=manager, tier=silver, kind="mdf", value="Eligible")
    with pytest.raises(ValidationError):
        services.benefit_update(actor=manager, benefit=benefit, created_at=None)


def test_benefit_writes_refuse_partner_user(manager, partner_admin):
    _, silver, _ = tiers()
    benefit = services.benefit_create(actor=manager, tier=silver, kind="mdf", value="Eligible")
    with pytest.raises(PermissionDenied):
        services.benefit_create(actor=partner_admin, tier=silver, kind="discount", value="x")
    with pytest.raises(PermissionDenied):
        services.benefit_update(actor=partner_admin, benefit=benefit, value="More")
    with pytest.raises(PermissionDenied):
        services.benefit_delete(actor=partner_admin, benefit=benefit)
    benefit.refresh_from_db()
    assert benefit.value == "Eligible" and Benefit.objects.count() == 1
