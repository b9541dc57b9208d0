"""Under-performer reviews: the candidates and running reviews, one review with its evidence
and decision, and the portfolio of decisions with their outcomes."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers

from performance.services.scoring import current_scoring_weights
from prm.lib import exports
from prm.lib.access import vendor_staff_required
from prm.lib.charts import chart
from prm.lib.dates import day_label
from prm.lib.forms import form_submit
from prm.lib.htmx import render_page_or_partial

from ..forms.review import DecisionFilterForm, ReviewDecideForm
from ..selectors import review as selectors
from ..services import review as services

REVIEW_TEMPLATE = "planning/review_detail.html"
DECISIONS_TEMPLATE = "planning/review_decisions.html"
PAGE_SIZE = 25
LIST_LIMIT = 100


@require_GET
@vendor_staff_required
def underperformer_list(request):
    candidates = list(selectors.candidates()[:LIST_LIMIT])
    running = list(selectors.running_reviews()[:LIST_LIMIT])
    return render(request, "planning/review_list.html", {
        "candidates": candidates, "running": running, "limit": LIST_LIMIT,
    })  # fmt: skip


@require_POST
@vendor_staff_required
def underperformer_start(request, pk):
    alert = selectors.candidate_get(user=request.user, pk=pk)
    try:
        review = services.underperformer_review_open(actor=request.user, alert=alert)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("planning:underperformer-list")
    messages.success(request, _("Review of %(partner)s started.") % {"partner": alert.partner})
    return redirect(review.get_absolute_url())


def _charts(evidence: dict, threshold: int) -> dict:
    attainment = evidence["attainment"]
    attainment_chart = chart(
        "uprev-attainment", "bar", [row["label"] for row in attainment],
        [{"label": _("Attainment"), "data": [row["value"] for row in attainment]},
         {"type": "line", "label": _("Threshold"), "data": [threshold] * len(attainment),
          "borderColor": "#c0392b", "backgroundColor": "#c0392b", "pointRadius": 0,
          "borderDash": [6, 4], "borderWidth": 2}],
        label=_("Attainment per closed quarter against the under-performer threshold"),
        height=220,
    )  # fmt: skip
    attainment_chart["spec"]["unit"] = "%"
    audits = evidence["audits"]
    audit_chart = chart(
        "uprev-audits", "line", [day_label(audit.audited_on) for audit in audits],
        [{"label": _("Audit total"), "data": [audit.result.total for audit in audits],
          "borderColor": "#2d6cdf", "borderWidth": 2, "pointRadius": 4, "fill": False}],
        label=_("Performance audit totals over time"), height=200,
    )  # fmt: skip
    audit_chart["spec"]["max"] = 100
    support = evidence["support"]["quarters"]
    support_chart = chart(
        "uprev-support", "bar", [row["label"] for row in support],
        [{"label": _("Hours of our effort"), "data": [float(row["hours"]) for row in support]}],
        label=_("Support effort per quarter (escalation hours)"), height=200,
    )  # fmt: skip
    return {"attainment_chart": attainment_chart, "audit_chart": audit_chart,
            "support_chart": support_chart}  # fmt: skip


def _review_context(request, review, form=None) -> dict:
    today = timezone.localdate()
    evidence = selectors.review_evidence(review=review, today=today)
    threshold = current_scoring_weights().underperformer_attainment
    return {
        "review": review, "partner": review.partner, "evidence": evidence,
        "threshold": threshold, "form": form or ReviewDecideForm(), **_charts(evidence, threshold),
        "attainment_measured": any(row["value"] is not None for row in evidence["attainment"]),
    }  # fmt: skip


@require_GET
@vendor_staff_required
def underperformer_review(request, pk):
    review = selectors.review_get(user=request.user, pk=pk)
    return render(request, REVIEW_TEMPLATE, _review_context(request, review))


@require_POST
@vendor_staff_required
@vary_on_headers("HX-Request")
def underperformer_decide(request, pk):
    review = selectors.review_get(user=request.user, pk=pk)
    form = ReviewDecideForm(request.POST)
    return form_submit(
        request, form,
        lambda data: services.underperformer_review_decide(actor=request.user, review=review,
                                                           **data),
        template=REVIEW_TEMPLATE, partial="decide-form",
        context=_review_context(request, review, form),
        message=lambda saved: _("Decision recorded: %(decision)s.")
        % {"decision": saved.get_decision_display()},
    )  # fmt: skip


EXPORT_COLUMNS = [
    exports.column(_("Partner"), "partner.name"),
    exports.column(_("Opened on"), "opened_on"),
    exports.column(_("Decision"), "get_decision_display"),
    exports.column(_("Status"), "get_status_display"),
    exports.column(_("Reason"), "reason"),
    exports.column(_("Remediation deadline"), "remediation_deadline"),
    exports.column(_("Exit on"), "exit_on"),
    exports.column(_("Decided by"), lambda r: str(r.decided_by or "")),
    exports.column(_("Decided at"), "decided_at"),
    exports.column(_("Outcome"), "get_outcome_display"),
    exports.column(_("Closed on"), "closed_on"),
    exports.column(_("Follow-up"), "follow_up_note"),
]


def _filtered(filters):
    form = DecisionFilterForm(filters)
    queryset = selectors.decisions(
        decision=form.choice("decision"), outcome=form.choice("outcome"),
        status=form.choice("status"), year=form.choice("year") or None,
    )  # fmt: skip
    return form, queryset


@require_GET
@vendor_staff_required
@vary_on_headers("HX-Request")
def underperformer_decisions(request):
    form, queryset = _filtered(request.GET)
    if fmt := exports.requested_format(request):
        rows = exports.iterate(queryset)
        return exports.export_response(
            fmt, name="underperformer-decisions", columns=EXPORT_COLUMNS, rows=rows
        )
    page = Paginator(queryset, PAGE_SIZE).get_page(form.choice("page", 1))
    page.object_list = list(page.object_list)
    query = QueryDict(mutable=True)
    for name in ("decision", "outcome", "status", "year"):
        if form.choice(name):
            query[name] = form.choice(name)
    counts = selectors.decision_counts(queryset)
    context = {"form": form, "page": page, "counts": counts, "query": query.urlencode()}
    return render_page_or_partial(request, DECISIONS_TEMPLATE, "decision-rows", context)
