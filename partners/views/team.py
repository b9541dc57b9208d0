"""The portal team: a partner admin manages their colleagues' logins at /portal/team/, vendor
staff the same from the partner page's "Portal users" tab; and the public page where an
invitee accepts their invitation and signs in.

Every change is a plain POST that redirects back with a message (the pages work without
JavaScript); an invalid invitation on the portal page comes back as the page with status 422.
"""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from prm.lib.access import partner_user_required, vendor_staff_required
from prm.lib.forms import apply_service_errors

from .. import selectors, services
from ..forms.team import InvitationAcceptForm, InviteForm, RoleForm
from ..models import Partner, PartnerMembership

PORTAL_TEMPLATE = "partners/team_portal.html"
ACCEPT_TEMPLATE = "partners/invitation_accept.html"


# --- what both sides show ----------------------------------------------------------------------


def _actions(prefix: str, args: list, pk: int, names) -> dict:
    return {name.replace("-", "_"): reverse(f"{prefix}{name}", args=[*args, pk]) for name in names}


def team_context(*, partner: Partner, viewer, portal: bool) -> dict:
    """The team list with the URL of each action (portal or internal): two queries."""
    prefix, args = ("portal:team-", []) if portal else ("partners:team-", [partner.slug])
    member_actions = ("member-role", "member-deactivate", "member-reactivate")
    members = []
    for membership in selectors.team_memberships(partner=partner):
        membership.urls = _actions(prefix, args, membership.pk, member_actions)
        membership.is_self = membership.user_id == viewer.pk
        members.append(membership)
    invitations = []
    for invitation in selectors.team_invitations(partner=partner):
        invitation.urls = _actions(
            prefix, args, invitation.pk, ("invitation-resend", "invitation-revoke")
        )
        invitations.append(invitation)
    return {
        "team_partner": partner, "members": members, "invitations": invitations,
        "roles": PartnerMembership.Role.choices,
        "invite_url": reverse(f"{prefix}invite", args=args),
        "exited": partner.has_exited() or partner.status == Partner.Status.EXITED,
    }  # fmt: skip


def team_tab_context(request, partner) -> dict:
    """The partner page's "Portal users" tab (vendor staff)."""
    team = team_context(partner=partner, viewer=request.user, portal=False)
    return {"team": team, "form": InviteForm()}


def _run(request, service, success: str, **kwargs):
    """Call a team service; its refusal (ValidationError) becomes an error message."""
    try:
        result = service(actor=request.user, **kwargs)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return None
    messages.success(request, success)
    return result


def _role(request) -> str | None:
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose partner admin, member or viewer."))
        return None
    return form.cleaned_data["role"]


def _change_role(request, membership):
    role = _role(request)
    if role is not None:
        label = dict(PartnerMembership.Role.choices)[role]
        done = _("%(user)s is now %(role)s.") % {"user": membership.user, "role": label}
        _run(request, services.membership_set_role, done, membership=membership, role=role)


def _set_active(request, membership, active: bool):
    if active:
        _run(request, services.membership_reactivate, _("%(user)s can sign in again.")
             % {"user": membership.user}, membership=membership)  # fmt: skip
    else:
        _run(request, services.membership_deactivate, _("%(user)s is deactivated.")
             % {"user": membership.user}, membership=membership)  # fmt: skip


def _resend(request, invitation):
    _run(request, services.invitation_resend, _("Invitation sent again to %(email)s.")
         % {"email": invitation.email}, invitation=invitation)  # fmt: skip


def _revoke(request, invitation):
    _run(request, services.invitation_revoke, _("Invitation to %(email)s revoked.")
         % {"email": invitation.email}, invitation=invitation)  # fmt: skip


def _invited(email: str) -> str:
    return _("Invitation sent to %(email)s.") % {"email": email}


# --- the portal: a partner admin's own team ----------------------------------------------------


def _portal_admin(request):
    membership = selectors.membership_for_user(user=request.user)
    selectors.team_partner_for(user=request.user, partner=membership.partner)
    return membership


def _portal_page(request, membership, form, status=200):
    context = {
        "membership": membership, "partner": membership.partner, "form": form,
        "team": team_context(partner=membership.partner, viewer=request.user, portal=True),
    }  # fmt: skip
    return render(request, PORTAL_TEMPLATE, context, status=status)


@require_GET
@partner_user_required
def portal_team(request):
    membership = _portal_admin(request)
    return _portal_page(request, membership, InviteForm())


