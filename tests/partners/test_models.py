"""The partner registry's invariants, enforced by the database itself."""

import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from partners.models import Partner, PartnerMembership, ProgramTier, Segment, Territory
from tests.factories import (
    MembershipFactory,
    PartnerFactory,
    ProgramTierFactory,
    SegmentFactory,
    TerritoryFactory,
    UserFactory,
)

User = get_user_model()


def assert_rejected_by_database(write):
    """`write` must fail with an IntegrityError, leaving the test's transaction usable."""
    with pytest.raises(IntegrityError), transaction.atomic():
        write()


# --- partner constraints -------------------------------------------------------------------


def test_partner_slug_is_unique(partner):
    assert_rejected_by_database(lambda: PartnerFactory(name="Other", slug=partner.slug))


def test_partner_name_is_unique_per_country_ignoring_case(partner):
    assert_rejected_by_database(lambda: PartnerFactory(name="ACME SYSTEMS", country="DE"))
    assert_rejected_by_database(lambda: PartnerFactory(name="acme systems", country="DE"))
    assert Partner.objects.filter(country="DE", name__iexact="acme systems").count() == 1


def test_partner_name_may_repeat_in_another_country(partner):
    PartnerFactory(name="Acme Systems", country="FR")
    assert Partner.objects.filter(name="Acme Systems").count() == 2


def test_partner_annual_revenue_cannot_be_negative(partner):
    assert_rejected_by_database(lambda: PartnerFactory(annual_revenue=-1))
    assert_rejected_by_database(
        lambda: Partner.objects.filter(pk=partner.pk).update(annual_revenue=-0.01)
    )
    Partner.objects.filter(pk=partner.pk).update(annual_revenue=0)


@pytest.mark.parametrize(("field", "value"), [("status", "dormant"), ("partner_type", "franchise")])
def test_partner_choices_are_enforced(partner, field, value):
    assert_rejected_by_database(lambda: PartnerFactory(**{field: value}))
    assert_rejected_by_database(
        lambda: Partner.objects.filter(pk=partner.pk).update(**{field: value})
    )


def test_partner_tier_cannot_be_deleted_while_in_use(partner):
    tier = ProgramTierFactory()
    Partner.objects.filter(pk=partner.pk).update(tier=tier)
    with pytest.raises(ProtectedError):
        tier.delete()


def test_partner_owner_deletion_leaves_partner_unowned(partner, manager):
    manager.delete()
    partner.refresh_from_db()
    assert partner.owner is None


def test_partner_deletion_removes_its_memberships(partner, partner_admin):
    partner.delete()
    assert not PartnerMembership.objects.exists()
    assert User.objects.filter(pk=partner_admin.pk).exists()


# --- reference data ------------------------------------------------------------------------


def test_tier_rank_must_be_at_least_one(db):
    assert_rejected_by_database(lambda: ProgramTier.objects.create(name="Zero", rank=0))
    ProgramTier.objects.create(name="Entry", rank=1)


def test_tier_rank_and_name_are_unique(db):
    ProgramTierFactory(name="Gold", rank=3)
    assert_rejected_by_database(lambda: ProgramTier.objects.create(name="Platinum", rank=3))
    assert_rejected_by_database(lambda: ProgramTier.objects.create(name="Gold", rank=4))


def test_tier_review_cadence_is_at_least_a_week(db):
    assert_rejected_by_database(
        lambda: ProgramTier.objects.create(name="Hourly", rank=9, review_cadence_days=6)
    )
    ProgramTier.objects.create(name="Weekly", rank=9, review_cadence_days=7)


def test_territory_name_and_code_are_unique(db):
    TerritoryFactory(name="EMEA", code="emea")
    assert_rejected_by_database(lambda: TerritoryFactory(name="EMEA", code="other"))
    assert_rejected_by_database(lambda: TerritoryFactory(name="Other", code="emea"))


def test_segment_name_is_unique(db):
    SegmentFactory(name="Banks")
    assert_rejected_by_database(lambda: SegmentFactory(name="Banks"))


# --- users and memberships -----------------------------------------------------------------


def test_partner_user_can_never_be_staff(db):
    assert_rejected_by_database(lambda: UserFactory(role="partner_user", is_staff=True))
    user = UserFactory(role="partner_user")
    assert_rejected_by_database(lambda: User.objects.filter(pk=user.pk).update(is_staff=True))


def test_vendor_staff_may_be_django_staff(db):
    assert UserFactory(role="administrator", is_staff=True).is_staff


def test_user_role_is_enforced(db):
    assert_rejected_by_database(lambda: UserFactory(role="guest"))


def test_membership_is_one_per_user(partner_admin, other_partner):
    assert_rejected_by_database(
        lambda: PartnerMembership.objects.create(user=partner_admin, partner=other_partner)
    )
    stored = PartnerMembership.objects.get(user=partner_admin)
    assert stored.partner.name == "Acme Systems"


def test_membership_role_is_enforced(partner, db):
    assert_rejected_by_database(lambda: MembershipFactory(partner=partner, role="owner"))


# --- behaviour ------------------------------------------------------------------------------


def test_partner_string_and_url(partner):
    assert str(partner) == "Acme Systems"
    assert partner.get_absolute_url() == "/partners/acme-systems/"


def test_partner_active_queryset(partner, other_partner):
    Partner.objects.filter(pk=other_partner.pk).update(status=Partner.Status.AT_RISK)
    assert list(Partner.objects.active()) == [partner]


def test_portal_editable_fields_are_a_subset_of_portal_fields():
    assert set(Partner.PORTAL_EDITABLE_FIELDS) <= set(Partner.PORTAL_FIELDS)
    internal = {"internal_notes", "owner", "status", "annual_revenue", "synergy_type"}
    assert internal.isdisjoint(Partner.PORTAL_FIELDS)


def test_membership_role_helpers_and_string(partner_admin, partner_member):
    admin_membership = partner_admin.partner_membership
    member_membership = partner_member.partner_membership
    assert admin_membership.is_partner_admin
    assert not member_membership.is_partner_admin
    assert str(member_membership) == f"{partner_member} at Acme Systems (Member)"


@pytest.mark.parametrize(
    ("fields", "vendor_staff", "partner_user"),
    [
        ({"role": "channel_manager"}, True, False),
        ({"role": "administrator"}, True, False),
        ({"role": "partner_user"}, False, True),
        ({"role": "channel_manager", "is_active": False}, False, False),
        ({"role": "partner_user", "is_active": False}, False, False),
        ({"role": "partner_user", "is_superuser": True}, True, False),
    ],
)
def test_user_side_of_the_relationship(db, fields, vendor_staff, partner_user):
    user = UserFactory(**fields)
    assert user.is_vendor_staff is vendor_staff
    assert user.is_partner_user is partner_user


def test_reference_data_strings_and_ordering(db):
    TerritoryFactory(name="Nordics")
    TerritoryFactory(name="Benelux")
    ProgramTierFactory(name="Gold", rank=2)
    ProgramTierFactory(name="Silver", rank=1)
    SegmentFactory(name="Retail")
    assert [str(t) for t in Territory.objects.all()] == ["Benelux", "Nordics"]
    assert [str(t) for t in ProgramTier.objects.all()] == ["Silver", "Gold"]
    assert str(Segment.objects.get()) == "Retail"
