"""The demo's portal teams: each team partner gets a partner admin, a member and a viewer, a
pending and an expired invitation; an exited partner's login cannot sign in; a rerun adds
nothing."""

import io

from django.test import Client
from django.utils import timezone

from partners.demo.team import seed_teams
from partners.models import Invitation, PartnerMembership
from prm.demo import DemoState
from tests.factories import PartnerFactory


def _state():
    return DemoState(partners=0, seed=1, password="demo-pass-42", stdout=io.StringIO())


def test_demo_teams(db):
    active = PartnerFactory.create_batch(3)
    exited = PartnerFactory(status="exited", exited_on=timezone.localdate())
    seed_teams(_state())
    for partner in [*active, exited]:
        roles = set(
            PartnerMembership.objects.filter(partner=partner).values_list("role", flat=True)
        )
        assert roles == {"partner_admin", "member", "viewer"}, partner
        statuses = {i.status for i in Invitation.objects.filter(partner=partner)}
        assert statuses == {"pending", "expired"}
    viewer = f"{active[0].slug}-viewer"
    assert (
        Client().post("/accounts/login/", {"username": viewer, "password": "demo-pass-42"})[
            "Location"
        ]
        == "/"
    )
    refused = Client().post("/accounts/login/", {"username": "portal-exited",
                                                 "password": "demo-pass-42"})  # fmt: skip
    assert "partnership with us has ended" in refused.content.decode()
    before = (PartnerMembership.objects.count(), Invitation.objects.count())
    seed_teams(_state())
    assert (PartnerMembership.objects.count(), Invitation.objects.count()) == before
