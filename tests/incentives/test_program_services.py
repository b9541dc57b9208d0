import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError

from incentives import services_program as services
from incentives.models import Resource, TierChange
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
    assert LogEntry.objects.get_for_object(change).exists()
    assert LogEntry.objects.get_for_object(partner).filter(changes__icontains="tier").exists()


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


def test_resource_upload_rejects_too_big(manager, monkeypatch):
    monkeypatch.setattr(services, "MAX_UPLOAD_BYTES", 10)
    with pytest.raises(ValidationError) as error:
        services.resource_create(
            actor=manager, title="Big", category="sales", file=upload("big.txt", b"x" * 11)
        )
    assert "20 MB" in error.value.message_dict["file"][0]


def test_resource_upload_limit_is_20_mb():
    assert services.MAX_UPLOAD_BYTES == 20 * 1024 * 1024


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
