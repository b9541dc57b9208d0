"""Deal registration services: normalisation, the conflict check, decisions and the lapse job."""

import datetime
from io import StringIO

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import timezone

from performance.models import DealRegistration, DealStatus
from performance.services import deals as services
from performance.services.deals import normalise_customer_name, normalise_domain
from performance.tasks import lapse_expired_deal_protections

from .deals_factories import DealRegistrationFactory, deal_fields

TODAY = datetime.date.today


def submit(actor, partner, **overrides):
    return services.deal_submit(actor=actor, partner=partner, **deal_fields(**overrides))


def approved(deal, manager, days=90):
    return services.deal_approve(actor=manager, deal=deal, protection_days=days)


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("https://www.Globex.com/about?x=1", "globex.com"),
        ("HTTP://globex.com:8080", "globex.com"),
        ("  www.globex.com.  ", "globex.com"),
        ("globex.co.uk/path", "globex.co.uk"),
        ("sales.globex.com", "sales.globex.com"),
        ("", ""),
    ],
)
def test_normalise_domain_strips_scheme_www_port_and_path(raw, expected):
    assert normalise_domain(raw) == expected


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("Globex Corporation", "globex"),
        ("GLOBEX, Inc.", "globex"),
        ("Globex Corp. Ltd", "globex"),
        ("Procter & Gamble Co.", "procter and gamble"),
        ("Acme-Systems GmbH", "acme systems"),
        ("Inc", "inc"),
    ],
)
def test_normalise_customer_name_ignores_case_punctuation_and_legal_suffix(raw, expected):
    assert normalise_customer_name(raw) == expected


def test_deal_submit_by_partner_user_stores_normalised_domain(partner, partner_member):
    deal = submit(partner_member, partner)
    assert deal.status == DealStatus.SUBMITTED
    assert deal.customer_domain == "globex.com"
    assert deal.customer_key == "globex"
    assert deal.registered_by == partner_member
    assert list(deal.conflicts.all()) == []


def test_deal_submit_by_partner_admin_and_staff_is_allowed(partner, partner_admin, manager):
    assert submit(partner_admin, partner).partner == partner
    assert submit(manager, partner, customer_domain="other.example").registered_by == manager


def test_deal_submit_for_another_partner_is_denied(partner, outsider):
    with pytest.raises(PermissionDenied):
        submit(outsider, partner)
    assert not DealRegistration.objects.exists()


def test_deal_submit_conflict_by_domain_from_another_partner(
    partner, other_partner, outsider, partner_member
):
    first = submit(outsider, other_partner, customer_name="Totally Different Name")
    second = submit(partner_member, partner, customer_domain="globex.com")
    assert list(second.conflicts.all()) == [first]
    assert list(first.conflicted_by.all()) == [second]


def test_deal_submit_conflict_by_normalised_name(partner, other_partner, outsider, partner_member):
    first = submit(
        outsider, other_partner, customer_name="GLOBEX, Inc.", customer_domain="a.example"
    )
    second = submit(
        partner_member, partner, customer_name="Globex Corp", customer_domain="b.example"
    )
    assert list(second.conflicts.all()) == [first]


def test_deal_submit_conflict_includes_approved_and_protected(
    partner, other_partner, outsider, partner_member, manager
):
    first = approved(submit(outsider, other_partner), manager)
    assert list(submit(partner_member, partner).conflicts.all()) == [first]


@pytest.mark.parametrize("status", ["rejected", "won", "lost", "lapsed"])
def test_deal_submit_ignores_closed_registrations(
    partner, other_partner, partner_member, manager, status
):
    DealRegistrationFactory(
        partner=other_partner, customer_name="Globex", customer_key="globex",
        customer_domain="globex.com", status=status, decided_by=manager,
        decided_at=timezone.now(), rejection_reason="No." if status == "rejected" else "",
        protection_until=None if status == "rejected" else TODAY(),
    )  # fmt: skip
    assert submit(partner_member, partner).conflicts.count() == 0


def test_deal_submit_ignores_approved_with_expired_protection(
    partner, other_partner, partner_member, manager
):
    DealRegistrationFactory(
        partner=other_partner, customer_key="globex", customer_domain="globex.com",
        status="approved", decided_by=manager, decided_at=timezone.now(),
        protection_until=TODAY() - datetime.timedelta(days=1),
    )  # fmt: skip
    assert submit(partner_member, partner).conflicts.count() == 0


