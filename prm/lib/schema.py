"""What the OpenAPI schema says beyond drf-spectacular's defaults: the error answers every
operation can give, in the shape DRF gives them. (The schema is generated per request: each
viewset picks its serializer by the user's role, so a partner user's schema describes what a
partner user receives, and `SERVE_PUBLIC = False` leaves out what they may not call.)"""

ERROR_SCHEMA = {
    "description": "`detail` (a message), or for invalid input messages per field, or a list "
    "of messages about the whole request.",
    "oneOf": [
        {"type": "object", "properties": {"detail": {"type": "string"}}},
        {"type": "array", "items": {"type": "string"}},
    ],
}

_ERRORS = {
    "400": "Invalid input or query parameters: messages per field.",
    "401": "Not signed in (no or an invalid token).",
    "403": "Signed in, but not allowed to do this.",
    "404": "No such object visible to you.",
    "409": "Refused because of other records (it is still used), or the object changed since "
    "you read it (a stale `version` in the body).",
}
_CONDITIONAL_ERRORS = {
    "412": "`If-Match` names a version that is no longer the current one: the answer carries "
    "the current values.",
}
_IF_MATCH = {
    "in": "header",
    "name": "If-Match",
    "required": False,
    "description": "The `ETag` of the version you read: the write is refused (412) if someone "
    "else changed the object since.",
    "schema": {"type": "string"},
}
_LOCKED_OUT = {"429": "Too many failed sign-ins or requests from this client address."}
_BODY_ERRORS = {
    "413": "The request body is too large.",
    "415": "Unsupported content type.",
}


def add_error_responses(result, generator, request, public):
    """drf-spectacular postprocessing hook: every operation documents its error answers."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas["Error"] = ERROR_SCHEMA
    reference = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            errors = {**_ERRORS, **(_BODY_ERRORS if "requestBody" in operation else {})}
            if method in ("put", "patch", "delete") and "{" in path:
                errors.update(_CONDITIONAL_ERRORS)
                parameters = operation.setdefault("parameters", [])
                if not any(p.get("name") == "If-Match" for p in parameters):
                    parameters.append(_IF_MATCH)
            if path.endswith("/auth/token/"):
                errors.update(_LOCKED_OUT)
            for status, description in errors.items():
                operation["responses"].setdefault(
                    status, {"description": description, "content": reference}
                )
    return result
