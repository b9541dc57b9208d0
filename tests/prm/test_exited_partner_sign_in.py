"""An exited partner's users lose access from the exit date on: the sign-in form refuses them
and says why, their open sessions end, their API tokens are refused; the day before they
still work. A deactivated user's right password is refused with the reason too."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from partners import services
from partners.models import Partner
from prm.lib import sign_in

LOGIN = "/accounts/login/"
PORTAL = "/portal/"
TODAY = timezone.localdate


def _exit(partner, on):
    Partner.objects.filter(pk=partner.pk).update(status="exited", exited_on=on)
    services.partner_exit_date_changed(partner=partner)


def _login(client, username, password="pw"):
    return client.post(LOGIN, {"username": username, "password": password})


def test_sign_in_refused_from_the_exit_date_with_the_reason(partner, partner_member):
    _exit(partner, TODAY())
    response = _login(Client(), "pm-acme")
    assert response.status_code == 200
    assert "partnership with us has ended" in response.content.decode()


def test_wrong_password_of_an_exited_partner_user_tells_nothing(partner, partner_member):
    _exit(partner, TODAY())
    content = _login(Client(), "pm-acme", "wrong").content.decode()
    assert "partnership" not in content and "correct username and password" in content


def test_exited_partner_without_a_date_fails_closed(partner, partner_member):
    Partner.objects.filter(pk=partner.pk).update(status="exited", exited_on=None)
    assert "partnership with us has ended" in _login(Client(), "pm-acme").content.decode()


def test_sign_in_works_the_day_before_the_exit(partner, partner_member):
    Partner.objects.filter(pk=partner.pk).update(
        status="exiting", exited_on=TODAY() + datetime.timedelta(days=1)
    )
    response = _login(Client(), "pm-acme")
    assert response.status_code == 302


def test_day_boundary_of_a_session_and_a_token(partner, partner_member, monkeypatch):
    """Exit tomorrow: today everything works; tomorrow the session and the token are refused
    (the cached user carries the date, so no sign-in or cache drop is needed)."""
    tomorrow = TODAY() + datetime.timedelta(days=1)
    Partner.objects.filter(pk=partner.pk).update(status="exiting", exited_on=tomorrow)
    client = Client()
    client.force_login(partner_member)
    token = Token.objects.create(user=partner_member)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert client.get(PORTAL).status_code == 200
    assert api.get("/api/v1/partners/").status_code == 200

    monkeypatch.setattr(timezone, "localdate", lambda *args: tomorrow)
    assert sign_in.has_ended(tomorrow)
    session_answer = client.get(PORTAL)
    assert session_answer.status_code == 302 and reverse("login") in session_answer["Location"]
    api_answer = api.get("/api/v1/partners/")
    assert api_answer.status_code == 401 and "partnership" in api_answer.json()["detail"]


def test_open_session_ends_when_the_partner_exits(client, manager, partner, partner_member):
    client.force_login(partner_member)
    assert client.get(PORTAL).status_code == 200  # the user is now cached
    services.partner_update(partner=partner, actor=manager, status="exited")
    response = client.get(PORTAL)
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_api_token_refused_after_exit(partner, partner_member):
    token = Token.objects.create(user=partner_member)
    _exit(partner, TODAY() - datetime.timedelta(days=3))
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    response = api.get("/api/v1/partners/")
    assert response.status_code == 401 and "partnership" in response.json()["detail"]
    issued = APIClient().post(
        "/api/v1/auth/token/", {"username": "pm-acme", "password": "pw"}, format="json"
    )
    assert issued.status_code == 400


def test_other_partners_and_staff_are_not_affected(partner, other_partner, outsider, manager):
    _exit(partner, TODAY())
    assert _login(Client(), "pa-globex").status_code == 302
    assert _login(Client(), "manager-t").status_code == 302


def test_staff_exit_through_the_partner_form_sets_the_date(client_for, manager, partner):
    from tests.helpers import edit_of

    fields = {
        "name": partner.name, "country": str(partner.country),
        "partner_type": partner.partner_type, "status": "exited", "exited_on": "",
    }  # fmt: skip
    data = edit_of(partner, fields)
    response = client_for(manager).post(reverse("partners:partner-edit", args=[partner.slug]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    partner.refresh_from_db()
    assert partner.exited_on == TODAY()


def test_admin_exit_sets_the_date(client, admin_user, partner):
    client.force_login(admin_user)
    url = reverse("admin:partners_partner_change", args=[partner.pk])
    form = client.get(url).context["adminform"].form
    data = {
        key: value for key, value in form.initial.items()
        if value is not None and not isinstance(value, list)
    }  # fmt: skip
    data.update(status="exited", exited_on="", country=str(partner.country), slug=partner.slug,
                version=partner.version, **{"memberships-TOTAL_FORMS": 0,
                                            "memberships-INITIAL_FORMS": 0})  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    partner.refresh_from_db()
    assert partner.exited_on == TODAY()


@pytest.mark.parametrize("active", [False])
def test_deactivated_user_is_told_so(partner_member, active):
    partner_member.is_active = active
    partner_member.save()
    content = _login(Client(), "pm-acme").content.decode()
    assert "deactivated" in content
