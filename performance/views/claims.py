"""The incentive ROI comparison: every program's return on what was paid, side by side."""

from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from partners.selectors import partner_get_for_user
from prm.lib.access import vendor_staff_required
from prm.lib.htmx import render_page_or_partial

from ..forms.claims import IncentiveRoiFilterForm
from ..selectors import claims as selectors

TEMPLATE = "performance/incentive_roi.html"


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
    context = {
        "form": form,
        "rows": rows,
        "chart": selectors.roi_chart(rows),
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
