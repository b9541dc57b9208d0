"""Jobs of the partners app: the announcements' notice when they are published, and the portal
invitation's email, sent from the worker."""

from smtplib import SMTPException

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from . import services
from .models import Invitation


@shared_task(name="partners.notify_announcements_published")
def notify_announcements_published() -> int:
    """Tell partners of the announcements published since the last run (once each)."""
    return services.announcements_notify_due()


@shared_task(
    name="partners.invitation_email_send",
    autoretry_for=(SMTPException, OSError),
    retry_backoff=30,
    retry_backoff_max=30 * 60,
    max_retries=8,
)
def invitation_email_send(invitation_id: int, path: str) -> bool:
    """Email the invitation's link (`path`, made when it was created or resent), plain text
    and HTML. An invitation accepted or revoked meanwhile gets no email."""
    invitation = Invitation.objects.select_related("partner", "invited_by").filter(pk=invitation_id)
    invitation = invitation.first()
    if invitation is None or not invitation.is_open:
        return False
    context = {
        "invitation": invitation,
        "partner": invitation.partner,
        "inviter": invitation.invited_by,
        "link": settings.PRM_BASE_URL.rstrip("/") + path,
        "days": settings.PARTNER_INVITATION_DAYS,
    }
    # The invitee has no account yet: the email speaks the language of whoever invited them
    # (the company's partner admin, who reads the portal in their colleagues' language).
    language = getattr(invitation.invited_by, "language", "") or settings.LANGUAGE_CODE
    with translation.override(language):
        subject = _("You are invited to the %(partner)s partner portal") % {
            "partner": invitation.partner.name
        }
        text = render_to_string("partners/invitation_email.txt", context)
        html = render_to_string("partners/invitation_email.html", context)
    message = EmailMultiAlternatives(subject, text, to=[invitation.email])
    message.attach_alternative(html, "text/html")
    message.send()
    return True
