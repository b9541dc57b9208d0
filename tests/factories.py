import datetime

import factory
from django.contrib.auth import get_user_model
from factory.django import DjangoModelFactory

from partners.models import (
    Contact,
    OrgUnit,
    Partner,
    PartnerMembership,
    ProgramTier,
    Segment,
    Territory,
)
from relationships.models import (
    CultureAssessment,
    CultureRating,
    EngagementAction,
    Interaction,
    RelationshipObjective,
    RelationshipPlan,
    Stakeholder,
    Stance,
)


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


class OrgUnitFactory(DjangoModelFactory):
    class Meta:
        model = OrgUnit

    partner = factory.SubFactory(PartnerFactory)
    name = factory.Sequence(lambda n: f"Unit {n}")
    parent = None


class ContactFactory(DjangoModelFactory):
    class Meta:
        model = Contact

    partner = factory.SubFactory(PartnerFactory)
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    title = "Sales Director"
    email = factory.Sequence(lambda n: f"contact{n}@partner.example")
    reports_to = None
    org_unit = None


class StakeholderFactory(DjangoModelFactory):
    class Meta:
        model = Stakeholder
        skip_postgeneration_save = True

    contact = factory.SubFactory(ContactFactory)
    partner = factory.LazyAttribute(lambda s: s.contact.partner)
    influence = 3
    stance = Stance.NEUTRAL
    relationship_level = 3
    decision_orientation = "tactical"
    adaptability = "pragmatist"
    formal_responsibilities = "Runs the partner's sales team"
    cadence_days = 30
    last_interaction_on = None
    # Derived as the services derive it (Stakeholder.set_last_interaction).
    next_contact_due_on = factory.LazyAttribute(
        lambda s: (
            s.last_interaction_on + datetime.timedelta(days=s.cadence_days)
            if s.last_interaction_on
            else None
        )
    )

    @factory.post_generation
    def owners(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.owners.set(extracted)


class RelationshipPlanFactory(DjangoModelFactory):
    class Meta:
        model = RelationshipPlan

    stakeholder = factory.SubFactory(StakeholderFactory)
    position_and_responsibilities = "Head of sales; owns the partner's revenue targets"
    owner = factory.SubFactory(UserFactory)
    review_on = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=30))


class EngagementActionFactory(DjangoModelFactory):
    class Meta:
        model = EngagementAction

    partner = factory.SubFactory(PartnerFactory)
    title = factory.Sequence(lambda n: f"Engagement action {n}")
    owner = factory.SubFactory(UserFactory)
    due_on = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=14))


class InteractionFactory(DjangoModelFactory):
    class Meta:
        model = Interaction
        skip_postgeneration_save = True

    partner = factory.SubFactory(PartnerFactory)
    occurred_on = factory.LazyFunction(datetime.date.today)
    channel = "meeting"
    sentiment = 0
    notes = "Discussed the joint plan"
    logged_by = factory.SubFactory(UserFactory)

    @factory.post_generation
    def stakeholders(obj, create, extracted, **kwargs):
        # As the services do: the people of the stakeholders took part.
        if create and extracted:
            obj.stakeholders.set(extracted)
            obj.contacts.add(*[stakeholder.contact_id for stakeholder in extracted])

    @factory.post_generation
    def contacts(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.contacts.add(*extracted)


class RelationshipObjectiveFactory(DjangoModelFactory):
    class Meta:
        model = RelationshipObjective

    partner = factory.SubFactory(PartnerFactory)
    title = "Move the CFO from neutral to supporter"
    due_on = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=90))
    owner = factory.SubFactory(UserFactory)


class CultureAssessmentFactory(DjangoModelFactory):
    """A partner's culture assessment; `ratings={(dimension, type): score}` adds its ratings."""

    class Meta:
        model = CultureAssessment
        skip_postgeneration_save = True

    partner = factory.SubFactory(PartnerFactory)
    is_own = False
    is_current = True
    assessed_on = factory.LazyFunction(datetime.date.today)
    assessed_by = factory.SubFactory(UserFactory)
    values = "Customer first; engineering excellence"

    @factory.post_generation
    def ratings(obj, create, extracted, **kwargs):
        if create and extracted:
            CultureRating.objects.bulk_create(
                CultureRating(assessment=obj, dimension=d, culture_type=t, score=s)
                for (d, t), s in extracted.items()
            )
