"""Shared plumbing in prm/lib: access checks, the service viewset, form_submit, money."""

from decimal import Decimal

import pytest
from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.template import Context, Template
from django.test import RequestFactory
from rest_framework import exceptions

from prm.lib.access import is_vendor_staff, require_vendor_staff
from prm.lib.api import ServiceModelViewSet, call_service
from prm.lib.forms import form_submit
from prm.lib.money import format_money
from prm.models import User
from tests.factories import UserFactory


@pytest.mark.parametrize(
    ("role", "extra", "staff"),
    [
        ("channel_manager", {}, True),
        ("administrator", {"is_staff": True}, True),
        ("", {"is_superuser": True, "is_staff": True}, True),
        ("partner_user", {}, False),
        ("", {}, False),
        ("channel_manager", {"is_active": False}, False),
    ],
)
def test_vendor_staff_query_and_property_agree(db, role, extra, staff):
    user = UserFactory(role=role, **extra)
    assert user.is_vendor_staff is staff
    assert User.objects.vendor_staff().filter(pk=user.pk).exists() is staff
    assert is_vendor_staff(user) is staff


def test_a_user_created_without_a_role_opens_neither_side(client, db):
    user = User.objects.create_user("newcomer", password="a long enough password")
    assert user.role == User.Role.NONE
    assert not user.is_vendor_staff and not user.is_partner_user
    client.force_login(user)
    assert client.get("/partners/").status_code == 403
    assert client.get("/portal/").status_code == 403


def test_require_vendor_staff_refuses_or_hides(db, manager, partner_admin):
    require_vendor_staff(manager)
    with pytest.raises(PermissionDenied, match="Only staff here."):
        require_vendor_staff(partner_admin, "Only staff here.")
    with pytest.raises(Http404):
        require_vendor_staff(partner_admin, hide=True)
    with pytest.raises(PermissionDenied):
        require_vendor_staff(None)


def test_call_service_turns_django_errors_into_drf_answers():
    def refuse_field(**kwargs):
        raise ValidationError({"name": "Taken."})

    def forbid(**kwargs):
        raise PermissionDenied("No.")

    with pytest.raises(exceptions.ValidationError) as error:
        call_service(refuse_field)
    assert error.value.detail == {"name": ["Taken."]}
    with pytest.raises(exceptions.PermissionDenied):
        call_service(forbid)
    assert call_service(lambda **kwargs: kwargs, a=1) == {"a": 1}


def test_service_viewset_without_a_service_answers_405():
    view = ServiceModelViewSet()
    view.request = RequestFactory().post("/")
    with pytest.raises(exceptions.MethodNotAllowed):
        view.perform_create(serializer=None)


class NameForm(forms.Form):
    name = forms.CharField()


class Saved:
    def get_absolute_url(self):
        return "/saved/"


def _submit(data, service, **kwargs):
    request = RequestFactory().post("/", data)
    request.htmx = kwargs.pop("htmx", False)
    request._messages = _Messages()
    form = NameForm(data)
    return form_submit(
        request, form, service, template="components/form_errors.html", partial="",
        **kwargs,
    ), request  # fmt: skip


class _Messages(list):
    def add(self, level, message, extra_tags=""):
        self.append(message)


def test_form_submit_redirects_to_the_result_with_a_message():
    response, request = _submit({"name": "x"}, lambda data: Saved(), message="Saved.")
    assert (response.status_code, response["Location"]) == (302, "/saved/")
    assert request._messages == ["Saved."]


def test_form_submit_follows_htmx_with_a_client_redirect():
    response, _ = _submit({"name": "x"}, lambda data: None, success_url="/list/", htmx=True)
    assert response["HX-Redirect"] == "/list/"


@pytest.mark.parametrize(
    ("data", "service"),
    [
        ({}, lambda data: Saved()),
        ({"name": "x"}, lambda data: (_ for _ in ()).throw(ValidationError({"name": "Taken."}))),
    ],
)
def test_form_submit_shows_errors_with_422_and_calls_no_redirect(data, service, monkeypatch):
    rendered = {}

    def fake_render(request, template, partial, context):
        rendered.update(context)
        return type("Response", (), {"status_code": 422})()

    monkeypatch.setattr("prm.lib.forms.render_form_errors", fake_render)
    response, _ = _submit(data, service)
    assert response.status_code == 422
    assert rendered["form"].errors["name"]


@pytest.mark.parametrize(
    ("amount", "currency", "decimals", "text"),
    [
        (Decimal("1234.5"), "EUR", 0, "1,235 EUR"),
        (Decimal("1234.5"), "EUR", 2, "1,234.50 EUR"),
        (Decimal("12"), "", 0, "12"),
        (None, "USD", 0, ""),
    ],
)
def test_format_money(amount, currency, decimals, text):
    assert format_money(amount, currency, decimals=decimals) == text


def test_money_filters_need_no_load():
    template = Template("{{ a|money:c }} / {{ a|money_exact:c }}")
    assert (
        template.render(Context({"a": Decimal("2500"), "c": "USD"})) == "2,500 USD / 2,500.00 USD"
    )


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/targets/", "/api/v1/target-proposals/", "/api/v1/partners/",
        "/api/v1/contacts/", "/api/v1/deal-registrations/", "/api/v1/incentive-claims/",
        "/api/v1/certifications/", "/api/v1/business-plans/",
    ],
)  # fmt: skip
def test_a_user_without_a_role_reaches_no_partner_even_with_a_membership(api_for, partner, url):
    from partners.selectors import is_member, membership_of
    from tests.factories import MembershipFactory

    user = MembershipFactory(partner=partner, user=UserFactory(role="")).user
    assert membership_of(user=user) is None and not is_member(user=user, partner=partner)
    response = api_for(user).get(url)
    assert response.status_code == 403 or response.json()["count"] == 0, (url, response.json())


def test_an_unknown_vendor_currency_is_a_system_check_error(settings):
    from prm.checks import currency_is_known

    assert currency_is_known() == []
    settings.PRM_CURRENCY = "usd"
    (error,) = currency_is_known()
    assert error.id == "prm.E001" and "'usd'" in error.msg
