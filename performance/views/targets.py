"""Targets set together and actuals: the partner tab's forms, counter and accept, the
portfolio and the actuals import. The form page is shared with the portal (`form_page`)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import push_url

from partners.selectors import partner_get_for_user
from prm.lib import exports
from prm.lib.access import vendor_staff_required
from prm.lib.forms import form_submit
from prm.lib.htmx import redirect_after_post, render_form_errors, render_page_or_partial

from ..forms.scoring import score_filters
from ..forms.targets import (
    ActualForm,
    ActualsImportForm,
    TargetAcceptForm,
    TargetCounterForm,
    TargetPortfolioForm,
    TargetProposeForm,
)
from ..panels import columns as score_columns
from ..selectors import targets as selectors
from ..services import targets as services

PORTFOLIO_PAGE_SIZE = 50
FORM_TEMPLATE = "performance/target_form.html"
# The negotiation step a URL name stands for: its form, service, page title and message.
NEGOTIATIONS = {
    "target-counter": (TargetCounterForm, services.target_counter, "Counter the proposal",
                       lambda proposal: f"Counter-proposal of {proposal.value} sent: "
                                        f"{proposal.target}."),
    "target-accept": (TargetAcceptForm, services.target_accept, "Accept the proposal",
                      lambda target: f"Target agreed: {target}."),
}  # fmt: skip


def _tab_url(partner):
    return reverse("partners:partner-tab", args=[partner.slug, "targets"])


def form_page(partner, title, *, membership=None, target=None) -> dict:
    """The target form page's context: one page for staff and (given the user's `membership`)
    in the portal, but for its layout and the page it leads back to."""
    context = {"partner": partner, "title": title, "portal": membership is not None}
    if target is not None:
        context["target"] = target
    if membership is None:
        return context | {"base_template": "base.html", "back_url": _tab_url(partner),
                          "back_label": f"{partner.name} · Targets"}  # fmt: skip
    return context | {"membership": membership, "base_template": "portal/base.html",
                      "back_url": reverse("performance-portal:target-list"),
                      "back_label": "Targets"}  # fmt: skip


def submit(request, form, service, context, message):
    """Save through `service`, then back to where the page leads; or the form with its errors."""
    return form_submit(
        request, form, service, template=FORM_TEMPLATE, partial="target-form", context=context,
        success_url=context["back_url"], message=message,
    )  # fmt: skip


def negotiate(request, target, *, membership=None):
    """Counter or accept the latest proposal on `target`, as the URL's name says."""
    form_class, service, title, message = NEGOTIATIONS[request.resolver_match.url_name]
    return submit(
        request, form_class(request.POST),
        lambda data: service(actor=request.user, target=target, **data),
        form_page(target.partner, title, membership=membership, target=target), message,
    )  # fmt: skip


@require_POST
@vendor_staff_required
@vary_on_headers("HX-Request")
def target_propose(request, slug):
    partner = partner_get_for_user(user=request.user, slug=slug)
    return submit(
        request, TargetProposeForm(request.POST),
        lambda data: services.target_propose(actor=request.user, partner=partner, **data),
        form_page(partner, "Propose a target"), lambda target: f"Target proposed: {target}.",
    )  # fmt: skip


@require_POST
@vendor_staff_required
@vary_on_headers("HX-Request")
def target_negotiate(request, pk):
    return negotiate(request, selectors.target_get(user=request.user, pk=pk))


@require_POST
@vendor_staff_required
@vary_on_headers("HX-Request")
def actual_record(request, slug):
    partner = partner_get_for_user(user=request.user, slug=slug)
    return submit(
        request, ActualForm(request.POST),
        lambda data: services.actual_record(actor=request.user, partner=partner, **data),
        form_page(partner, "Record an actual"), lambda actual: f"Actual recorded: {actual}.",
    )  # fmt: skip


