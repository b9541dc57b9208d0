"""Who may open what: internal pages are for vendor staff, the portal for partner users."""

from functools import wraps

from django.contrib.auth.middleware import LoginRequiredMiddleware
from django.core.exceptions import PermissionDenied
from django.http import Http404
from rest_framework import permissions
from rest_framework.views import APIView


class LoginRequiredByDefaultMiddleware(LoginRequiredMiddleware):
    """Every page needs a login unless marked `@login_not_required`.

    API views are left to DRF, which authenticates tokens as well as sessions and answers
    401/403 in JSON instead of redirecting to the login page.
    """

    def process_view(self, request, view_func, view_args, view_kwargs):
        view_class = getattr(view_func, "cls", None)
        if view_class is not None and issubclass(view_class, APIView):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)


STAFF_ONLY_MESSAGE = "This is for the vendor's channel team."


def is_vendor_staff(user) -> bool:
    """Anyone signed in as vendor staff (False for the anonymous user and for None)."""
    return bool(user is not None and user.is_authenticated and user.is_vendor_staff)


def require_vendor_staff(user, message: str = STAFF_ONLY_MESSAGE, *, hide: bool = False) -> None:
    """Services and access functions: only vendor staff go on.

    Anyone else gets `PermissionDenied(message)`, or with `hide` a 404, for internal objects
    whose very existence must not reach a partner user.
    """
    if is_vendor_staff(user):
        return
    if hide:
        raise Http404("Not found.")
    raise PermissionDenied(message)


def vendor_staff_required(view):
    """Internal pages: channel managers and administrators only."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_vendor_staff:
            raise PermissionDenied("This page is for the vendor's channel team.")
        return view(request, *args, **kwargs)

    return wrapped


def partner_user_required(view):
    """Portal pages: partner users only."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_partner_user:
            raise PermissionDenied("The partner portal is for partner users.")
        return view(request, *args, **kwargs)

    return wrapped


class IsVendorStaff(permissions.BasePermission):
    message = "This resource is for the vendor's channel team."

    def has_permission(self, request, view):
        return bool(request.user and request.user.is_authenticated and request.user.is_vendor_staff)


class IsVendorStaffOrPartnerUser(permissions.BasePermission):
    """Staff and partner users alike (each resource scopes what a partner user sees)."""

    def has_permission(self, request, view):
        user = request.user
        return bool(
            user and user.is_authenticated and (user.is_vendor_staff or user.is_partner_user)
        )


class IsVendorStaffOrPartnerReadOnly(permissions.BasePermission):
    """Staff read and write; partner users read (their own scope is applied by the queryset)."""

    def has_permission(self, request, view):
        user = request.user
        if not (user and user.is_authenticated):
            return False
        if user.is_vendor_staff:
            return True
        return user.is_partner_user and request.method in permissions.SAFE_METHODS
