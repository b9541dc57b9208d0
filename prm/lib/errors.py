"""Database refusals a user can understand: a delete that other records prevent, and a row that
breaks a constraint the field checks should have caught first."""

import re
from collections import Counter
from functools import cache

from django.apps import apps
from django.contrib import messages
from django.db import models
from django.db.models import ProtectedError, RestrictedError
from django.http import JsonResponse
from django.utils.http import url_has_allowed_host_and_scheme

from .htmx import redirect_after_post


def still_used_message(error: ProtectedError | RestrictedError) -> str:
    """'It is still used by 3 contacts and 1 certification.' — kinds and counts only: the
    records themselves may be ones the user may not see."""
    blocking = getattr(error, "protected_objects", None) or getattr(error, "restricted_objects", ())
    counts = Counter(type(item)._meta for item in blocking)
    parts = [
        f"{count} {meta.verbose_name if count == 1 else meta.verbose_name_plural}"
        for meta, count in sorted(counts.items(), key=lambda pair: pair[0].label)
    ]
    if not parts:
        return "It cannot be deleted: other records depend on it."
    return f"It cannot be deleted: it is still used by {', '.join(parts)}."


@cache
def _constraints() -> dict:
    """Every model constraint by name → (the constraint, the model)."""
    return {
        constraint.name: (constraint, model)
        for model in apps.get_models()
        for constraint in model._meta.constraints
    }


def _fields_of(condition) -> list[str]:
    """The field names a Q condition reads, in order (`validity_months__gte` → validity_months)."""
    names = []
    for child in getattr(condition, "children", ()):
        if isinstance(child, tuple):
            names.append(child[0].split("__")[0])
        else:
            names.extend(_fields_of(child))
    return list(dict.fromkeys(names))


OUT_OF_RANGE = "This value is out of the allowed range."
_NAMED = re.compile(r'constraint "([^"]+)"|constraint failed: ([\w.]+)', re.IGNORECASE)


def constraint_error(error) -> dict | None:
    """The field error for an IntegrityError raised by a named model constraint, or None
    when the constraint is not one of ours (then the error is a bug, and stays a 500)."""
    match = _NAMED.search(str(error))
    if not match:
        return None
    name = match.group(1) or match.group(2)
    constraint, model = _constraints().get(name, (None, None))
    if constraint is None:
        return None
    if isinstance(constraint, models.UniqueConstraint):
        fields = list(constraint.fields)
        message = f"Another {model._meta.verbose_name} already has this value."
    else:
        fields = _fields_of(constraint.condition)
        message = OUT_OF_RANGE
    if constraint.violation_error_message != constraint.default_violation_error_message:
        message = str(constraint.violation_error_message) % {"name": name}
    known = {field.name for field in model._meta.get_fields()}
    field = fields[0] if fields and fields[0] in known else "non_field_errors"
    return {field: [message]}


_VIOLATED = re.compile(r"^Constraint “(?P<name>[^”]+)” is violated\.$")


def place_constraint_errors(message_dict: dict) -> dict:
    """A model's full_clean reports a broken check constraint as 'Constraint “x” is violated.'
    about the whole object; put it at the field the constraint guards, in words a user reads."""
    placed: dict = {}
    for key, texts in message_dict.items():
        for text in texts:
            match = _VIOLATED.match(str(text)) if key == "__all__" else None
            field = _guarded_field(match["name"]) if match else None
            if field:
                placed.setdefault(field, []).append(OUT_OF_RANGE)
            else:
                placed.setdefault(key, []).append(text)
    return placed


def _guarded_field(name: str) -> str | None:
    """The field a check constraint guards, when it reads one field only (one comparing two
    fields is about the object, and stays there)."""
    constraint, model = _constraints().get(name, (None, None))
    if not isinstance(constraint, models.CheckConstraint):
        return None
    fields = _fields_of(constraint.condition)
    known = {field.name for field in model._meta.get_fields()}
    return fields[0] if len(fields) == 1 and fields[0] in known else None


class StillUsedMiddleware:
    """A delete that other records prevent (PROTECT/RESTRICT) is explained, never a 500: the
    API answers 409 with the reason; a page goes back where the user was, with the reason as
    a message."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, ProtectedError | RestrictedError):
            return None
        message = still_used_message(exception)
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": message}, status=409)
        messages.error(request, message)
        back = request.headers.get("referer", "")
        if not url_has_allowed_host_and_scheme(
            back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            back = "/"
        return redirect_after_post(request, back)