@require_GET
@vendor_staff_required
@vary_on_headers("HX-Request")
def target_portfolio(request):
    form = TargetPortfolioForm(request.GET)
    year = selectors.portfolio_year(form.cleaned_data.get("year"))
    scores = score_filters(request.GET, own_order="Best attainment first")
    sort = scores.cleaned_data.get("sort") or ""
    metrics, rows = selectors.portfolio_rows(
        year=year, sort=sort, minimums=scores.limits("min"), maximums=scores.limits("max")
    )
    if (kept := form.partner_ids()) is not None:
        rows = [row for row in rows if row[0] in kept]
    if fmt := exports.requested_format(request):
        return _portfolio_export(fmt, year, metrics, rows)
    page = Paginator(rows, PORTFOLIO_PAGE_SIZE).get_page(scores.cleaned_data.get("page") or 1)
    page.object_list = selectors.portfolio_page(page.object_list)
    score_columns.attach_portfolio_scores(page.object_list)
    partner_filters = QueryDict(form.canonical_query(), mutable=True)
    partner_filters.pop("year", None)
    filters = "&".join(filter(None, [f"year={year}", partner_filters.urlencode()]))
    query = "&".join(filter(None, [filters, scores.canonical_query("page")]))
    narrowed = bool(scores.limits("min") or scores.limits("max") or kept is not None)
    context = {"year": year, "metrics": metrics, "page": page, "query": query, "form": form,
               "year_query": partner_filters.urlencode(),
               "years": [year - 1, year, year + 1], "score_form": scores,
               "sort_label": dict(scores.fields["sort"].choices).get(sort),
               "narrowed": narrowed}  # fmt: skip
    response = render_page_or_partial(
        request, "performance/target_portfolio.html", "attainment", context
    )
    if request.htmx:
        full_query = "&".join(filter(None, [filters, scores.canonical_query()]))
        return push_url(response, f"{request.path}?{full_query}")
    return response


def _portfolio_export(fmt, year, metrics, rows):
    """The ranking in chunks, each chunk's partners and scores loaded as a page's are."""

    def load(chunk):
        chunk_rows = selectors.portfolio_page(chunk)
        score_columns.attach_portfolio_scores(chunk_rows)
        return chunk_rows

    columns = [
        exports.column("Partner", lambda row: row["partner"].name),
        exports.column("Tier", lambda row: row["partner"].tier),
        exports.column("Health", lambda row: (row["scores"] or {}).get("health")),
        *(exports.column(f"{metric.name} %", _metric_value(index))
          for index, metric in enumerate(metrics)),
        exports.column("Average %", lambda row: row["average"]),
    ]  # fmt: skip
    return exports.export_response(
        fmt, name=f"target-attainment-{year}", columns=columns,
        rows=exports.in_chunks(rows, load),
    )  # fmt: skip


def _metric_value(index):
    return lambda row: row["by_metric"][index]


@require_http_methods(["GET", "POST"])
@vendor_staff_required
@vary_on_headers("HX-Request")
def actual_import(request):
    is_post = request.method == "POST"
    form = ActualsImportForm(request.POST, request.FILES) if is_post else ActualsImportForm()
    context = {"form": form, "imports": selectors.import_history()}
    if request.method == "POST":
        if form.is_valid():
            upload = form.cleaned_data["file"]
            record = services.actuals_import_create(
                actor=request.user, filename=upload.name[:255], content=upload.read()
            )
            messages.success(request, f"Import of {record.filename} started.")
            return redirect_after_post(
                request, reverse("performance:actual-import-status", args=[record.pk])
            )
        return render_form_errors(request, "performance/actual_import.html", "import-form", context)
    return render(request, "performance/actual_import.html", context)


@require_POST
@vendor_staff_required
def actual_import_retry(request, pk):
    record = selectors.actuals_import_get(user=request.user, pk=pk)
    try:
        services.actuals_import_retry(actor=request.user, upload=record)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Import of {record.filename} started again.")
    return redirect_after_post(
        request, reverse("performance:actual-import-status", args=[record.pk])
    )


@require_GET
@vendor_staff_required
@vary_on_headers("HX-Request")
def actual_import_status(request, pk):
    record = selectors.actuals_import_get(user=request.user, pk=pk)
    return render_page_or_partial(
        request, "performance/actual_import_status.html", "import-progress", {"record": record}
    )
