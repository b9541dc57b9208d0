"""Portal pages for partner users: their company only, and only portal-safe fields."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods
from django.views.decorators.vary import vary_on_headers

from prm import panels
from prm.lib.access import partner_user_required
from prm.lib.forms import form_submit

from . import selectors, services
from .forms.corrections import CorrectionProposeForm
from .forms.registry import PartnerProfileForm
from .models import CorrectionKind
from .selectors import portal_contributor_required

# The portal's profile form is the partner form, with the portal's layout and fields.
FORM = "partners/partner_form.html"
PROFILE_INTRO = "What we know about {partner.name}. Keep it current so we can support you better."
# The portal home's parts, top to bottom: what needs the partner, where its deals and claims
# stand, its place in the program, its company. A panel names its part when it registers;
# one that names none (or an unknown one) joins DEFAULT_SECTION.
HOME_SECTIONS = (
    ("needs", ""),  # the "Needs you" panel heads the page and carries its own title
    ("status", gettext_lazy("Your deals and claims")),
    ("program", gettext_lazy("Your program")),
    ("company", gettext_lazy("Your company")),
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
@portal_contributor_required
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


# --- the partner's people, and their corrections ------------------------------------------------

CORRECTION_FORM = "partners/portal_correction_form.html"
CORRECTION_HEADINGS = {
    CorrectionKind.NEW_PERSON: gettext_lazy("Add a new colleague"),
    CorrectionKind.LEFT: gettext_lazy("Someone has left"),
    CorrectionKind.NEW_TITLE: gettext_lazy("A new title or unit"),
}


@require_GET
@partner_user_required
def portal_people(request):
    """The company's people still there and its units: facts only, never our assessment."""
    membership = selectors.membership_for_user(user=request.user)
    partner = membership.partner
    context = {
        "membership": membership, "partner": partner,
        "people": list(selectors.portal_people(partner=partner)),
        "units": list(selectors.portal_units(partner=partner)),
        "corrections": list(selectors.portal_corrections(partner=partner)),
        "may_propose": selectors.may_propose_corrections(membership),
    }  # fmt: skip
    return render(request, "partners/portal_people.html", context)


@require_http_methods(["GET", "POST"])
@partner_user_required
@vary_on_headers("HX-Request")
def portal_correction_propose(request, kind):
    membership = selectors.membership_for_user(user=request.user)
    if kind not in CorrectionKind.values:
        raise Http404("No such correction.")
    if not selectors.may_propose_corrections(membership):
        raise PermissionDenied(_("Only your company's partner admin can propose corrections."))
    partner = membership.partner
    data = request.POST if request.method == "POST" else None
    form = CorrectionProposeForm(
        data, kind=kind, people=selectors.portal_people(partner=partner),
        units=selectors.org_units(partner=partner), initial={"contact": request.GET.get("contact")},
    )  # fmt: skip
    context = {
        "form": form, "partner": partner, "membership": membership, "kind": kind,
        "heading": CORRECTION_HEADINGS[kind], "action": request.get_full_path(),
    }  # fmt: skip
    if request.method == "POST":
        return form_submit(
            request, form,
            lambda data: services.contact_correction_propose(
                actor=request.user, partner=partner, **data
            ),
            template=CORRECTION_FORM, partial="correction-form", context=context,
            success_url=reverse("portal:people") + "#corrections",
            message=_("Thank you: the channel team will review your correction."),
        )  # fmt: skip
    return render(request, CORRECTION_FORM, context)


# --- announcements ---------------------------------------------------------------------------


@require_GET
@partner_user_required
def portal_announcements(request):
    membership = selectors.membership_for_user(user=request.user)
    context = {
        "membership": membership, "partner": membership.partner,
        "announcements": list(selectors.announcements_for_partner(partner=membership.partner)),
    }  # fmt: skip
    return render(request, "partners/portal_announcements.html", context)