@require_POST
@partner_user_required
def portal_team_invite(request):
    membership = _portal_admin(request)
    form = InviteForm(request.POST)
    if form.is_valid():
        try:
            services.invitation_create(
                actor=request.user, partner=membership.partner, **form.cleaned_data
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _invited(form.cleaned_data["email"]))
            return redirect("portal:team")
    return _portal_page(request, membership, form, status=422)


@require_POST
@partner_user_required
def portal_member_role(request, pk):
    _change_role(request, selectors.team_membership_get(user=request.user, pk=pk))
    return redirect("portal:team")


@require_POST
@partner_user_required
def portal_member_deactivate(request, pk):
    _set_active(request, selectors.team_membership_get(user=request.user, pk=pk), False)
    return redirect("portal:team")


@require_POST
@partner_user_required
def portal_member_reactivate(request, pk):
    _set_active(request, selectors.team_membership_get(user=request.user, pk=pk), True)
    return redirect("portal:team")


@require_POST
@partner_user_required
def portal_invitation_resend(request, pk):
    _resend(request, selectors.team_invitation_get(user=request.user, pk=pk))
    return redirect("portal:team")


@require_POST
@partner_user_required
def portal_invitation_revoke(request, pk):
    _revoke(request, selectors.team_invitation_get(user=request.user, pk=pk))
    return redirect("portal:team")


# --- vendor staff: any partner's team, from the partner page ----------------------------------


def _partner(slug) -> Partner:
    return get_object_or_404(selectors.partners(), slug=slug)


def _tab(partner) -> str:
    return reverse("partners:partner-tab", args=[partner.slug, "portal-users"])


def _staff_membership(request, partner, pk):
    membership = selectors.team_membership_get(user=request.user, pk=pk)
    if membership.partner_id != partner.pk:
        raise Http404("Not found.")
    return membership


def _staff_invitation(request, partner, pk):
    invitation = selectors.team_invitation_get(user=request.user, pk=pk)
    if invitation.partner_id != partner.pk:
        raise Http404("Not found.")
    return invitation


@require_POST
@vendor_staff_required
def team_invite(request, slug):
    partner = _partner(slug)
    form = InviteForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return redirect(_tab(partner))
    _run(request, services.invitation_create, _invited(form.cleaned_data["email"]),
         partner=partner, **form.cleaned_data)  # fmt: skip
    return redirect(_tab(partner))


@require_POST
@vendor_staff_required
def team_member_role(request, slug, pk):
    partner = _partner(slug)
    _change_role(request, _staff_membership(request, partner, pk))
    return redirect(_tab(partner))


@require_POST
@vendor_staff_required
def team_member_deactivate(request, slug, pk):
    partner = _partner(slug)
    _set_active(request, _staff_membership(request, partner, pk), False)
    return redirect(_tab(partner))


@require_POST
@vendor_staff_required
def team_member_reactivate(request, slug, pk):
    partner = _partner(slug)
    _set_active(request, _staff_membership(request, partner, pk), True)
    return redirect(_tab(partner))


@require_POST
@vendor_staff_required
def team_invitation_resend(request, slug, pk):
    partner = _partner(slug)
    _resend(request, _staff_invitation(request, partner, pk))
    return redirect(_tab(partner))


@require_POST
@vendor_staff_required
def team_invitation_revoke(request, slug, pk):
    partner = _partner(slug)
    _revoke(request, _staff_invitation(request, partner, pk))
    return redirect(_tab(partner))


# --- the invitee: a public page --------------------------------------------------------------


def _unusable(request, error):
    """A link that cannot be used: why, and what to do (404 for a made-up link, 410 Gone for
    one that worked once)."""
    context = {"problem": error.messages[0], "code": error.code}
    return render(request, ACCEPT_TEMPLATE, context, status=404 if error.code == "invalid" else 410)


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def invitation_accept(request, token):
    """Choose a name and password, and be signed in. A link that cannot be used says why."""
    try:
        invitation = services.invitation_check(token=token)
    except services.InvitationInvalid as error:
        return _unusable(request, error)
    form = InvitationAcceptForm(request.POST if request.method == "POST" else None)
    context = {"invitation": invitation, "form": form}
    if request.method == "GET" or not form.is_valid():
        return render(request, ACCEPT_TEMPLATE, context, status=200 if not form.is_bound else 422)
    try:
        user = services.invitation_accept(token=token, **form.service_data())
    except services.InvitationInvalid as error:
        return _unusable(request, error)
    except ValidationError as error:
        apply_service_errors(form, error)
        return render(request, ACCEPT_TEMPLATE, context, status=422)
    login(request, user, backend="prm.auth.CachedModelBackend")
    messages.success(request, _("Welcome to the %(partner)s portal.") % {
        "partner": invitation.partner.name
    })  # fmt: skip
    return redirect("portal:home")
