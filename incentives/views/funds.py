"""Market development funds for the channel team: the fund request queue, a request's page with
its claims and proof, the decisions on a request, and the proof files' download."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers

from prm.lib import exports
from prm.lib.access import vendor_staff_required
from prm.lib.htmx import redirect_after_post, render_page_or_partial

from ..forms.funds import FundRequestDecisionForm, FundRequestFilterForm
from ..models import ProofKind
from ..selectors import funds as selectors
from ..services import funds as services

PER_PAGE = 25
CONTENT_TYPES = {
    ProofKind.PDF: "application/pdf",
    ProofKind.PNG: "image/png",
    ProofKind.JPEG: "image/jpeg",
    ProofKind.CSV: "text/csv",
}


def _person(user) -> str:
    return (user.get_full_name() or user.username) if user else ""


# Export headers stay in English like every other export: they are the file's format.
FUND_REQUEST_COLUMNS = [
    exports.column("Partner", "partner.name"),
    exports.column("Program", "program.name"),
    exports.column("Activity", "activity"),
    exports.column("Starts on", "starts_on"),
    exports.column("Ends on", "ends_on"),
    exports.column("Expected results", "expected_results"),
    exports.column("Amount requested", "amount"),
    exports.column("Approved amount", "approved_amount"),
    exports.column("Claimed", "claimed_total"),
    exports.column("Currency", "currency"),
    exports.column("Status", "get_status_display"),
    exports.column("Requested", "created_at"),
    exports.column("Requested by", lambda row: _person(row.requested_by)),
    exports.column("Decided", "decided_at"),
    exports.column("Decided by", lambda row: _person(row.decided_by)),
    exports.column("Reason", "reason"),
]
PORTAL_FUND_REQUEST_COLUMNS = [
    c for c in FUND_REQUEST_COLUMNS if c.header not in ("Partner", "Decided by")
]


@require_GET
@vendor_staff_required
@vary_on_headers("HX-Request")
def fund_request_queue(request):
    form = FundRequestFilterForm(request.GET)
    form.is_valid()
    status = form.cleaned_data.get("status") or ""
    program = form.cleaned_data.get("program")
    fund_requests = selectors.fund_request_queue(status=status, program=program)
    if fmt := exports.requested_format(request):
        return exports.export_response(
            fmt, name="fund-requests", columns=FUND_REQUEST_COLUMNS,
            rows=exports.iterate(fund_requests),
        )  # fmt: skip
    page = Paginator(fund_requests, PER_PAGE).get_page(request.GET.get("page") or 1)
    query = urlencode({key: getattr(value, "pk", value)
                       for key, value in form.cleaned_data.items() if value})  # fmt: skip
    context = {
        "form": form, "page": page, "status": status, "program": program, "query": query,
        "statuses": form.fields["status"].choices[1:],
    }  # fmt: skip
    return render_page_or_partial(
        request, "incentives/fund_request_queue.html", "fund-request-rows", context
    )


@require_GET
@vendor_staff_required
def fund_request_detail(request, pk):
    fund_request = selectors.fund_request_get(user=request.user, pk=pk)
    context = {
        "fund_request": fund_request, "claims": fund_request.claims.all(), "portal": False,
        "base_template": "base.html", "decision_form": FundRequestDecisionForm(
            initial={"approved_amount": fund_request.amount}
        ),
    }  # fmt: skip
    return render(request, "incentives/fund_request_detail.html", context)


def _decide(request, pk, verb):
    fund_request = selectors.fund_request_get(user=request.user, pk=pk)
    form = FundRequestDecisionForm(request.POST)
    form.is_valid()
    data = form.cleaned_data
    try:
        if verb == "approve":
            services.fund_request_approve(
                actor=request.user, fund_request=fund_request,
                approved_amount=data.get("approved_amount"), reason=data.get("reason", ""),
            )  # fmt: skip
        else:
            services.fund_request_reject(
                actor=request.user, fund_request=fund_request, reason=data.get("reason", "")
            )
    except ValidationError as error:
        text = " ".join(message for values in error.message_dict.values() for message in values)
        messages.error(request, f"{fund_request.partner}: {text}")
    else:
        done = _("approved") if verb == "approve" else _("rejected")
        messages.success(
            request,
            _("Fund request of %(partner)s: %(done)s.")
            % {"partner": fund_request.partner, "done": done},
        )
    return redirect_after_post(request, fund_request.get_absolute_url())


@require_POST
@vendor_staff_required
def fund_request_approve(request, pk):
    return _decide(request, pk, "approve")


@require_POST
@vendor_staff_required
def fund_request_reject(request, pk):
    return _decide(request, pk, "reject")


@require_GET
@vendor_staff_required
def proof_download(request, pk):
    return proof_file_response(selectors.proof_get(user=request.user, pk=pk))


def proof_file_response(proof):
    """A proof file as a download, never shown inline: its declared type, `nosniff` so no
    browser guesses another, and no caching outside the user's own browser."""
    try:
        handle = proof.file.open("rb")
    except FileNotFoundError as error:
        raise Http404("The file is missing.") from error
    response = FileResponse(
        handle, as_attachment=True, filename=proof.original_name,
        content_type=CONTENT_TYPES.get(proof.kind, "application/octet-stream"),
    )  # fmt: skip
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
