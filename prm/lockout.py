"""What a locked-out sign-in sees (django-axes' AXES_LOCKOUT_CALLABLE): the lockout page,
status 429, saying for how long and what to do."""

from django.conf import settings
from django.shortcuts import render

LOCKED_OUT_MESSAGE = (
    "Too many failed sign-ins for this account from your address. Signing in is locked for "
    "{minutes} minutes; try again later or ask an administrator to unlock the account."
)


def cooloff_minutes() -> int:
    return int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)


def locked_out_message() -> str:
    return LOCKED_OUT_MESSAGE.format(minutes=cooloff_minutes())


def lockout_response(request, original_response=None, credentials=None):
    context = {
        "username": (credentials or {}).get("username", ""),
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "cooloff_minutes": cooloff_minutes(),
    }
    return render(request, "registration/locked_out.html", context, status=429)
