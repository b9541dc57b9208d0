import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.utils import timezone

from incentives.models import Acknowledgement, Certification
from incentives.selectors import enablement as selectors
from incentives.services.enablement import (
    add_months,
    certification_approve,
    certification_record,
    certification_reject,
    certification_request,
    rules_acknowledge,
    rules_publish,
)
from tests.factories import ContactFactory, PartnerFactory

from .enablement_factories import (
    AcknowledgementFactory,
    CertificationFactory,
    CourseFactory,
    RulesFactory,
)

TODAY = timezone.localdate


def test_add_months_clamps_to_month_end():
    assert add_months(datetime.date(2025, 1, 31), 1) == datetime.date(2025, 2, 28)
    assert add_months(datetime.date(2024, 11, 15), 14) == datetime.date(2026, 1, 15)


def test_certification_request_derives_expiry_and_waits(partner, partner_member):
    contact = ContactFactory(partner=partner)
    course = CourseFactory(validity_months=12)
    earned = TODAY() - datetime.timedelta(days=10)
    cert = certification_request(
        actor=partner_member, contact=contact, course=course, earned_on=earned
    )
    assert cert.status == Certification.Status.REQUESTED
    assert cert.expires_on == add_months(earned, 12)
    assert cert.decided_by is None


def test_certification_request_refuses_another_partners_contact(partner_member, other_partner):
    contact = ContactFactory(partner=other_partner)
    with pytest.raises(ValidationError) as error:
        certification_request(
            actor=partner_member, contact=contact, course=CourseFactory(), earned_on=TODAY()
        )
    assert "contact" in error.value.message_dict
    assert not Certification.objects.exists()


def test_certification_request_refuses_future_date(partner, partner_member):
    with pytest.raises(ValidationError) as error:
        certification_request(
            actor=partner_member,
            contact=ContactFactory(partner=partner),
            course=CourseFactory(),
            earned_on=TODAY() + datetime.timedelta(days=1),
        )
    assert "earned_on" in error.value.message_dict


def test_certification_request_refuses_staff_without_partner(manager, partner):
    with pytest.raises(PermissionDenied):
        certification_request(
            actor=manager, contact=ContactFactory(partner=partner), course=CourseFactory(),
            earned_on=TODAY(),
        )  # fmt: skip


def test_certification_approve_and_reject_only_once_by_staff(manager, partner, partner_member):
    cert = CertificationFactory(
        contact=ContactFactory(partner=partner), status=Certification.Status.REQUESTED
    )
    with pytest.raises(PermissionDenied):
        certification_approve(actor=partner_member, certification=cert)
    approved = certification_approve(actor=manager, certification=cert)
    assert approved.status == Certification.Status.APPROVED
    assert approved.decided_by == manager
    with pytest.raises(ValidationError):
        certification_reject(actor=manager, certification=cert)


def test_certification_record_by_staff_is_approved(manager, partner):
    cert = certification_record(
        actor=manager, contact=ContactFactory(partner=partner), course=CourseFactory(),
        earned_on=TODAY(),
    )  # fmt: skip
    assert cert.status == Certification.Status.APPROVED


def test_certified_people_counts_current_approved_only(partner):
    today = TODAY()
    certified = ContactFactory(partner=partner)
    CertificationFactory(contact=certified)
    CertificationFactory(contact=certified)  # two courses: still one person
    CertificationFactory(
        contact=ContactFactory(partner=partner),
        earned_on=today - datetime.timedelta(days=800),
    )  # expired
    CertificationFactory(
        contact=ContactFactory(partner=partner), status=Certification.Status.REQUESTED
    )
    left = ContactFactory(partner=partner, left_on=today)
    CertificationFactory(contact=left)
    CertificationFactory(contact=ContactFactory())  # another partner
    assert list(selectors.certified_people(partner)) == [certified]


def test_expiring_soon_lists_the_next_sixty_days(partner):
    today = TODAY()
    course = CourseFactory(validity_months=12)
    soon = CertificationFactory(
        course=course, earned_on=add_months(today, -12) + datetime.timedelta(days=20)
    )
    CertificationFactory(
        course=course, earned_on=add_months(today, -12) + datetime.timedelta(days=90)
    )
    CertificationFactory(
        course=course, earned_on=add_months(today, -12) - datetime.timedelta(days=5)
    )
    assert list(selectors.expiring_soon()) == [soon]


