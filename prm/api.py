from axes.handlers.proxy import AxesProxyHandler
from rest_framework import status
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.response import Response

from .lib.client_ip import ClientScopedRateThrottle
from .lib.parsers import PARSER_CLASSES
from .lib.tokens import token_for
from .lockout import locked_out_message


class TokenView(ObtainAuthToken):
    """`POST {"username", "password"}` → `{"token": "…"}`, rate-limited against guessing per
    client address, and refused with 429 while the account is locked out (django-axes)."""

    # ObtainAuthToken names DRF's own parsers; ours bounds how deeply JSON nests.
    parser_classes = PARSER_CLASSES
    throttle_classes = [ClientScopedRateThrottle]
    throttle_scope = "token"

    def post(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        if not serializer.is_valid():
            # Axes counted this failure against the account and address (the serializer
            # authenticates with the request); locked, the answer says so instead of 400.
            username = request.data.get("username") if hasattr(request.data, "get") else None
            credentials = {"username": username}
            if not AxesProxyHandler.is_allowed(request, credentials):
                return Response(
                    {"detail": locked_out_message()}, status=status.HTTP_429_TOO_MANY_REQUESTS
                )
            return Response(serializer.errors, status=status.HTTP_400_BAD_REQUEST)
        return Response({"token": token_for(serializer.validated_data["user"]).key})
