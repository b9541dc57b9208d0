"""The channel team's side of people corrections: the queue, the partner page's panel, and the
accept / reject decisions (accepting applies the change to the partner's people)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers

from prm.lib.access import vendor_staff_required
from prm.lib.htmx import redirect_after_post, render_page_or_partial

from .. import selectors, services
from ..forms.corrections import CorrectionFilterForm, CorrectionRejectForm

PER_PAGE = 50


@require_GET
@vendor_staff_required
@vary_on_headers("HX-Request")
def correction_queue(request):
    form = CorrectionFilterForm(request.GET)
    form.is_valid()
    status = form.cleaned_data.get("status") or ""
    corrections = selectors.correction_queue(status=status)
    page = Paginator(corrections, PER_PAGE).get_page(request.GET.get("page") or 1)
    context = {
        "page": page, "status": status, "statuses": form.fields["status"].choices[1:],
        "query": f"status={status}" if status else "", "next": request.get_full_path(),
    }  # fmt: skip
    return render_page_or_partial(request, "partners/correction_queue.html", "correction-rows",
                                  context)  # fmt: skip


@require_GET
@vendor_staff_required
def partner_corrections(request, slug):
    """The open corrections of one partner, loaded into its org chart tab."""
    partner = selectors.partner_get_for_user(user=request.user, slug=slug)
    context = {
        "partner": partner, "corrections": selectors.open_corrections(partner=partner),
        "next": reverse("partners:partner-tab", args=[partner.slug, "org-chart"]),
    }  # fmt: skip
    return render(request, "partners/partner_corrections.html", context)


def _back_to(request) -> str:
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return reverse("partners:correction-queue")


def _decide(request, pk, accept: bool):
    correction = selectors.correction_get(user=request.user, pk=pk)
    try:
        if accept:
            services.contact_correction_accept(actor=request.user, correction=correction)
        else:
            form = CorrectionRejectForm(request.POST)
            form.is_valid()
            services.contact_correction_reject(
                actor=request.user, correction=correction, reason=form.cleaned_data["reason"]
            )
    except ValidationError as error:
        text = " ".join(error.messages)
        messages.error(request, f"{correction.partner}: {text}")
    else:
        done = _("accepted and applied") if accept else _("rejected")
        messages.success(request, f"{correction.partner}: {correction} — {done}.")
    return redirect_after_post(request, _back_to(request))


@require_POST
@vendor_staff_required
def correction_accept(request, pk):
    return _decide(request, pk, accept=True)


@require_POST
@vendor_staff_required
def correction_reject(request, pk):
    return _decide(request, pk, accept=False)