def test_certification_expiry_after_earned_is_a_db_constraint(partner):
    with pytest.raises(IntegrityError):
        CertificationFactory(expires_on=TODAY() - datetime.timedelta(days=365))


@pytest.mark.parametrize(
    ("ages_in_days", "count", "warning"),
    [([], 0, False), ([30], 1, False), ([30, 200], 2, True), ([30, 400, 500], 1, False)],
)
def test_stability_counts_significant_changes_of_twelve_months(db, ages_in_days, count, warning):
    today = TODAY()
    RulesFactory(significant=False, effective_on=today - datetime.timedelta(days=10))
    for age in ages_in_days:
        RulesFactory(significant=True, effective_on=today - datetime.timedelta(days=age))
    result = selectors.stability()
    assert (result["count"], result["warning"]) == (count, warning)


def test_rules_publish_numbers_versions_and_checks_fields(manager, partner_member):
    first = rules_publish(
        actor=manager, effective_on=TODAY(), significant=True, summary="S", full_text="T"
    )
    second = rules_publish(
        actor=manager, effective_on=TODAY(), significant=False, summary="S2", full_text="T2"
    )
    assert (first.version, second.version) == (1, 2)
    with pytest.raises(ValidationError) as error:
        rules_publish(
            actor=manager, effective_on=TODAY(), significant=False, summary=" ", full_text=""
        )
    assert {"summary", "full_text"} <= set(error.value.message_dict)
    with pytest.raises(PermissionDenied):
        rules_publish(
            actor=partner_member, effective_on=TODAY(), significant=False, summary="S",
            full_text="T",
        )  # fmt: skip


def test_rules_acknowledge_once_per_partner_and_current_only(
    partner, partner_admin, partner_member
):
    old = RulesFactory(effective_on=TODAY() - datetime.timedelta(days=100))
    current = RulesFactory(effective_on=TODAY() - datetime.timedelta(days=1))
    with pytest.raises(ValidationError):
        rules_acknowledge(actor=partner_admin, rules=old)
    ack = rules_acknowledge(actor=partner_admin, rules=current)
    assert ack.partner == partner
    with pytest.raises(ValidationError):
        rules_acknowledge(actor=partner_member, rules=current)
    assert Acknowledgement.objects.count() == 1


def test_acknowledgement_unique_per_partner_and_version_in_db(partner):
    rules = RulesFactory()
    AcknowledgementFactory(partner=partner, rules=rules)
    with pytest.raises(IntegrityError):
        AcknowledgementFactory(partner=partner, rules=rules)


def test_acknowledgement_status_lists_who_has_not(partner, other_partner):
    rules = RulesFactory()
    AcknowledgementFactory(partner=partner, rules=rules)
    AcknowledgementFactory(partner=other_partner, rules=RulesFactory())  # another version
    third = PartnerFactory(name="Zeta")
    missing = [p for p in selectors.acknowledgement_status(rules=rules) if not p.acknowledged]
    assert missing == [other_partner, third]


def test_courses_are_created_changed_and_deleted_by_staff_with_an_audit_trail(manager):
    from auditlog.models import LogEntry

    from incentives.models import Course
    from incentives.services import enablement as services

    course = services.course_create(
        actor=manager, name="Cloud Basics", product="Cloud", level="foundation", validity_months=12
    )
    services.course_update(actor=manager, course=course, validity_months=24)
    course.refresh_from_db()
    assert course.validity_months == 24
    assert LogEntry.objects.get_for_object(course).filter(actor=manager).count() == 2
    services.course_delete(actor=manager, course=course)
    assert not Course.objects.filter(pk=course.pk).exists()


def test_course_writes_refuse_partner_users_and_bad_values(manager, partner_member):
    from incentives.services import enablement as services

    with pytest.raises(PermissionDenied):
        services.course_create(actor=partner_member, name="X", product="Y", validity_months=6)
    with pytest.raises(ValidationError) as error:
        services.course_create(actor=manager, name="X", product="Y", validity_months=0)
    assert "validity" in str(error.value)


def test_a_course_someone_holds_cannot_be_deleted(manager, partner):
    from incentives.services import enablement as services

    certification = CertificationFactory(contact=ContactFactory(partner=partner))
    with pytest.raises(ValidationError, match="hold certifications"):
        services.course_delete(actor=manager, course=certification.course)
