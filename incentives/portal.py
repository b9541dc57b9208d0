"""Portal pages of the partner program: the partner's tier and resources, its people's
certifications and the rules of engagement, its incentive claims. Everything is read through
the user's own membership, never from an id in the URL alone."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from partners.selectors import membership_for_user, portal_contributor_required
from prm import panels
from prm.lib import exports
from prm.lib.access import partner_user_required
from prm.lib.forms import form_submit
from prm.lib.htmx import redirect_after_post, render_page_or_partial

from .forms.claims import ClaimRequestForm
from .forms.enablement import CertificationRequestForm
from .forms.funds import FundClaimForm, FundRequestForm, ProofUploadForm
from .selectors import claims as claim_selectors
from .selectors import enablement as enablement_selectors
from .selectors import funds as fund_selectors
from .selectors import program as program_selectors
from .services import claims as claim_services
from .services import enablement as enablement_services
from .services import funds as fund_services
from .views.claims import PORTAL_CLAIM_COLUMNS
from .views.enablement import PORTAL_CERTIFICATION_COLUMNS
from .views.funds import PORTAL_FUND_REQUEST_COLUMNS, proof_file_response
from .views.program import PORTAL_RESOURCE_COLUMNS, resource_file_response

PER_PAGE = 25


def _portal_context(request, **extra):
    membership = membership_for_user(user=request.user)
    return {"membership": membership, "partner": membership.partner, **extra}


# --- program: the partner's tier and the resources it allows ------------------------------------


@require_GET
@partner_user_required
def tier(request):
    membership = membership_for_user(user=request.user)
    partner = membership.partner
    context = {
        "membership": membership,
        "partner": partner,
        "sections": panels.render_panels("portal_tier", request, membership),
        "benefits": list(program_selectors.benefits_for_tier(partner.tier)),
    }
    return render(request, "incentives/tier_portal.html", context)


@require_GET
@partner_user_required
def resource_list(request):
    membership = membership_for_user(user=request.user)
    resources = program_selectors.portal_resources(membership=membership)
    if fmt := exports.requested_format(request):
        return exports.export_response(
            fmt, name="resources", columns=PORTAL_RESOURCE_COLUMNS, rows=exports.iterate(resources)
        )
    context = {
        "membership": membership,
        "partner": membership.partner,
        "resources": list(resources),
    }
    return render(request, "incentives/resource_portal_list.html", context)


@require_GET
@partner_user_required
def resource_download(request, pk):
    membership = membership_for_user(user=request.user)
    resource = program_selectors.portal_resource_get(membership=membership, pk=pk)
    return resource_file_response(resource)


# --- enablement: certifications and the rules of engagement -------------------------------------


@require_GET
@partner_user_required
def certification_list(request):
    context = _portal_context(request)
    certifications = enablement_selectors.portal_certifications(membership=context["membership"])
    if fmt := exports.requested_format(request):
        return exports.export_response(
            fmt, name="certifications", columns=PORTAL_CERTIFICATION_COLUMNS,
            rows=exports.iterate(certifications),
        )  # fmt: skip
    page = Paginator(certifications, PER_PAGE).get_page(request.GET.get("page") or 1)
    context["page"] = page
    return render(request, "incentives/certification_portal_list.html", context)


@require_http_methods(["GET", "POST"])
@partner_user_required
@portal_contributor_required
@vary_on_headers("HX-Request")
def certification_request(request):
    context = _portal_context(request)
    contacts = enablement_selectors.portal_contacts(membership=context["membership"])
    form = CertificationRequestForm(
        request.POST if request.method == "POST" else None, contacts=contacts
    )
    context["form"] = form
    if request.method == "GET":
        return render(request, "incentives/certification_portal_form.html", context)
    return form_submit(
        request, form,
        lambda data: enablement_services.certification_request(actor=request.user, **data),
        template="incentives/certification_portal_form.html", partial="certification-form",
        context=context, success_url=reverse("incentives-portal:certification-list"),
        message=_("Request sent. We will review it shortly."),
    )  # fmt: skip


def _acknowledge(request) -> None:
    rules = enablement_selectors.current_rules()
    if rules is None:
        messages.error(request, _("There are no rules to acknowledge yet."))
        return
    try:
        enablement_services.rules_acknowledge(actor=request.user, rules=rules)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("Thank you: version %(version)s acknowledged.") % {"version": rules.version}
        )


@require_http_methods(["GET", "POST"])
@partner_user_required
def rules(request):
    """The current rules; POST acknowledges them for the user's company."""
    if request.method == "POST":
        _acknowledge(request)
        return redirect_after_post(request, reverse("incentives-portal:rules"))
    context = _portal_context(request, rules=enablement_selectors.current_rules())
    context["acknowledgement"] = enablement_selectors.portal_acknowledgement(
        membership=context["membership"], rules=context["rules"]
    )
    return render(request, "incentives/rules_portal_detail.html", context)


