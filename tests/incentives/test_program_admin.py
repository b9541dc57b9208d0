"""Resources in the Django admin: uploads get the same check as the resource pages (type by
extension and content, size), with the message at the file field."""

import pytest
from django.urls import reverse

from incentives.models import Resource
from incentives.services import program as services
from tests.helpers import edit_of
from tests.incentives.program_factories import PDF_BYTES, upload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def url(view: str, *args) -> str:
    return reverse(f"admin:incentives_resource_{view}", args=args)


def resource_form(**overrides) -> dict:
    return {"title": "Sales deck", "description": "", "category": "sales", "minimum_tier": "",
            "link": "", **overrides}  # fmt: skip


def file_errors(response) -> list:
    assert response.status_code == 200, "the form was accepted"
    return response.context["adminform"].form.errors.get("file", [])


def test_admin_resource_refuses_text_posing_as_pdf(client_for, admin_user):
    data = resource_form(file=upload("deck.pdf", b"just some text, not a PDF\n"))
    response = client_for(admin_user).post(url("add"), data)
    assert "does not match the .pdf extension" in " ".join(file_errors(response))
    assert "does not match" in response.content.decode()  # shown on the page, at the field
    assert not Resource.objects.exists()


def test_admin_resource_refuses_wrong_type_and_too_big(client_for, admin_user, settings):
    client = client_for(admin_user)
    response = client.post(url("add"), resource_form(file=upload("tool.exe", b"MZ")))
    assert "not accepted" in " ".join(file_errors(response))
    settings.PRM_MAX_UPLOAD_SIZE = 10
    response = client.post(url("add"), resource_form(file=upload("big.txt", b"x" * 11)))
    assert "larger than 10" in " ".join(file_errors(response))
    assert not Resource.objects.exists()


def test_admin_resource_accepts_a_real_pdf(client_for, admin_user):
    response = client_for(admin_user).post(
        url("add"), resource_form(file=upload("deck.pdf", PDF_BYTES))
    )
    assert response.status_code == 302
    assert Resource.objects.get().file.name.endswith(".pdf")


def test_admin_resource_edit_keeps_the_stored_file_without_rechecking(client_for, admin_user):
    resource = services.resource_create(
        actor=admin_user, title="Guide", category="sales", file=upload("guide.txt", b"Hi\n")
    )
    data = edit_of(resource, resource_form(title="Partner guide"))
    response = client_for(admin_user).post(url("change", resource.pk), data)
    assert response.status_code == 302
    resource.refresh_from_db()
    assert resource.title == "Partner guide" and resource.file.name.endswith(".txt")
