"""Deal registration pages: the decision queue, a registration with its conflicts, decisions."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import QueryDict
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import push_url

from prm.lib import exports
from prm.lib.access import vendor_staff_required
from prm.lib.forms import form_submit
from prm.lib.history import CHANGES_SHOWN, object_history_entries
from prm.lib.htmx import redirect_after_post, render_page_or_partial
from prm.lib.urls import url_pattern

from ..forms.deals import DealApproveForm, DealQueueFilterForm, DealRejectForm
from ..models import DealStatus
from ..selectors import deals as selectors
from ..services import deals as services

PER_PAGE = 25
DETAIL_TEMPLATE = "performance/deal_detail.html"


# The deal queue's export: what its rows show, as plain values.
EXPORT_COLUMNS = [
    exports.column("Customer", "customer_name"),
    exports.column("Customer domain", "customer_domain"),
    exports.column("Partner", "partner.name"),
    exports.column("Value", "value"),
    exports.column("Currency", "currency"),
    exports.column("Expected close", "expected_close_on"),
    exports.column("Registered", "created_at"),
    exports.column("Status", "get_status_display"),
    exports.column("Conflicts", "conflict_count"),
]


@require_GET
@vendor_staff_required
@vary_on_headers("HX-Request")
def deal_list(request):
    form = DealQueueFilterForm(request.GET)
    form.is_valid()  # a bad filter narrows nothing; the form shows what was wrong
    status = form.cleaned_data.get("status") or ""
    partner = form.cleaned_data.get("partner")
    sort = form.cleaned_data.get("sort") or ""
    deals = selectors.deal_queue(status=status, partner=partner, sort=sort)
    if fmt := exports.requested_format(request):
        return exports.export_response(
            fmt, name="deal-registrations", columns=EXPORT_COLUMNS, rows=exports.iterate(deals)
        )
    counts = selectors.queue_counts(partner=partner)
    paginator = Paginator(deals, PER_PAGE)
    paginator.count = counts[status or "all"]  # the pills' counts: not counted twice
    page = paginator.get_page(request.GET.get("page") or 1)
    query = _query(status=status, partner=partner.slug if partner else "", sort=sort)
    context = {
        "form": form,
        "page": page,
        "query": query,
        "pill_query": _query(partner=partner.slug if partner else "", sort=sort),
        "counts": counts,
        "status": status,
        "statuses": [(value, label, counts[value]) for value, label in DealStatus.choices],
        "deal_url": url_pattern("performance:deal-detail"),
        "partner_url": url_pattern("partners:partner-detail", "slug"),
    }
    response = render_page_or_partial(request, "performance/deal_list.html", "deal-rows", context)
    if request.htmx:
        # The filters and page in the address bar, so a reload or a shared link shows the same.
        page_query = "&".join(filter(None, [query, f"page={page.number}" * (page.number > 1)]))
        return push_url(response, f"{request.path}?{page_query}" if page_query else request.path)
    return response


def _query(**values) -> str:
    """A query string of the filters that are set (defaults stay out of the URL)."""
    query = QueryDict(mutable=True)
    for key, value in values.items():
        if value:
            query[key] = value
    return query.urlencode()


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
    changes = object_history_entries(deal, limit=CHANGES_SHOWN)
    return render(request, DETAIL_TEMPLATE, {**_detail_context(deal), "changes": changes})


@require_POST
@vendor_staff_required
@vary_on_headers("HX-Request")
def deal_approve(request, pk):
    deal = selectors.deal_get(user=request.user, pk=pk)
    form = DealApproveForm(request.POST)
    return form_submit(
        request, form, lambda data: services.deal_approve(actor=request.user, deal=deal, **data),
        template=DETAIL_TEMPLATE, partial="deal-decision",
        context=_detail_context(deal, approve_form=form),
        message=f"Approved: {deal.customer_name} is protected.",
    )  # fmt: skip


@require_POST
@vendor_staff_required
@vary_on_headers("HX-Request")
def deal_reject(request, pk):
    deal = selectors.deal_get(user=request.user, pk=pk)
    form = DealRejectForm(request.POST)
    return form_submit(
        request, form, lambda data: services.deal_reject(actor=request.user, deal=deal, **data),
        template=DETAIL_TEMPLATE, partial="deal-decision",
        context=_detail_context(deal, reject_form=form),
        message=f"Rejected: {deal.customer_name}. The partner sees why.",
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
