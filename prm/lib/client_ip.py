"""The client's address, trusting `X-Forwarded-For` only as far as our own proxies.

Anyone can send an `X-Forwarded-For` header. Behind N trusted proxies (`NUM_PROXIES`), each
appends the address it received the request from, so the Nth address from the right is the
one the outermost proxy saw: the client. Addresses further left were written by the client
and prove nothing. With no proxy configured (0, the default) the header is ignored.

Sign-in lockout (django-axes) and the API throttles both key on this address, so rotating
the header defeats neither.
"""

from django.conf import settings
from rest_framework.throttling import ScopedRateThrottle


def client_ip(request) -> str | None:
    """The address of the client that sent `request` (a Django or DRF request)."""
    remote_addr = request.META.get("REMOTE_ADDR")
    num_proxies = getattr(settings, "NUM_PROXIES", 0)
    forwarded_for = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if num_proxies <= 0 or not forwarded_for:
        return remote_addr
    addresses = [address.strip() for address in forwarded_for.split(",") if address.strip()]
    if not addresses:
        return remote_addr
    return addresses[-min(num_proxies, len(addresses))]


class ClientScopedRateThrottle(ScopedRateThrottle):
    """DRF's scoped throttle, counting per `client_ip` for anonymous requests."""

    def get_ident(self, request):
        return client_ip(request) or ""
