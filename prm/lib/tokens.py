"""API tokens that expire: `API_TOKEN_TTL_DAYS` after they were issued they are refused and
deleted, and signing in at the token endpoint issues a fresh one. A user whose access has
ended (prm.lib.sign_in) is refused too."""

import datetime

from django.conf import settings
from django.utils import timezone
from rest_framework.authentication import TokenAuthentication
from rest_framework.authtoken.models import Token
from rest_framework.exceptions import AuthenticationFailed

from .sign_in import ACCESS_ENDED_MESSAGE, access_ended

EXPIRED_MESSAGE = "Token has expired."


def token_expired(token: Token) -> bool:
    ttl = datetime.timedelta(days=settings.API_TOKEN_TTL_DAYS)
    return token.created <= timezone.now() - ttl


def token_for(user) -> Token:
    """The user's current token: the one they have unless it expired, else a new one."""
    token = Token.objects.filter(user=user).first()
    if token is not None and token_expired(token):
        token.delete()
        token = None
    if token is None:
        token, _created = Token.objects.get_or_create(user=user)
    return token


def tokens_revoke(user) -> None:
    """Delete every API token of `user` (sign-out, deactivation)."""
    Token.objects.filter(user=user).delete()


class ExpiringTokenAuthentication(TokenAuthentication):
    """`Authorization: Token …`, refused with 401 once the token is older than the TTL."""

    def authenticate_credentials(self, key):
        user, token = super().authenticate_credentials(key)
        if token_expired(token):
            token.delete()
            raise AuthenticationFailed(EXPIRED_MESSAGE)
        if access_ended(user):
            # The user's company has left the program (prm.lib.sign_in): no more API access.
            raise AuthenticationFailed(str(ACCESS_ENDED_MESSAGE))
        return user, token
