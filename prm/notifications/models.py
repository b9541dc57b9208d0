"""Notifications of the core app (`prm`): one row per user per event, the user's preferences per
kind, and the record of each daily digest. Imported by `prm.models`, so they belong to `prm`."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from prm.models import TimeStampedModel

from .kinds import KEY_MAX_LENGTH, Channel


class NotificationQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(recipient=user)

    def unread(self):
        return self.filter(read_at__isnull=True)


class Notification(TimeStampedModel):
    """Something that happened which one user should know: who did what to which object, and
    where to see it. The labels are copied when the event happens, so the list reads the same
    after the object is renamed or gone, and needs no join into the domain apps."""

    class EmailStatus(models.TextChoices):
        NONE = "", _("Not emailed")
        PENDING = "pending", _("Waiting to be sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=KEY_MAX_LENGTH)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Who, as the recipient should read it ("Morgan Reyes", "Acme Networks", "Scoring").
    actor_label = models.CharField(max_length=200, blank=True)
    verb = models.CharField(max_length=200)
    object_label = models.CharField(max_length=300)
    # The partner the event is about, when there is one: the digest groups by it.
    partner_label = models.CharField(max_length=200, blank=True)
    # A path inside this site, never an absolute URL (emails prefix PRM_BASE_URL).
    url = models.CharField(max_length=500)
    # Scheduled reminders carry a key (object and day) so a rerun never notifies twice.
    dedupe_key = models.CharField(max_length=200, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)
    email_status = models.CharField(
        max_length=10, choices=EmailStatus.choices, default=EmailStatus.NONE, blank=True
    )
    emailed_at = models.DateTimeField(null=True, blank=True)
    email_error = models.CharField(max_length=500, blank=True)
    # Marked for the daily digest; `digest` is set once a digest has taken it.
    in_digest = models.BooleanField(default=False)
    digest = models.ForeignKey(
        "DailyDigest",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="notifications",
    )

    objects = NotificationQuerySet.as_manager()

    class Meta:
        app_label = "prm"
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notification_recent"),
            models.Index(
                fields=["recipient"], condition=Q(read_at__isnull=True), name="notification_unread"
            ),
            models.Index(
                fields=["recipient"],
                condition=Q(in_digest=True, digest__isnull=True),
                name="notification_digest_due",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "kind", "dedupe_key"],
                condition=~Q(dedupe_key=""),
                name="notification_once_per_key",
            ),
            models.CheckConstraint(
                condition=Q(email_status__in=["", "pending", "sent", "failed"]),
                name="notification_email_status_valid",
            ),
            models.CheckConstraint(condition=~Q(url=""), name="notification_has_url"),
        ]

    def __str__(self):
        return self.sentence

    @property
    def sentence(self) -> str:
        """ "Anna Schmidt registered a deal: Initech", or for a reminder nobody did,
        "Deal protection ends on 9 Mar 2027: Initech"."""
        if self.actor_label:
            return f"{self.actor_label} {self.verb}: {self.object_label}"
        return f"{self.verb[:1].upper()}{self.verb[1:]}: {self.object_label}"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("notifications:notification-open", args=[self.pk])


class NotificationPreference(TimeStampedModel):
    """A user's choice for one kind; without a row the kind's default applies."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(max_length=KEY_MAX_LENGTH)
    channel = models.CharField(max_length=10, choices=Channel.choices)

    class Meta:
        app_label = "prm"
        ordering = ["user", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notification_preference_once"),
            models.CheckConstraint(
                condition=Q(channel__in=[choice.value for choice in Channel]),
                name="notification_preference_channel_valid",
            ),
        ]

    def __str__(self):
        return f"{self.user}: {self.kind} → {self.get_channel_display()}"


class DailyDigest(TimeStampedModel):
    """One user's digest of one day (their local date): recorded before it is sent, so a
    scheduler that runs every quarter hour sends it once."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENT = "sent", _("Sent")
        EMPTY = "empty", _("Nothing to send")
        FAILED = "failed", _("Failed")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="daily_digests"
    )
    local_date = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    unread_count = models.PositiveIntegerField(default=0)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        app_label = "prm"
        ordering = ["-local_date", "user"]
        constraints = [
            models.UniqueConstraint(fields=["user", "local_date"], name="daily_digest_once"),
            models.CheckConstraint(
                condition=Q(status__in=["pending", "sent", "empty", "failed"]),
                name="daily_digest_status_valid",
            ),
        ]

    def __str__(self):
        return f"Digest for {self.user} on {self.local_date}"
