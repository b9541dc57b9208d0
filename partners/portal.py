"""Portal pages for partner users: their company only, and only portal-safe fields."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from django.views.decorators.vary import vary_on_headers

from prm import panels
from prm.lib.access import partner_user_required
from prm.lib.forms import form_submit

from . import selectors, services
from .forms.registry import PartnerProfileForm

# The portal's profile form is the partner form, with the portal's layout and fields.
FORM = "partners/partner_form.html"
PROFILE_INTRO = "What we know about {partner.name}. Keep it current so we can support you better."


@require_GET
@partner_user_required
def portal_home(request):
    membership = selectors.membership_for_user(user=request.user)
    context = {
        "membership": membership,
        "partner": membership.partner,
        "panels": panels.render_panels("portal_home", request, membership),
    }
    return render(request, "portal/home.html", context)


@require_http_methods(["GET", "POST"])
@partner_user_required
@vary_on_headers("HX-Request")
def portal_profile_edit(request):
    membership = selectors.membership_for_user(user=request.user)
    if not membership.is_partner_admin:
        raise PermissionDenied("Only your company's partner admin can edit the profile.")
    partner = membership.partner
    # Not `request.POST or None`: a POST whose fields are all blank is still a submission.
    form = PartnerProfileForm(request.POST if request.method == "POST" else None, instance=partner)
    context = {
        "form": form, "partner": partner, "membership": membership,
        "layout": "portal/base.html", "portal": True, "heading": _("Company profile"),
        "intro": PROFILE_INTRO.format(partner=partner),
        "form_id": "profile-form", "action": request.path, "submit_label": "Save profile",
        "cancel_url": reverse("portal:home"),
    }  # fmt: skip
    if request.method == "POST":
        return form_submit(
            request,
            form,
            lambda data: services.partner_profile_update(
                membership=membership, actor=request.user, **data
            ),
            template=FORM,
            partial="partner-form",
            context=context,
            success_url=reverse("portal:home"),
            message=_("Your company profile was saved."),
        )
    return render(request, FORM, context)
