"""Factories of the program area."""

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from factory.django import DjangoModelFactory

from incentives.models import Benefit, Resource, TierChange, TierRequirement
from tests.factories import ProgramTierFactory

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def tiers():
    """Registered (1), Silver (2), Gold (3)."""
    return (
        ProgramTierFactory(name="Registered", rank=1),
        ProgramTierFactory(name="Silver", rank=2),
        ProgramTierFactory(name="Gold", rank=3),
    )


def upload(name="guide.txt", content=b"Hello partners\n"):
    return SimpleUploadedFile(name, content)


class TierRequirementFactory(DjangoModelFactory):
    class Meta:
        model = TierRequirement

    tier = factory.SubFactory(ProgramTierFactory)


class BenefitFactory(DjangoModelFactory):
    class Meta:
        model = Benefit

    tier = factory.SubFactory(ProgramTierFactory)
    kind = Benefit.Kind.DISCOUNT
    value = "10% off list"


class ResourceFactory(DjangoModelFactory):
    class Meta:
        model = Resource

    title = factory.Sequence(lambda n: f"Resource {n}")
    category = Resource.Category.SALES
    link = factory.Sequence(lambda n: f"https://example.com/r/{n}")


class TierChangeFactory(DjangoModelFactory):
    class Meta:
        model = TierChange

    to_tier = factory.SubFactory(ProgramTierFactory)
    reason = "Met the requirements"
    changed_at = factory.Faker("date_time_this_year", tzinfo=__import__("datetime").timezone.utc)
