import zoneinfo

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models, router, transaction
from django.utils.translation import gettext_lazy as _

from .lib.versioning import StaleVersion


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


# Sizes of free text: a note or a reason, a description or a paragraph of a plan, a document.
SHORT_TEXT = 2_000
LONG_TEXT = 10_000
DOCUMENT_TEXT = 100_000


class LimitedTextField(models.TextField):
    """A TextField whose `max_length` is a rule, not only a hint: Django's TextField passes it to
    forms and DRF but never validates it on the model, so a service fed by another path (a plain
    form, an explicit serializer field) would take any length."""

    def __init__(self, *args, max_length: int, **kwargs):
        super().__init__(*args, max_length=max_length, **kwargs)
        self.validators.append(MaxLengthValidator(max_length))


class VersionedModel(models.Model):
    """A row users edit: `version` goes up by one on every save, and the UPDATE only matches the
    version this instance was read at (or was told it edits, prm.lib.versioning), so a save
    based on a version someone else has replaced raises StaleVersion instead of overwriting it.
    Overriding save() is plumbing here, not business logic: it is the lock, for every path."""

    # db_default too: rows inserted without the ORM (the demo's bulk loader) start at 1.
    version = models.PositiveIntegerField(default=1, db_default=1, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if self._state.adding or (update_fields is not None and not update_fields):
            return super().save(*args, **kwargs)
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "version"}
        self._expected_version = self.version
        self.version += 1
        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        try:
            # Its own (sub)transaction: a refused save also takes back what pre_save receivers
            # wrote (auditlog's entry of the change that did not happen), and leaves the caller's
            # transaction usable for showing the current values.
            with transaction.atomic(using=using):
                return super().save(*args, **kwargs)
        except BaseException:
            self.version = self._expected_version
            raise
        finally:
            del self._expected_version

    def _do_update(self, base_qs, using, pk_val, values, update_fields, forced_update):
        expected = getattr(self, "_expected_version", None)
        if expected is None:
            return super()._do_update(base_qs, using, pk_val, values, update_fields, forced_update)
        matched = base_qs.filter(version=expected)
        if super()._do_update(matched, using, pk_val, values, update_fields, forced_update):
            return True
        if base_qs.filter(pk=pk_val).exists():
            raise StaleVersion(self)
        return False


def vendor_staff_condition() -> models.Q:
    """Who is vendor staff, as a query: active channel managers and administrators, superusers
    included (as `User.is_vendor_staff`). Also the `limit_choices_to` of every field that must
    point at our own people (a partner's owner, a plan's owner), so forms and lists agree."""
    return models.Q(is_active=True) & (
        models.Q(is_superuser=True) | models.Q(role__in=["administrator", "channel_manager"])
    )


class UserQuerySet(models.QuerySet):
    def vendor_staff(self):
        return self.filter(vendor_staff_condition())


class PrmUserManager(UserManager.from_queryset(UserQuerySet)):
    pass


def valid_time_zone(value: str) -> None:
    """An IANA time zone name this machine knows ("Europe/Paris", "America/New_York")."""
    if value not in zoneinfo.available_timezones():
        raise ValidationError(
            "Choose a time zone such as Europe/Paris or America/New_York.", code="time_zone"
        )


class User(AbstractUser):
    """A person who signs in: vendor staff (administrator, channel manager) or a partner user.

    A partner user reaches their company through a `partners.PartnerMembership`; the core does
    not know partners, so it only records which side of the relationship the user is on.
    """

    class Role(models.TextChoices):
        NONE = "", _("No access yet")
        ADMINISTRATOR = "administrator", _("Administrator")
        CHANNEL_MANAGER = "channel_manager", _("Channel manager")
        PARTNER_USER = "partner_user", _("Partner user")

    # Fails closed: a user created without a role (outside `createsuperuser`, whose superuser
    # flag grants access) opens neither the internal pages nor the portal until given one.
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.NONE, blank=True)
    # Where the user lives: the daily digest is sent at 07:00 there.
    # Blank reads as UTC (a form that leaves it out, such as Django's own user forms).
    time_zone = models.CharField(
        max_length=64, default="UTC", blank=True, validators=[valid_time_zone]
    )
    # The language the pages are shown in (settings.LANGUAGES); blank: the browser's choice.
    # Set by the language switcher, so the choice follows the user to another device.
    language = models.CharField(
        _("language"), max_length=8, blank=True, default="", choices=settings.LANGUAGES
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = PrmUserManager()

    class Meta:
        ordering = ["username"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    role__in=["", "administrator", "channel_manager", "partner_user"]
                ),
                name="user_role_valid",
            ),
            # A partner user must never reach Django admin.
            models.CheckConstraint(
                condition=~models.Q(role="partner_user", is_staff=True),
                name="user_partner_user_not_staff",
            ),
        ]

    def __str__(self):
        return self.get_full_name() or self.username

    @property
    def created_at(self):
        return self.date_joined

    @property
    def is_vendor_staff(self) -> bool:
        return self.is_active and (
            self.is_superuser or self.role in (self.Role.ADMINISTRATOR, self.Role.CHANNEL_MANAGER)
        )

    @property
    def is_partner_user(self) -> bool:
        return self.is_active and not self.is_superuser and self.role == self.Role.PARTNER_USER


# The core's notifications live in their own package and belong to this app.
from .notifications.models import DailyDigest, Notification, NotificationPreference  # noqa: E402,F401