def _registered(partner, *, created_days_ago, close_in_days, **fields):
    """An open (submitted) registration for Globex registered some days ago."""
    deal = DealRegistrationFactory(
        partner=partner, customer_name="Globex", customer_key="globex",
        customer_domain="globex.com",
        expected_close_on=TODAY() + datetime.timedelta(days=close_in_days), **fields,
    )  # fmt: skip
    created = timezone.now() - datetime.timedelta(days=created_days_ago)
    DealRegistration.objects.filter(pk=deal.pk).update(created_at=created)
    return deal


def test_deal_submit_conflict_needs_an_overlapping_period(
    partner, other_partner, partner_member, manager
):
    """Open, same customer, overlapping: counted. Open but its period over: not counted.
    Same customer in an overlapping period but closed (won): not counted."""
    overlapping = _registered(other_partner, created_days_ago=10, close_in_days=20)
    _registered(other_partner, created_days_ago=200, close_in_days=-100)  # ended 100 days ago
    _registered(
        other_partner, created_days_ago=30, close_in_days=30, status="won",
        decided_by=manager, decided_at=timezone.now(), protection_until=TODAY(),
    )  # fmt: skip
    deal = submit(partner_member, partner)
    assert list(deal.conflicts.all()) == [overlapping]


def test_deal_submit_conflict_counts_protection_beyond_expected_close(
    partner, other_partner, partner_member, manager
):
    """Expected close passed but still protected: the registration still runs."""
    protected = _registered(
        other_partner, created_days_ago=60, close_in_days=-5, status="approved",
        decided_by=manager, decided_at=timezone.now(),
        protection_until=TODAY() + datetime.timedelta(days=25),
    )  # fmt: skip
    assert list(submit(partner_member, partner).conflicts.all()) == [protected]


def test_find_conflicts_ignores_a_registration_starting_after_the_period(partner, other_partner):
    later = _registered(other_partner, created_days_ago=0, close_in_days=90)
    start, end = TODAY() - datetime.timedelta(days=60), TODAY() - datetime.timedelta(days=1)
    found = services.find_conflicts(
        customer_key="globex", customer_domain="globex.com", start=start, end=end
    )
    assert list(found) == []
    found = services.find_conflicts(
        customer_key="globex", customer_domain="globex.com", start=start, end=TODAY()
    )
    assert list(found) == [later]


def test_deal_submit_bad_input_errors_at_fields(partner, partner_member):
    with pytest.raises(ValidationError) as error:
        submit(
            partner_member, partner, customer_name=" ,. ", customer_domain="not a domain",
            value=0, expected_close_on=TODAY() - datetime.timedelta(days=1), products=" ",
        )  # fmt: skip
    assert set(error.value.message_dict) == {
        "customer_name", "customer_domain", "value", "expected_close_on", "products"
    }  # fmt: skip
    assert not DealRegistration.objects.exists()


def test_deal_submit_unknown_country_is_a_field_error(partner, partner_member):
    with pytest.raises(ValidationError) as error:
        submit(partner_member, partner, country="XX")
    assert "country" in error.value.message_dict


def test_deal_approve_sets_default_protection_90_days(partner, partner_member, manager):
    deal = services.deal_approve(actor=manager, deal=submit(partner_member, partner))
    assert deal.status == DealStatus.APPROVED
    assert deal.decided_by == manager and deal.decided_at is not None
    assert deal.protection_until == timezone.localdate() + datetime.timedelta(days=90)


def test_deal_approve_with_custom_days_and_bounds(partner, partner_member, manager):
    deal = submit(partner_member, partner)
    with pytest.raises(ValidationError) as error:
        approved(deal, manager, days=0)
    assert "protection_days" in error.value.message_dict
    assert approved(
        deal, manager, days=30
    ).protection_until == timezone.localdate() + datetime.timedelta(days=30)


def test_deal_approve_twice_or_by_partner_user_is_refused(partner, partner_admin, manager):
    deal = submit(partner_admin, partner)
    with pytest.raises(PermissionDenied):
        services.deal_approve(actor=partner_admin, deal=deal)
    approved(deal, manager)
    with pytest.raises(ValidationError):
        approved(deal, manager)


