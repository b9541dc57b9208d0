"""Portal pages for partner users: their company only, and only portal-safe fields."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
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
# The portal home's parts, top to bottom: what needs the partner, where its deals and claims
# stand, its place in the program, its company. A panel names its part when it registers;
# one that names none (or an unknown one) joins DEFAULT_SECTION.
HOME_SECTIONS = (
    ("needs", ""),  # the "Needs you" panel heads the page and carries its own title
    ("status", _("Your deals and claims")),
    ("program", _("Your program")),
    ("company", _("Your company")),
)
DEFAULT_SECTION = "program"


def home_sections(rendered) -> list[dict]:
    """The rendered panels grouped into the home's parts, in order; empty parts left out."""
    known = {key for key, _title in HOME_SECTIONS}
    grouped = {key: [] for key in known}
    for item in rendered:
        section = item["panel"].section
        grouped[section if section in known else DEFAULT_SECTION].append(item)
    return [
        {"key": key, "title": title, "panels": grouped[key]}
        for key, title in HOME_SECTIONS
        if grouped[key]
    ]


@require_GET
@partner_user_required
def portal_home(request):
    membership = selectors.membership_for_user(user=request.user)
    context = {
        "membership": membership,
        "partner": membership.partner,
        "sections": home_sections(panels.render_panels("portal_home", request, membership)),
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
        "layout": "portal/base.html", "portal": True, "heading": "Company profile",
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
            message="Your company profile was saved.",
        )
    return render(request, FORM, context)
