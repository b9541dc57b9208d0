"""What partners tells people: the kinds it declares to `prm`, and the events of the portal
team its services report through `prm.notifications.notify` (inside their transaction)."""

from django.urls import reverse

from prm.notifications import kinds, notify
from prm.notifications.kinds import Audience, Channel, Section

TEAM = "Portal team"


def register() -> None:
    kinds.register_kinds((
        ("team_invitation_accepted", "A colleague accepted your portal invitation", TEAM,
         Channel.EMAIL, Section.CHANGES, Audience.BOTH),
    ))  # fmt: skip


def _team_url(inviter, partner) -> str:
    if inviter.is_vendor_staff:
        return reverse("partners:partner-tab", args=[partner.slug, "portal-users"])
    return reverse("portal:team")


def invitation_accepted(*, invitation, user) -> None:
    """The person who invited `user` hears that they joined."""
    inviter = invitation.invited_by
    if inviter is None or not inviter.is_active:
        return
    notify(
        kind="team_invitation_accepted", recipients=[inviter.pk], actor=user,
        verb="accepted your invitation and joined the portal as",
        object_label=str(invitation.get_role_display()).lower(),
        partner_label=invitation.partner.name, url=_team_url(inviter, invitation.partner),
    )  # fmt: skip
