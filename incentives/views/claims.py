"""Incentive programs and claims: the program pages, the decision queue and the claims the
channel team records for a partner."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from partners.selectors import partner_get_for_user
from prm.lib import exports
from prm.lib.access import vendor_staff_required
from prm.lib.forms import form_submit
from prm.lib.history import CHANGES_SHOWN, object_history_entries
from prm.lib.htmx import redirect_after_post, render_page_or_partial

from ..forms.claims import (
    ClaimDecisionForm,
    ClaimFilterForm,
    ClaimRequestForm,
    IncentiveProgramForm,
    ProgramFilterForm,
)
from ..selectors import claims as selectors
from ..services import claims as services

PER_PAGE = 25
DONE = {"approve": "approved", "reject": "rejected", "pay": "paid"}


# --- internal ---------------------------------------------------------------------------------


PROGRAM_COLUMNS = [
    exports.column("Program", "name"),
    exports.column("Kind", "get_kind_display"),
    exports.column("Targeted behaviour", "get_targeted_behaviour_display"),
    exports.column("Budget", "budget"),
    exports.column("Currency", "currency"),
    exports.column("Committed", "committed"),
    exports.column("Paid", "paid"),
    exports.column("Requested, not decided", "pending"),
    exports.column("Claims", "claim_count"),
    exports.column("Starts on", "starts_on"),
    exports.column("Ends on", "ends_on"),
    exports.column("Eligible tiers", "eligible_tiers"),
]


@require_GET
@vendor_staff_required
@vary_on_headers("HX-Request")
def program_list(request):
    form = ProgramFilterForm(request.GET)
    form.is_valid()
    data = form.cleaned_data
    programs = selectors.program_list(
        kind=data.get("kind", ""), behaviour=data.get("behaviour", ""),
        state=data.get("state", ""),
    )  # fmt: skip
    if fmt := exports.requested_format(request):
        rows = exports.iterate(programs)
        return exports.export_response(fmt, name="programs", columns=PROGRAM_COLUMNS, rows=rows)
    page = Paginator(programs, PER_PAGE).get_page(request.GET.get("page") or 1)
    query = urlencode({key: value for key, value in data.items() if value})
    context = {"form": form, "page": page, "query": query}
    return render_page_or_partial(request, "incentives/program_list.html", "program-rows", context)


def _program_initial(program) -> dict:
    fields = services.PROGRAM_FIELDS
    initial = {field: getattr(program, field) for field in fields}
    initial["eligible_tiers"] = list(program.eligible_tiers.all())
    return initial


def _program_form_page(request, *, program=None):
    initial = _program_initial(program) if program is not None else {}
    form = IncentiveProgramForm(
        request.POST if request.method == "POST" else None,
        initial=initial, versioned=program, initial_for=_program_initial,
    )  # fmt: skip
    context = {"form": form, "program": program}
    if request.method == "GET":
        return render(request, "incentives/program_form.html", context)

    def save(data):
        if program is None:
            return services.incentive_program_create(actor=request.user, **data)
        return services.incentive_program_update(actor=request.user, program=program, **data)

    return form_submit(
        request, form, save, template="incentives/program_form.html", partial="program-form",
        context=context, message=lambda saved: f"Saved the incentive program “{saved.name}”.",
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
@vendor_staff_required
@vary_on_headers("HX-Request")
def program_create(request):
    return _program_form_page(request)


@require_http_methods(["GET", "POST"])
@vendor_staff_required
@vary_on_headers("HX-Request")
def program_update(request, pk):
    return _program_form_page(request, program=selectors.program_get(user=request.user, pk=pk))


@require_POST
@vendor_staff_required
def program_delete(request, pk):
    program = selectors.program_get(user=request.user, pk=pk)
    try:
        services.incentive_program_delete(actor=request.user, program=program)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect_after_post(request, program.get_absolute_url())
    messages.success(request, f"Deleted the incentive program “{program.name}”.")
    return redirect_after_post(request, reverse("incentives:program-list"))


@require_GET
@vendor_staff_required
@vary_on_headers("HX-Request")
def program_detail(request, pk):
    program = selectors.program_get(user=request.user, pk=pk)
    page = Paginator(selectors.claim_queue(program=program), PER_PAGE).get_page(
        request.GET.get("page") or 1
    )
    context = {"program": program, "page": page, "remaining": program.budget - program.committed}
    context["changes"] = object_history_entries(program, limit=CHANGES_SHOWN)
    return render_page_or_partial(request, "incentives/program_detail.html", "claim-rows", context)


@require_GET
@vendor_staff_required
def dashboard_claims_panel(request):
    """The dashboard's claims panels, loaded by htmx after the dashboard itself."""
    return render(request, "incentives/panel_dashboard_claims_body.html",
                  selectors.dashboard_claims_recent())  # fmt: skip


