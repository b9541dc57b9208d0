"""What every app's API is made of: filters, service calls and a viewset whose writes go through
the app's services (never `serializer.save()`)."""

import contextlib
from collections.abc import Mapping

import django_filters
from django import forms
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.db.models import ProtectedError, RestrictedError
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import exceptions, filters, serializers, status, viewsets
from rest_framework.response import Response
from rest_framework.views import exception_handler

from .access import is_vendor_staff
from .audit import acting_as
from .errors import constraint_error, place_constraint_errors, still_used_message
from .exports import ExportListMixin
from .versioning import StaleVersion, etag, parse_version, stale_message


class VersionConflict(exceptions.APIException):
    """The object changed since the client read it (a `version` in the body, or a save that
    lost the race): 409 with the message and the current values."""

    status_code = status.HTTP_409_CONFLICT
    default_detail = "This object changed since you read it."
    default_code = "conflict"

    def __init__(self, detail: dict):
        # As given: APIException would turn every value of `current` into a string.
        self.detail = detail


class PreconditionFailed(VersionConflict):
    """`If-Match` names a version that is no longer the current one."""

    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_code = "precondition_failed"


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "This cannot be done while other records depend on it."
    default_code = "conflict"


class RequestTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The request body is too large."
    default_code = "too_large"


def api_exception_handler(error, context):
    """DRF's handler, plus: a body over Django's limits answers 413 and a delete that other
    records prevent answers 409 with the reason, in JSON (both are 500s or HTML otherwise)."""
    if isinstance(error, RequestDataTooBig | TooManyFieldsSent | TooManyFilesSent):
        error = RequestTooLarge(f"{error} Send less data.")
    elif isinstance(error, ProtectedError | RestrictedError):
        error = Conflict(still_used_message(error))
    return exception_handler(error, context)


def call_service(function, **kwargs):
    """Run a service, turning its Django errors into DRF's 400 (with field errors) and 403, a
    delete that other records prevent into 409 with the reason, and — a safety net behind
    the field checks — a database check constraint into a 400 at the field it guards."""
    try:
        return function(**kwargs)
    except StaleVersion as error:
        raise VersionConflict({"detail": error.message}) from error
    except DjangoValidationError as error:
        if hasattr(error, "error_dict"):
            detail = place_constraint_errors(error.message_dict)
        else:
            detail = error.messages
        raise exceptions.ValidationError(detail) from error
    except DjangoPermissionDenied as error:
        raise exceptions.PermissionDenied(str(error)) from error
    except (ProtectedError, RestrictedError) as error:
        raise Conflict(still_used_message(error)) from error
    except IntegrityError as error:
        detail = constraint_error(error)
        if detail is None:
            raise
        raise exceptions.ValidationError(detail) from error


# --- unknown fields --------------------------------------------------------------------------


# What a form posted by the browsable API carries besides the fields.
NOT_FIELDS = {"csrfmiddlewaretoken"}


def action_arguments(request, payload_class=None) -> dict:
    """The validated body of an action (approve, reject, dismiss…) as service arguments: 400
    with field errors when it is invalid; nothing when the action takes no body."""
    if payload_class is None:
        return {}
    payload = payload_class(data=request.data)
    payload.is_valid(raise_exception=True)
    return dict(payload.validated_data)


def refuse_unknown_fields(serializer, data) -> None:
    """A write naming a field the resource does not have is a 400 naming it, never silently
    ignored (a typo must not look like a success). Read-only fields a client sends back
    unchanged from a GET are fields: they are ignored, as DRF does."""
    if not isinstance(data, Mapping):
        return
    unknown = sorted(set(data) - set(serializer.fields) - NOT_FIELDS)
    if unknown:
        raise exceptions.ValidationError({name: ["Unknown field."] for name in unknown})


class StrictSerializer(serializers.Serializer):
    """A payload serializer (an action's body) that refuses unknown fields."""

    def to_internal_value(self, data):
        refuse_unknown_fields(self, data)
        return super().to_internal_value(data)


class RefuseUnknownFields:
    """Viewset mixin: every write's body is checked against its serializer's fields."""

    def get_serializer(self, *args, **kwargs):
        serializer = super().get_serializer(*args, **kwargs)
        if "data" in kwargs and not getattr(serializer, "many", False):
            refuse_unknown_fields(serializer, kwargs["data"])
        return serializer


class StableOrderingFilter(filters.OrderingFilter):
    """Ends every ordering with the primary key: rows that tie must not move between pages."""

    def get_ordering(self, request, queryset, view):
        ordering = super().get_ordering(request, queryset, view)
        return [*ordering, "pk"] if ordering else ordering


FILTER_BACKENDS = [DjangoFilterBackend, filters.SearchFilter, StableOrderingFilter]

MAX_ID = 2**63 - 1  # the largest id a database column holds (a 64-bit integer)


