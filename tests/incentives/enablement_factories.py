import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from incentives.models import Acknowledgement, Certification, Course, RulesOfEngagement
from incentives.services.enablement import add_months
from tests.factories import ContactFactory, PartnerFactory, UserFactory


class CourseFactory(DjangoModelFactory):
    class Meta:
        model = Course

    name = factory.Sequence(lambda n: f"Course {n:04d}")
    product = "Cloud Suite"
    level = Course.Level.FOUNDATION
    validity_months = 24


class CertificationFactory(DjangoModelFactory):
    class Meta:
        model = Certification

    contact = factory.SubFactory(ContactFactory)
    course = factory.SubFactory(CourseFactory)
    earned_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))
    expires_on = factory.LazyAttribute(lambda o: add_months(o.earned_on, o.course.validity_months))
    status = Certification.Status.APPROVED
    requested_by = factory.SubFactory(UserFactory, role="channel_manager")
    decided_by = factory.LazyAttribute(
        lambda o: None if o.status == Certification.Status.REQUESTED else o.requested_by
    )
    decided_at = factory.LazyAttribute(
        lambda o: None if o.status == Certification.Status.REQUESTED else timezone.now()
    )


class RulesFactory(DjangoModelFactory):
    class Meta:
        model = RulesOfEngagement

    version = factory.Sequence(lambda n: n + 1)
    effective_on = factory.LazyFunction(timezone.localdate)
    significant = False
    summary = "Deal protection is now 90 days."
    full_text = "1. Register deals.\n2. Respect protection."
    published_by = factory.SubFactory(UserFactory, role="channel_manager")
    published_at = factory.LazyFunction(timezone.now)


class AcknowledgementFactory(DjangoModelFactory):
    class Meta:
        model = Acknowledgement

    partner = factory.SubFactory(PartnerFactory)
    rules = factory.SubFactory(RulesFactory)
    acknowledged_by = factory.SubFactory(UserFactory, role="partner_user")
    acknowledged_at = factory.LazyFunction(timezone.now)
