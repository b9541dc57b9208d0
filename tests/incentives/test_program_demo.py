import io

import pytest
from django.core.management import call_command

from incentives.models import Benefit, Resource, TierRequirement


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def seed():
    call_command("seed_demo", partners=12, seed=7, stdout=io.StringIO())


def test_demo_program_fills_terms_and_resources(db):
    seed()
    assert TierRequirement.objects.count() == 3
    assert set(Benefit.objects.values_list("tier__name", flat=True)) == {
        "Registered", "Silver", "Gold", "Platinum"
    }  # fmt: skip
    assert Resource.objects.count() == 15
    files = Resource.objects.exclude(file="")
    assert files.count() == 3
    assert all(resource.file.read() for resource in files)
    assert Resource.objects.filter(minimum_tier__isnull=True).exists()


def test_demo_program_second_run_adds_nothing(db):
    seed()
    seed()
    assert Resource.objects.count() == 15
