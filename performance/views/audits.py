"""Internal pages of performance audits: form, detail with follow-up actions, portfolio."""

import datetime

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import push_url

from partners.selectors import partner_get_for_user
from prm.lib import exports
from prm.lib.access import vendor_staff_required
from prm.lib.charts import chart
from prm.lib.forms import form_save, form_submit
from prm.lib.history import CHANGES_SHOWN, object_history_entries
from prm.lib.htmx import render_form_errors, render_page_or_partial

from ..forms.audits import (
    AuditActionDoneForm,
    AuditActionForm,
    AuditForm,
    AuditPortfolioFilterForm,
    AuditShareForm,
)
from ..forms.scoring import score_filters
from ..models.audits import AREAS, CRITERIA
from ..panels import columns as score_columns
from ..selectors import audits as selectors
from ..services import audits as services

FORM_TEMPLATE = "performance/audit_form.html"
DETAIL_TEMPLATE = "performance/audit_detail.html"
PORTFOLIO_PAGE_SIZE = 50

CLASS_COLOURS = {
    "strategic": "#1e8a4c", "core": "#2457c5", "develop": "#d99a2b", "review": "#c0392b",
}  # fmt: skip


def _initial_from(audit):
    initial = {"audited_on": audit.audited_on, "summary": audit.summary,
               "share_with_partner": audit.share_with_partner}  # fmt: skip
    for name in CRITERIA:
        initial[name] = getattr(audit, name)
        initial[f"{name}_note"] = getattr(audit, f"{name}_note")
    return initial


@require_http_methods(["GET", "POST"])
@vendor_staff_required
@vary_on_headers("HX-Request")
def audit_create(request, slug):
    partner = partner_get_for_user(user=request.user, slug=slug)
    hints = selectors.audit_hints(partner=partner)
    if request.method == "POST":
        form = AuditForm(request.POST, hints=hints)
        return form_submit(
            request, form,
            lambda data: services.audit_create(actor=request.user, partner=partner, **data),
            template=FORM_TEMPLATE, partial="audit-form",
            context={"partner": partner, "audit": None},
            message=lambda saved: f"{saved} saved.",
        )  # fmt: skip
    form = AuditForm(initial={"audited_on": datetime.date.today()}, hints=hints)
    return render(request, FORM_TEMPLATE, {"form": form, "partner": partner, "audit": None})


@require_http_methods(["GET", "POST"])
@vendor_staff_required
@vary_on_headers("HX-Request")
def audit_edit(request, pk):
    audit = selectors.audit_get(user=request.user, pk=pk)
    hints = selectors.audit_hints(partner=audit.partner)
    if request.method == "POST":
        form = AuditForm(request.POST, hints=hints, versioned=audit, initial_for=_initial_from)
        return form_submit(
            request, form,
            lambda data: services.audit_update(actor=request.user, audit=audit, **data),
            template=FORM_TEMPLATE, partial="audit-form",
            context={"partner": audit.partner, "audit": audit},
            message=lambda saved: f"{saved} updated.",
        )  # fmt: skip
    form = AuditForm(initial=_initial_from(audit), hints=hints, versioned=audit)
    return render(request, FORM_TEMPLATE, {"form": form, "partner": audit.partner, "audit": audit})


def _detail_context(audit, action_form=None):
    return {
        "audit": audit,
        "partner": audit.partner,
        "result": selectors.result_for(audit),
        "action_form": action_form or AuditActionForm(),
        "actions": list(audit.actions.all()),
        "criteria": [
            {
                "label": label,
                "rows": [
                    {
                        "label": c_label,
                        "score": getattr(audit, name),
                        "note": getattr(audit, f"{name}_note"),
                    }
                    for name, c_label in criteria
                ],
            }
            for _, label, criteria in AREAS
        ],  # fmt: skip
    }


@require_GET
@vendor_staff_required
def audit_detail(request, pk):
    audit = selectors.audit_get(user=request.user, pk=pk)
    changes = object_history_entries(audit, limit=CHANGES_SHOWN)
    return render(request, DETAIL_TEMPLATE, {**_detail_context(audit), "changes": changes})


@require_POST
@vendor_staff_required
@vary_on_headers("HX-Request")
def audit_share(request, pk):
    audit = selectors.audit_get(user=request.user, pk=pk)
    form = AuditShareForm(request.POST)
    form.is_valid()  # a missing box means "do not share"
    share = form.cleaned_data["share"]
    services.audit_share(actor=request.user, audit=audit, share=share)
    shared = "now shared with" if share else "no longer shared with"
    messages.success(request, f"{audit} is {shared} {audit.partner} in the portal.")
    if request.htmx:
        return render(request, f"{DETAIL_TEMPLATE}#audit-share", _detail_context(audit))
    return redirect(audit)


@require_POST
@vendor_staff_required
@vary_on_headers("HX-Request")
def audit_action_create(request, pk):
    audit = selectors.audit_get(user=request.user, pk=pk)
    form = AuditActionForm(request.POST)
    form_save(form, lambda data: services.audit_action_create(actor=request.user, audit=audit,
                                                              **data))  # fmt: skip
    if form.errors:
        return render_form_errors(
            request, DETAIL_TEMPLATE, "audit-actions", _detail_context(audit, form)
        )
    messages.success(request, f"Follow-up action “{form.cleaned_data['what']}” added.")
    if request.htmx:  # the actions again, the new one among them
        audit = selectors.audit_get(user=request.user, pk=pk)
        return render(request, f"{DETAIL_TEMPLATE}#audit-actions", _detail_context(audit))
    return redirect(audit)


