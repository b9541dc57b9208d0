"""Revoking API tokens when a user signs out or is deactivated; forgetting the cached copy of
a user who changed (prm.auth).

Signals rather than service calls because both events happen where no service of ours runs:
Django's logout view, and the admin's user form (or any other save) turning `is_active` off.
"""

from django.contrib.auth.signals import user_logged_out
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .auth import forget_cached_user
from .lib.tokens import tokens_revoke
from .models import User


@receiver(user_logged_out, dispatch_uid="prm-revoke-tokens-at-logout")
def revoke_tokens_at_logout(sender, request, user, **kwargs):
    if user is not None:
        tokens_revoke(user)


@receiver(post_save, sender=User, dispatch_uid="prm-revoke-tokens-of-inactive-user")
def revoke_tokens_of_inactive_user(sender, instance, created, **kwargs):
    if not created and not instance.is_active:
        tokens_revoke(instance)


@receiver(post_save, sender=User, dispatch_uid="prm-forget-cached-user-on-save")
@receiver(post_delete, sender=User, dispatch_uid="prm-forget-cached-user-on-delete")
def forget_changed_user(sender, instance, **kwargs):
    forget_cached_user(instance.pk)
