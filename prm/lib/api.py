"""What every app's API is made of: filters, service calls and a viewset whose writes go through
the app's services (never `serializer.save()`)."""

import contextlib

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import exceptions, filters, serializers, status, viewsets
from rest_framework.response import Response

from .audit import acting_as
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


def call_service(function, **kwargs):
    """Run a service, turning its Django errors into DRF's 400 (with field errors) and 403."""
    try:
        return function(**kwargs)
    except StaleVersion as error:
        raise VersionConflict({"detail": error.message}) from error
    except DjangoValidationError as error:
        detail = error.message_dict if hasattr(error, "error_dict") else error.messages
        raise exceptions.ValidationError(detail) from error
    except DjangoPermissionDenied as error:
        raise exceptions.PermissionDenied(str(error)) from error


class StableOrderingFilter(filters.OrderingFilter):
    """Ends every ordering with the primary key: rows that tie must not move between pages."""

    def get_ordering(self, request, queryset, view):
        ordering = super().get_ordering(request, queryset, view)
        return [*ordering, "pk"] if ordering else ordering


FILTER_BACKENDS = [DjangoFilterBackend, filters.SearchFilter, StableOrderingFilter]


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
    """drf-spectacular builds the schema with a fake view that has no real user."""
    return getattr(view, "swagger_fake_view", False)


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
class ServiceModelViewSet(viewsets.ModelViewSet):
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