# --- claims: the partner's incentive claims -----------------------------------------------------


@require_GET
@partner_user_required
@vary_on_headers("HX-Request")
def claim_list(request):
    membership = membership_for_user(user=request.user)
    claims = claim_selectors.portal_claims(membership=membership)
    if fmt := exports.requested_format(request):
        return exports.export_response(
            fmt, name="claims", columns=PORTAL_CLAIM_COLUMNS, rows=exports.iterate(claims)
        )
    page = Paginator(claims, PER_PAGE).get_page(request.GET.get("page") or 1)
    context = {"membership": membership, "partner": membership.partner, "page": page}
    return render_page_or_partial(
        request, "incentives/claim_portal_list.html", "claim-rows", context
    )


@require_http_methods(["GET", "POST"])
@partner_user_required
@portal_contributor_required
@vary_on_headers("HX-Request")
def claim_create(request):
    membership = membership_for_user(user=request.user)
    programs = claim_selectors.programs_eligible_for(partner=membership.partner)
    form = ClaimRequestForm(request.POST if request.method == "POST" else None, programs=programs)
    context = {
        "membership": membership, "partner": membership.partner, "form": form,
        "base_template": "portal/base.html", "portal": True,
        "cancel_url": reverse("incentives-portal:claim-list"),
    }  # fmt: skip
    if request.method == "GET":
        return render(request, "incentives/claim_form.html", context)
    partner = membership.partner
    return form_submit(
        request, form,
        lambda data: claim_services.claim_request(actor=request.user, partner=partner, **data),
        template="incentives/claim_form.html", partial="claim-form", context=context,
        success_url=reverse("incentives-portal:claim-list"),
        message=_("Claim submitted. We will review it shortly."),
    )  # fmt: skip


# --- market development funds: fund requests, their claims and proof ------------------------


def _require_may_request(membership) -> None:
    """Read-only portal roles see the partner's funds but ask for and claim none."""
    if not fund_services.role_may_request(membership.role):
        raise PermissionDenied(_("Your role may read fund requests but not make them."))


@require_GET
@partner_user_required
@vary_on_headers("HX-Request")
def fund_request_list(request):
    membership = membership_for_user(user=request.user)
    fund_requests = fund_selectors.portal_fund_requests(membership=membership)
    if fmt := exports.requested_format(request):
        return exports.export_response(
            fmt, name="fund-requests", columns=PORTAL_FUND_REQUEST_COLUMNS,
            rows=exports.iterate(fund_requests),
        )  # fmt: skip
    page = Paginator(fund_requests, PER_PAGE).get_page(request.GET.get("page") or 1)
    context = _portal_context(request, page=page, may_request=_may_request(membership))
    return render_page_or_partial(
        request, "incentives/fund_request_portal_list.html", "fund-request-rows", context
    )


def _may_request(membership) -> bool:
    return fund_services.role_may_request(membership.role)


