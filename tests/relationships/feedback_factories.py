"""Factory of partners' feedback (inserted directly; use the services to test sending it)."""

import factory
from factory.django import DjangoModelFactory

from relationships.models import Feedback
from tests.factories import PartnerFactory


class FeedbackFactory(DjangoModelFactory):
    class Meta:
        model = Feedback

    partner = factory.SubFactory(PartnerFactory)
    author = None
    category = Feedback.Category.DEALS
    text = factory.Sequence(lambda n: f"Feedback text number {n}")
    page_path = "/portal/"
