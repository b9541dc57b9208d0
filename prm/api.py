from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.throttling import ScopedRateThrottle


class TokenView(ObtainAuthToken):
    """`POST {"username", "password"}` → `{"token": "…"}`, rate-limited against guessing."""

    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "token"
