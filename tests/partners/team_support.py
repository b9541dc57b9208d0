"""Helpers of the portal team tests: people in a role, invitations and the link their email
carries (emails leave after commit: the helpers run the commit callbacks)."""

import re

from django.core import mail
from django.test import TestCase

from partners import services
from partners.models import PartnerMembership
from tests.factories import MembershipFactory

ROLE = PartnerMembership.Role


def member(partner, role=ROLE.MEMBER, **user_fields):
    """A portal user of `partner` with `role` (their membership)."""
    user_fields = {f"user__{key}": value for key, value in user_fields.items()}
    return MembershipFactory(partner=partner, role=role, **user_fields)


def sent_token(run) -> str:
    """Run `run()` with commit callbacks executed; the token of the invitation email it sent."""
    before = len(mail.outbox)
    with TestCase.captureOnCommitCallbacks(execute=True):
        run()
    return token_from(mail.outbox[before:])


def invite(actor, partner, email="new.person@acme.example", role=ROLE.MEMBER):
    """Invite and return (invitation, the token of the link emailed)."""
    box = {}

    def run():
        box["invitation"] = services.invitation_create(
            actor=actor, partner=partner, email=email, role=role
        )

    token = sent_token(run)
    return box["invitation"], token


def token_from(messages) -> str:
    (message,) = [m for m in messages if "/accounts/invitation/" in m.body]
    return re.search(r"/accounts/invitation/([^/\s]+)/", message.body).group(1)


def accept(token, password="a-Long-enough-pass-42", **names):
    names = {"first_name": "Nina", "last_name": "Neu", **names}
    return services.invitation_accept(token=token, password=password, **names)
