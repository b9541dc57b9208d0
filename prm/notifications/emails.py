"""The emails of notifications: one notification, or one user's daily digest. Each has a
plain-text and an HTML part, absolute links (PRM_BASE_URL) and an unsubscribe link."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import ngettext

from .kinds import Section, get_kind, kind_label
from .tokens import unsubscribe_token

DIGEST_KIND = "digest"


def absolute(path: str) -> str:
    return settings.PRM_BASE_URL.rstrip("/") + path


def unsubscribe_url(*, user_id: int, kind: str) -> str:
    token = unsubscribe_token(user_id=user_id, kind=kind)
    return absolute(reverse("notifications:notification-unsubscribe", args=[token]))


def _message(*, subject, template, context, to, unsubscribe) -> EmailMultiAlternatives:
    context = {**context, "unsubscribe_url": unsubscribe, "base_url": absolute("/")}
    text = render_to_string(f"notifications/{template}.txt", context)
    html = render_to_string(f"notifications/{template}.html", context)
    message = EmailMultiAlternatives(
        subject,
        text,
        to=[to],
        # Mail clients show their own unsubscribe button from this header.
        headers={"List-Unsubscribe": f"<{unsubscribe}>"},
    )
    message.attach_alternative(html, "text/html")
    return message


def _language_of(user) -> str:
    """The language the user reads the app in (the switcher's choice), else the default."""
    return getattr(user, "language", "") or settings.LANGUAGE_CODE


def notification_message(notification) -> EmailMultiAlternatives:
    recipient = notification.recipient
    with translation.override(_language_of(recipient)):
        return _notification_message(notification, recipient)


def _notification_message(notification, recipient) -> EmailMultiAlternatives:
    return _message(
        subject=f"[PRM] {notification.sentence}"[:200],
        template="email_notification",
        context={
            "notification": notification,
            "recipient": recipient,
            "link": absolute(notification.url),
            "kind_label": kind_label(notification.kind),
            "preferences_url": absolute(reverse("notifications:notification-preferences")),
        },
        to=recipient.email,
        unsubscribe=unsubscribe_url(user_id=recipient.pk, kind=notification.kind),
    )


def digest_sections(items) -> list[dict]:
    """The digest's items under their section (alerts, waiting, changes), in that order."""
    by_section = {section.value: [] for section in Section}
    for item in items:
        try:
            section = get_kind(item.kind).digest_section
        except ValueError:
            section = Section.CHANGES
        by_section[section].append(item)
    return [
        {"label": Section(key).label, "items": rows, "count": len(rows)}
        for key, rows in by_section.items()
    ]


def digest_message(digest, items) -> EmailMultiAlternatives:
    with translation.override(_language_of(digest.user)):
        return _digest_message(digest, items)


def _digest_message(digest, items) -> EmailMultiAlternatives:
    user = digest.user
    for item in items:
        item.link = absolute(item.url)
    updates = ngettext("Your day: %(count)d update", "Your day: %(count)d updates", len(items)) % {
        "count": len(items)
    }
    return _message(
        subject=f"[PRM] {updates} ({digest.local_date:%a %d %b})",
        template="email_digest",
        context={
            "digest": digest,
            "recipient": user,
            "sections": digest_sections(items),
            "total": len(items),
            "list_url": absolute(reverse("notifications:notification-list")),
            "preferences_url": absolute(reverse("notifications:notification-preferences")),
        },
        to=user.email,
        unsubscribe=unsubscribe_url(user_id=user.pk, kind=DIGEST_KIND),
    )
