"""Escalation pages for the channel team: the list, logging one, one with its edit and resolve
forms, and the support-effort portfolio (partners ranked by effort per revenue)."""

from django.core.paginator import Paginator
from django.http import QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from prm.lib import exports
from prm.lib.access import vendor_staff_required
from prm.lib.forms import form_submit
from prm.lib.history import CHANGES_SHOWN, object_history_entries
from prm.lib.htmx import render_page_or_partial

from ..forms.escalations import EscalationFilterForm, EscalationForm, EscalationResolveForm
from ..selectors import escalations as selectors
from ..services import escalations as services

PER_PAGE = 25
DETAIL_TEMPLATE = "planning/escalations_detail.html"
FORM_TEMPLATE = "planning/escalations_form.html"
PORTFOLIO_QUARTERS = 4

EXPORT_COLUMNS = [
    exports.column("Partner", "partner.name"),
    exports.column("Customer", "customer"),
    exports.column("What happened", "summary"),
    exports.column("Severity", "get_severity_display"),
    exports.column("Opened on", "opened_on"),
    exports.column("Resolved on", "resolved_on"),
    exports.column("Hours of our effort", "effort_hours"),
    exports.column("Outcome", "get_outcome_display"),
    exports.column("Logged by", "logged_by"),
]
PORTFOLIO_COLUMNS = [
    exports.column("Partner", "name"),
    exports.column("Escalations", "count"),
    exports.column("Hours of our effort", "hours"),
    exports.column("Revenue", "revenue"),
    exports.column("Hours per 10,000 of revenue", "per_10k"),
    exports.column("Effort rising", lambda row: "yes" if row["trend"]["rising"] else "no"),
]


def _query(**values) -> str:
    query = QueryDict(mutable=True)
    for key, value in values.items():
        if value:
            query[key] = value
    return query.urlencode()


@require_GET
@vendor_staff_required
@vary_on_headers("HX-Request")
def escalation_list(request):
    form = EscalationFilterForm(request.GET)
    form.is_valid()  # a bad filter narrows nothing; the form shows what was wrong
    data = form.cleaned_data
    rows = selectors.escalation_list(
        partner=data.get("partner"), severity=data.get("severity") or "",
        state=data.get("state") or "", since=data.get("since"), until=data.get("until"),
    )  # fmt: skip
    if fmt := exports.requested_format(request):
        return exports.export_response(
            fmt, name="escalations", columns=EXPORT_COLUMNS, rows=exports.iterate(rows)
        )
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page") or 1)
    partner = data.get("partner")
    query = _query(
        partner=partner.slug if partner else "", severity=data.get("severity"),
        state=data.get("state"), since=data.get("since"), until=data.get("until"),
    )  # fmt: skip
    context = {"form": form, "page": page, "query": query, "partner": partner}
    return render_page_or_partial(request, "planning/escalations_list.html", "escalation-rows",
                                  context)  # fmt: skip


@require_http_methods(["GET", "POST"])
@vendor_staff_required
@vary_on_headers("HX-Request")
def escalation_create(request):
    if request.method == "GET":
        initial = {"opened_on": timezone.localdate()}
        if slug := request.GET.get("partner"):
            initial["partner"] = slug
        form = EscalationForm(initial=initial, with_partner=True)
        return render(request, FORM_TEMPLATE, {"form": form})
    form = EscalationForm(request.POST, with_partner=True)
    return form_submit(
        request, form, lambda data: services.escalation_log(actor=request.user, **data),
        template=FORM_TEMPLATE, partial="escalation-form",
        message=_("Escalation logged. The partner's admins are told."),
    )  # fmt: skip


def _detail_context(escalation, *, edit_form=None, resolve_form=None) -> dict:
    return {
        "escalation": escalation,
        "edit_form": edit_form or EscalationForm(instance=escalation),
        "resolve_form": resolve_form
        or EscalationResolveForm(
            initial={"resolved_on": timezone.localdate(), "effort_hours": escalation.effort_hours}
        ),  # fmt: skip
    }


@require_GET
@vendor_staff_required
def escalation_detail(request, pk):
    escalation = selectors.escalation_get(user=request.user, pk=pk)
    changes = object_history_entries(escalation, limit=CHANGES_SHOWN)
    return render(request, DETAIL_TEMPLATE, {**_detail_context(escalation), "changes": changes})


@require_POST
@vendor_staff_required
@vary_on_headers("HX-Request")
def escalation_edit(request, pk):
    escalation = selectors.escalation_get(user=request.user, pk=pk)
    form = EscalationForm(request.POST, instance=escalation)
    return form_submit(
        request, form,
        lambda data: services.escalation_update(actor=request.user, escalation=escalation, **data),
        template=DETAIL_TEMPLATE, partial="escalation-edit",
        context=_detail_context(escalation, edit_form=form), message=_("Escalation saved."),
    )  # fmt: skip


@require_POST
@vendor_staff_required
@vary_on_headers("HX-Request")
def escalation_resolve(request, pk):
    escalation = selectors.escalation_get(user=request.user, pk=pk)
    form = EscalationResolveForm(request.POST)
    return form_submit(
        request, form,
        lambda data: services.escalation_resolve(actor=request.user, escalation=escalation,
                                                 **data),  # fmt: skip
        template=DETAIL_TEMPLATE, partial="escalation-resolve",
        context=_detail_context(escalation, resolve_form=form),
        message=_("Escalation resolved. The partner's admins are told."),
    )  # fmt: skip


@require_GET
@vendor_staff_required
@vary_on_headers("HX-Request")
def support_effort(request):
    today = timezone.localdate()
    ranking = selectors.effort_ranking(today=today, quarters=PORTFOLIO_QUARTERS)
    if fmt := exports.requested_format(request):
        trends = selectors.effort_trends(partner_ids=[r["partner_id"] for r in ranking],
                                         today=today)  # fmt: skip
        rows = [{**row, "trend": trends[row["partner_id"]]} for row in ranking]
        return exports.export_response(
            fmt, name="support-effort", columns=PORTFOLIO_COLUMNS, rows=rows
        )
    page = Paginator(ranking, PER_PAGE).get_page(request.GET.get("page") or 1)
    trends = selectors.effort_trends(
        partner_ids=[row["partner_id"] for row in page.object_list], today=today
    )
    rows = [{**row, "trend": trends[row["partner_id"]]} for row in page.object_list]
    periods = selectors.completed_quarters(today=today, count=PORTFOLIO_QUARTERS)
    context = {
        "page": page, "rows": rows, "period": f"{periods[0][0]} Q{periods[0][1]}–"
        f"{periods[-1][0]} Q{periods[-1][1]}", "list_url": reverse("planning:escalation-list"),
    }  # fmt: skip
    return render_page_or_partial(
        request, "planning/escalations_support_effort.html", "effort-rows", context
    )
