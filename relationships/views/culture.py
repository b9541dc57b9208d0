"""Internal pages: culture assessments, their result and validation, our own culture, the
comparison and guidelines (on the partner's Culture tab), the printable brief, the portfolio."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from prm.lib import exports
from prm.lib.access import vendor_staff_required
from prm.lib.charts import chart
from prm.lib.forms import form_save, form_submit
from prm.lib.history import CHANGES_SHOWN, object_history_entries
from prm.lib.htmx import redirect_after_post, render_form_errors, render_page_or_partial

from .. import services
from ..culture import TYPES
from ..forms.culture import (
    CultureAssessmentForm,
    CultureValidationForm,
    PortfolioFilterForm,
    assessment_initial,
    validation_initial,
)
from ..panels.culture import (
    DISTANCE_COLOURS,
    MIXED_COLOUR,
    OURS_COLOUR,
    THEIRS_COLOUR,
    TYPE_COLOURS,
    comparison_radar,
    profile_bars,
    radar,
)
from ..selectors import access
from ..selectors import culture as selectors

FORM = "relationships/culture_form.html"
DETAIL = "relationships/culture_detail.html"
OWN = "relationships/culture_own.html"
PORTFOLIO = "relationships/culture_portfolio.html"
PORTFOLIO_PAGE_SIZE = 50


def _tab_url(partner) -> str:
    return reverse("partners:partner-tab", kwargs={"slug": partner.slug, "tab": "culture"})


def _form(request, *, initial=None, with_current=False, assessment=None):
    descriptors = selectors.descriptor_texts()
    data = request.POST if request.method == "POST" else None
    return CultureAssessmentForm(
        data, initial=initial, descriptors=descriptors, with_current=with_current,
        versioned=assessment, initial_for=_assessment_initial,
    )  # fmt: skip


def _assessment_initial(assessment):
    return assessment_initial(assessment, selectors.rating_map(assessment))


def _form_page(request, form, service, context):
    """GET shows the assessment form; POST saves through `service` and opens the result."""
    if request.method == "POST":
        done = "updated" if context.get("assessment") else "saved"
        return form_submit(
            request, form, service, template=FORM, partial="culture-form", context=context,
            message=lambda saved: f"Culture assessment “{saved}” {done}.",
        )  # fmt: skip
    return render(request, FORM, {**context, "form": form})


# --- Assess a partner, edit an assessment -------------------------------------------------


@require_http_methods(["GET", "POST"])
@vendor_staff_required
@vary_on_headers("HX-Request")
def culture_create(request, slug):
    partner = access.partner_get(user=request.user, slug=slug)
    return _form_page(
        request,
        _form(request, initial=assessment_initial()),
        lambda data: services.culture_assessment_create(
            actor=request.user, partner=partner, **data
        ),
        {"partner": partner, "assessment": None, "cancel_url": _tab_url(partner)},
    )


@require_http_methods(["GET", "POST"])
@vendor_staff_required
@vary_on_headers("HX-Request")
def culture_edit(request, pk):
    assessment = access.culture_assessment_get(user=request.user, pk=pk)
    return _form_page(
        request,
        _form(request, initial=_assessment_initial(assessment), assessment=assessment),
        lambda data: services.culture_assessment_update(
            actor=request.user, assessment=assessment, **data
        ),
        {
            "partner": assessment.partner,
            "assessment": assessment,
            "cancel_url": assessment.get_absolute_url(),
        },
    )


# --- The result and its validation ----------------------------------------------------------


def _result_context(assessment) -> dict:
    """The result page: profile, charts, per-dimension table, evidence, comparison with ours."""
    profile = selectors.profile_of(assessment)
    name = "Our culture" if assessment.is_own else assessment.partner.name
    context = {
        "assessment": assessment,
        "partner": assessment.partner,
        "profile": profile,
        "line": selectors.one_line(profile),
        "type_rows": selectors.type_rows(profile),
        "dimension_rows": selectors.dimension_rows(profile),
        "type_headers": selectors.TYPE_HEADERS,
        "radar": radar("culture-radar", [(name, profile, THEIRS_COLOUR)], "Culture profile"),
        "bars": profile_bars("culture-bars", profile),
        "evidence": selectors.evidence(assessment),
    }
    if not assessment.is_own:
        own = selectors.own_current()
        ours, comparison = selectors.comparison_with_ours(profile, own)
        context.update(
            own=own,
            comparison=comparison,
            compare_radar=comparison_radar("culture-compare", profile, ours, comparison),
            guidelines=selectors.culture_guidelines(
                profile, comparison, selectors.guideline_texts()
            ),
        )
    return context


@require_GET
@vendor_staff_required
def culture_detail(request, pk):
    assessment = access.culture_assessment_get(user=request.user, pk=pk)
    context = _result_context(assessment)
    context["validation_form"] = CultureValidationForm(initial=validation_initial(assessment))
    context["changes"] = object_history_entries(assessment, limit=CHANGES_SHOWN)
    return render(request, DETAIL, context)


@require_POST
@vendor_staff_required
@vary_on_headers("HX-Request")
def culture_validate(request, pk):
    assessment = access.culture_assessment_get(user=request.user, pk=pk)
    form = CultureValidationForm(request.POST)
    saved = form_save(
        form,
        lambda data: services.culture_assessment_validate(
            actor=request.user, assessment=assessment, **data
        ),
    )
    if saved is not None:
        state = "validated" if saved.validated else "validation notes saved"
        messages.success(request, f"Culture assessment “{saved}”: {state}.")
        return redirect_after_post(request, assessment.get_absolute_url())
    assessment = access.culture_assessment_get(user=request.user, pk=pk)  # unsaved edits gone
    context = _result_context(assessment)
    context["validation_form"] = form
    return render_form_errors(request, DETAIL, "validation-form", context)


# --- Our own culture ----------------------------------------------------------------------


def _own_page_context() -> dict:
    rows = selectors.history_rows(list(selectors.own_profiles()))
    current = next((row for row in rows if row["assessment"].is_current), None)
    context = {"rows": rows, "current": current}
    if current is not None:
        profile = current["profile"]
        context.update(
            radar=radar(
                "culture-own-radar", [("Our culture", profile, OURS_COLOUR)], "Our culture profile"
            ),
            type_rows=selectors.type_rows(profile),
            dimension_rows=selectors.dimension_rows(profile),
            type_headers=selectors.TYPE_HEADERS,
        )
    return context


@require_GET
@vendor_staff_required
def culture_own(request):
    return render(request, OWN, _own_page_context())


@require_http_methods(["GET", "POST"])
@vendor_staff_required
@vary_on_headers("HX-Request")
def culture_own_create(request):
    has_current = selectors.own_current() is not None
    initial = {**assessment_initial(), "is_current": not has_current}
    return _form_page(
        request,
        _form(request, initial=initial, with_current=True),
        lambda data: services.culture_assessment_create(actor=request.user, is_own=True, **data),
        {
            "partner": None,
            "assessment": None,
            "is_own": True,
            "cancel_url": reverse("relationships:culture-own"),
        },
    )


@require_POST
@vendor_staff_required
def culture_own_current(request, pk):
    assessment = access.culture_assessment_get(user=request.user, pk=pk)
    try:
        services.culture_own_make_current(actor=request.user, assessment=assessment)
    except ValidationError as error:
        context = {**_own_page_context(), "current_error": " ".join(error.messages)}
        return render(request, OWN, context, status=422)
    messages.success(request, f"“{assessment}” is now the current profile of our culture.")
    return redirect_after_post(request, reverse("relationships:culture-own"))


# --- The brief and the portfolio -------------------------------------------------------------


@require_GET
@vendor_staff_required
def culture_brief(request, slug):
    partner = access.partner_get(user=request.user, slug=slug)
    return render(request, "relationships/culture_brief.html", selectors.culture_brief(partner))


def _portfolio_charts(overview: dict) -> dict:
    by_type, bands, mixed = overview["by_type"], overview["bands"], overview["mixed"]
    return {
        "type_chart": chart(
            "culture-types", "doughnut",
            [b["label"] for b in by_type] + ["Mixed"],
            [{"data": [b["count"] for b in by_type] + [mixed],
              "backgroundColor": [TYPE_COLOURS[t] for t in TYPES] + [MIXED_COLOUR]}],
            label="Partners by dominant culture type", height=240,
        ),
        "distance_chart": chart(
            "culture-distance", "bar", [b["label"] for b in bands],
            [{"label": "Partners", "data": [b["count"] for b in bands],
              "backgroundColor": DISTANCE_COLOURS}],
            label="Partners by culture distance from us", height=240,
        ),
    }  # fmt: skip


PORTFOLIO_COLUMNS = [
    exports.column("Partner", "name"),
    exports.column("Dominant culture", "dominant_label"),
    exports.column("Clarity", "clarity"),
    exports.column("Distance from ours", "distance"),
    exports.column("Assessed on", "assessed_on"),
    exports.column("Validated", "validated"),
]


@require_GET
@vendor_staff_required
@vary_on_headers("HX-Request")
def culture_portfolio(request):
    query = PortfolioFilterForm(request.GET)
    dominant = query.value("type", "")
    context = selectors.portfolio_overview(sort=query.value("sort", "distance"), dominant=dominant)
    if fmt := exports.requested_format(request):
        # The rows are computed in memory for the page already (one per assessed partner).
        return exports.export_response(
            fmt, name="culture-portfolio", columns=PORTFOLIO_COLUMNS, rows=context["rows"]
        )
    context.update(_portfolio_charts(context))
    page = Paginator(context["rows"], PORTFOLIO_PAGE_SIZE).get_page(query.value("page"))
    filters = {k: v for k, v in (("sort", context["sort"]), ("type", dominant)) if v}
    context.update(
        page=page,
        query=urlencode(filters),
        type_query=urlencode({"type": dominant} if dominant else {}),
    )
    return render_page_or_partial(request, PORTFOLIO, "culture-table", context)
