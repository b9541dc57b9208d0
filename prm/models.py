from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


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


class User(AbstractUser):
    """A person who signs in: vendor staff (administrator, channel manager) or a partner user.

    A partner user reaches their company through a `partners.PartnerMembership`; the core does
    not know partners, so it only records which side of the relationship the user is on.
    """

    class Role(models.TextChoices):
        NONE = "", "No access yet"
        ADMINISTRATOR = "administrator", "Administrator"
        CHANNEL_MANAGER = "channel_manager", "Channel manager"
        PARTNER_USER = "partner_user", "Partner user"

    # Fails closed: a user created without a role (outside `createsuperuser`, whose superuser
    # flag grants access) opens neither the internal pages nor the portal until given one.
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.NONE, blank=True)
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
