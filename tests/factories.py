import factory
from django.contrib.auth import get_user_model
from factory.django import DjangoModelFactory

from partners.models import Partner, PartnerMembership, ProgramTier, Segment, Territory


class UserFactory(DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    role = "channel_manager"
    password = factory.PostGenerationMethodCall("set_password", "pw")

    @factory.post_generation
    def persist_password(obj, create, extracted, **kwargs):
        if create:
            obj.save(update_fields=["password"])


class TerritoryFactory(DjangoModelFactory):
    class Meta:
        model = Territory

    name = factory.Sequence(lambda n: f"Territory {n}")
    code = factory.Sequence(lambda n: f"t{n}")
    capacity = 50


class SegmentFactory(DjangoModelFactory):
    class Meta:
        model = Segment

    name = factory.Sequence(lambda n: f"Segment {n}")
    is_sweet_spot = False


class ProgramTierFactory(DjangoModelFactory):
    class Meta:
        model = ProgramTier
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Tier {n}")
    rank = factory.Sequence(lambda n: n + 1)
    review_cadence_days = 90


class PartnerFactory(DjangoModelFactory):
    class Meta:
        model = Partner
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Partner {n:05d}")
    slug = factory.Sequence(lambda n: f"partner-{n:05d}")
    country = "DE"
    partner_type = Partner.Type.RESELLER
    status = Partner.Status.ACTIVE
    internal_notes = "Internal: exploring a competitor"

    @factory.post_generation
    def territories(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.territories.set(extracted)

    @factory.post_generation
    def segments(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.segments.set(extracted)


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = PartnerMembership

    user = factory.SubFactory(UserFactory, role="partner_user")
    partner = factory.SubFactory(PartnerFactory)
    role = PartnerMembership.Role.MEMBER
