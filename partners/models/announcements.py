"""Announcements from the channel team to partners: published at a moment, to every partner or
to those of some tiers, territories or segments (any match), until they expire."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from prm.models import LONG_TEXT, LimitedTextField, TimeStampedModel, VersionedModel

__all__ = ["Announcement", "AnnouncementAudience"]


class AnnouncementAudience(models.TextChoices):
    ALL = "all", _("All partners")
    TARGETED = "targeted", _("Partners of some tiers, territories or segments")


class AnnouncementQuerySet(models.QuerySet):
    def published(self, *, now):
        """Published by `now` and not expired."""
        return self.filter(publish_at__lte=now).filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=now)
        )


class Announcement(VersionedModel, TimeStampedModel):
    Audience = AnnouncementAudience

    title = models.CharField(_("title"), max_length=200)
    body = LimitedTextField(_("text"), max_length=LONG_TEXT)
    publish_at = models.DateTimeField(_("publish at"))
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    audience = models.CharField(
        _("audience"), max_length=10, choices=AnnouncementAudience.choices,
        default=AnnouncementAudience.ALL,
    )  # fmt: skip
    tiers = models.ManyToManyField(
        "partners.ProgramTier", blank=True, related_name="announcements", verbose_name=_("tiers")
    )
    territories = models.ManyToManyField(
        "partners.Territory", blank=True, related_name="announcements",
        verbose_name=_("territories"),
    )  # fmt: skip
    segments = models.ManyToManyField(
        "partners.Segment", blank=True, related_name="announcements", verbose_name=_("segments")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("created by"),
    )  # fmt: skip
    # When the partners were told (once, by the scheduled job): the record that makes it
    # idempotent.
    notified_at = models.DateTimeField(_("partners notified at"), null=True, blank=True,
                                       editable=False)  # fmt: skip

    objects = AnnouncementQuerySet.as_manager()

    class Meta:
        ordering = ["-publish_at", "-pk"]
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")
        constraints = [
            models.CheckConstraint(condition=Q(audience__in=AnnouncementAudience.values),
                                   name="announcement_audience_valid"),
            models.CheckConstraint(
                condition=Q(expires_at__isnull=True) | Q(expires_at__gt=models.F("publish_at")),
                name="announcement_expires_after_publish",
            ),
        ]  # fmt: skip
        indexes = [models.Index(fields=["publish_at"], name="announcement_publish_idx")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("partners:announcement-edit", args=[self.pk])