@require_http_methods(["GET", "POST"])
@partner_user_required
@vary_on_headers("HX-Request")
def fund_request_create(request):
    membership = membership_for_user(user=request.user)
    _require_may_request(membership)
    partner = membership.partner
    programs = fund_selectors.mdf_programs_for(partner=partner)
    form = FundRequestForm(request.POST if request.method == "POST" else None, programs=programs)
    context = _portal_context(request, form=form)
    if request.method == "GET":
        return render(request, "incentives/fund_request_portal_form.html", context)
    return form_submit(
        request, form,
        lambda data: fund_services.fund_request_create(actor=request.user, partner=partner, **data),
        template="incentives/fund_request_portal_form.html", partial="fund-request-form",
        context=context, success_url=lambda saved: saved.get_portal_url(),
        message=_("Fund request sent. We will review it shortly."),
    )  # fmt: skip


@require_GET
@partner_user_required
def fund_request_detail(request, pk):
    membership = membership_for_user(user=request.user)
    fund_request = fund_selectors.portal_fund_request_get(membership=membership, pk=pk)
    context = _portal_context(
        request, fund_request=fund_request, claims=fund_request.claims.all(), portal=True,
        base_template="portal/base.html", may_request=_may_request(membership),
        proof_form=ProofUploadForm(),
    )  # fmt: skip
    return render(request, "incentives/fund_request_detail.html", context)


@require_http_methods(["GET", "POST"])
@partner_user_required
@vary_on_headers("HX-Request")
def fund_request_claim(request, pk):
    """Claim the approved funds, with proof of performance attached."""
    membership = membership_for_user(user=request.user)
    fund_request = fund_selectors.portal_fund_request_get(membership=membership, pk=pk)
    _require_may_request(membership)
    bound = request.method == "POST"
    form = FundClaimForm(request.POST if bound else None, request.FILES if bound else None)
    if not bound:
        form.initial["amount"] = fund_request.claimable or None
    context = _portal_context(request, form=form, fund_request=fund_request)
    if request.method == "GET":
        return render(request, "incentives/fund_request_claim_form.html", context)
    return form_submit(
        request, form,
        lambda data: fund_services.fund_request_claim(
            actor=request.user, fund_request=fund_request, **data
        ),
        template="incentives/fund_request_claim_form.html", partial="fund-claim-form",
        context=context, success_url=fund_request.get_portal_url(),
        message=_("Claim submitted with its proof. We will review it shortly."),
    )  # fmt: skip


@require_POST
@partner_user_required
def fund_request_cancel(request, pk):
    membership = membership_for_user(user=request.user)
    fund_request = fund_selectors.portal_fund_request_get(membership=membership, pk=pk)
    _require_may_request(membership)
    try:
        fund_services.fund_request_cancel(actor=request.user, fund_request=fund_request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Fund request cancelled."))
    return redirect_after_post(request, fund_request.get_portal_url())


@require_POST
@partner_user_required
def claim_proof_upload(request, pk):
    """More proof for one of the partner's claims not decided yet."""
    membership = membership_for_user(user=request.user)
    claim = claim_selectors.portal_claim_get(membership=membership, pk=pk)
    _require_may_request(membership)
    form = ProofUploadForm(request.POST, request.FILES)
    back = (
        claim.fund_request.get_portal_url()
        if claim.fund_request_id
        else reverse("incentives-portal:claim-list")
    )
    if not form.is_valid():
        messages.error(request, " ".join(m for ms in form.errors.values() for m in ms))
        return redirect_after_post(request, back)
    try:
        fund_services.proof_attach(
            actor=request.user, claim=claim, files=form.cleaned_data["files"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Proof added to the claim."))
    return redirect_after_post(request, back)


@require_GET
@partner_user_required
def proof_download(request, pk):
    return proof_file_response(fund_selectors.proof_get(user=request.user, pk=pk))
