"""What partners tells people: the kinds it declares to `prm`, and the events its services
report through `prm.notifications.notify` (inside their transaction). A partner admin's people
correction goes to the partner's owner; the decision goes back to whoever proposed it; a
published announcement goes to the portal users of every partner it reaches (once, when it is
published); an accepted invitation goes to whoever invited."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from prm.notifications import kinds, notify
from prm.notifications.kinds import Audience, Channel, Section

from .models import Announcement, ContactCorrection, CorrectionStatus

PEOPLE, ANNOUNCEMENTS = _("People corrections"), _("Announcements")
TEAM = _("Portal team")


def register() -> None:
    kinds.register_kinds((
        ("correction_proposed", _("A partner proposed a correction of its people"), PEOPLE,
         Channel.EMAIL, Section.WAITING, Audience.STAFF),
        ("correction_decided", _("People correction decided"), PEOPLE, Channel.EMAIL,
         Section.CHANGES, Audience.PARTNER),
        ("announcement_published", _("New announcement"), ANNOUNCEMENTS, Channel.EMAIL,
         Section.CHANGES, Audience.PARTNER),
        ("team_invitation_accepted", _("A colleague accepted your portal invitation"), TEAM,
         Channel.EMAIL, Section.CHANGES, Audience.BOTH),
    ))  # fmt: skip


def _owner(partner) -> list:
    return [partner.owner_id] if partner.owner_id else []


def correction_proposed(*, correction: ContactCorrection, actor) -> None:
    notify(
        kind="correction_proposed", recipients=_owner(correction.partner), actor=actor,
        verb=str(_("proposed a people correction")), object_label=str(correction),
        partner_label=correction.partner.name,
        url=reverse("partners:correction-queue") + "?status=proposed",
    )  # fmt: skip


def correction_decided(*, correction: ContactCorrection, actor) -> None:
    if correction.status == CorrectionStatus.ACCEPTED:
        verb, label = _("accepted your people correction"), str(correction)
    else:
        verb = _("rejected your people correction")
        label = f"{correction} ({_('reason')}: {correction.rejection_reason})"
    notify(
        kind="correction_decided", recipients=[correction.proposed_by_id], actor=actor,
        verb=str(verb), object_label=label, partner_label=correction.partner.name,
        url=reverse("portal:people") + "#corrections",
    )  # fmt: skip


def announcement_published(*, announcement: Announcement, user_ids) -> int:
    """Tell the portal users; at most once per user and announcement (dedupe)."""
    sent = notify(
        kind="announcement_published", recipients=user_ids,
        actor_label=str(_("The channel team")), verb=str(_("published an announcement")),
        object_label=announcement.title,
        url=reverse("portal:announcement-list") + f"#announcement-{announcement.pk}",
        dedupe_key=f"announcement:{announcement.pk}",
    )  # fmt: skip
    return len(sent)


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
        verb=str(_("accepted your invitation and joined the portal as")),
        object_label=str(invitation.get_role_display()).lower(),
        partner_label=invitation.partner.name, url=_team_url(inviter, invitation.partner),
    )  # fmt: skip
