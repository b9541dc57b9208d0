"""Factories and helpers of market development funds: an MDF program, fund requests inserted
directly (use the services to test decisions), and small valid proof files."""

import datetime
from decimal import Decimal

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from factory.django import DjangoModelFactory

from incentives.demo.funds import tiny_csv, tiny_pdf, tiny_png
from incentives.models import FundRequest
from incentives.services import funds as services
from tests.factories import PartnerFactory, UserFactory

from .claims_factories import IncentiveProgramFactory

TODAY = datetime.date.today


def days(n: int) -> datetime.date:
    return TODAY() + datetime.timedelta(days=n)


class MdfProgramFactory(IncentiveProgramFactory):
    kind = "mdf"
    targeted_behaviour = "results"


class FundRequestFactory(DjangoModelFactory):
    class Meta:
        model = FundRequest

    partner = factory.SubFactory(PartnerFactory)
    program = factory.SubFactory(MdfProgramFactory)
    activity = factory.Sequence(lambda n: f"Webinar {n:04d}")
    expected_results = "40 registrations"
    starts_on = factory.LazyFunction(lambda: days(5))
    ends_on = factory.LazyFunction(lambda: days(6))
    amount = Decimal("2000.00")
    currency = "EUR"
    requested_by = factory.SubFactory(UserFactory)


def pdf(name="invoice.pdf"):
    return SimpleUploadedFile(name, tiny_pdf(), content_type="application/pdf")


def png(name="photo.png"):
    return SimpleUploadedFile(name, tiny_png(), content_type="image/png")


def csv_file(name="attendees.csv"):
    return SimpleUploadedFile(name, tiny_csv(), content_type="text/csv")


def approved_request(manager, *, amount="2000.00", approved=None, **fields) -> FundRequest:
    fund_request = FundRequestFactory(amount=Decimal(amount), **fields)
    return services.fund_request_approve(
        actor=manager, fund_request=fund_request, approved_amount=approved
    )
