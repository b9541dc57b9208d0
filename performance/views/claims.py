"""The incentive ROI comparison: every program's return on what was paid, side by side."""

from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from partners.selectors import partner_get_for_user
from prm.lib import exports
from prm.lib.access import vendor_staff_required
from prm.lib.charts import chart
from prm.lib.htmx import render_page_or_partial

from ..forms.claims import IncentiveRoiFilterForm
from ..selectors import claims as selectors

TEMPLATE = "performance/incentive_roi.html"
ROI_GAIN, ROI_LOSS = "#1e8a4c", "#c0392b"


def roi_chart(rows: list[selectors.Roi], chart_id: str = "incentive-roi"):
    """ROI per program as horizontal bars, in the rows' order. None for fewer than two programs
    with something paid: one bar compares nothing, the table says it better."""
    measured = [row for row in rows if row.roi is not None]
    if len(measured) < 2:
        return None
    percents = [float(row.roi_percent) for row in measured]
    spec = chart(
        chart_id, "hbar", [row.program.name for row in measured],
        [{"label": "ROI", "data": percents,
          "backgroundColor": [ROI_GAIN if value >= 0 else ROI_LOSS for value in percents]}],
        label="Return on the amount paid per program, in percent",
        height=min(80 + 46 * len(measured), 800),
    )  # fmt: skip
    spec["spec"]["unit"] = "%"
    return spec


def _percent(value):
    return None if value is None else round(value, 1)


ROI_COLUMNS = [
    exports.column("Program", "program.name"),
    exports.column("Kind", "program.get_kind_display"),
    exports.column("Behaviour targeted", "program.get_targeted_behaviour_display"),
    exports.column("Starts on", "program.starts_on"),
    exports.column("Ends on", "program.ends_on"),
    exports.column("Currency", "program.currency"),
    exports.column("Budget", "program.budget"),
    exports.column("Paid", "paid"),
    exports.column("Attributed revenue", "attributed_revenue"),
    exports.column("ROI %", lambda row: _percent(row.roi_percent)),
    exports.column("Behaviour before", "before"),
    exports.column("Behaviour during", "during"),
    exports.column("Behaviour change", "change"),
]


@require_GET
@vendor_staff_required
@vary_on_headers("HX-Request")
def incentive_roi(request):
    form = IncentiveRoiFilterForm(request.GET, years=selectors.program_years())
    form.is_valid()  # a bad filter narrows nothing; the form shows what was wrong
    filters = {name: form.cleaned_data.get(name) for name in ("kind", "behaviour", "year")}
    rows = selectors.rank_by_roi(
        selectors.program_rois_recent(**filters),
        highest_first=form.cleaned_data.get("order") != "lowest",
    )
    if fmt := exports.requested_format(request):
        return exports.export_response(fmt, name="incentive-roi", columns=ROI_COLUMNS, rows=rows)
    context = {
        "query": exports.without_export(request.GET),
        "form": form,
        "rows": rows,
        "chart": roi_chart(rows),
        "unpaid": sum(row.roi is None for row in rows),
    }
    return render_page_or_partial(request, TEMPLATE, "roi-results", context)


@require_GET
@vendor_staff_required
@vary_on_headers("HX-Request")
def partner_incentive_roi(request, slug):
    """A partner's paid incentives and their return: loaded into the Program tab, or a page."""
    partner = partner_get_for_user(user=request.user, slug=slug)
    context = {"partner": partner, "rois": selectors.partner_rois(partner=partner)}
    return render_page_or_partial(
        request, "performance/partner_incentive_roi.html", "roi-section", context
    )
