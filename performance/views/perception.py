"""The perception gap portfolio: partners whose view of the relationship differs most from ours.
Internal only (staff): a partner never sees our view or the gap."""

from django.core.paginator import Paginator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from prm.lib import exports
from prm.lib.access import vendor_staff_required
from prm.lib.htmx import render_page_or_partial

from ..forms.perception import PerceptionFilterForm, sort_rows
from ..selectors.perception import portfolio_perceptions

PER_PAGE = 50
COLUMNS = [
    exports.column(_("Partner"), "partner_name"),
    exports.column(_("Survey period"), "period_label"),
    exports.column(_("Survey sent"), "sent_on"),
    exports.column(_("Answers"), "answers"),
    exports.column(_("Partner trust (1-5)"), lambda row: round(row.partner_trust, 2)),
    exports.column(_("Partner mean (1-5)"), lambda row: round(row.partner_overall, 2)),
    exports.column(_("Our view (0-100)"), lambda row: _rounded(row.our_view)),
    exports.column(_("Stance (0-100)"), lambda row: _rounded(row.ours.stance)),
    exports.column(_("Relationship levels (0-100)"), lambda row: _rounded(row.ours.levels)),
    exports.column(_("Audit trust (1-5)"), "ours.audit_trust_answer"),
    exports.column(_("Gap (points)"), "gap"),
]


def _rounded(value):
    return None if value is None else round(value, 1)


@require_GET
@vendor_staff_required
@vary_on_headers("HX-Request")
def perception_list(request):
    form = PerceptionFilterForm(request.GET)
    kept = form.partner_ids()
    rows = portfolio_perceptions(partner_ids=kept)
    rows = sort_rows([row for row in rows if form.keeps(row)], form.cleaned_data.get("sort"))
    if fmt := exports.requested_format(request):
        return exports.export_response(fmt, name="perception-gaps", columns=COLUMNS, rows=rows)
    page = Paginator(rows, PER_PAGE).get_page(form.cleaned_data.get("page") or 1)
    context = {"form": form, "page": page, "query": form.canonical_query()}
    return render_page_or_partial(
        request, "performance/perception_list.html", "perception-rows", context
    )