@require_POST
@vendor_staff_required
@vary_on_headers("HX-Request")
def audit_action_done(request, pk):
    action = selectors.audit_action_get(user=request.user, pk=pk)
    form = AuditActionDoneForm(request.POST)
    form.is_valid()  # a missing box means "not done"
    done = form.cleaned_data["done"]
    services.audit_action_set_done(actor=request.user, action=action, done=done)
    messages.success(request, f"“{action}” marked {'done' if done else 'not done'}.")
    audit = selectors.audit_get(user=request.user, pk=action.audit_id)
    if request.htmx:
        return render(request, f"{DETAIL_TEMPLATE}#audit-actions", _detail_context(audit))
    return redirect(audit)


def portfolio_chart(rows):
    """A scatter of the ranking (`selectors.portfolio_rows`): total against annual revenue."""
    datasets = []
    for name, colour in CLASS_COLOURS.items():
        points = [
            {"x": float(revenue) / 1_000_000, "y": total,
             "label": f"{partner_name}: {total:g} · {float(revenue) / 1_000_000:.1f} M revenue"}
            for _, partner_name, revenue, audit_id, total, classification in rows
            if audit_id and revenue is not None and classification == name
        ]  # fmt: skip
        datasets.append({"label": name.title(), "data": points, "backgroundColor": colour,
                         "pointRadius": 6, "pointHoverRadius": 8})  # fmt: skip
    spec = chart("audit-portfolio", "scatter", [], datasets, height=380,
                 label="Partners by latest audit total against annual revenue")  # fmt: skip
    spec["spec"]["x"] = {"title": "Annual revenue (millions)", "min": 0}
    spec["spec"]["y"] = {"title": "Latest audit total", "min": 0, "max": 100, "step": 20}
    spec["spec"]["bands"] = [{"from": 80, "to": 100}]
    return spec


@require_GET
@vendor_staff_required
@vary_on_headers("HX-Request")
def audit_portfolio(request):
    form = AuditPortfolioFilterForm(request.GET)
    scores = score_filters(request.GET, own_order="Best latest audit first")
    sort = scores.cleaned_data.get("sort") or ""
    rows = selectors.portfolio_rows(
        sort=sort, minimums=scores.limits("min"), maximums=scores.limits("max")
    )
    kept = form.partner_ids()
    rows = [row for row in rows if (kept is None or row[0] in kept) and form.keeps(row)]
    if fmt := exports.requested_format(request):
        return exports.export_response(
            fmt, name="audit-portfolio", columns=PORTFOLIO_COLUMNS,
            rows=exports.in_chunks(rows, _portfolio_chunk),
        )  # fmt: skip
    page = Paginator(rows, PORTFOLIO_PAGE_SIZE).get_page(scores.cleaned_data.get("page") or 1)
    page.object_list = _portfolio_chunk(page.object_list)
    filters = form.canonical_query()
    query = "&".join(filter(None, [filters, scores.canonical_query("page")]))
    narrowed = bool(scores.limits("min") or scores.limits("max") or filters)
    context = {
        "form": form,
        "partner_count": len(rows),
        "page": page,
        "chart": portfolio_chart(rows),
        "audited": sum(1 for row in rows if row[3]),
        "weights": selectors.current_weights(),
        "score_form": scores,
        "query": query,
        "sort_label": dict(scores.fields["sort"].choices).get(sort),
        "narrowed": narrowed,
    }
    # A page of the table alone (its pagination), or the chart and the table (a new weighting,
    # another sort or filter).
    target = request.htmx.target if request.htmx else None
    partial = "audit-table" if target == "audit-table" else "portfolio"
    response = render_page_or_partial(request, "performance/audit_portfolio.html", partial, context)
    if request.htmx:
        full_query = "&".join(filter(None, [filters, scores.canonical_query()]))
        return push_url(response, f"{request.path}?{full_query}" if full_query else request.path)
    return response


def _portfolio_chunk(ranking_rows) -> list[dict]:
    """Rows of the ranking with their partners, audits and scores, as a page shows them."""
    rows = selectors.portfolio_page(ranking_rows)
    score_columns.attach_portfolio_scores(rows)
    return rows


def _audit_value(attribute):
    return lambda row: getattr(row["audit"].result, attribute) if row["audit"] else None


# The audit portfolio's export: the table's columns, and each area's score.
PORTFOLIO_COLUMNS = [
    exports.column("Partner", lambda row: row["partner"].name),
    exports.column("Tier", lambda row: row["partner"].tier),
    exports.column("Health", lambda row: (row["scores"] or {}).get("health")),
    exports.column("Annual revenue", lambda row: row["partner"].annual_revenue),
    exports.column("Latest total", _audit_value("total")),
    exports.column(
        "Class",
        lambda row: row["audit"].result.classification.title() if row["audit"] else "Not audited",
    ),  # fmt: skip
    exports.column("Audited on", lambda row: row["audit"].audited_on if row["audit"] else None),
]
