"""Deal registration pages: the internal decision queue and the partner's portal pages."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from partners.selectors import membership_for_user
from prm.lib.access import partner_user_required, vendor_staff_required
from prm.lib.forms import apply_service_errors
from prm.lib.htmx import redirect_after_post, render_form_errors, render_page_or_partial

from ..forms.deals import DealApproveForm, DealQueueFilterForm, DealRegisterForm, DealRejectForm
from ..models import DealStatus
from ..selectors import deals as selectors
from ..services import deals as services

PER_PAGE = 25


# --- internal ---------------------------------------------------------------------------------


@require_GET
@vendor_staff_required
@vary_on_headers("HX-Request")
def deal_list(request):
    form = DealQueueFilterForm(request.GET)
    form.is_valid()  # a bad filter narrows nothing; the form shows what was wrong
    status = form.cleaned_data.get("status") or ""
    partner = form.cleaned_data.get("partner")
    page = Paginator(selectors.deal_queue(status=status, partner=partner), PER_PAGE).get_page(
        request.GET.get("page") or 1
    )
    query = QueryDict(mutable=True)
    if status:
        query["status"] = status
    if partner:
        query["partner"] = partner.slug
    counts = selectors.queue_counts()
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "counts": counts,
        "status": status,
        "statuses": [(value, label, counts[value]) for value, label in DealStatus.choices],
    }
    return render_page_or_partial(request, "performance/deal_list.html", "deal-rows", context)


def _detail_context(deal, *, approve_form=None, reject_form=None):
    return {
        "deal": deal,
        "conflicts": [*deal.conflicts.all(), *deal.conflicted_by.all()],
        "approve_form": approve_form or DealApproveForm(),
        "reject_form": reject_form or DealRejectForm(),
    }


@require_GET
@vendor_staff_required
def deal_detail(request, pk):
    deal = selectors.deal_get(user=request.user, pk=pk)
    return render(request, "performance/deal_detail.html", _detail_context(deal))


@require_POST
@vendor_staff_required
@vary_on_headers("HX-Request")
def deal_approve(request, pk):
    deal = selectors.deal_get(user=request.user, pk=pk)
    form = DealApproveForm(request.POST)
    if form.is_valid():
        try:
            services.deal_approve(
                actor=request.user, deal=deal, protection_days=form.cleaned_data["protection_days"]
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, f"Approved: {deal.customer_name} is protected.")
            return redirect_after_post(request, deal.get_absolute_url())
    return render_form_errors(
        request, "performance/deal_detail.html", "deal-decision",
        _detail_context(deal, approve_form=form),
    )  # fmt: skip


@require_POST
@vendor_staff_required
@vary_on_headers("HX-Request")
def deal_reject(request, pk):
    deal = selectors.deal_get(user=request.user, pk=pk)
    form = DealRejectForm(request.POST)
    if form.is_valid():
        try:
            services.deal_reject(actor=request.user, deal=deal, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, f"Rejected: {deal.customer_name}. The partner sees why.")
            return redirect_after_post(request, deal.get_absolute_url())
    return render_form_errors(
        request, "performance/deal_detail.html", "deal-decision",
        _detail_context(deal, reject_form=form),
    )  # fmt: skip


def _close(request, pk, service, verb):
    deal = selectors.deal_get(user=request.user, pk=pk)
    try:
        service(actor=request.user, deal=deal)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{deal.customer_name} marked {verb}.")
    return redirect_after_post(request, deal.get_absolute_url())


@require_POST
@vendor_staff_required
def deal_won(request, pk):
    return _close(request, pk, services.deal_mark_won, "won")


@require_POST
@vendor_staff_required
def deal_lost(request, pk):
    return _close(request, pk, services.deal_mark_lost, "lost")


# --- portal -----------------------------------------------------------------------------------


@require_GET
@partner_user_required
def portal_deal_list(request):
    membership = membership_for_user(user=request.user)
    page = Paginator(selectors.portal_deals(membership=membership), PER_PAGE).get_page(
        request.GET.get("page") or 1
    )
    context = {"membership": membership, "partner": membership.partner, "page": page}
    return render(request, "performance/deal_portal_list.html", context)


@require_http_methods(["GET", "POST"])
@partner_user_required
@vary_on_headers("HX-Request")
def portal_deal_create(request):
    membership = membership_for_user(user=request.user)
    form = DealRegisterForm(request.POST if request.method == "POST" else None)
    context = {"membership": membership, "partner": membership.partner, "form": form}
    if request.method == "GET":
        return render(request, "performance/deal_portal_form.html", context)
    if form.is_valid():
        try:
            deal = services.deal_submit(
                actor=request.user, partner=membership.partner, **form.cleaned_data
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, "Deal registered. We will review it shortly.")
            return redirect_after_post(
                request, reverse("performance-portal:deal-detail", args=[deal.pk])
            )
    return render_form_errors(request, "performance/deal_portal_form.html", "deal-form", context)


@require_GET
@partner_user_required
def portal_deal_detail(request, pk):
    membership = membership_for_user(user=request.user)
    deal = selectors.portal_deal_get(membership=membership, pk=pk)
    context = {"membership": membership, "partner": membership.partner, "deal": deal}
    return render(request, "performance/deal_portal_detail.html", context)
