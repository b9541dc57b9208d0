"""Incentive claim pages: the internal decision queue and the partner's portal pages."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRedirect

from partners.selectors import membership_for_user
from prm.lib.access import partner_user_required, vendor_staff_required
from prm.lib.forms import apply_service_errors
from prm.lib.htmx import render_form_errors

from .. import services_claims as services
from ..forms.claims import ClaimDecisionForm, ClaimRequestForm
from ..models import ClaimStatus
from ..selectors import claims as selectors

PER_PAGE = 25
DONE = {"approve": "approved", "reject": "rejected", "pay": "paid"}


# --- internal ---------------------------------------------------------------------------------


@require_GET
@vendor_staff_required
def claim_queue(request):
    status = request.GET.get("status", "")
    if status not in ClaimStatus.values:
        status = ""
    page = Paginator(selectors.claim_queue(status=status), PER_PAGE).get_page(
        request.GET.get("page") or 1
    )
    context = {"page": page, "status": status, "statuses": ClaimStatus.choices}
    return render(request, "incentives/claim_queue.html", context)


def _decide(request, pk, verb):
    claim = selectors.claim_get(user=request.user, pk=pk)
    form = ClaimDecisionForm(request.POST)
    form.is_valid()
    try:
        if verb == "approve":
            services.claim_approve(actor=request.user, claim=claim)
        elif verb == "reject":
            services.claim_reject(
                actor=request.user, claim=claim, reason=form.cleaned_data["reason"]
            )
        else:
            services.claim_pay(
                actor=request.user, claim=claim,
                payment_reference=form.cleaned_data["payment_reference"],
            )  # fmt: skip
    except ValidationError as error:
        text = " ".join(
            message for messages_ in error.message_dict.values() for message in messages_
        )
        messages.error(request, f"{claim.partner}: {text}")
    else:
        messages.success(request, f"Claim of {claim.partner}: {DONE[verb]}.")
    url = reverse("incentives:claim-queue")
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


@require_POST
@vendor_staff_required
def claim_approve(request, pk):
    return _decide(request, pk, "approve")


@require_POST
@vendor_staff_required
def claim_reject(request, pk):
    return _decide(request, pk, "reject")


@require_POST
@vendor_staff_required
def claim_pay(request, pk):
    return _decide(request, pk, "pay")


# --- portal -----------------------------------------------------------------------------------


@require_GET
@partner_user_required
def portal_claim_list(request):
    membership = membership_for_user(user=request.user)
    page = Paginator(selectors.portal_claims(membership=membership), PER_PAGE).get_page(
        request.GET.get("page") or 1
    )
    context = {"membership": membership, "partner": membership.partner, "page": page}
    return render(request, "incentives/claim_portal_list.html", context)


@require_http_methods(["GET", "POST"])
@partner_user_required
@vary_on_headers("HX-Request")
def portal_claim_create(request):
    membership = membership_for_user(user=request.user)
    programs = selectors.programs_eligible_for(partner=membership.partner)
    form = ClaimRequestForm(request.POST if request.method == "POST" else None, programs=programs)
    context = {"membership": membership, "partner": membership.partner, "form": form}
    if request.method == "GET":
        return render(request, "incentives/claim_portal_form.html", context)
    if form.is_valid():
        try:
            services.claim_request(
                actor=request.user, partner=membership.partner, **form.cleaned_data
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, "Claim submitted. We will review it shortly.")
            url = reverse("incentives-portal:claim-list")
            return HttpResponseClientRedirect(url) if request.htmx else redirect(url)
    return render_form_errors(request, "incentives/claim_portal_form.html", "claim-form", context)
