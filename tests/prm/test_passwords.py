"""Password reset by email, password change, and the 12-character minimum."""

import re

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client

from tests.factories import UserFactory

RESET = "/accounts/password_reset/"
CHANGE = "/accounts/password_change/"
NEW_PASSWORD = "violet-harbour-42"


@pytest.fixture
def portal_user(partner_member):
    partner_member.email = "jo@acme.example"
    partner_member.save()
    return partner_member


def reset_link() -> str:
    (message,) = mail.outbox
    return re.search(r"https?://[^/\s]+(/accounts/reset/\S+/)", message.body).group(1)


def test_login_page_links_to_password_reset(db):
    response = Client().get("/accounts/login/")

    assert response.status_code == 200
    assert f'href="{RESET}"' in response.content.decode()


def test_password_reset_pages_are_open_to_anonymous_users(db):
    for url in (RESET, f"{RESET}done/", "/accounts/reset/done/"):
        response = Client().get(url)
        assert response.status_code == 200, url
        assert 'class="login-box card"' in response.content.decode()


def test_password_reset_emails_a_link_naming_the_product(portal_user):
    response = Client().post(RESET, {"email": "jo@acme.example"})

    assert response.status_code == 302
    assert response["Location"] == f"{RESET}done/"
    (message,) = mail.outbox
    assert message.to == ["jo@acme.example"]
    assert "PRM" in message.subject
    assert "PRM (partner relationship management)" in message.body
    assert portal_user.username in message.body
    assert reset_link().startswith("/accounts/reset/")


def test_password_reset_for_an_unknown_address_sends_nothing_and_says_the_same(db):
    response = Client().post(RESET, {"email": "nobody@example.com"})

    assert response.status_code == 302
    assert response["Location"] == f"{RESET}done/"
    assert mail.outbox == []


def test_password_reset_link_sets_a_new_password_once(portal_user):
    Client().post(RESET, {"email": "jo@acme.example"})
    client = Client()
    form_page = client.get(reset_link(), follow=True)
    assert "Choose a new password" in form_page.content.decode()

    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert done.status_code == 302
    assert done["Location"] == "/accounts/reset/done/"
    signed_in = Client().post(
        "/accounts/login/", {"username": portal_user.username, "password": NEW_PASSWORD}
    )
    assert signed_in.status_code == 302
    used_again = Client().get(reset_link(), follow=True)
    assert "This link no longer works" in used_again.content.decode()


def test_password_reset_refuses_a_short_password(portal_user):
    Client().post(RESET, {"email": "jo@acme.example"})
    client = Client()
    form_page = client.get(reset_link(), follow=True)

    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "short-pw-1", "new_password2": "short-pw-1"},
    )

    assert response.status_code == 200
    assert "at least 12 characters" in response.content.decode()
    portal_user.refresh_from_db()
    assert portal_user.check_password("pw")


def test_password_change_for_a_signed_in_user(client_for, manager):
    client = client_for(manager)
    assert client.get(CHANGE).status_code == 200

    response = client.post(
        CHANGE,
        {"old_password": "pw", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert response.status_code == 302
    assert response["Location"] == f"{CHANGE}done/"
    manager.refresh_from_db()
    assert manager.check_password(NEW_PASSWORD)
    assert client.get(f"{CHANGE}done/").status_code == 200  # still signed in


def test_password_change_refuses_a_short_password_and_a_wrong_old_one(client_for, manager):
    client = client_for(manager)

    short = client.post(
        CHANGE, {"old_password": "pw", "new_password1": "abc-12345", "new_password2": "abc-12345"}
    )
    wrong_old = client.post(
        CHANGE,
        {"old_password": "nope", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert short.status_code == wrong_old.status_code == 200
    assert "at least 12 characters" in short.content.decode()
    manager.refresh_from_db()
    assert manager.check_password("pw")


def test_password_change_needs_a_signed_in_user(db):
    response = Client().get(CHANGE)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_signed_in_pages_link_to_password_change(client_for, manager, partner_member):
    for user in (manager, partner_member):
        response = client_for(user).get("/" if user is manager else "/portal/")
        assert f'href="{CHANGE}"' in response.content.decode()


def plain_user():
    # Fixed names: the similarity validator compares the password with them.
    return UserFactory.build(
        username="ann", first_name="Ann", last_name="Lee", email="ann@example.com"
    )


@pytest.mark.parametrize("password", ["quartz-lamp", "short"])
def test_password_validators_require_twelve_characters(db, password):
    with pytest.raises(ValidationError, match="at least 12 characters"):
        validate_password(password, plain_user())


def test_password_validators_accept_twelve_characters(db):
    validate_password("quartz-lamp7", plain_user())


def test_password_reset_email_goes_through_the_job_queue(portal_user, monkeypatch):
    from prm.tasks import send_email

    sent = []
    monkeypatch.setattr(send_email, "apply_async", lambda args, kwargs: sent.append(args))

    response = Client().post(RESET, {"email": "jo@acme.example"})

    assert response.status_code == 302
    assert mail.outbox == []
    ((subject, body, to, _html),) = sent
    assert to == ["jo@acme.example"] and "PRM" in subject and "/accounts/reset/" in body


def test_password_reset_with_the_queue_down_sends_at_once(portal_user, monkeypatch):
    from kombu.exceptions import OperationalError

    from prm.tasks import send_email

    def broker_down(args, kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(send_email, "apply_async", broker_down)

    response = Client().post(RESET, {"email": "jo@acme.example"})

    assert response.status_code == 302
    assert len(mail.outbox) == 1


def test_password_reset_with_queue_and_mail_server_down_still_answers(
    portal_user, monkeypatch, settings
):
    from smtplib import SMTPServerDisconnected

    from django.core.mail.backends.locmem import EmailBackend
    from kombu.exceptions import OperationalError

    from prm.tasks import send_email

    def broker_down(args, kwargs):
        raise OperationalError("connection refused")

    def server_down(self, messages):
        raise SMTPServerDisconnected("mail server went away")

    monkeypatch.setattr(send_email, "apply_async", broker_down)
    monkeypatch.setattr(EmailBackend, "send_messages", server_down)

    response = Client().post(RESET, {"email": "jo@acme.example"})

    assert response.status_code == 302
    assert response["Location"] == f"{RESET}done/"
