"""Signed unsubscribe links: they name a user and a kind and work without signing in, so a
link from an old email still leads to the right preference. Signed with SECRET_KEY and a salt
of their own; rotating the secret retires every link."""

from django.core import signing

SALT = "prm.notifications.unsubscribe"


def unsubscribe_token(*, user_id: int, kind: str) -> str:
    return signing.dumps({"user": user_id, "kind": kind}, salt=SALT, compress=True)


def read_unsubscribe_token(token: str) -> tuple[int, str] | None:
    """`(user id, kind)` of a valid token; None for anything tampered with or malformed."""
    try:
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict):
        return None
    user_id, kind = data.get("user"), data.get("kind")
    if not isinstance(user_id, int) or not isinstance(kind, str):
        return None
    return user_id, kind