def test_deal_reject_requires_reason(partner, partner_member, manager):
    deal = submit(partner_member, partner)
    with pytest.raises(ValidationError) as error:
        services.deal_reject(actor=manager, deal=deal, reason="   ")
    assert "reason" in error.value.message_dict
    deal.refresh_from_db()
    assert deal.status == DealStatus.SUBMITTED
    deal = services.deal_reject(actor=manager, deal=deal, reason="Direct account.")
    assert deal.status == DealStatus.REJECTED and deal.rejection_reason == "Direct account."


def test_deal_reject_by_partner_user_is_denied(partner, partner_admin):
    with pytest.raises(PermissionDenied):
        services.deal_reject(actor=partner_admin, deal=submit(partner_admin, partner), reason="x")


def test_deal_mark_won_and_lost_only_after_approval(partner, partner_member, manager):
    deal = submit(partner_member, partner)
    with pytest.raises(ValidationError):
        services.deal_mark_won(actor=manager, deal=deal)
    approved(deal, manager)
    assert services.deal_mark_won(actor=manager, deal=deal).status == DealStatus.WON
    other = approved(submit(partner_member, partner, customer_domain="x.example"), manager)
    assert services.deal_mark_lost(actor=manager, deal=other).status == DealStatus.LOST
    with pytest.raises(PermissionDenied):
        services.deal_mark_won(actor=partner_member, deal=other)


def test_deal_constraints_refuse_rejection_without_reason(partner, manager):
    with pytest.raises(IntegrityError), transaction.atomic():
        DealRegistrationFactory(
            partner=partner, status="rejected", decided_by=manager, decided_at=timezone.now()
        )


def test_deal_constraints_refuse_non_positive_value_and_approval_without_protection(
    partner, manager
):
    with pytest.raises(IntegrityError), transaction.atomic():
        DealRegistrationFactory(partner=partner, value=0)
    with pytest.raises(IntegrityError), transaction.atomic():
        DealRegistrationFactory(
            partner=partner, status="approved", decided_by=manager, decided_at=timezone.now()
        )


def _expiring(partner, manager, until):
    return DealRegistrationFactory(
        partner=partner, status="approved", decided_by=manager, decided_at=timezone.now(),
        protection_until=until,
    )  # fmt: skip


def test_deals_lapse_expired_lapses_only_past_protections(partner, manager):
    past = _expiring(partner, manager, TODAY() - datetime.timedelta(days=1))
    today = _expiring(partner, manager, TODAY())
    assert services.deals_lapse_expired() == 1
    past.refresh_from_db()
    today.refresh_from_db()
    assert past.status == DealStatus.LAPSED and today.status == DealStatus.APPROVED
    assert services.deals_lapse_expired() == 0


def test_lapse_task_and_command_call_the_service(partner, manager):
    first = _expiring(partner, manager, TODAY() - datetime.timedelta(days=3))
    assert lapse_expired_deal_protections.apply().get() == 1
    second = _expiring(partner, manager, TODAY() - datetime.timedelta(days=3))
    out = StringIO()
    call_command("lapse_deals", stdout=out)
    assert "Lapsed 1 deal registration." in out.getvalue()
    assert {d.status for d in DealRegistration.objects.filter(pk__in=[first.pk, second.pk])} == {
        "lapsed"
    }


def test_lapse_task_is_scheduled_daily(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["lapse-expired-deal-protections"]
    assert entry == {"task": "performance.lapse_expired_deal_protections", "schedule": 86400}


def test_deal_decisions_are_in_the_audit_trail(partner, partner_member, manager):
    deal = approved(submit(partner_member, partner), manager)
    entries = LogEntry.objects.get_for_object(deal)
    assert entries.count() >= 2
    assert any("status" in (entry.changes_dict or {}) for entry in entries)


def test_lapsed_deal_can_be_registered_again_without_conflict(
    partner, other_partner, partner_member, manager
):
    old = _expiring(other_partner, manager, TODAY() - datetime.timedelta(days=1))
    DealRegistration.objects.filter(pk=old.pk).update(customer_domain="globex.com")
    services.deals_lapse_expired()
    assert submit(partner_member, partner).conflicts.count() == 0
