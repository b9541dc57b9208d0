from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.throttling import ScopedRateThrottle

from .lib.parsers import PARSER_CLASSES


class TokenView(ObtainAuthToken):
    """`POST {"username", "password"}` → `{"token": "…"}`, rate-limited against guessing."""

    # ObtainAuthToken names DRF's own parsers; ours bounds how deeply JSON nests.
    parser_classes = PARSER_CLASSES
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "token"