def _person(user) -> str:
    return (user.get_full_name() or user.username) if user else ""


# A claim as the exports give it: the portal's export of a partner's own claims leaves out the
# partner column (`PORTAL_CLAIM_COLUMNS`).
CLAIM_COLUMNS = [
    exports.column("Partner", "partner.name"),
    exports.column("Program", "program.name"),
    exports.column("Description", "description"),
    exports.column("Amount", "amount"),
    exports.column("Currency", "currency"),
    exports.column("Attributed revenue", "attributed_revenue"),
    exports.column("Status", "get_status_display"),
    exports.column("Requested", "created_at"),
    exports.column("Requested by", lambda claim: _person(claim.requested_by)),
    exports.column("Decided", "decided_at"),
    exports.column("Decided by", lambda claim: _person(claim.decided_by)),
    exports.column("Rejection reason", "rejection_reason"),
    exports.column("Paid", "paid_at"),
    exports.column("Payment reference", "payment_reference"),
]
PORTAL_CLAIM_COLUMNS = [c for c in CLAIM_COLUMNS if c.header not in ("Partner", "Decided by")]


@require_GET
@vendor_staff_required
@vary_on_headers("HX-Request")
def claim_queue(request):
    form = ClaimFilterForm(request.GET)
    form.is_valid()
    status = form.cleaned_data.get("status") or ""
    program = form.cleaned_data.get("program")
    claims = selectors.claim_queue(status=status, program=program)
    if fmt := exports.requested_format(request):
        rows = exports.iterate(claims)
        return exports.export_response(fmt, name="claims", columns=CLAIM_COLUMNS, rows=rows)
    page = Paginator(claims, PER_PAGE).get_page(request.GET.get("page") or 1)
    query = urlencode({key: getattr(value, "pk", value)
                       for key, value in form.cleaned_data.items() if value})  # fmt: skip
    context = {
        "form": form, "page": page, "status": status, "program": program, "query": query,
        "statuses": form.fields["status"].choices[1:],
    }  # fmt: skip
    return render_page_or_partial(request, "incentives/claim_queue.html", "claim-rows", context)


def _back_to(request) -> str:
    """Back where the decision was made: the queue (keeping its filters) or the program page."""
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return reverse("incentives:claim-queue")


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
    return redirect_after_post(request, _back_to(request))


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


@require_http_methods(["GET", "POST"])
@vendor_staff_required
@vary_on_headers("HX-Request")
def claim_create(request, slug):
    """A claim recorded by the channel team on the partner's behalf (e.g. sent by email)."""
    partner = partner_get_for_user(user=request.user, slug=slug)
    programs = selectors.programs_eligible_for(partner=partner)
    form = ClaimRequestForm(request.POST if request.method == "POST" else None, programs=programs)
    form.fields["description"].label = "What did the partner do?"
    context = {
        "partner": partner, "form": form, "base_template": "base.html", "portal": False,
        "cancel_url": reverse("partners:partner-tab", args=[partner.slug, "program"]),
    }  # fmt: skip
    if request.method == "GET":
        return render(request, "incentives/claim_form.html", context)
    return form_submit(
        request, form,
        lambda data: services.claim_request(actor=request.user, partner=partner, **data),
        template="incentives/claim_form.html", partial="claim-form", context=context,
        success_url=lambda claim: claim.program.get_absolute_url(),
        message=f"Claim of {partner.name} recorded: it awaits a decision.",
    )  # fmt: skip