class IdFilter(django_filters.NumberFilter):
    """An id in the query string: a whole number a database can compare (a huge number or a
    float is a 400, never an overflow and a 500), and no select of every row in the browsable
    API's filter form."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", -MAX_ID)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


class FixedOnUpdate:
    """Serializer mixin: the fields that say where an object belongs (its partner, plan,
    stakeholder) are set on create only; another value on update is a field error, never a
    silent move. List them in `fixed_on_update`."""

    fixed_on_update: tuple[str, ...] = ()

    def validate(self, attrs):
        attrs = super().validate(attrs)
        if self.instance is None:
            return attrs
        errors = {}
        for name in self.fixed_on_update:
            if name in attrs and attrs.pop(name) != getattr(self.instance, name):
                errors[name] = "This cannot be changed; create a new one instead."
        if errors:
            raise serializers.ValidationError(errors)
        return attrs


def is_schema_request(view) -> bool:
    """drf-spectacular builds the schema with a fake view (its request carries the user the
    schema is for, but no object of theirs)."""
    return getattr(view, "swagger_fake_view", False)


def serves_partner_user(view) -> bool:
    """Whether `view` answers a partner user: the request's user, or while the schema is
    generated, the user it is generated for — so each role's schema shows the serializers that
    role receives. Nobody signed in (a schema built offline) counts as staff: the full API."""
    user = getattr(getattr(view, "request", None), "user", None)
    return bool(user is not None and user.is_authenticated and not is_vendor_staff(user))


# A model resource whose writes call the app's services, with the acting user.
#
# Set `create_service`, `update_service` and `delete_service` (functions taking `actor=` and
# keyword arguments), and `instance_argument`: the name under which update and delete pass the
# object (`plan=`, `contact=`). A write without a service answers 405. Override `create_data` /
# `update_data` to shape what the service receives. (A comment, not a docstring: the OpenAPI
# schema would publish a docstring as the description of every resource that has none.)
#
# Concurrent edits: retrieve, create and update answer with an `ETag` (W/"<version>"); update and
# delete honour `If-Match` (412 when it names another version) and a `version` in the body (409);
# both refusals carry the message and the current values. Neither given: unconditional, as HTTP.
# Writes record the token's user as the actor of their audit entries: auditlog's middleware ran
# before DRF authenticated the token, and saw nobody.
class ServiceModelViewSet(ExportListMixin, RefuseUnknownFields, viewsets.ModelViewSet):
    filter_backends = FILTER_BACKENDS
    create_service = update_service = delete_service = None
    instance_argument = "instance"

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if request.user.is_authenticated:
            self._acting = contextlib.ExitStack()
            self._acting.enter_context(acting_as(request.user))

    def finalize_response(self, request, response, *args, **kwargs):
        acting = getattr(self, "_acting", None)
        if acting is not None:
            self._acting = None
            acting.close()
        return super().finalize_response(request, response, *args, **kwargs)

    def retrieve(self, request, *args, **kwargs):
        instance = self.get_object()
        return self._with_etag(Response(self.get_serializer(instance).data), instance)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        self.perform_create(serializer)
        headers = self.get_success_headers(serializer.data)
        response = Response(serializer.data, status=status.HTTP_201_CREATED, headers=headers)
        return self._with_etag(response, serializer.instance)

    def update(self, request, *args, **kwargs):
        instance = self.get_object()
        data = self._checked_data(request, instance)
        serializer = self.get_serializer(instance, data=data, partial=kwargs.pop("partial", False))
        serializer.is_valid(raise_exception=True)
        self.perform_update(serializer)
        return self._with_etag(Response(serializer.data), serializer.instance)

    def destroy(self, request, *args, **kwargs):
        instance = self.get_object()
        self._checked_data(request, instance)
        self.perform_destroy(instance)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @staticmethod
    def _with_etag(response, instance):
        if hasattr(instance, "version"):
            response["ETag"] = etag(instance)
        return response

    def _checked_data(self, request, instance):
        """The request's data without `version`, once `If-Match` and `version` agree with the
        version of `instance`."""
        data = request.data
        if not hasattr(instance, "version"):
            return data
        if_match = request.headers.get("If-Match", "").strip()
        if if_match and if_match != "*":
            versions = {parse_version(tag) for tag in if_match.split(",")}
            if instance.version not in versions:
                raise PreconditionFailed(self._conflict_detail(instance))
        if not (hasattr(data, "keys") and "version" in data):
            return data
        expected = parse_version(data.get("version"))
        if expected is None:
            raise exceptions.ValidationError({"version": ["A version is a positive whole number."]})
        if expected != instance.version:
            raise VersionConflict(self._conflict_detail(instance))
        if hasattr(data, "copy") and hasattr(data, "getlist"):
            data = data.copy()
            data.pop("version")
            return data
        return {key: value for key, value in data.items() if key != "version"}

    def _conflict_detail(self, instance) -> dict:
        current = self.get_serializer(instance).data
        return {"detail": stale_message(instance), "version": instance.version, "current": current}

    def _service(self, name):
        service = getattr(type(self), name)
        if service is None:
            raise exceptions.MethodNotAllowed(self.request.method)
        return service

    def create_data(self, serializer) -> dict:
        return dict(serializer.validated_data)

    def update_data(self, serializer) -> dict:
        return dict(serializer.validated_data)

    def perform_create(self, serializer):
        serializer.instance = call_service(
            self._service("create_service"),
            actor=self.request.user,
            **self.create_data(serializer),
        )

    def perform_update(self, serializer):
        serializer.instance = call_service(
            self._service("update_service"),
            actor=self.request.user,
            **{self.instance_argument: serializer.instance},
            **self.update_data(serializer),
        )

    def perform_destroy(self, instance):
        call_service(
            self._service("delete_service"),
            actor=self.request.user,
            **{self.instance_argument: instance},
        )
